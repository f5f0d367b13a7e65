import { ScatterplotLayer } from 'deck.gl';
import type { Feature, Point } from 'geojson';
import type { BaseProps, TwinFile } from '../../engine/twin/types.ts';
import { COLORS, type ColorName } from './colors.ts';
import { labelCentroid } from './labels.ts';
import type { Rgba } from './types.ts';

const GATE_TYPES = new Set(['gate', 'perimeterSensor']);

/** The legend colour of a point device / facility. */
export function facilityColorName(p: BaseProps): ColorName {
  switch (p.kind) {
    case 'venue': return 'venue';
    case 'charger': return 'charger';
    case 'smartPole': return 'smartPole';
    case 'light': return 'light';
    case 'fiveG': return 'fiveGCoverage';
    default: return GATE_TYPES.has(String(p.type ?? '')) ? 'gate' : 'facility';
  }
}

const POINT_KINDS = new Set(['venue', 'charger', 'smartPole', 'light', 'facility', 'fiveG']);

/** Venues, chargers, smart poles, lights, gates, perimeter devices, garbage points, … as points. */
export function facilityLayer(twin: TwinFile, highlightIds: ReadonlySet<string>, selectedId: string | null) {
  const data: Feature<Point, BaseProps>[] = [];
  for (const f of twin.features) {
    if (!f.geometry || !POINT_KINDS.has(f.properties.kind)) continue;
    // polygon venues are on the basemap; mark them with a point too so they can be picked
    if (f.properties.kind === 'fiveG' && f.geometry.type !== 'Point') continue;
    data.push({ ...f, geometry: { type: 'Point', coordinates: labelCentroid(f.geometry) } });
  }
  const colorOf = (p: BaseProps): Rgba =>
    p.id === selectedId ? COLORS.selected : highlightIds.has(p.id) ? COLORS.highlight : COLORS[facilityColorName(p)];
  return new ScatterplotLayer<Feature<Point, BaseProps>>({
    id: 'facilities',
    data,
    getPosition: (f) => [f.geometry.coordinates[0], f.geometry.coordinates[1]],
    getRadius: (f) => (highlightIds.has(f.properties.id) ? 8 : f.properties.kind === 'light' ? 3 : 5),
    radiusUnits: 'pixels',
    getFillColor: (f) => {
      const [r, g, b] = colorOf(f.properties);
      return [r, g, b, 255];
    },
    stroked: true,
    getLineColor: [255, 255, 255, 255],
    getLineWidth: 1.5,
    lineWidthUnits: 'pixels',
    pickable: true,
    parameters: { depthCompare: 'always' },
    updateTriggers: { getFillColor: [selectedId, ...highlightIds], getRadius: [...highlightIds] },
  });
}
