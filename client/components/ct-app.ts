/** The app shell: full-screen map, side panel (scorecard, feature, layers); state in the URL hash. */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { Feature } from 'geojson';
import type { Layer } from 'deck.gl';
import type { Report } from '../../engine/report/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { fetchCommunities, fetchReport, fetchTwin, type CommunitySummary } from '../api.ts';
import { loadLabelFont } from '../fonts.ts';
import { computeCameraViews, evaluateInWorker, type CameraViews } from '../worker/engine.ts';
import { translator } from '../i18n/index.ts';
import { fetchCommunityVersion, layersFor, type TileSource } from '../layers/index.ts';
import { labelTexts } from '../layers/labels.ts';
import { failingIdsOfRow, gapsOfRow } from '../layers/report-lookup.ts';
import { bboxOf } from '../map/bbox.ts';
import '../map/ct-map.ts';
import type { CtMap } from '../map/ct-map.ts';
import { LAYER_GROUPS, readUrlState, writeUrlHash, type LayerGroup, type MapView, type Tier, type UrlState } from '../state.ts';
import { installTestHook, type Timings } from './test-hook.ts';
import { appStyles } from './ct-app.styles.ts';
import './ct-feature-info.ts';
import './ct-layers.ts';
import './ct-scorecard.ts';
import '../planner/ct-planner.ts';
import './ct-attest.ts';
import '../import/ct-import.ts';
import { LiveUpdates } from '../live.ts';
import { planLayers, type PlanView } from '../planner/plan-layers.ts';

/** the layer panel starts folded on screens this short or narrower, so it does not hide the map */
const SMALL_SCREEN = '(max-height: 1000px), (max-width: 1100px)';

@customElement('ct-app')
export class CtApp extends LitElement {
  static override styles = [appStyles, css`
    .import, .badge { font: inherit; font-size: 12px; }
    .import { border: 1px solid #b9c0c8; background: #fff; border-radius: 4px; cursor: pointer; padding: 2px 8px; }
    .badge { background: #fef3c7; color: #92400e; border-radius: 10px; padding: 1px 8px; white-space: nowrap; }
    .importing { border-top: 1px solid #e5e7ea; padding-top: 6px; max-height: 45%; overflow-y: auto; }
    .importing label { margin-right: 10px; font-size: 12px; }
    ct-attest { max-height: 50%; }
  `];

  @state() private url: UrlState = readUrlState(window.location);
  @state() private communities: CommunitySummary[] = [];
  @state() private twin: TwinFile | null = null;
  @state() private report: Report | null = null;
  @state() private status = '';
  @state() private selectedFeature: Feature | null = null;
  @state() private fontReady = false;
  /** deck.gl has drawn the first, reduced frame (LayerState.firstFrame): draw every layer from now on */
  @state() private firstFrameDrawn = false;
  @state() private cameraViews: CameraViews | null = null;
  /** the camera views' worker has answered (with views or an error) */
  @state() private viewsSettled = false;
  /** a report request is on its way (the one shown is for the previous tier) */
  @state() private reportPending = false;
  /** plan mode: the edited twin, its report (engine worker) and the planner's overlay */
  @state() private plan: PlanView | null = null;
  /** the attested check shown in <ct-attest> */
  @state() private attest: { row: number; check: string } | null = null;
  @state() private importing: 'new' | 'layer' | null = null;
  @state() private liveOpen = true;
  /** the twin the basemap was drawn for: live refreshes change the layers, not the camera */
  @state() private mapTwin: TwinFile | null = null;
  /** the shown community's version, in its vector-tile URLs (client/layers/tiles.ts) */
  @state() private tiles: TileSource | null = null;
  @query('ct-map') private map?: CtMap;
  private readonly live = new LiveUpdates({
    onChange: (id) => { if (id === this.url.community) void this.refreshCommunity(id); },
    onConnection: (open) => (this.liveOpen = open),
  });
  private reportRequest?: AbortController;
  private mapIdle = false;
  /** the page opened with a camera position in its URL: keep it rather than fit */
  private readonly viewFromUrl = this.url.view !== null;
  private readonly layersOpen = !window.matchMedia(SMALL_SCREEN).matches;
  private layerCache?: { inputs: unknown[]; layers: Layer[] };
  private readonly timings: Timings = { firstRenderMs: null, firstIdleMs: null, deckFrames: 0, workerEvaluateMs: null };

