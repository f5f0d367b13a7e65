import { IconLayer, ScatterplotLayer } from 'deck.gl';
import type { Feature, Point } from 'geojson';
import type { BaseProps, TwinFile } from '../../engine/twin/types.ts';
import { COLORS, type ColorName } from './colors.ts';
import { iconAtlas, iconOf } from './icons.ts';
import { labelCentroid } from './labels.ts';
import type { Rgba } from './types.ts';

const GATE_TYPES = new Set(['gate', 'perimeterSensor']);

/** from this zoom on, facilities are discs with an icon; below, small dots */
export const FACILITY_ICON_ZOOM = 17;

/** The legend colour of a point device / facility. */
export function facilityColorName(p: BaseProps): ColorName {
  switch (p.kind) {
    case 'venue': return 'venue';
    case 'charger': return 'charger';
    case 'smartPole': return 'smartPole';
    case 'light': return 'light';
    case 'fiveG': return 'fiveGSite';
    default: return GATE_TYPES.has(String(p.type ?? '')) ? 'gate' : 'facility';
  }
}

const POINT_KINDS = new Set(['venue', 'charger', 'smartPole', 'light', 'facility', 'fiveG']);
type FacilityPoint = Feature<Point, BaseProps>;

const pointsByTwin = new WeakMap<TwinFile, FacilityPoint[]>();

/** Every facility as a point (polygon venues at their centroid, so they can be picked). */
function facilityPoints(twin: TwinFile): FacilityPoint[] {
  let data = pointsByTwin.get(twin);
  if (data) return data;
  data = [];
  for (const f of twin.features) {
    if (!f.geometry || !POINT_KINDS.has(f.properties.kind)) continue;
    if (f.properties.kind === 'fiveG' && f.geometry.type !== 'Point') continue;
    data.push({ ...f, geometry: { type: 'Point', coordinates: labelCentroid(f.geometry) } });
  }
  pointsByTwin.set(twin, data);
  return data;
}

const position = (f: FacilityPoint): [number, number] => [f.geometry.coordinates[0], f.geometry.coordinates[1]];

/**
 * Venues, chargers, smart poles, lights, gates, perimeter devices, garbage points, …:
 * coloured discs, with a white icon from the bundled atlas once zoomed in.
 */
export function facilityLayers(twin: TwinFile, highlightIds: ReadonlySet<string>, selectedId: string | null, zoom: number) {
  const data = facilityPoints(twin);
  const detailed = zoom >= FACILITY_ICON_ZOOM;
  const colorOf = (p: BaseProps): Rgba =>
    p.id === selectedId ? COLORS.selected : highlightIds.has(p.id) ? COLORS.highlight : COLORS[facilityColorName(p)];
  const radiusOf = (f: FacilityPoint) => {
    const light = f.properties.kind === 'light';
    if (highlightIds.has(f.properties.id)) return detailed ? 12 : 8;
    return detailed ? (light ? 7 : 10) : light ? 2.5 : 4.5;
  };
  const discs = new ScatterplotLayer<FacilityPoint>({
    id: 'facilities',
    data,
    getPosition: position,
    getRadius: radiusOf,
    radiusUnits: 'pixels',
    getFillColor: (f) => {
      const [r, g, b] = colorOf(f.properties);
      return [r, g, b, 255];
    },
    stroked: true,
    getLineColor: [255, 255, 255, 255],
    getLineWidth: detailed ? 1.5 : 1,
    lineWidthUnits: 'pixels',
    pickable: true,
    parameters: { depthCompare: 'always' },
    updateTriggers: { getFillColor: [selectedId, ...highlightIds], getRadius: [detailed, ...highlightIds] },
  });
  if (!detailed) return [discs];
  const { image, mapping } = iconAtlas();
  const icons = new IconLayer<FacilityPoint>({
    id: 'facility-icons',
    data,
    iconAtlas: image,
    iconMapping: mapping,
    getIcon: (f) => iconOf(f.properties),
    getPosition: position,
    getSize: (f) => (f.properties.kind === 'light' ? 10 : 14),
    sizeUnits: 'pixels',
    getColor: (f) => (f.properties.kind === 'light' ? [90, 70, 0, 255] : [255, 255, 255, 255]),
    pickable: false,
    parameters: { depthCompare: 'always' },
  });
  return [discs, icons];
}
