import { IconLayer, ScatterplotLayer } from 'deck.gl';
import type { Feature, Point } from 'geojson';
import type { BaseProps, TwinFile } from '../../engine/twin/types.ts';
import { COLORS, type ColorName } from './colors.ts';
import { iconAtlas, iconOf } from './icons.ts';
import { labelCentroid } from './labels.ts';
import { twinTileLayer, type TileLayerStyle, type TileSource } from './tiles.ts';
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
export function facilityLayers(twin: TwinFile, highlightIds: ReadonlySet<string>, selectedId: string | null, zoom: number, lightTiles: TileSource | null = null) {
  const all = facilityPoints(twin);
  // lights of a large community come from the tiles (lightTileLayer), the other facilities from the JSON
  const data = lightTiles ? all.filter((f) => f.properties.kind !== 'light') : all;
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
  const lights = lightTiles && lightTileLayer(twin, lightTiles, highlightIds, selectedId, detailed);
  if (!detailed) return [discs, lights];
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
  return [discs, lights, icons];
}

/** Lights from the vector tiles: the discs and (zoomed in) the icon of facilityLayers. */
function lightTileLayer(twin: TwinFile, source: TileSource, highlightIds: ReadonlySet<string>, selectedId: string | null, detailed: boolean) {
  const { image, mapping } = iconAtlas();
  const idOf = (f: { properties: BaseProps }) => f.properties.id;
  const style = {
    pointType: detailed ? 'circle+icon' : 'circle',
    getPointRadius: (f: { properties: BaseProps }) => (highlightIds.has(idOf(f)) ? (detailed ? 12 : 8) : detailed ? 7 : 2.5),
    pointRadiusUnits: 'pixels',
    getFillColor: (f: { properties: BaseProps }): Rgba => {
      const [r, g, b] = idOf(f) === selectedId ? COLORS.selected : highlightIds.has(idOf(f)) ? COLORS.highlight : COLORS.light;
      return [r, g, b, 255];
    },
    stroked: true,
    getLineColor: [255, 255, 255, 255],
    getLineWidth: detailed ? 1.5 : 1,
    lineWidthUnits: 'pixels',
    iconAtlas: image,
    iconMapping: mapping,
    getIcon: () => 'light',
    getIconSize: 10,
    iconSizeUnits: 'pixels',
    getIconColor: [90, 70, 0, 255],
    pickable: true,
    parameters: { depthCompare: 'always' },
    updateTriggers: { getFillColor: [selectedId, ...highlightIds], getPointRadius: [detailed, ...highlightIds] },
  };
  return twinTileLayer('lights-tiles', 'light', twin, source, style as unknown as TileLayerStyle);
}