  override connectedCallback() {
    super.connectedCallback();
    document.documentElement.lang = this.url.lang === 'zh' ? 'zh-CN' : 'en';
    installTestHook({
      state: () => ({
        ...this.url, community: this.url.community, highlightedIds: [...failingIdsOfRow(this.selectedRow, this.url.check)],
        layerIds: this.layerCache?.layers.map((l) => l.id) ?? [], zoom: this.zoom,
      }),
      report: () => this.report,
      workerReport: () => this.evaluateHere(),
      timings: this.timings,
    });
    void this.loadCommunities();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.live.close();
  }

  private get selectedRow() {
    return (this.plan?.report ?? this.report)?.rows.find((r) => r.row === this.url.row) ?? null;
  }

  /** the zoom in half steps: layers change detail only when it crosses one */
  private get zoom(): number {
    return Math.floor((this.url.view?.zoom ?? 15) * 2) / 2;
  }

  override render() {
    const t = translator(this.url.lang);
    const { url } = this;
    const twin = this.plan?.twin ?? this.twin, report = this.plan?.report ?? this.report, cameraViews = this.plan?.cameraViews ?? this.cameraViews;
    const selectedRow = this.selectedRow;
    const visible = Object.fromEntries(LAYER_GROUPS.map((g) => [g, !url.hidden.includes(g)])) as Record<LayerGroup, boolean>;
    // plan mode draws the edited twin: from its JSON, not from the stored community's tiles
    const tiles = this.plan ? null : this.tiles;
    const inputs = [twin, report, url.tier, url.hidden.join(), selectedRow, url.check, this.selectedFeatureId, this.fontReady, cameraViews, this.zoom, this.plan, tiles, this.firstFrameDrawn];
    const layers = this.memoLayers(inputs, () => (twin ? [...layersFor({
      twin, report, tier: url.tier, visible, selectedRow, selectedCheck: url.check, selectedFeatureId: this.selectedFeatureId,
      fontReady: this.fontReady, cameraViews, zoom: this.zoom, tiles, firstFrame: !this.firstFrameDrawn,
    }), ...planLayers(this.plan)] : []));
    return html`
      <ct-map .twin=${this.mapTwin} .layers=${layers} .initialView=${url.view}
        @view-change=${(e: CustomEvent<MapView>) => this.setUrl({ view: e.detail })}
        @feature-click=${(e: CustomEvent<Feature | null>) => (this.selectedFeature = e.detail)}
        @first-render=${(e: CustomEvent<number>) => { this.timings.firstRenderMs ??= e.detail; this.firstFrameDrawn = true; }}
        @deck-frame=${() => this.timings.deckFrames++}
        @map-idle=${() => this.markReady(true)}></ct-map>
      <aside>
        <header>
          <h1>${t('appTitle')}</h1>
          <select aria-label=${t('community')} @change=${(e: Event) => this.selectCommunity((e.target as HTMLSelectElement).value)}>
            ${this.communities.map((c) => html`<option value=${c.id} ?selected=${c.id === url.community}>${c.name}</option>`)}
          </select>
          ${this.liveOpen ? nothing : html`<span class="badge" role="status">${t('reconnecting')}</span>`}
          <button class="import" aria-pressed=${this.importing !== null} @click=${() => (this.importing = this.importing ? null : 'new')}>${t('importButton')}</button>
          <button class="lang" lang=${url.lang === 'zh' ? 'en' : 'zh'} @click=${() => this.setUrl({ lang: url.lang === 'zh' ? 'en' : 'zh' })}>${t('language')}</button>
        </header>
        <ct-scorecard .report=${report} .tier=${url.tier} .locale=${url.lang} .selectedRow=${url.row} .selectedCheck=${url.check} .status=${this.status}
          @tier-change=${(e: CustomEvent<Tier>) => this.selectTier(e.detail)}
          @row-select=${(e: CustomEvent<{ row: number | null; check: string | null }>) => this.selectRow(e.detail.row, e.detail.check)}
          @attest-open=${(e: CustomEvent<{ row: number; check: string }>) => (this.attest = e.detail)}></ct-scorecard>
        ${this.importing ? html`<div class="importing">
            <label><input type="radio" name="import-target" ?checked=${this.importing === 'new'} @change=${() => (this.importing = 'new')}> ${t('importNew')}</label>
            <label><input type="radio" name="import-target" ?checked=${this.importing === 'layer'} ?disabled=${!url.community} @change=${() => (this.importing = 'layer')}> ${t('importLayer')}</label>
            <ct-import .locale=${url.lang} .community=${this.importing === 'layer' ? url.community : null}
              @ct-imported=${(e: CustomEvent<{ id: string; version: number }>) => void this.imported(e.detail)}></ct-import>
          </div>` : nothing}
        ${this.attest ? html`<ct-attest .community=${url.community} .standard=${url.standard} .locale=${url.lang} .checkId=${this.attest.check}
            .row=${report?.rows.find((r) => r.row === this.attest?.row) ?? null}
            @attest-saved=${() => void this.loadReport()} @attest-close=${() => (this.attest = null)}></ct-attest>` : nothing}
        ${this.selectedFeature ? html`<ct-feature-info .feature=${this.selectedFeature} .locale=${url.lang}
          @feature-close=${() => (this.selectedFeature = null)}></ct-feature-info>` : nothing}
        <ct-planner .twin=${this.twin} .cameraViews=${this.cameraViews} .community=${url.community} .tier=${url.tier} .standard=${url.standard} .locale=${url.lang}
          @plan-change=${(e: CustomEvent<PlanView | null>) => (this.plan = e.detail)}
          @plan-applied=${() => url.community && void this.refreshCommunity(url.community)}></ct-planner>
      </aside>
      <ct-layers .locale=${url.lang} .hiddenGroups=${url.hidden} .open=${this.layersOpen}
          @layer-toggle=${(e: CustomEvent<{ group: LayerGroup; visible: boolean }>) => this.toggleLayer(e.detail.group, e.detail.visible)}></ct-layers>`;
  }

