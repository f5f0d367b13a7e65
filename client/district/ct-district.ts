/**
 * /district[?lang=en] — every community in the database on one map, coloured by tier achieved,
 * with a ranking table (server order: tier, then fewest failing rows), filters by tier and name,
 * and drill-down to the community's map. Communities without a status at their current version
 * are evaluated in the server's worker pool (POST /api/district/evaluate), with progress; events
 * (telemetry, edits) re-evaluate the communities they touch.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Geometry } from 'geojson';
import type { CommunityStatus } from '../../server/district/status.ts';
import type { DistrictJob } from '../../server/district/service.ts';
import { formatValue } from '../components/format.ts';
import { connectLive, type LiveConnection } from '../wall/live.ts';
import { langOf, tierName, wallText } from '../wall/strings.ts';
import './district-map.ts';
import { districtStyles } from './district-styles.ts';
import { tierCss } from './tier-colors.ts';

interface DistrictCommunity { id: string; name: string; version: number; areaM2: number; boundary: Geometry; status: CommunityStatus | null }
interface District { standard: string; tiers: { id: string; name: string; nameEn: string }[]; evaluated: number; communities: DistrictCommunity[] }

const KEY_COLUMNS = ['5g', 'video-coverage', 'video-online'] as const;

@customElement('ct-district')
export class CtDistrict extends LitElement {
  static override styles = districtStyles;

  private readonly params = new URLSearchParams(location.search);
  private readonly uiLang = langOf(this.params);
  private readonly t = wallText(this.uiLang);
  @state() private district: District | null = null;
  @state() private job: DistrictJob | null = null;
  @state() private tierFilter = 'all';
  @state() private nameFilter = '';
  @state() private hoverId: string | null = null;
  @state() private error = '';
  private live?: LiveConnection;
  private touched = new Set<string>();
  private touchTimer: ReturnType<typeof setTimeout> | undefined;
  private evaluating = false;

  override connectedCallback() {
    super.connectedCallback();
    document.documentElement.lang = this.uiLang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${this.t('district')} · CommunityTwin`;
    void this.load(null);
    this.live = connectLive(null, 0, {
      onEvent: (e) => { this.touched.add(e.communityId); clearTimeout(this.touchTimer); this.touchTimer = setTimeout(() => void this.reevaluateTouched(), 1000); },
      onOpen: (resumed) => { if (resumed) void this.load(null); },
      onState: () => undefined,
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.live?.close();
  }

  private async reevaluateTouched() {
    const ids = [...this.touched];
    this.touched.clear();
    if (ids.length > 0) await this.load(ids);
  }

  /** Read the district; evaluate what has no status at its current version (`only`: just those). */
  private async load(only: string[] | null) {
    try {
      this.district = await getJson<District>('/api/district');
      const pending = this.district.communities.filter((c) => !c.status).map((c) => c.id);
      const wanted = only ? only.filter((id) => pending.includes(id)) : pending;
      if (wanted.length === 0 || this.evaluating) { this.markReady(); return; }
      this.evaluating = true;
      try {
        let job = await postJson<DistrictJob>('/api/district/evaluate', only ? { communities: wanted } : {});
        while (job.state !== 'done') {
          this.job = job;
          await new Promise((r) => setTimeout(r, 400));
          job = await getJson<DistrictJob>(`/api/district/evaluate/${job.jobId}`);
        }
        this.job = job;
      } finally {
        this.evaluating = false;
      }
      this.district = await getJson<District>('/api/district');
      this.markReady();
    } catch (e) {
      this.error = `${this.t('loadError')}: ${(e as Error).message}`;
    }
  }

  private markReady() {
    if (this.district && this.district.communities.every((c) => c.status)) this.setAttribute('data-ready', '');
  }

  private drill(id: string) {
    const c = this.district?.communities.find((x) => x.id === id);
    const tier = c?.status?.targetTier ?? 'basic';
    location.assign(`/#c=${encodeURIComponent(id)}&tier=${tier}${this.uiLang === 'en' ? '&lang=en' : ''}`);
  }

  private visible(): DistrictCommunity[] {
    const name = this.nameFilter.trim().toLowerCase();
    return (this.district?.communities ?? []).filter((c) =>
      (this.tierFilter === 'all' || (c.status && (c.status.tierAchieved ?? 'none') === this.tierFilter))
      && (!name || c.name.toLowerCase().includes(name) || c.id.toLowerCase().includes(name)));
  }

  override render() {
    const { t } = this;
    const district = this.district;
    const rows = this.visible();
    const ranked = district?.communities.filter((c) => c.status) ?? [];
    const shapes = rows.map((c) => ({ id: c.id, name: c.name, boundary: c.boundary, tier: c.status?.tierAchieved ?? null, evaluated: c.status !== null }));
    const counts = new Map<string, number>();
    for (const c of ranked) counts.set(c.status!.tierAchieved ?? 'none', (counts.get(c.status!.tierAchieved ?? 'none') ?? 0) + 1);
    const progress = this.job && this.job.state === 'running' ? html`<span class="progress">${t('evaluating')} ${this.job.done} / ${this.job.total}</span>` : nothing;
    return html`
      <ct-district-map .shapes=${shapes} .highlightId=${this.hoverId} @community-click=${(e: CustomEvent<string>) => this.drill(e.detail)}></ct-district-map>
      <section>
        <header>
          <h1>${t('district')}</h1>
          <span class="count">${district?.communities.length ?? 0} ${t('communities')}</span>
          ${progress}
        </header>
        <div class="legend">${['benchmark', 'growth', 'basic', 'none'].map((tier) => html`
          <span><i style="background:${tierCss(tier === 'none' ? null : tier)}"></i>${tierName(this.uiLang, tier === 'none' ? null : tier)} ${counts.get(tier) ?? 0}</span>`)}</div>
        <div class="filters">
          <select aria-label=${t('tierAchieved')} @change=${(e: Event) => (this.tierFilter = (e.target as HTMLSelectElement).value)}>
            <option value="all">${t('allTiers')}</option>
            ${['benchmark', 'growth', 'basic', 'none'].map((tier) => html`<option value=${tier}>${tierName(this.uiLang, tier === 'none' ? null : tier)}</option>`)}
          </select>
          <input type="search" placeholder=${t('filterName')} .value=${this.nameFilter} @input=${(e: Event) => (this.nameFilter = (e.target as HTMLInputElement).value)} />
        </div>
        ${this.error ? html`<div class="error">${this.error}</div>` : nothing}
        <div class="table"><table>
          <thead><tr><th>${t('rank')}</th><th>${t('name')}</th><th>${t('tierAchieved')}</th><th>${t('failingRows')}</th>${KEY_COLUMNS.map((k) => html`<th>${k}</th>`)}</tr></thead>
          <tbody>${rows.map((c) => this.renderRow(c, ranked.indexOf(c)))}</tbody>
        </table></div>
      </section>`;
  }

  private renderRow(c: DistrictCommunity, rank: number) {
    const s = c.status;
    const failing = s?.failingRows ?? [];
    return html`<tr class="community" data-id=${c.id} data-tier=${s ? s.tierAchieved ?? 'none' : 'pending'} title=${this.t('openCommunity')}
        @click=${() => this.drill(c.id)} @mouseenter=${() => (this.hoverId = c.id)} @mouseleave=${() => (this.hoverId = null)}>
      <td class="num">${rank >= 0 ? rank + 1 : '…'}</td>
      <td class="name">${c.name}</td>
      <td>${s ? html`<span class="tier" style="background:${tierCss(s.tierAchieved)}">${tierName(this.uiLang, s.tierAchieved)}</span>` : '…'}</td>
      <td class="failing" title=${failing.map((r) => `${r.row} ${this.uiLang === 'en' ? r.nameEn : r.name}: ${r.checks.join(', ')}`).join('\n')}>
        ${s ? html`<b>${failing.length}</b> <span class="muted">${failing.slice(0, 3).map((r) => (this.uiLang === 'en' ? r.nameEn : r.name)).join('、')}${failing.length > 3 ? '…' : ''}</span>` : ''}</td>
      ${KEY_COLUMNS.map((k) => {
        const kv = s?.keyValues[k];
        return html`<td class="num ${kv?.pass === false ? 'bad' : ''}">${kv ? formatValue(kv.value, kv.unit) : '—'}</td>`;
      })}
    </tr>`;
  }
}

async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url, { headers: { accept: 'application/json' } });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status} ${(await r.text()).slice(0, 200)}`);
  return (await r.json()) as T;
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status} ${(await r.text()).slice(0, 200)}`);
  return (await r.json()) as T;
}

declare global {
  interface HTMLElementTagNameMap { 'ct-district': CtDistrict }
}
