import { GeoJsonLayer, ScatterplotLayer, TextLayer } from 'deck.gl';
import type { Feature, Point, Polygon } from 'geojson';
import type { CameraProps, TwinFile } from '../../engine/twin/types.ts';
import { plainWedge } from './camera-view.ts';
import { COLORS } from './colors.ts';
import { pointPosition, pointsOfKind } from './features.ts';
import { LABEL_FONT } from './labels.ts';
import { twinTileLayer, type TileLayerStyle, type TileSource } from './tiles.ts';
import type { Rgba } from './types.ts';
import type { CameraViews } from '../worker/engine.ts';

type CameraFeature = Feature<Point, CameraProps>;

/** from this zoom on, every camera is drawn with its view; below, cameras are counted per cell */
export const CAMERA_DETAIL_ZOOM = 17;
/** a cluster cell, in screen pixels at the current zoom */
const CLUSTER_CELL_PX = 48;

export function cameraStatusColor(p: CameraProps): Rgba {
  if (p.intact === false) return COLORS.cameraBroken;
  return p.online === false ? COLORS.cameraOffline : COLORS.cameraOnline;
}

const canSee = (p: CameraProps) => p.online !== false && p.intact !== false;

/**
 * View sectors of the cameras that can see (online and intact): the engine's occluded views
 * when computed (`views`), else — while they load or if their worker failed — plain wedges.
 */
export function cameraSectorLayer(twin: TwinFile, views: CameraViews | null) {
  const sectors: Feature<Polygon, CameraProps>[] = [];
  for (const camera of pointsOfKind(twin, 'camera')) {
    if (!canSee(camera.properties)) continue;
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

const cameraRadius = (highlightIds: ReadonlySet<string>) => (f: { properties: CameraProps }) => (highlightIds.has(f.properties.id) ? 7 : 3.5);
// offline and broken cameras get a dark rim, so their state is not told by colour alone
const cameraRim = (highlightIds: ReadonlySet<string>) => (f: { properties: CameraProps }): Rgba =>
  (highlightIds.has(f.properties.id) ? COLORS.highlight : canSee(f.properties) ? [255, 255, 255, 255] : [40, 40, 40, 255]);
const cameraRimWidth = (highlightIds: ReadonlySet<string>) => (f: { properties: CameraProps }) => (highlightIds.has(f.properties.id) ? 3 : 1);

/** Cameras as points coloured online / offline / broken; failing cameras ringed. */
export function cameraPointLayer(cameras: CameraFeature[], highlightIds: ReadonlySet<string>, id = 'cameras') {
  return new ScatterplotLayer<CameraFeature>({
    id,
    data: cameras,
    getPosition: pointPosition,
    getRadius: cameraRadius(highlightIds),
    radiusUnits: 'pixels',
    getFillColor: (f) => cameraStatusColor(f.properties),
    stroked: true,
    getLineColor: cameraRim(highlightIds),
    getLineWidth: cameraRimWidth(highlightIds),
    lineWidthUnits: 'pixels',
    pickable: true,
    parameters: { depthCompare: 'always' },
    updateTriggers: { getRadius: [...highlightIds], getLineColor: [...highlightIds], getLineWidth: [...highlightIds] },
  });
}

/** The same points from the vector tiles (a large community; tile features carry id, online, intact). */
export function cameraTileLayer(twin: TwinFile, source: TileSource, highlightIds: ReadonlySet<string>) {
  const style = {
    pointType: 'circle',
    getPointRadius: cameraRadius(highlightIds),
    pointRadiusUnits: 'pixels',
    getFillColor: (f: { properties: CameraProps }) => cameraStatusColor(f.properties),
    stroked: true,
    getLineColor: cameraRim(highlightIds),
    getLineWidth: cameraRimWidth(highlightIds),
    lineWidthUnits: 'pixels',
    pickable: true,
    parameters: { depthCompare: 'always' },
    updateTriggers: { getPointRadius: [...highlightIds], getLineColor: [...highlightIds], getLineWidth: [...highlightIds] },
  };
  return twinTileLayer('cameras-tiles', 'camera', twin, source, style as unknown as TileLayerStyle);
}

export interface CameraCluster { position: [number, number]; count: number; seeing: number }

/** Cameras binned into square cells of CLUSTER_CELL_PX screen pixels at `zoom`. */
export function cameraClusters(cameras: CameraFeature[], zoom: number): CameraCluster[] {
  if (cameras.length === 0) return [];
  const lat0 = cameras[0].geometry.coordinates[1];
  const metresPerPx = (156_543.03 * Math.cos((lat0 * Math.PI) / 180)) / 2 ** zoom;
  const cellDegLat = (CLUSTER_CELL_PX * metresPerPx) / 111_195;
  const cellDegLon = cellDegLat / Math.cos((lat0 * Math.PI) / 180);
  const cells = new Map<string, { lon: number; lat: number; count: number; seeing: number }>();
  for (const c of cameras) {
    const [lon, lat] = c.geometry.coordinates;
    const key = `${Math.floor(lon / cellDegLon)}:${Math.floor(lat / cellDegLat)}`;
    const cell = cells.get(key) ?? { lon: 0, lat: 0, count: 0, seeing: 0 };
    cell.lon += lon; cell.lat += lat; cell.count++;
    if (canSee(c.properties)) cell.seeing++;
    cells.set(key, cell);
  }
  return [...cells.values()].map((c) => ({ position: [c.lon / c.count, c.lat / c.count], count: c.count, seeing: c.seeing }));
}

/**
 * Zoomed out: one disc per cell with the number of cameras in it (a grey rim when some
 * cannot see); the highlighted cameras stay single points above the clusters.
 */
export function cameraClusterLayers(twin: TwinFile, zoom: number, highlightIds: ReadonlySet<string>, fontReady: boolean) {
  const cameras = pointsOfKind(twin, 'camera');
  const clusters = cameraClusters(cameras.filter((c) => !highlightIds.has(c.properties.id)), Math.floor(zoom * 2) / 2);
  const radius = (c: CameraCluster) => (c.count === 1 ? 3.5 : Math.min(14, 4.5 + 1.3 * Math.sqrt(c.count)));
  return [
    new ScatterplotLayer<CameraCluster>({
      id: 'camera-clusters',
      data: clusters,
      getPosition: (c) => c.position,
      getRadius: radius,
      radiusUnits: 'pixels',
      getFillColor: (c) => (c.count === 1 ? COLORS.cameraOnline : COLORS.cameraCluster),
      stroked: true,
      getLineColor: (c) => (c.seeing < c.count ? COLORS.cameraOffline : [255, 255, 255, 255]),
      getLineWidth: (c) => (c.seeing < c.count ? 2.5 : 1.5),
      lineWidthUnits: 'pixels',
      parameters: { depthCompare: 'always' },
    }),
    fontReady && new TextLayer<CameraCluster>({
      id: 'camera-cluster-counts',
      data: clusters.filter((c) => c.count > 1),
      getPosition: (c) => c.position,
      getText: (c) => String(c.count),
      getSize: 10,
      getColor: [255, 255, 255, 255],
      ...LABEL_FONT,
      parameters: { depthCompare: 'always' },
    }),
    cameraPointLayer(cameras.filter((c) => highlightIds.has(c.properties.id)), highlightIds, 'cameras-highlighted'),
  ];
}