  /** Layers are rebuilt only when their inputs change (not on every camera move). */
  private memoLayers(inputs: unknown[], build: () => Layer[]): Layer[] {
    if (!this.layerCache || inputs.length !== this.layerCache.inputs.length || inputs.some((v, i) => v !== this.layerCache?.inputs[i])) {
      this.layerCache = { inputs, layers: build() };
    }
    return this.layerCache.layers;
  }

  private get selectedFeatureId(): string | null {
    const id = this.selectedFeature?.properties?.id;
    return typeof id === 'string' ? id : null;
  }

  private setUrl(patch: Partial<UrlState>) {
    this.url = { ...this.url, ...patch };
    document.documentElement.lang = this.url.lang === 'zh' ? 'zh-CN' : 'en';
    history.replaceState(null, '', writeUrlHash(this.url));
  }

  private async loadCommunities() {
    const t = translator(this.url.lang);
    this.status = t('loading');
    // the URL names the community: fetch its twin beside the list rather than after it
    const named = this.url.community;
    const early = named ? fetchTwinAndVersion(named) : null;
    early?.catch(() => undefined);
    try {
      this.communities = await fetchCommunities();
      const id = this.communities.some((c) => c.id === named) ? named : this.communities[0]?.id;
      if (!id) { this.status = t('noCommunities'); return; }
      await this.loadCommunity(id, true, id === named ? early : null);
    } catch (error) {
      this.status = `${t('loadError')}: ${(error as Error).message}`;
    }
  }

  private async loadCommunity(id: string, keepRow: boolean, prefetched: ReturnType<typeof fetchTwinAndVersion> | null = null) {
    this.setUrl({ community: id, row: keepRow ? this.url.row : null, check: keepRow ? this.url.check : null });
    this.twin = null;
    this.report = null;
    this.selectedFeature = null;
    this.attest = null;
    this.live.watch(id);
    this.tiles = null;
    // the report is computed on the server meanwhile; it is drawn once the twin is in
    const report = this.loadReport();
    const [twin, version] = await (prefetched ?? fetchTwinAndVersion(id));
    this.tiles = { community: id, version };
    this.twin = twin;
    this.mapTwin = twin;
    this.mapIdle = false;
    this.cameraViews = null;
    this.viewsSettled = false;
    computeCameraViews(twin).then((views) => { if (this.twin === twin) this.cameraViews = views; },
      (error: Error) => console.warn(`camera views: ${error.message}; showing plain wedges`))
      .finally(() => { if (this.twin === twin) this.viewsSettled = true; });
    void loadLabelFont(labelTexts(twin).map((l) => l.text).join('') + '0123456789, m²').then(() => (this.fontReady = true));
    await report;
    if (keepRow && this.url.row !== null && !this.viewFromUrl) this.fitToRow();
  }

