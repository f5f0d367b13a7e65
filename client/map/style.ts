/**
 * The offline basemap: a background plus the community's own features (boundary,
 * compounds, paths, green/water venues) as inline GeoJSON sources. No remote source,
 * no glyphs URL, no sprites — the twin's labels are drawn by deck.gl with a bundled font.
 *
 * Where the community lies inside an OSM basemap of tiles/ (tiles/basemaps.json, made by
 * server/basemap/build.ts; only the real OSM community has one), its surroundings come from
 * the server's /basemap vector tiles, in muted colours under the twin's own layers. Road
 * names are maplibre symbols drawn with the page's own Noto Sans SC (no glyphs URL: maplibre
 * rasterises them locally). Other communities ask for no basemap tile.
 */
import type { ExpressionSpecification, LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { BaseProps, TwinFile } from '../../engine/twin/types.ts';
import basemaps from '../../tiles/basemaps.json';
import { basemapFor, type BasemapEntry } from '../../server/basemap/manifest.ts';
import { bboxOf } from './bbox.ts';

const GREEN_VENUES = new Set(['sports', 'park', 'green', 'garden', 'plaza']);

function subset(twin: TwinFile | null, keep: (p: BaseProps) => boolean): FeatureCollection {
  const features: Feature<Geometry, BaseProps>[] = twin ? twin.features.filter((f) => f.properties && keep(f.properties)) : [];
  return { type: 'FeatureCollection', features };
}

/** The OSM basemap that holds the twin's community boundary, or null (demos). */
export function basemapOf(twin: TwinFile | null): BasemapEntry | null {
  const community = twin?.features.filter((f) => f.properties?.kind === 'community') ?? [];
  return basemapFor(basemaps as BasemapEntry[], bboxOf(community));
}

const OSM = 'osm';
const MAJOR = ['trunk', 'primary', 'secondary'];
/** Road widths in px at z14 and z18 per class (major, tertiary, minor, service); a third of z14 at z12. */
function roadWidth(major: [number, number], tertiary: [number, number], minor: [number, number], service: [number, number]): ExpressionSpecification {
  const at = (i: 0 | 1, scale = 1): ExpressionSpecification => ['match', ['get', 'class'], MAJOR, major[i] * scale, 'tertiary', tertiary[i] * scale, 'service', service[i] * scale, minor[i] * scale];
  return ['interpolate', ['exponential', 1.6], ['zoom'], 12, at(0, 1 / 3), 14, at(0), 18, at(1)];
}

/** The OSM surroundings' layers, bottom to top (the label layer goes on top of everything). */
function osmLayers(): LayerSpecification[] {
  const notTunnel: ['!=', ['get', string], boolean] = ['!=', ['get', 'tunnel'], true];
  return [
    {
      id: 'osm-landuse', type: 'fill', source: OSM, 'source-layer': 'landuse',
      paint: {
        'fill-color': ['match', ['get', 'class'], 'green', '#dbe6d2', 'pitch', '#d6e4cf', 'residential', '#e6e7e1', 'commercial', '#ebe6e1',
          'education', '#e9e5dc', 'hospital', '#ece3e2', 'parking', '#e3e4e0', '#e5e6e0'],
      },
    },
    { id: 'osm-water', type: 'fill', source: OSM, 'source-layer': 'water', paint: { 'fill-color': '#c6d8e3' } },
    {
      id: 'osm-waterway', type: 'line', source: OSM, 'source-layer': 'waterway',
      paint: { 'line-color': '#c6d8e3', 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 1, 17, 4] },
    },
    {
      id: 'osm-building', type: 'fill', source: OSM, 'source-layer': 'building', minzoom: 14,
      paint: { 'fill-color': '#dcd9d1', 'fill-outline-color': '#cdc9bf' },
    },
    {
      id: 'osm-railway', type: 'line', source: OSM, 'source-layer': 'railway', filter: notTunnel,
      paint: { 'line-color': '#bdbbb5', 'line-width': 1.2, 'line-dasharray': [3, 2] },
    },
    {
      id: 'osm-path', type: 'line', source: OSM, 'source-layer': 'road', minzoom: 15, filter: ['all', ['==', ['get', 'class'], 'path'], notTunnel],
      paint: { 'line-color': '#d3d0c6', 'line-width': ['interpolate', ['linear'], ['zoom'], 15, 0.6, 18, 1.6], 'line-dasharray': [2, 1.5] },
    },
    {
      id: 'osm-road-casing', type: 'line', source: OSM, 'source-layer': 'road', filter: ['all', ['!=', ['get', 'class'], 'path'], notTunnel],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': '#d2cfc6',
        'line-width': roadWidth([5, 26], [4, 20], [2.5, 14], [1.5, 8]),
      },
    },
    {
      id: 'osm-road', type: 'line', source: OSM, 'source-layer': 'road', filter: ['all', ['!=', ['get', 'class'], 'path'], notTunnel],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': ['match', ['get', 'class'], MAJOR, '#fbf7ee', '#fdfdfb'],
        'line-width': roadWidth([3.6, 22], [2.8, 17], [1.6, 11], [0.8, 6]),
      },
    },
  ];
}

