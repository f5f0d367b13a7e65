import { GeoJsonLayer } from 'deck.gl';
import type { CheckResult } from '../../engine/report/types.ts';
import type { BuildingProps, TwinFile } from '../../engine/twin/types.ts';
import { COLORS } from './colors.ts';
import { featuresOfKind } from './features.ts';
import { gapsOf } from './report-lookup.ts';

/**
 * The 15-minute walk (`sports-walk` check): the isochrone polygon(s) from its evidence,
 * and the residential buildings it did not reach (evidence.failingIds), ringed in orange.
 */
export function sportsWalkLayers(twin: TwinFile, check: CheckResult | undefined) {
  const unreached = new Set(check?.evidence?.failingIds ?? []);
  const areas = gapsOf(check).filter((f) => {
    const t = f.geometry?.type;
    return (t === 'Polygon' || t === 'MultiPolygon') && !unreached.has(String(f.properties?.id ?? ''));
  });
  return [
    new GeoJsonLayer({
      id: 'sports-walk-isochrone',
      data: areas,
      filled: true,
      getFillColor: COLORS.isochrone,
      stroked: true,
      getLineColor: [40, 140, 180, 200],
      getLineWidth: 2,
      lineWidthUnits: 'pixels',
      pickable: true,
    }),
    new GeoJsonLayer<BuildingProps>({
      id: 'sports-walk-unreached',
      data: featuresOfKind(twin, 'building').filter((f) => unreached.has(f.properties.id)),
      filled: false,
      stroked: true,
      getLineColor: COLORS.unreached,
      getLineWidth: 3,
      lineWidthUnits: 'pixels',
      pickable: false,
      parameters: { depthCompare: 'always' },
    }),
  ];
}
