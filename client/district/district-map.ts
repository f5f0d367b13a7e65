/**
 * The district map: every community's boundary, filled by tier achieved (grey: not evaluated
 * yet). Click → 'community-click' with the community id.
 */
import { LitElement, css, html, unsafeCSS, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import * as maplibregl from 'maplibre-gl';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { GeoJsonLayer, type PickingInfo } from 'deck.gl';
import type { Feature, Geometry } from 'geojson';
import { bboxOf } from '../map/bbox.ts';
import { basemapStyle } from '../map/style.ts';
import type { Rgba } from '../layers/types.ts';
import { tierColor } from './tier-colors.ts';

maplibregl.setWorkerUrl(workerUrl);

export interface DistrictShape { id: string; name: string; boundary: Geometry; tier: string | null; evaluated: boolean }
type ShapeFeature = Feature<Geometry, { id: string; name: string; tier: string | null; evaluated: boolean }>;

const PENDING: Rgba = [150, 156, 164, 120];
/** communities farther than this from the median one are not in the first view (a demo in another city) */
const CLUSTER_DEG = 0.3;

function mainCluster(features: ShapeFeature[]): ShapeFeature[] {
  const centres = features.map((f) => bboxOf([f])).map((b) => (b ? [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] : [NaN, NaN]));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const lon = median(centres.map((c) => c[0])), lat = median(centres.map((c) => c[1]));
  const near = features.filter((_, i) => Math.abs(centres[i][0] - lon) < CLUSTER_DEG && Math.abs(centres[i][1] - lat) < CLUSTER_DEG);
  return near.length > 0 ? near : features;
}

@customElement('ct-district-map')
export class CtDistrictMap extends LitElement {
  static override styles = [unsafeCSS(maplibreCss), css`:host { display: block; position: relative; } #map { position: absolute; inset: 0; }`];

  @property({ attribute: false }) shapes: DistrictShape[] = [];
  @property({ attribute: false }) highlightId: string | null = null;

  private map?: maplibregl.Map;
  private overlay?: MapboxOverlay;
  private fitted = false;

  override render() {
    return html`<div id="map"></div>`;
  }

  override firstUpdated() {
    this.map = new maplibregl.Map({
      container: this.renderRoot.querySelector<HTMLDivElement>('#map')!, style: basemapStyle(null), center: [118.5, 36.7], zoom: 11,
      attributionControl: false, canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
    this.overlay = new MapboxOverlay({ interleaved: false, layers: [], getCursor: ({ isHovering }) => (isHovering ? 'pointer' : 'grab') });
    this.map.addControl(this.overlay);
    this.map.on('idle', () => this.dispatchEvent(new CustomEvent('map-idle', { bubbles: true, composed: true })));
    this.draw();
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('shapes') || changed.has('highlightId')) this.draw();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.map?.remove();
  }

  private draw() {
    if (!this.map || !this.overlay) return;
    const features: ShapeFeature[] = this.shapes.map((s) => ({ type: 'Feature', geometry: s.boundary, properties: { id: s.id, name: s.name, tier: s.tier, evaluated: s.evaluated } }));
    this.overlay.setProps({
      layers: [new GeoJsonLayer<ShapeFeature['properties']>({
        id: 'district-communities', data: features, pickable: true, stroked: true, filled: true,
        getFillColor: (f) => (f.properties.evaluated ? tierColor(f.properties.tier) : PENDING),
        getLineColor: (f) => (f.properties.id === this.highlightId ? [20, 20, 20, 255] : [255, 255, 255, 230]),
        getLineWidth: (f) => (f.properties.id === this.highlightId ? 4 : 1.5), lineWidthUnits: 'pixels',
        autoHighlight: true, highlightColor: [255, 255, 255, 90],
        updateTriggers: { getFillColor: [this.shapes], getLineColor: [this.highlightId], getLineWidth: [this.highlightId] },
        onClick: (info: PickingInfo<ShapeFeature>) => {
          if (info.object) this.dispatchEvent(new CustomEvent<string>('community-click', { detail: info.object.properties.id, bubbles: true, composed: true }));
        },
      })],
    });
    const bbox = !this.fitted && features.length > 0 ? bboxOf(mainCluster(features)) : null;
    if (bbox) {
      this.fitted = true;
      this.map.fitBounds([[bbox[0], bbox[1]], [bbox[2], bbox[3]]], { padding: 40, duration: 0 });
    }
  }
}

declare global {
  interface HTMLElementTagNameMap { 'ct-district-map': CtDistrictMap }
}
