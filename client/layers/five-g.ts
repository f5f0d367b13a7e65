import { GeoJsonLayer, TextLayer } from 'deck.gl';
import type { Feature, Geometry, Polygon, MultiPolygon } from 'geojson';
import { polygonAreaM2 } from '../../engine/geo/area.ts';
import { localProjection } from '../../engine/geo/projection.ts';
import type { CheckResult } from '../../engine/report/types.ts';
import type { FiveGProps, TwinFile } from '../../engine/twin/types.ts';
import pointOnFeature from '@turf/point-on-feature';
import { COLORS } from './colors.ts';
import { featuresOfKind } from './features.ts';
import { gapsOf } from './report-lookup.ts';
import { LABEL_FONT, labelCentroid } from './labels.ts';

/** Measured 5G coverage polygons from the twin (sites are drawn as points). */
export function fiveGCoverageLayer(twin: TwinFile) {
  return new GeoJsonLayer<FiveGProps>({
    id: 'fiveg-coverage',
    data: featuresOfKind(twin, 'fiveG'),
    filled: true,
    getFillColor: COLORS.fiveGCoverage,
    stroked: true,
    getLineColor: [70, 140, 230, 140],
    getLineWidth: 1,
    lineWidthUnits: 'pixels',
    pointType: 'circle',
    getPointRadius: 6,
    pointRadiusUnits: 'pixels',
    pickable: true,
  });
}

/** Area of a hole as the engine reported it, else measured with the engine's own area function. */
function holeAreaM2(f: Feature): number | null {
  const given = f.properties?.areaM2;
  if (typeof given === 'number') return given;
  if (f.geometry?.type !== 'Polygon' && f.geometry?.type !== 'MultiPolygon') return null;
  const [lon0, lat0] = labelCentroid(f.geometry);
  return polygonAreaM2(f.geometry as Polygon | MultiPolygon, localProjection(lon0, lat0));
}

const holesOf = (check: CheckResult | undefined) =>
  gapsOf(check).filter((f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon');

/**
 * 5G holes: the `5g` check's evidence.gaps; `muted` (another row is selected) draws them
 * faintly, so they do not compete with that row's gaps.
 */
export function fiveGHoleLayer(check: CheckResult | undefined, muted = false) {
  const [r, g, b, a] = COLORS.fiveGHole;
  return new GeoJsonLayer({
    id: 'fiveg-holes',
    data: holesOf(check),
    filled: true,
    getFillColor: muted ? [r, g, b, Math.round(a / 3)] : COLORS.fiveGHole,
    stroked: true,
    getLineColor: muted ? [200, 20, 40, 70] : [200, 20, 40, 220],
    getLineWidth: 1.5,
    lineWidthUnits: 'pixels',
    pickable: true,
  });
}

/** The area of each 5G hole, as a label on a point inside it (drawn above the buildings). */
export function fiveGHoleLabelLayer(check: CheckResult | undefined) {
  const labelled = holesOf(check)
    .map((f) => ({ position: pointInside(f), areaM2: holeAreaM2(f) }))
    .filter((l): l is { position: [number, number]; areaM2: number } => l.areaM2 !== null && l.areaM2 >= 1);
  return new TextLayer<{ position: [number, number]; areaM2: number }>({
    id: 'fiveg-hole-areas',
    data: labelled,
    getPosition: (l) => l.position,
    getText: (l) => `${Math.round(l.areaM2).toLocaleString('en')} m²`,
    getSize: 12,
    getColor: [150, 10, 30, 255],
    outlineWidth: 3,
    outlineColor: [255, 255, 255, 230],
    fontSettings: { sdf: true },
    ...LABEL_FONT,
    parameters: { depthCompare: 'always' },
  });
}

function pointInside(f: Feature): [number, number] {
  const [lon, lat] = pointOnFeature(f as Feature<Geometry>).geometry.coordinates;
  return [lon, lat];
}
