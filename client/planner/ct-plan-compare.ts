/**
 * Two scenarios (or one and the baseline) side by side, from GET /api/scenarios/:sid/compare:
 * a scorecard head for each (rows passed / failed / attested / awaiting attestation), then
 * each check's two values and outcomes, and the gaps the first opens and closes against the
 * second (these are also outlined on the map: opened red, closed green dashed).
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PropertyValues } from 'lit';
import type { CheckResult, Report } from '../../engine/report/types.ts';
import { formatValue } from '../components/format.ts';
import { checkName } from '../i18n/checks.ts';
import { translator, type Lang } from '../i18n/index.ts';
import type { Comparison } from './api.ts';
import { planStyles } from './plan-styles.ts';
import { planTranslator } from './strings.ts';

@customElement('ct-plan-compare')
export class CtPlanCompare extends LitElement {
  static override styles = planStyles;

  @property() locale: Lang = 'zh';
  @property({ attribute: false }) comparison: Comparison | null = null;
  /** display names of the two sides */
  @property({ attribute: false }) names: [string, string] = ['', ''];

  protected override updated(changed: PropertyValues<this>) {
    // the comparison opens below the scenario list: bring it into the panel's view
    if (changed.has('comparison') && this.comparison) this.scrollIntoView({ block: 'start' });
  }

  override render() {
    const c = this.comparison;
    if (!c) return nothing;
    const t = planTranslator(this.locale);
    const rows = c.checks.filter((x) => x.scenario.value !== null || x.with.value !== null);
    const mark = (pass: boolean | null) => (pass === null ? html`<span class="mark">?</span>` : pass ? html`<span class="mark up">✓</span>` : html`<span class="mark down">✗</span>`);
    const opened = rows.reduce((n, x) => n + x.gapsOpened.length, 0), closed = rows.reduce((n, x) => n + x.gapsClosed.length, 0);
    const side = (name: string, summary: Report['summary']) =>
      html`<div class="side"><strong title=${name}>${name}</strong><span>${translator(this.locale)('summary', summary)}</span></div>`;
    return html`
      <div class="row"><h2>${t('compare')}</h2>
        <button @click=${() => this.dispatchEvent(new CustomEvent('compare-close'))}>${t('closeCompare')}</button></div>
      ${c.summary ? html`<div class="sides">${side(this.names[0], c.summary.scenario)}${side(this.names[1], c.summary.with)}</div>` : nothing}
      <p class="hint"><span class="up">${t('gapsClosed')} ${closed}</span> · <span class="down">${t('gapsOpened')} ${opened}</span></p>
      <table class="compare"><thead><tr><th></th><th></th><th class="num">${this.names[0]}</th><th class="num">${this.names[1]}</th>
        <th class="num" title=${t('gapsOpened')}>+</th><th class="num" title=${t('gapsClosed')}>−</th></tr></thead><tbody>
        ${rows.map((x) => {
          const unit = x.unit as CheckResult['unit'];
          const differs = x.scenario.value !== x.with.value || x.scenario.pass !== x.with.pass || x.gapsOpened.length > 0 || x.gapsClosed.length > 0;
          return html`<tr data-check=${x.id} class=${differs ? 'differs' : ''}>
            <td class="num">${x.row}</td><td>${checkName(x.id, this.locale)}</td>
            <td class="num">${unit === 'bool' ? nothing : formatValue(x.scenario.value, unit)}${mark(x.scenario.pass)}</td>
            <td class="num">${unit === 'bool' ? nothing : formatValue(x.with.value, unit)}${mark(x.with.pass)}</td>
            <td class="num down">${x.gapsOpened.length || ''}</td><td class="num up">${x.gapsClosed.length || ''}</td></tr>`;
        })}</tbody></table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-plan-compare': CtPlanCompare }
}