const osmLabelLayer: LayerSpecification = {
  id: 'osm-road-label', type: 'symbol', source: OSM, 'source-layer': 'road', minzoom: 15,
  filter: ['all', ['has', 'name'], ['!=', ['get', 'class'], 'path'], ['!=', ['get', 'tunnel'], true]],
  layout: {
    'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': ['Noto Sans SC'],
    'text-size': ['interpolate', ['linear'], ['zoom'], 15, 10, 18, 13], 'text-max-angle': 30, 'symbol-spacing': 320,
  },
  paint: { 'text-color': '#86837b', 'text-halo-color': '#f6f5f1', 'text-halo-width': 1.4 },
};

/** Where the page is served from: tile URLs must be absolute (maplibre fetches them in a worker). */
const origin = () => (typeof location === 'undefined' ? 'http://127.0.0.1' : location.origin);

export function basemapStyle(twin: TwinFile | null): StyleSpecification {
  const osm = basemapOf(twin);
  const osmSources: Record<string, SourceSpecification> = osm ? { [OSM]: { type: 'vector', url: `${origin()}/basemap/${osm.name}.json` } } : {};
  const style = twinStyle(twin);
  if (!osm) return style;
  const [background, ...twinLayers] = style.layers;
  return { ...style, sources: { ...osmSources, ...style.sources }, layers: [background, ...osmLayers(), ...twinLayers, osmLabelLayer] };
}

function twinStyle(twin: TwinFile | null): StyleSpecification {
  return {
    version: 8,
    name: 'communitytwin-offline',
    sources: {
      community: { type: 'geojson', data: subset(twin, (p) => p.kind === 'community') },
      compounds: { type: 'geojson', data: subset(twin, (p) => p.kind === 'compound') },
      paths: { type: 'geojson', data: subset(twin, (p) => p.kind === 'path') },
      green: {
        type: 'geojson',
        data: subset(twin, (p) => p.kind === 'venue' && GREEN_VENUES.has(String(p.type ?? ''))),
      },
      water: { type: 'geojson', data: subset(twin, (p) => p.kind === 'venue' && p.type === 'water') },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#e9ece6' } },
      { id: 'community-fill', type: 'fill', source: 'community', paint: { 'fill-color': '#f7f6f1' } },
      {
        id: 'compound-fill', type: 'fill', source: 'compounds',
        paint: { 'fill-color': ['case', ['==', ['get', 'closed'], true], '#efe7da', '#eef1f4'] },
      },
      {
        id: 'green-fill', type: 'fill', source: 'green', filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': '#cfe6c0', 'fill-outline-color': '#9cc48a' },
      },
      {
        id: 'water-fill', type: 'fill', source: 'water', filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': '#b7d7ef' },
      },
      {
        id: 'path-casing', type: 'line', source: 'paths',
        paint: { 'line-color': '#d4d2c9', 'line-width': ['interpolate', ['linear'], ['zoom'], 14, 1.5, 18, 7] },
        layout: { 'line-cap': 'round', 'line-join': 'round' },
      },
      {
        id: 'path-line', type: 'line', source: 'paths',
        paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 14, 0.8, 18, 5] },
        layout: { 'line-cap': 'round', 'line-join': 'round' },
      },
    ],
  };
}