  private async loadReport() {
    const { community, tier, standard } = this.url;
    if (!community) return;
    const t = translator(this.url.lang);
    this.reportRequest?.abort();
    const request = (this.reportRequest = new AbortController());
    this.status = t('loading');
    this.reportPending = true;
    this.removeAttribute('data-ready');
    try {
      this.report = await fetchReport(community, tier, standard, request.signal);
      this.status = '';
    } catch (error) {
      if (!request.signal.aborted) this.status = `${t('loadError')}: ${(error as Error).message}`;
    } finally {
      if (this.reportRequest === request) this.reportPending = false;
    }
  }

  /** A live change (or an import into it): the twin and report again, keeping camera and selection. */
  private async refreshCommunity(id: string) {
    try {
      const [twin, version] = await fetchTwinAndVersion(id);
      if (id !== this.url.community) return;
      this.twin = twin;
      if (version !== this.tiles?.version) this.tiles = { community: id, version };
      computeCameraViews(twin).then((views) => { if (this.twin === twin) this.cameraViews = views; },
        (error: Error) => console.warn(`camera views: ${error.message}`));
      await this.loadReport();
    } catch (error) {
      this.status = `${translator(this.url.lang)('loadError')}: ${(error as Error).message}`;
    }
  }

  /** <ct-import> committed: the community list again, and the imported community (new, or the shown one with a new layer). */
  private async imported(detail: { id: string; version: number }) {
    this.status = translator(this.url.lang)('imported', detail);
    try {
      this.communities = await fetchCommunities();
      if (detail.id === this.url.community) await this.refreshCommunity(detail.id);
      else await this.loadCommunity(detail.id, false);
    } catch (error) {
      this.status = (error as Error).message;
    }
  }

  /** The shown community, tier and standard, evaluated by the engine in the worker. */
  private async evaluateHere(): Promise<Report> {
    if (!this.twin) throw new Error('no twin loaded');
    const { report, elapsedMs } = await evaluateInWorker(this.twin, this.url.standard, this.url.tier);
    this.timings.workerEvaluateMs = elapsedMs;
    return report;
  }

  private selectCommunity(id: string) {
    void this.loadCommunity(id, false).catch((e: Error) => (this.status = e.message));
  }

  private selectTier(tier: Tier) {
    this.setUrl({ tier });
    void this.loadReport();
  }

  private selectRow(row: number | null, check: string | null) {
    this.setUrl({ row, check: row === null ? null : check });
    if (row !== null) this.fitToRow();
  }

  /** Fit the map to the selection's gaps and failing features. */
  private fitToRow() {
    const row = this.selectedRow;
    const ids = failingIdsOfRow(row, this.url.check);
    const failing = (this.twin?.features ?? []).filter((f) => ids.has(f.properties?.id));
    const bbox = bboxOf([...gapsOfRow(row, this.url.check).features, ...failing]);
    if (bbox) void this.updateComplete.then(() => this.map?.fitTo(bbox));
  }

  private toggleLayer(group: LayerGroup, visible: boolean) {
    const hidden = this.url.hidden.filter((g) => g !== group);
    this.setUrl({ hidden: visible ? hidden : [...hidden, group] });
  }

  /** What `data-ready` still waits for (tests print it when they time out). */
  readiness(): Record<string, boolean> {
    return { report: this.report !== null && !this.reportPending, font: this.fontReady, cameraViews: this.viewsSettled, mapIdle: this.mapIdle, allLayers: this.firstFrameDrawn };
  }

  /** `data-ready`: report, font, camera views and basemap are all in (tests and screenshots wait for it). */
  private markReady(mapIdle = false) {
    if (mapIdle && this.twin && this.timings.firstIdleMs === null && this.timings.firstRenderMs !== null) this.timings.firstIdleMs = performance.now();
    this.mapIdle ||= mapIdle;
    if (Object.values(this.readiness()).every(Boolean)) this.setAttribute('data-ready', '');
  }

  protected override updated() {
    this.markReady();
  }
}

function fetchTwinAndVersion(id: string) {
  return Promise.all([fetchTwin(id), fetchCommunityVersion(id)]);
}

declare global {
  interface HTMLElementTagNameMap { 'ct-app': CtApp }
}
