/**
 * The wall's map: maplibre with the dark basemap and the app's deck.gl layers (MapboxOverlay,
 * not interleaved), not interactive, camera moved by the tour. On a 4K screen the drawing
 * buffers are capped at 4K device pixels (wallPixelRatio), so a 3840×2160 wall at DPR 2 does
 * not ask the GPU for 33 megapixels per frame — the cause of a blank canvas on weak GPUs.
 */
import { LitElement, css, html, unsafeCSS, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import * as maplibregl from 'maplibre-gl';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer } from 'deck.gl';
import type { TwinFile } from '../../engine/twin/types.ts';
import { bboxOf, type Bbox } from '../map/bbox.ts';
import { darkStyle } from './dark-style.ts';

maplibregl.setWorkerUrl(workerUrl);

/** 3840 × 2160 */
export const MAX_DRAWING_PIXELS = 8_294_400;
/** the layout the map's pixel-sized marks (icons, labels, line widths) are designed for */
const DESIGN_WIDTH_PX = 1920, DESIGN_HEIGHT_PX = 1080;

/**
 * How much bigger than HD the screen is (1 on HD, 2 on 4K). The map is laid out at HD size and
 * scaled up by CSS, so marks keep their size relative to the screen; its drawing buffer gets
 * the scale back as pixel ratio, so it stays sharp.
 */
export function wallScale(cssWidth: number, cssHeight: number): number {
  return Math.max(1, Math.min(cssWidth / DESIGN_WIDTH_PX, cssHeight / DESIGN_HEIGHT_PX));
}

/** Device pixels per CSS pixel: the screen's, but no more than keeps the canvas within maxPixels. */
export function wallPixelRatio(cssWidth: number, cssHeight: number, devicePixelRatio: number, maxPixels = MAX_DRAWING_PIXELS): number {
  const area = Math.max(1, cssWidth * cssHeight);
  return Math.max(0.5, Math.min(devicePixelRatio, Math.sqrt(maxPixels / area)));
}

export interface Padding { top: number; bottom: number; left: number; right: number }

const scaledPadding = (p: Padding, scale: number): Padding =>
  ({ top: p.top / scale, bottom: p.bottom / scale, left: p.left / scale, right: p.right / scale });

@customElement('ct-wall-map')
export class CtWallMap extends LitElement {
  static override styles = [unsafeCSS(maplibreCss), css`
    :host { display: block; position: relative; background: #0b0f14; }
    #map { position: absolute; left: 0; top: 0; width: 100%; height: 100%; transform-origin: 0 0; }
    /* the OSM basemap's "© OpenStreetMap contributors" (ODbL), quiet on the dark wall */
    .maplibregl-ctrl.maplibregl-ctrl-attrib { background: rgba(11, 15, 20, 0.7); color: #8b96a5; font-size: 11px; }
    .maplibregl-ctrl-attrib a { color: #8b96a5; }
  `];

  @property({ attribute: false }) twin: TwinFile | null = null;
  @property({ attribute: false }) layers: Layer[] = [];
  /** screen space kept clear of the map's subject (panels over the map) */
  @property({ attribute: false }) padding: Padding = { top: 0, bottom: 0, left: 0, right: 0 };

  private map?: maplibregl.Map;
  private overlay?: MapboxOverlay;
  private shownTwin: TwinFile | null = null;
  private scale = 1;

  override render() {
    return html`<div id="map"></div>`;
  }

  override firstUpdated() {
    const container = this.renderRoot.querySelector<HTMLDivElement>('#map')!;
    const scale = wallScale(window.innerWidth, window.innerHeight);
    if (scale > 1) Object.assign(container.style, { width: `${100 / scale}%`, height: `${100 / scale}%`, transform: `scale(${scale})` });
    this.scale = scale;
    const ratio = wallPixelRatio(window.innerWidth, window.innerHeight, window.devicePixelRatio) * scale;
    this.map = new maplibregl.Map({
      container, style: darkStyle(this.twin), center: [118.48, 36.69], zoom: 15, pitch: 55, bearing: -20, maxPitch: 75,
      interactive: false, attributionControl: false, pixelRatio: ratio, fadeDuration: 0,
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: false },
    });
    // the basemap's TileJSON brings its attribution; empty (hidden) where no basemap is drawn
    this.map.addControl(new maplibregl.AttributionControl({ compact: false }), 'bottom-right');
    this.overlay = new MapboxOverlay({ interleaved: false, layers: this.layers, useDevicePixels: ratio });
    this.map.addControl(this.overlay);
    this.map.on('idle', () => this.emit('map-idle', null));
    this.map.on('zoomend', () => this.emit('zoom-change', this.map!.getZoom()));
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

  get zoom(): number {
    return this.map?.getZoom() ?? 15;
  }

  /** The whole community, from a high oblique angle. */
  overview(durationMs = 2500) {
    const community = this.twin?.features.find((f) => f.properties?.kind === 'community');
    const bbox = community ? bboxOf([community]) : null;
    if (bbox) this.flyToBbox(bbox, { pitch: 50, bearing: -20, maxZoom: 17, durationMs });
  }

  /** Fly to a box (a gap), tilted to show facades in 3D. */
  flyToBbox(bbox: Bbox, opts: { pitch?: number; bearing?: number; maxZoom?: number; durationMs?: number } = {}) {
    if (!this.map) return;
    const camera = this.map.cameraForBounds([[bbox[0], bbox[1]], [bbox[2], bbox[3]]], {
      padding: scaledPadding(this.padding, this.scale), maxZoom: opts.maxZoom ?? 18.5, bearing: opts.bearing ?? this.map.getBearing(),
    });
    if (!camera) return;
    this.map.flyTo({ ...camera, pitch: opts.pitch ?? 60, duration: opts.durationMs ?? 3000, essential: true });
  }

  private showTwin() {
    if (!this.map || this.twin === this.shownTwin) return;
    const firstTwin = this.shownTwin === null;
    const sameCommunity = !firstTwin && this.shownTwin?.features[0]?.properties?.id === this.twin?.features[0]?.properties?.id;
    this.shownTwin = this.twin;
    // telemetry changes camera states only: the basemap (boundary, compounds, paths) stays
    if (!sameCommunity) this.map.setStyle(darkStyle(this.twin));
    if (firstTwin) this.overview(0);
  }

  private emit(name: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-wall-map': CtWallMap }
}
