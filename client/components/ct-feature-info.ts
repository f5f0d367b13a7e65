/**
 * The attributes of the clicked feature, and its history from the audit log
 * (GET /api/communities/:id/features/:fid/history): who changed it, when, by which action,
 * and the feature's row hash before → after in short form. Emits feature-close.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Feature } from 'geojson';
import { translator, type Lang, type MessageKey } from '../i18n/index.ts';
import { readUrlState } from '../state.ts';

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** One entry of the feature history route. */
export interface HistoryEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  change: 'added' | 'changed' | 'deleted';
  featureBeforeHash: string | null;
  featureAfterHash: string | null;
}

const ACTIONS: Record<string, MessageKey> = {
  import: 'historyImport', 'import.file': 'historyImport', 'import.layer': 'historyLayer',
  telemetry: 'historyTelemetry', 'scenario.apply': 'historyApply', 'attestation.add': 'historyAttest',
};
const CHANGES: Record<HistoryEntry['change'], MessageKey> = { added: 'historyAdded', changed: 'historyChanged', deleted: 'historyDeleted' };

/** a hash in short form: its first 8 hex digits; none (did not exist) is — */
export const shortHash = (h: string | null): string => (h === null ? '—' : h.slice(0, 8));

/** 2025-01-01T08:00:03.000Z → 2025-01-01 16:00:03 in the viewer's time zone */
function when(at: string): string {
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

const enc = encodeURIComponent;

@customElement('ct-feature-info')
export class CtFeatureInfo extends LitElement {
  static override styles = css`
    :host { display: block; font-size: 12px; }
    header { display: flex; justify-content: space-between; align-items: center; font-weight: 500; margin-bottom: 4px; }
    button { border: none; background: none; cursor: pointer; font-size: 16px; line-height: 1; }
    table { border-collapse: collapse; width: 100%; }
    th { text-align: left; font-weight: 400; color: #6b7280; padding: 1px 8px 1px 0; vertical-align: top; white-space: nowrap; }
    td { padding: 1px 0; word-break: break-all; }
    h3 { font-size: 12px; font-weight: 500; margin: 8px 0 2px; }
    table.history th { border-bottom: 1px solid #e5e7ea; }
    table.history td { padding: 1px 6px 1px 0; word-break: normal; vertical-align: top; }
    table.history td.hash { font-family: ui-monospace, monospace; white-space: nowrap; }
    .muted { color: #6b7280; }
  `;

  @property({ attribute: false }) feature: Feature | null = null;
  @property() locale: Lang = 'zh';
  /** the community the feature belongs to; left out: the one in the page's URL */
  @property() community: string | null = null;

  @state() private history: HistoryEntry[] | null = null;
  @state() private historyError = '';

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('feature') || changed.has('community')) void this.loadHistory();
  }

  private get communityId(): string | null {
    return this.community ?? readUrlState(location).community;
  }

  /** The feature's audit entries, newest first. */
  async loadHistory(): Promise<void> {
    const feature = this.feature, community = this.communityId;
    const fid = feature?.properties?.id;
    this.history = null;
    this.historyError = '';
    if (!community || typeof fid !== 'string') return;
    try {
      const response = await fetch(`/api/communities/${enc(community)}/features/${enc(fid)}/history`, { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as { entries: HistoryEntry[] };
      if (this.feature === feature) this.history = [...body.entries].reverse();
    } catch (e) {
      if (this.feature === feature) this.historyError = (e as Error).message;
    }
  }

  override render() {
    if (!this.feature) return nothing;
    const t = translator(this.locale);
    const props = this.feature.properties ?? {};
    return html`
      <header>
        <span>${t('featureInfo')} · ${show(props.kind)} ${show(props.name ?? props.id)}</span>
        <button aria-label=${t('close')} @click=${() => this.dispatchEvent(new CustomEvent('feature-close', { bubbles: true, composed: true }))}>×</button>
      </header>
      <table>
        <tr><th>geometry</th><td>${this.feature.geometry?.type ?? '—'}</td></tr>
        ${Object.entries(props).map(([key, value]) => html`<tr><th>${key}</th><td>${show(value)}</td></tr>`)}
      </table>
      ${typeof props.id === 'string' ? html`<h3>${t('history')}</h3>${this.renderHistory()}` : nothing}`;
  }

  private renderHistory() {
    const t = translator(this.locale);
    if (this.historyError) return html`<p class="muted error">${t('historyError', { error: this.historyError })}</p>`;
    if (this.history === null) return html`<p class="muted">${t('loading')}</p>`;
    if (this.history.length === 0) return html`<p class="muted none">${t('historyNone')}</p>`;
    return html`
      <table class="history">
        <tr><th>${t('historyWhen')}</th><th>${t('historyWho')}</th><th>${t('historyAction')}</th><th>${t('historyHash')}</th></tr>
        ${this.history.map((e) => html`
          <tr class="entry" data-action=${e.action} data-change=${e.change}>
            <td>${when(e.at)}</td>
            <td>${e.actor}</td>
            <td title=${e.action}>${ACTIONS[e.action] ? t(ACTIONS[e.action]) : e.action} · ${t(CHANGES[e.change])}</td>
            <td class="hash" title=${`${e.featureBeforeHash ?? '—'} → ${e.featureAfterHash ?? '—'}`}>${shortHash(e.featureBeforeHash)} → ${shortHash(e.featureAfterHash)}</td>
          </tr>`)}
      </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-feature-info': CtFeatureInfo }
}
