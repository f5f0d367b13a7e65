/**
 * Two scenarios (or one and the baseline) side by side, from GET /api/scenarios/:sid/compare:
 * each check's two values, and the gaps the first opens and closes against the second (these
 * are also outlined on the map: opened red, closed green dashed).
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CheckResult } from '../../engine/report/types.ts';
import { formatValue } from '../components/format.ts';
import { checkName } from '../i18n/checks.ts';
import type { Lang } from '../i18n/index.ts';
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

  override render() {
    const c = this.comparison;
    if (!c) return nothing;
    const t = planTranslator(this.locale);
    const rows = c.checks.filter((x) => x.scenario.value !== null || x.with.value !== null);
    const mark = (pass: boolean | null) => (pass === null ? '?' : pass ? '✓' : '✗');
    return html`
      <div class="row"><h2>${t('compare')}</h2>
        <button @click=${() => this.dispatchEvent(new CustomEvent('compare-close'))}>${t('closeCompare')}</button></div>
      <table class="compare"><thead><tr><th></th><th class="num">${this.names[0]}</th><th class="num">${this.names[1]}</th>
        <th class="num">${t('gapsOpened')}</th><th class="num">${t('gapsClosed')}</th></tr></thead><tbody>
        ${rows.map((x) => {
          const unit = x.unit as CheckResult['unit'];
          const differs = x.scenario.value !== x.with.value || x.gapsOpened.length > 0 || x.gapsClosed.length > 0;
          return html`<tr data-check=${x.id} style=${differs ? 'font-weight:600' : ''}>
            <td>${checkName(x.id, this.locale)}</td>
            <td class="num">${formatValue(x.scenario.value, unit)} ${mark(x.scenario.pass)}</td>
            <td class="num">${formatValue(x.with.value, unit)} ${mark(x.with.pass)}</td>
            <td class="num down">${x.gapsOpened.length || ''}</td><td class="num up">${x.gapsClosed.length || ''}</td></tr>`;
        })}</tbody></table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-plan-compare': CtPlanCompare }
}
