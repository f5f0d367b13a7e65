/**
 * The scorecard: tier switch and the standard's rows in table order, each row (and each check
 * of a multi-check row) a button. Emits tier-change and row-select ({ row, check }); a click on
 * an attested check (or a row of one) also emits attest-open ({ row, check }).
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CheckResult, Report, ReportRow } from '../../engine/report/types.ts';
import { checkName } from '../i18n/checks.ts';
import { translator, type Lang } from '../i18n/index.ts';
import { TIERS, type Tier } from '../state.ts';
import { scorecardStyles } from './ct-scorecard.styles.ts';
import { checkOutcome, formatThreshold, formatValue, OUTCOME_GLYPH, outcomeLabel, rowOutcome, type Outcome } from './format.ts';

const TIER_KEY = { basic: 'tierBasic', growth: 'tierGrowth', benchmark: 'tierBenchmark' } as const;

/** a check a reviewer attests (the engine marks its method `attested: …`) */
const isAttested = (c: CheckResult) => c.method?.startsWith('attested') === true || c.evidence?.attestation !== undefined;

export interface RowSelection { row: number | null; check: string | null }

@customElement('ct-scorecard')
export class CtScorecard extends LitElement {
  static override styles = scorecardStyles;

  @property({ attribute: false }) report: Report | null = null;
  @property() tier: Tier = 'basic';
  @property() locale: Lang = 'zh';
  @property({ type: Number }) selectedRow: number | null = null;
  @property() selectedCheck: string | null = null;
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

  private badge(outcome: Outcome) {
    return html`<span class="badge ${outcome}"><span aria-hidden="true">${OUTCOME_GLYPH[outcome]}</span> ${outcomeLabel(translator(this.locale), outcome)}</span>`;
  }

  private renderRow(row: ReportRow) {
    const single = row.checks.length === 1 ? row.checks[0] : null;
    const selected = row.row === this.selectedRow;
    const requirement = this.locale === 'en' ? row.requirementEn ?? row.requirement : row.requirement;
    const select = () => {
      this.emit<RowSelection>('row-select', selected && this.selectedCheck === null ? { row: null, check: null } : { row: row.row, check: null });
      if (single && isAttested(single)) this.emit<RowSelection>('attest-open', { row: row.row, check: single.id });
    };
    return html`
      <tr class="row" data-row=${row.row} aria-selected=${selected && this.selectedCheck === null} @click=${select}>
        <td>${row.row}</td>
        <td><button class="pick" title=${requirement} aria-pressed=${selected && this.selectedCheck === null}
          @click=${(e: Event) => { e.stopPropagation(); select(); }}>${this.locale === 'en' ? row.nameEn : row.name}</button></td>
        <td class="num">${single ? formatValue(single.value, single.unit) : nothing}</td>
        <td class="num">${single ? formatThreshold(single) : nothing}</td>
        <td>${this.badge(rowOutcome(row))}</td>
      </tr>
      ${single ? nothing : row.checks.map((c) => this.renderCheck(row, c))}`;
  }

  private renderCheck(row: ReportRow, check: CheckResult) {
    const selected = row.row === this.selectedRow && (this.selectedCheck === null || this.selectedCheck === check.id);
    const own = row.row === this.selectedRow && this.selectedCheck === check.id;
    const select = () => {
      this.emit<RowSelection>('row-select', own ? { row: null, check: null } : { row: row.row, check: check.id });
      if (isAttested(check)) this.emit<RowSelection>('attest-open', { row: row.row, check: check.id });
    };
    const outcome = checkOutcome(check);
    return html`
      <tr class="check" data-row=${row.row} data-check=${check.id} aria-selected=${selected} @click=${select}>
        <td></td>
        <td><button class="pick" title=${check.id} aria-pressed=${own} @click=${(e: Event) => { e.stopPropagation(); select(); }}>${checkName(check.id, this.locale)}</button></td>
        <td class="num">${formatValue(check.value, check.unit)}</td>
        <td class="num">${formatThreshold(check)}</td>
        <td><span class="mark ${outcome}" title=${outcomeLabel(translator(this.locale), outcome)}>${OUTCOME_GLYPH[outcome]}</span></td>
      </tr>`;
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
