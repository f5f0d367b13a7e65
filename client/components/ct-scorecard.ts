/** The scorecard: tier switch and the standard's rows in table order. Emits tier-change, row-select. */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Report, ReportRow } from '../../engine/report/types.ts';
import { translator, type Lang } from '../i18n/index.ts';
import { TIERS, type Tier } from '../state.ts';
import { formatThreshold, formatValue, outcomeLabel, rowOutcome } from './format.ts';

const TIER_KEY = { basic: 'tierBasic', growth: 'tierGrowth', benchmark: 'tierBenchmark' } as const;

@customElement('ct-scorecard')
export class CtScorecard extends LitElement {
  static override styles = css`
    :host { display: flex; flex-direction: column; min-height: 0; font-size: 13px; }
    .tiers { display: flex; gap: 4px; margin-bottom: 8px; }
    .tiers button { flex: 1; padding: 5px 0; border: 1px solid #b9c0c8; background: #fff; border-radius: 4px; cursor: pointer; font: inherit; }
    .tiers button[aria-pressed='true'] { background: #1f4f7a; color: #fff; border-color: #1f4f7a; }
    .summary { color: #4a5058; margin: 0 0 6px; }
    .rows { overflow-y: auto; min-height: 0; flex: 1; }
    table { border-collapse: collapse; width: 100%; }
    th { position: sticky; top: 0; background: #f3f4f6; text-align: left; font-weight: 500; padding: 4px; }
    td { padding: 4px; border-top: 1px solid #e5e7ea; vertical-align: top; }
    tr.row { cursor: pointer; }
    tr.row:hover { background: #f5f8fb; }
    tr.row[aria-selected='true'] { background: #fde7f0; }
    .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
    tr.check { cursor: pointer; color: #6b7280; font-size: 11px; }
    tr.check td { border-top: none; padding-top: 0; }
    tr.check[aria-selected='true'] { background: #fde7f0; }
    .badge { display: inline-block; padding: 1px 6px; border-radius: 9px; font-size: 11px; white-space: nowrap; }
    .pass, .attested { background: #dcf3e4; color: #17603a; }
    .fail { background: #fde1e3; color: #a0141f; }
    .attestationNeeded { background: #fff1cf; color: #7a5200; }
  `;

  @property({ attribute: false }) report: Report | null = null;
  @property() tier: Tier = 'basic';
  @property() locale: Lang = 'zh';
  @property({ type: Number }) selectedRow: number | null = null;
  @property() status = '';

  override render() {
    const t = translator(this.locale);
    const s = this.report?.summary;
    return html`
      <div class="tiers" role="group" aria-label=${t('tier')}>
        ${TIERS.map((tier) => html`<button aria-pressed=${tier === this.tier} @click=${() => this.emit('tier-change', tier)}>${t(TIER_KEY[tier])}</button>`)}
      </div>
      ${this.status ? html`<p class="summary">${this.status}</p>` : nothing}
      ${s ? html`<p class="summary">${t('summary', s)}</p>` : nothing}
      <div class="rows">
        <table>
          <thead><tr><th>${t('colRow')}</th><th>${t('colIndicator')}</th><th class="num">${t('colValue')}</th><th class="num">${t('colThreshold')}</th><th>${t('colResult')}</th></tr></thead>
          <tbody>${(this.report?.rows ?? []).map((row) => this.renderRow(row))}</tbody>
        </table>
      </div>`;
  }

  private renderRow(row: ReportRow) {
    const t = translator(this.locale);
    const outcome = rowOutcome(row);
    const name = this.locale === 'en' ? row.nameEn : row.name;
    const requirement = this.locale === 'en' ? row.requirementEn ?? row.requirement : row.requirement;
    const single = row.checks.length === 1 ? row.checks[0] : null;
    const selected = row.row === this.selectedRow;
    const select = () => this.emit('row-select', selected ? null : row.row);
    return html`
      <tr class="row" data-row=${row.row} aria-selected=${selected} title=${requirement} @click=${select}>
        <td>${row.row}</td>
        <td>${name}</td>
        <td class="num">${single ? formatValue(single.value, single.unit) : nothing}</td>
        <td class="num">${single ? formatThreshold(single) : nothing}</td>
        <td><span class="badge ${outcome}">${outcomeLabel(t, outcome)}</span></td>
      </tr>
      ${single ? nothing : row.checks.map((c) => html`
        <tr class="check" aria-selected=${selected} @click=${select}>
          <td></td>
          <td>${c.id}</td>
          <td class="num">${formatValue(c.value, c.unit)}</td>
          <td class="num">${formatThreshold(c)}</td>
          <td>${c.pass === null ? '…' : c.pass ? '✓' : '✗'}</td>
        </tr>`)}`;
  }

  protected override updated(changed: Map<string, unknown>) {
    if ((changed.has('selectedRow') || changed.has('report')) && this.selectedRow !== null) {
      this.renderRoot.querySelector(`tr.row[data-row="${this.selectedRow}"]`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  private emit<T>(name: string, detail: T) {
    this.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-scorecard': CtScorecard }
}
