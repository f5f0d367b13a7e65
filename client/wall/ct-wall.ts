/**
 * /wall?community=<id>[&lang=en][&tour=off][&dwell=<ms>] — the full-screen wall: the 3D map,
 * the tier achieved and key values as big tiles, a ticker of events, and a tour of the gaps.
 * Every number is the engine's (GET /api/district/communities/:id). Live: events from
 * /api/events patch the cameras on the map and re-read the status; a dropped connection shows
 * "reconnecting", keeps the last state, and refetches everything once it is back.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { Layer } from 'deck.gl';
import type { Report } from '../../engine/report/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import type { CommunityStatus } from '../../server/district/status.ts';
import type { CommunityEvent } from '../../server/events/bus.ts';
import { fetchTwin } from '../api.ts';
import { loadLabelFont } from '../fonts.ts';
import { layersFor } from '../layers/index.ts';
import { LAYER_GROUPS, type LayerGroup, type Tier } from '../state.ts';
import { computeCameraViews, type CameraViews } from '../worker/engine.ts';
import { tilesOf } from './kpi.ts';
import { connectLive, type ConnectionState, type LiveConnection } from './live.ts';
import { langOf, tierName, wallText } from './strings.ts';
import { entriesOf, pushEntries, type TickerEntry } from './ticker.ts';
import './ticker.ts';
import { TourController } from './tour-controller.ts';
import { tourStops, type TourStop } from './tour.ts';
import { patchCameras } from './twin-patch.ts';
import './wall-map.ts';
import type { CtWallMap } from './wall-map.ts';
import { wallStyles } from './wall-styles.ts';

interface StatusResponse { status: CommunityStatus; report: Report }

@customElement('ct-wall')
export class CtWall extends LitElement {
  static override styles = wallStyles;

  private readonly params = new URLSearchParams(location.search);
  private readonly wallLang = langOf(this.params);
  private readonly t = wallText(this.wallLang);
  private readonly community = this.params.get('community');
  @state() private twin: TwinFile | null = null;
  @state() private status: CommunityStatus | null = null;
  @state() private report: Report | null = null;
  @state() private connection: ConnectionState = 'connecting';
  @state() private entries: TickerEntry[] = [];
  @state() private error = '';
  @state() private fontReady = false;
  @state() private zoom = 15;
  @state() private cameraViews: CameraViews | null = null;
  @query('ct-wall-map') private map?: CtWallMap;
  private live?: LiveConnection;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private mapIdle = false;
  private stops: TourStop[] = [];
  private layerCache?: { key: unknown[]; layers: Layer[] };
  private readonly tour = new TourController(this, () => this.stops, () => this.map, {
    overviewMs: Number(this.params.get('dwell') ?? 12_000), stopMs: Number(this.params.get('dwell') ?? 9_000), flyMs: 3000,
  });

  override connectedCallback() {
    super.connectedCallback();
    document.documentElement.lang = this.wallLang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${this.wallLang === 'zh' ? '大屏' : 'Wall'} · CommunityTwin`;
    void this.start();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.live?.close();
    clearTimeout(this.refreshTimer);
  }

  private async start() {
    const community = this.community ?? (await this.firstCommunity());
    if (!community) { this.error = `${this.t('loadError')}: ?community=`; return; }
    await this.refresh(true, community).catch((e: Error) => (this.error = `${this.t('loadError')}: ${e.message}`));
    this.live = connectLive(community, 12, {
      onEvent: (e) => this.onEvent(e),
      onOpen: (resumed) => { if (resumed) this.queueRefresh(true, 0); },
      onState: (s) => (this.connection = s),
    });
  }

  private async firstCommunity(): Promise<string | null> {
    const list = (await (await fetch('/api/communities')).json()) as { id: string }[];
    return list[0]?.id ?? null;
  }

  private get communityId(): string | null {
    return this.community ?? this.status?.communityId ?? null;
  }

  private onEvent(event: CommunityEvent) {
    this.entries = pushEntries(this.entries, entriesOf(event, this.wallLang));
    if (event.kind === 'telemetry' && this.twin && (this.status?.version ?? 0) < event.version) {
      this.twin = patchCameras(this.twin, event.changes);
      this.queueRefresh(false, 50);
    } else if (event.kind === 'edit') {
      this.queueRefresh(true, 50);
    }
  }

  /** Coalesce bursts of events into one refresh at a time; `full` also refetches the twin. */
  private queueRefresh(full: boolean, delayMs: number) {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      const id = this.communityId;
      if (!id) return;
      if (this.refreshing) { this.refreshAgain ||= true; return; }
      this.refreshing = this.refresh(full, id)
        .catch((e: Error) => console.warn(`wall refresh: ${e.message}`)) // keep the last state; the next (re)connection retries
        .finally(() => {
          this.refreshing = null;
          if (this.refreshAgain) { this.refreshAgain = false; this.queueRefresh(false, 0); }
        });
    }, delayMs);
  }

  private async refresh(full: boolean, community: string) {
    const [twin, response] = await Promise.all([
      full || !this.twin ? fetchTwin(community) : Promise.resolve(this.twin),
      fetch(`/api/district/communities/${encodeURIComponent(community)}`).then(async (r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status} ${(await r.text()).slice(0, 200)}`);
        return (await r.json()) as StatusResponse;
      }),
    ]);
    if (twin !== this.twin) this.adoptTwin(twin);
    this.status = response.status;
    this.report = response.report;
    this.error = '';
    const failing = new Set(response.status.failingRows.flatMap((r) => r.checks.map((c) => `${r.row}:${c}`)));
    this.stops = tourStops(response.report, this.twin, failing, this.wallLang);
  }

  private adoptTwin(twin: TwinFile) {
    const geometryChanged = !this.twin || this.twin.features.length !== twin.features.length;
    this.twin = twin;
    if (geometryChanged) {
      this.cameraViews = null;
      computeCameraViews(twin).then((views) => (this.cameraViews = views), (e: Error) => console.warn(`camera views: ${e.message}`));
      const names = twin.features.map((f) => String(f.properties.name ?? '')).join('');
      void loadLabelFont(`${names}0123456789`).then(() => (this.fontReady = true));
    }
  }

  private layers(): Layer[] {
    const { twin, report, status } = this;
    const stop = this.tour.current;
    const key = [twin, report, stop, this.zoom, this.fontReady, this.cameraViews];
    if (this.layerCache && key.every((v, i) => v === this.layerCache!.key[i])) return this.layerCache.layers;
    const visible = Object.fromEntries(LAYER_GROUPS.map((g) => [g, g !== 'facilities'])) as Record<LayerGroup, boolean>;
    const layers = twin ? layersFor({
      twin, report, tier: (status?.targetTier ?? 'basic') as Tier, visible, selectedRow: stop?.row ?? null, selectedCheck: stop?.checkId ?? null,
      zoom: this.zoom, selectedFeatureId: null, fontReady: this.fontReady, cameraViews: this.cameraViews,
    }) : [];
    this.layerCache = { key, layers };
    return layers;
  }

  override render() {
    const { t, status } = this;
    const stop = this.tour.current;
    const vw = window.innerWidth / 100;
    return html`
      <ct-wall-map .twin=${this.twin} .layers=${this.layers()} .padding=${{ top: 8 * vw, bottom: 10 * vw, left: 30 * vw, right: 31 * vw }}
        @map-idle=${() => { this.mapIdle = true; this.markReady(); }}
        @zoom-change=${(e: CustomEvent<number>) => (this.zoom = Math.round(e.detail * 2) / 2)}></ct-wall-map>
      <header>
        <h1>${status?.name ?? this.community ?? ''}</h1>
        ${status ? html`<span class="target">${t('target')}: ${tierName(this.wallLang, status.targetTier)}</span>` : nothing}
        <span class="conn ${this.connection}" data-connection=${this.connection}>${this.connection === 'live' ? t('live') : this.connection === 'reconnecting' ? t('reconnecting') : t('loading')}</span>
      </header>
      ${this.error ? html`<div class="error">${this.error}</div>` : nothing}
      <ct-wall-ticker .entries=${this.entries} heading=${t('events')} emptyText=${t('noEvents')}></ct-wall-ticker>
      ${status ? this.renderTiles(status) : nothing}
      ${stop ? html`<div class="caption"><div class="title">${stop.title}</div><div class="detail">${stop.detail}</div></div>`
        : status ? html`<div class="caption overview"><div class="title">${t('overview')} · ${status.failingRows.length} ${t('failingRows')}</div></div>` : nothing}`;
  }

  private renderTiles(status: CommunityStatus) {
    const { t } = this;
    const { devices } = status;
    return html`<aside class="tiles">
      <div class="tile wide tier ${status.tierAchieved ? 'pass' : 'fail'}" data-tier=${status.tierAchieved ?? 'none'}>
        <div class="label">${t('tierAchieved')}</div><div class="value">${tierName(this.wallLang, status.tierAchieved)}</div>
      </div>
      <div class="tile wide devices" data-check="devices-online" data-value=${devices.online}>
        <div class="label">${t('devicesOnline')}</div><div class="value">${devices.online}<small> / ${devices.cameras}</small></div>
      </div>
      ${tilesOf(status, this.wallLang).map((tile) => html`
        <div class="tile ${tile.verdict}" data-check=${tile.checkId} data-value=${tile.raw ?? ''}>
          <div class="label">${tile.label}</div><div class="value">${tile.value}</div><div class="threshold">${tile.threshold}</div>
        </div>`)}
    </aside>`;
  }

  /** `data-ready`: status in, map idle, font loaded (tests and screenshots wait for it). */
  private markReady() {
    if (!this.status || !this.mapIdle || !this.fontReady || this.hasAttribute('data-ready')) return;
    this.setAttribute('data-ready', '');
    if (this.params.get('tour') !== 'off') this.tour.start();
  }

  protected override updated() {
    this.markReady();
    if (this.status) this.setAttribute('data-version', String(this.status.version));
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-wall': CtWall }
}
