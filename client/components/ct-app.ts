/** The app shell: full-screen map, side panel (scorecard, feature, layers); state in the URL hash. */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { Feature } from 'geojson';
import type { Layer } from 'deck.gl';
import type { Report } from '../../engine/report/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { fetchCommunities, fetchReport, fetchTwin, type CommunitySummary } from '../api.ts';
import { loadLabelFont } from '../fonts.ts';
import { computeCameraViews, type CameraViews } from '../worker/views.ts';
import { translator } from '../i18n/index.ts';
import { layersFor } from '../layers/index.ts';
import { labelTexts } from '../layers/labels.ts';
import { failingIdsOfRow, gapsOfRow } from '../layers/report-lookup.ts';
import { bboxOf } from '../map/bbox.ts';
import '../map/ct-map.ts';
import type { CtMap } from '../map/ct-map.ts';
import { LAYER_GROUPS, readUrlState, writeUrlHash, type LayerGroup, type MapView, type Tier, type UrlState } from '../state.ts';
import './ct-feature-info.ts';
import './ct-layers.ts';
import './ct-scorecard.ts';

@customElement('ct-app')
export class CtApp extends LitElement {
  static override styles = css`
    :host { display: block; position: relative; width: 100%; height: 100%; color: #1f2328; }
    ct-map { position: absolute; inset: 0; z-index: 0; isolation: isolate; }
    aside, ct-layers { z-index: 1; background: rgba(255,255,255,0.96); border-radius: 8px; box-shadow: 0 2px 12px rgba(0,0,0,.18); box-sizing: border-box; }
    aside { position: absolute; top: 10px; right: 10px; bottom: 10px; width: 440px; display: flex; flex-direction: column; gap: 8px;
      padding: 10px 12px; }
    header { display: flex; align-items: center; gap: 8px; }
    h1 { font-size: 15px; font-weight: 500; margin: 0; flex: 1; }
    select, .lang { font: inherit; font-size: 12px; }
    .lang { border: 1px solid #b9c0c8; background: #fff; border-radius: 4px; cursor: pointer; padding: 2px 8px; }
    ct-scorecard { flex: 1; min-height: 0; }
    ct-feature-info { border-top: 1px solid #e5e7ea; padding-top: 6px; max-height: 35%; overflow-y: auto; }
    ct-layers { position: absolute; left: 10px; bottom: 10px; max-height: calc(100% - 140px); width: 290px; overflow-y: auto; padding: 8px 10px; }
  `;

  @state() private url: UrlState = readUrlState(window.location);
  @state() private communities: CommunitySummary[] = [];
  @state() private twin: TwinFile | null = null;
  @state() private report: Report | null = null;
  @state() private status = '';
  @state() private selectedFeature: Feature | null = null;
  @state() private fontReady = false;
  @state() private cameraViews: CameraViews | null = null;
  @query('ct-map') private map?: CtMap;
  private reportRequest?: AbortController;
  private mapIdle = false;
  /** the page opened with a camera position in its URL: keep it rather than fit */
  private readonly viewFromUrl = this.url.view !== null;
  private layerCache?: { inputs: unknown[]; layers: Layer[] };

  override connectedCallback() {
    super.connectedCallback();
    document.documentElement.lang = this.url.lang === 'zh' ? 'zh-CN' : 'en';
    void this.loadCommunities();
  }

