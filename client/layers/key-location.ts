import { GeoJsonLayer } from 'deck.gl';
import type { Feature, Geometry } from 'geojson';
import type { CheckResult } from '../../engine/report/types.ts';
import type { KeyLocationProps, TwinFile } from '../../engine/twin/types.ts';
import { COLORS } from './colors.ts';
import { featuresOfKind } from './features.ts';

/**
 * Key locations (entrances: points; main roads and fire lanes: lines), coloured covered /
 * uncovered from the `video-coverage` check's evidence.failingIds. Without a report, grey.
 */
export function keyLocationLayer(twin: TwinFile, videoCoverage: CheckResult | undefined, selectedId: string | null) {
  const failing = new Set(videoCoverage?.evidence?.failingIds ?? []);
  const colorOf = (f: Feature<Geometry, KeyLocationProps>) => {
    if (f.properties.id === selectedId) return COLORS.selected;
    if (!videoCoverage) return COLORS.facility;
    return failing.has(f.properties.id) ? COLORS.uncovered : COLORS.covered;
  };
  return new GeoJsonLayer<KeyLocationProps>({
    id: 'key-locations',
    data: featuresOfKind(twin, 'keyLocation'),
    pointType: 'circle',
    getPointRadius: 7,
    pointRadiusUnits: 'pixels',
    getFillColor: colorOf,
    getLineColor: (f) => (f.geometry.type === 'Point' ? [255, 255, 255, 255] : colorOf(f)),
    getLineWidth: (f) => (f.geometry.type === 'Point' ? 2 : 5),
    lineWidthUnits: 'pixels',
    stroked: true,
    lineCapRounded: true,
    pickable: true,
    parameters: { depthCompare: 'always' },
    updateTriggers: { getFillColor: [selectedId, ...failing], getLineColor: [selectedId, ...failing] },
  });
}
