/**
 * What the edits changed, check by check, against the baseline: the value now, the change
 * (▲ +2.1 / ▼ −1), a pass that flipped, and how long the engine took for the last batch.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CheckDelta } from '../../engine/incremental.ts';
import type { CheckResult } from '../../engine/report/types.ts';
import { formatValue } from '../components/format.ts';
import { checkName } from '../i18n/checks.ts';
import type { Lang } from '../i18n/index.ts';
import type { Applied } from './plan-engine.ts';
import { planStyles } from './plan-styles.ts';
import { planTranslator } from './strings.ts';

/** "▲+2.1" in the check's unit precision; "" when there is no change to show */
export function formatDelta(delta: number | null, unit: CheckResult['unit']): string {
  if (delta === null || delta === 0) return '';
  const digits = unit === '%' ? 1 : unit === 'count' || unit === 'm' || unit === 'm2' ? 0 : 2;
  const size = Math.abs(delta).toFixed(digits);
  if (Number(size) === 0) return delta > 0 ? '▲+<0.1' : '▼−<0.1';
  return delta > 0 ? `▲+${size}` : `▼−${size}`;
}

const changed = (d: CheckDelta) => (d.delta !== null && d.delta !== 0) || d.passBefore !== d.passAfter || d.before !== d.after;

@customElement('ct-plan-deltas')
export class CtPlanDeltas extends LitElement {
  static override styles = planStyles;

  @property() locale: Lang = 'zh';
  @property({ attribute: false }) result: Applied | null = null;

  override render() {
    const r = this.result;
    if (!r) return nothing;
    const t = planTranslator(this.locale);
    const checks = new Map(r.report.rows.flatMap((row) => row.checks.map((c) => [`${row.row}/${c.id}`, c] as const)));
    const rows = r.deltas.filter(changed);
    return html`
      <div class="row"><h2>${t('changes')}</h2>
        <span class="timing" data-elapsed-ms=${r.elapsedMs.toFixed(1)}>${t('recomputed', { n: r.recomputed.length, ms: Math.round(r.elapsedMs) })}</span></div>
      ${rows.length === 0 ? html`<p class="hint">${t('noChanges')}</p>` : html`<table><tbody>
        ${rows.map((d) => {
          const unit = checks.get(`${d.row}/${d.id}`)?.unit ?? 'count';
          const delta = formatDelta(d.delta, unit);
          return html`<tr data-check=${d.id}>
            <td>${d.row}</td><td>${checkName(d.id, this.locale)}</td>
            <td class="num value">${formatValue(d.after, unit)}</td>
            <td class="num delta ${d.delta !== null && d.delta > 0 ? 'up' : 'down'}">${delta}</td>
            <td>${d.passBefore !== d.passAfter ? (d.passAfter ? '✓' : '✗') : ''}</td></tr>`;
        })}</tbody></table>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-plan-deltas': CtPlanDeltas }
}