  override render() {
    const t = translator(this.url.lang);
    const { url, twin, report } = this;
    const selectedRow = report?.rows.find((r) => r.row === url.row) ?? null;
    const visible = Object.fromEntries(LAYER_GROUPS.map((g) => [g, !url.hidden.includes(g)])) as Record<LayerGroup, boolean>;
    const layers = this.memoLayers([twin, report, url.tier, url.hidden.join(), selectedRow, this.selectedFeatureId, this.fontReady, this.cameraViews],
      () => (twin ? layersFor({ twin, report, tier: url.tier, visible, selectedRow, selectedFeatureId: this.selectedFeatureId, fontReady: this.fontReady, cameraViews: this.cameraViews }) : []));
    return html`
      <ct-map .twin=${twin} .layers=${layers} .initialView=${url.view}
        @view-change=${(e: CustomEvent<MapView>) => this.setUrl({ view: e.detail })}
        @feature-click=${(e: CustomEvent<Feature | null>) => (this.selectedFeature = e.detail)}
        @map-idle=${() => this.markReady(true)}></ct-map>
      <aside>
        <header>
          <h1>${t('appTitle')}</h1>
          <select aria-label=${t('community')} @change=${(e: Event) => this.selectCommunity((e.target as HTMLSelectElement).value)}>
            ${this.communities.map((c) => html`<option value=${c.id} ?selected=${c.id === url.community}>${c.name}</option>`)}
          </select>
          <button class="lang" @click=${() => this.setUrl({ lang: url.lang === 'zh' ? 'en' : 'zh' })}>${t('language')}</button>
        </header>
        <ct-scorecard .report=${report} .tier=${url.tier} .locale=${url.lang} .selectedRow=${url.row} .status=${this.status}
          @tier-change=${(e: CustomEvent<Tier>) => this.selectTier(e.detail)}
          @row-select=${(e: CustomEvent<number | null>) => this.selectRow(e.detail)}></ct-scorecard>
        ${this.selectedFeature ? html`<ct-feature-info .feature=${this.selectedFeature} .locale=${url.lang}
          @feature-close=${() => (this.selectedFeature = null)}></ct-feature-info>` : nothing}
      </aside>
      <ct-layers .locale=${url.lang} .hiddenGroups=${url.hidden}
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
    try {
      this.communities = await fetchCommunities();
      const id = this.communities.some((c) => c.id === this.url.community) ? this.url.community : this.communities[0]?.id;
      if (!id) { this.status = t('noCommunities'); return; }
      await this.loadCommunity(id, true);
    } catch (error) {
      this.status = `${t('loadError')}: ${(error as Error).message}`;
    }
  }

  private async loadCommunity(id: string, keepRow: boolean) {
    this.setUrl({ community: id, row: keepRow ? this.url.row : null });
    this.twin = null;
    this.report = null;
    this.selectedFeature = null;
    const twin = await fetchTwin(id);
    this.twin = twin;
    this.mapIdle = false;
    this.cameraViews = null;
    computeCameraViews(twin).then((views) => { if (this.twin === twin) this.cameraViews = views; },
      (error: Error) => console.warn(`camera views: ${error.message}; showing plain wedges`));
    void loadLabelFont(labelTexts(twin).map((l) => l.text).join('') + '0123456789, m²').then(() => (this.fontReady = true));
    await this.loadReport();
    if (keepRow && this.url.row !== null && !this.viewFromUrl) this.fitToRow();
  }

  private async loadReport() {
    const { community, tier, standard } = this.url;
    if (!community) return;
    const t = translator(this.url.lang);
    this.reportRequest?.abort();
    const request = (this.reportRequest = new AbortController());
    this.status = t('loading');
    this.removeAttribute('data-ready');
    try {
      this.report = await fetchReport(community, tier, standard, request.signal);
      this.status = '';
    } catch (error) {
      if (!request.signal.aborted) this.status = `${t('loadError')}: ${(error as Error).message}`;
    }
  }

  private selectCommunity(id: string) {
    void this.loadCommunity(id, false).catch((e: Error) => (this.status = e.message));
  }

  private selectTier(tier: Tier) {
    this.setUrl({ tier });
    void this.loadReport();
  }

  private selectRow(row: number | null) {
    this.setUrl({ row });
    if (row !== null) this.fitToRow();
  }

  /** Fit the map to the selected row's gaps and failing features. */
  private fitToRow() {
    const row = this.report?.rows.find((r) => r.row === this.url.row) ?? null;
    const ids = failingIdsOfRow(row);
    const failing = (this.twin?.features ?? []).filter((f) => ids.has(f.properties?.id));
    const bbox = bboxOf([...gapsOfRow(row).features, ...failing]);
    if (bbox) void this.updateComplete.then(() => this.map?.fitTo(bbox));
  }

  private toggleLayer(group: LayerGroup, visible: boolean) {
    const hidden = this.url.hidden.filter((g) => g !== group);
    this.setUrl({ hidden: visible ? hidden : [...hidden, group] });
  }

  /** `data-ready`: report, font and basemap are all in (tests and screenshots wait for it). */
  private markReady(mapIdle = false) {
    this.mapIdle ||= mapIdle;
    if (this.report && this.fontReady && this.mapIdle) this.setAttribute('data-ready', '');
  }

  protected override updated() {
    this.markReady();
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-app': CtApp }
}
