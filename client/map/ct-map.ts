/**
 * The map: maplibre (offline style from the twin) with a deck.gl overlay on top.
 * Properties in (twin, layers, initial view); events out (view-change, feature-click).
 */
import { LitElement, css, html, unsafeCSS, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import * as maplibregl from 'maplibre-gl';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer, PickingInfo } from 'deck.gl';
import type { Feature } from 'geojson';
import type { TwinFile } from '../../engine/twin/types.ts';
import type { MapView } from '../state.ts';
import { basemapStyle } from './style.ts';
import { bboxOf, type Bbox } from './bbox.ts';

maplibregl.setWorkerUrl(workerUrl);

/** the side panel covers the right of the map; fits keep clear of it */
const PANEL_WIDTH_PX = 450;

@customElement('ct-map')
export class CtMap extends LitElement {
  static override styles = [
    unsafeCSS(maplibreCss),
    css`
      :host { display: block; position: relative; }
      #map { position: absolute; inset: 0; }
      /* the attribution (OSM basemap) sits left of the side panel */
      .maplibregl-ctrl-bottom-right { right: ${PANEL_WIDTH_PX}px; }
    `,
  ];

  @property({ attribute: false }) twin: TwinFile | null = null;
  @property({ attribute: false }) layers: Layer[] = [];
  /** the view to start from (from the URL); null → fit the community */
  @property({ attribute: false }) initialView: MapView | null = null;

  private map?: maplibregl.Map;
  private overlay?: MapboxOverlay;
  private shownTwin: TwinFile | null = null;
  private firstRenderSeen = false;

  override render() {
    return html`<div id="map"></div>`;
  }

  override firstUpdated() {
    const container = this.renderRoot.querySelector<HTMLDivElement>('#map');
    if (!container) return;
    const v = this.initialView;
    this.map = new maplibregl.Map({
      container,
      style: basemapStyle(this.twin),
      center: v ? [v.lon, v.lat] : [118.79, 32.04],
      zoom: v?.zoom ?? 15,
      pitch: v?.pitch ?? 50,
      bearing: v?.bearing ?? -15,
      maxPitch: 75,
      attributionControl: false,
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    this.map.addControl(new maplibregl.NavigationControl({ visualizePitch: true }), 'top-left');
    // the OSM basemap's TileJSON brings "© OpenStreetMap contributors"; empty (hidden) for the demos
    this.map.addControl(new maplibregl.AttributionControl({ compact: false }), 'bottom-right');
    this.overlay = new MapboxOverlay({
      interleaved: false,
      layers: this.layers,
      onClick: (info: PickingInfo) => this.emitFeature(info),
      getCursor: ({ isHovering }) => (isHovering ? 'pointer' : 'grab'),
      onAfterRender: () => this.noteFirstRender(),
    });
    this.map.addControl(this.overlay);
    this.map.on('moveend', () => this.emitView());
    this.map.on('idle', () => this.dispatchEvent(new CustomEvent('map-idle', { bubbles: true, composed: true })));
    this.showTwin();
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('layers')) this.overlay?.setProps({ layers: this.layers });
    if (changed.has('twin')) this.showTwin();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.map?.remove();
  }

  /** Fit the camera to a bbox [w, s, e, n], keeping pitch and bearing. */
  fitTo(bbox: Bbox, maxZoom = 18) {
    if (!this.map) return;
    this.map.fitBounds([[bbox[0], bbox[1]], [bbox[2], bbox[3]]], {
      padding: { top: 80, bottom: 80, left: 80, right: PANEL_WIDTH_PX + 60 }, maxZoom, pitch: this.map.getPitch(), bearing: this.map.getBearing(), duration: 600,
    });
  }

  private showTwin() {
    if (!this.map || this.twin === this.shownTwin) return;
    const firstTwin = this.shownTwin === null;
    this.shownTwin = this.twin;
    this.map.setStyle(basemapStyle(this.twin));
    if (!this.twin) return;
    const keepUrlView = firstTwin && this.initialView !== null;
    const community = this.twin.features.find((f) => f.properties?.kind === 'community');
    const bbox = community ? bboxOf([community]) : null;
    if (!keepUrlView && bbox) {
      this.map.fitBounds([[bbox[0], bbox[1]], [bbox[2], bbox[3]]], { padding: { top: 40, bottom: 40, left: 40, right: PANEL_WIDTH_PX + 30 }, pitch: 50, bearing: -15, duration: 0 });
    }
  }

  /** 'first-render' (detail: performance.now()) once deck.gl has drawn the twin's layers. */
  private noteFirstRender() {
    this.dispatchEvent(new Event('deck-frame', { bubbles: true, composed: true }));
    if (this.firstRenderSeen || this.layers.length === 0) return;
    this.firstRenderSeen = true;
    this.dispatchEvent(new CustomEvent<number>('first-render', { detail: performance.now(), bubbles: true, composed: true }));
  }

  private emitView() {
    if (!this.map) return;
    const c = this.map.getCenter();
    const view: MapView = { lon: c.lng, lat: c.lat, zoom: this.map.getZoom(), pitch: this.map.getPitch(), bearing: this.map.getBearing() };
    this.dispatchEvent(new CustomEvent<MapView>('view-change', { detail: view, bubbles: true, composed: true }));
  }

  private emitFeature(info: PickingInfo) {
    const object = info.object as Feature | { feature?: Feature } | undefined;
    const feature = object && 'type' in object && object.type === 'Feature' ? object : (object as { feature?: Feature } | undefined)?.feature ?? null;
    this.dispatchEvent(new CustomEvent<Feature | null>('feature-click', { detail: feature, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-map': CtMap }
}
