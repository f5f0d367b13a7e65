import { GeoJsonLayer, ScatterplotLayer } from 'deck.gl';
import type { Feature, Point, Polygon } from 'geojson';
import type { CameraProps, TwinFile } from '../../engine/twin/types.ts';
import { plainWedge } from './camera-view.ts';
import { COLORS } from './colors.ts';
import { pointPosition, pointsOfKind } from './features.ts';
import type { Rgba } from './types.ts';
import type { CameraViews } from '../worker/views.ts';

type CameraFeature = Feature<Point, CameraProps>;

export function cameraStatusColor(p: CameraProps): Rgba {
  if (p.intact === false) return COLORS.cameraBroken;
  return p.online === false ? COLORS.cameraOffline : COLORS.cameraOnline;
}

/**
 * View sectors of the cameras that can see (online and intact): the engine's occluded views
 * when computed (`views`), else — while they load or if their worker failed — plain wedges.
 */
export function cameraSectorLayer(twin: TwinFile, views: CameraViews | null) {
  const sectors: Feature<Polygon, CameraProps>[] = [];
  for (const camera of pointsOfKind(twin, 'camera')) {
    if (camera.properties.online === false || camera.properties.intact === false) continue;
    const polygon = views ? views.get(camera.properties.id) : plainWedge(camera);
    if (polygon) sectors.push({ type: 'Feature', geometry: polygon, properties: camera.properties });
  }
  return new GeoJsonLayer<CameraProps>({
    id: views ? 'camera-views' : 'camera-wedges',
    data: sectors,
    filled: true,
    stroked: true,
    getFillColor: COLORS.viewSector,
    getLineColor: [60, 170, 110, 60],
    getLineWidth: 1,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}

/** Cameras as points coloured online / offline / broken; failing cameras ringed. */
export function cameraPointLayer(twin: TwinFile, highlightIds: ReadonlySet<string>) {
  return new ScatterplotLayer<CameraFeature>({
    id: 'cameras',
    data: pointsOfKind(twin, 'camera'),
    getPosition: pointPosition,
    getRadius: (f) => (highlightIds.has(f.properties.id) ? 7 : 3),
    radiusUnits: 'pixels',
    getFillColor: (f) => cameraStatusColor(f.properties),
    stroked: true,
    getLineColor: (f) => (highlightIds.has(f.properties.id) ? COLORS.highlight : [255, 255, 255, 255]),
    getLineWidth: (f) => (highlightIds.has(f.properties.id) ? 3 : 1),
    lineWidthUnits: 'pixels',
    pickable: true,
    parameters: { depthCompare: 'always' },
    updateTriggers: { getRadius: [...highlightIds], getLineColor: [...highlightIds], getLineWidth: [...highlightIds] },
  });
}
