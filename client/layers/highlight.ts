import { GeoJsonLayer } from 'deck.gl';
import type { ReportRow } from '../../engine/report/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { COLORS } from './colors.ts';
import { gapsOfRow } from './report-lookup.ts';

/**
 * The selected scorecard row: its gap geometries and exactly its failing features
 * (buildings are tinted by the building layer; everything else is ringed here).
 */
export function highlightLayers(twin: TwinFile, row: ReportRow | null, checkId: string | null, failingIds: ReadonlySet<string>) {
  if (!row) return [];
  const failing = twin.features.filter((f) => failingIds.has(f.properties?.id) && f.properties.kind !== 'building');
  return [
    new GeoJsonLayer({
      id: 'highlight-gaps',
      data: gapsOfRow(row, checkId),
      filled: true,
      getFillColor: [255, 0, 110, 60],
      stroked: true,
      getLineColor: COLORS.highlight,
      getLineWidth: 3,
      lineWidthUnits: 'pixels',
      pointType: 'circle',
      getPointRadius: 9,
      pointRadiusUnits: 'pixels',
      pickable: true,
      parameters: { depthCompare: 'always' },
    }),
    new GeoJsonLayer({
      id: 'highlight-features',
      data: failing,
      filled: false,
      stroked: true,
      getLineColor: COLORS.highlight,
      getLineWidth: 4,
      lineWidthUnits: 'pixels',
      pointType: 'circle',
      getPointRadius: 10,
      pointRadiusUnits: 'pixels',
      pickable: false,
      parameters: { depthCompare: 'always' },
    }),
  ];
}
