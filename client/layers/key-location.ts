import { GeoJsonLayer, IconLayer } from 'deck.gl';
import type { Feature, Geometry, Point } from 'geojson';
import type { CheckResult } from '../../engine/report/types.ts';
import type { KeyLocationProps, TwinFile } from '../../engine/twin/types.ts';
import { COLORS } from './colors.ts';
import { featuresOfKind } from './features.ts';
import { iconAtlas } from './icons.ts';

/**
 * Key locations (entrances: points; main roads and fire lanes: lines), coloured covered /
 * uncovered from the `video-coverage` check's evidence.failingIds — and, for colour-blind
 * eyes, entrances carry a ✓ / ✗ glyph. Without a report, grey.
 */
export function keyLocationLayers(twin: TwinFile, videoCoverage: CheckResult | undefined, selectedId: string | null) {
  const failing = new Set(videoCoverage?.evidence?.failingIds ?? []);
  const entrances = featuresOfKind(twin, 'keyLocation').filter((f): f is Feature<Point, KeyLocationProps> => f.geometry.type === 'Point');
  const { image, mapping } = iconAtlas();
  return [
    keyLocationLayer(twin, videoCoverage, selectedId),
    videoCoverage && new IconLayer<Feature<Point, KeyLocationProps>>({
      id: 'key-location-marks',
      data: entrances,
      iconAtlas: image,
      iconMapping: mapping,
      getIcon: (f) => (failing.has(f.properties.id) ? 'cross' : 'check'),
      getPosition: (f) => [f.geometry.coordinates[0], f.geometry.coordinates[1]],
      getSize: 10,
      sizeUnits: 'pixels',
      getColor: [255, 255, 255, 255],
      parameters: { depthCompare: 'always' },
      updateTriggers: { getIcon: [...failing] },
    }),
  ];
}

function keyLocationLayer(twin: TwinFile, videoCoverage: CheckResult | undefined, selectedId: string | null) {
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
    getPointRadius: 8,
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
