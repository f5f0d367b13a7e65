/**
 * Builds the offline vector basemap of the real OSM community's surroundings:
 *   npm run basemap:build   (= tsx server/basemap/build.ts [osm.xml] [name])
 * OSM XML → layers (server/basemap/osm.ts) → geojson-vt → vt-pbf tiles z12–z17 over the
 * extract's data window → one PMTiles v3 archive tiles/{name}.pmtiles, plus
 * tiles/basemaps.json (name, bounds, zooms, attribution) that the client style is built with.
 * The output is deterministic: the same extract gives the same bytes.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import GeoJSONVT from 'geojson-vt';
import type { LegacyTile } from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';
import { BASEMAP_LAYERS, parseOsm, type BasemapLayer } from './osm.ts';
import { writePmtiles, type PmtilesTile } from './pmtiles.ts';
import { ATTRIBUTION, type BasemapEntry } from './manifest.ts';

const ROOT = resolve(import.meta.dirname, '../..');
export const MIN_ZOOM = 12;
export const MAX_ZOOM = 17;
const EXTENT = 4096;
/** tiles cover the data window and this much around it (degrees, ≈ 100 m): ways leaving the window go on a little */
const PAD_DEG = 0.001;

const lonToX = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const latToY = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};

export interface BuildResult { archive: Buffer; entry: BasemapEntry; tiles: number; features: Record<BasemapLayer, number> }

export function buildBasemap(xml: string, name: string): BuildResult {
  const osm = parseOsm(xml);
  const [w, s, e, n] = osm.dataWindow;
  const bounds: [number, number, number, number] = [w - PAD_DEG, s - PAD_DEG, e + PAD_DEG, n + PAD_DEG].map((v) => Math.round(v * 1e7) / 1e7) as [number, number, number, number];
  const indexes = Object.fromEntries(BASEMAP_LAYERS.map((layer) => [layer, new GeoJSONVT(osm.layers[layer], {
    maxZoom: MAX_ZOOM, indexMaxZoom: MAX_ZOOM, indexMaxPoints: 0, extent: EXTENT, buffer: 64, tolerance: 3,
  })])) as Record<BasemapLayer, GeoJSONVT>;
  const tiles: PmtilesTile[] = [];
  for (let z = MIN_ZOOM; z <= MAX_ZOOM; z++) {
    for (let x = lonToX(bounds[0], z); x <= lonToX(bounds[2], z); x++) {
      for (let y = latToY(bounds[3], z); y <= latToY(bounds[1], z); y++) {
        const layers: Record<string, LegacyTile> = {};
        for (const layer of BASEMAP_LAYERS) {
          const cut = indexes[layer].getTile(z, x, y);
          const features = cut?.features.filter((f) => Number((f.tags as { minzoom?: number } | null)?.minzoom ?? 0) <= z)
            .map((f) => ({ ...f, tags: Object.fromEntries(Object.entries(f.tags ?? {}).filter(([k, v]) => k !== 'minzoom' && v !== undefined && v !== null)) }));
          if (cut && features && features.length > 0) layers[layer] = { ...cut, features } as LegacyTile;
        }
        if (Object.keys(layers).length === 0) continue;
        const pbf = fromGeojsonVt(layers, { version: 2, extent: EXTENT });
        tiles.push({ z, x, y, data: gzipSync(pbf, { level: 9 }) });
      }
    }
  }
  if (tiles.length === 0) throw new Error('no tile has any feature: is the extract empty?');
  const vectorLayers = [
    { id: 'landuse', fields: { class: 'String' }, minzoom: MIN_ZOOM, maxzoom: MAX_ZOOM },
    { id: 'water', fields: { class: 'String', name: 'String' }, minzoom: MIN_ZOOM, maxzoom: MAX_ZOOM },
    { id: 'waterway', fields: { class: 'String', name: 'String' }, minzoom: MIN_ZOOM, maxzoom: MAX_ZOOM },
    { id: 'building', fields: { class: 'String', levels: 'Number' }, minzoom: 14, maxzoom: MAX_ZOOM },
    { id: 'railway', fields: { class: 'String', tunnel: 'Boolean' }, minzoom: MIN_ZOOM, maxzoom: MAX_ZOOM },
    { id: 'road', fields: { class: 'String', name: 'String', tunnel: 'Boolean', bridge: 'Boolean' }, minzoom: MIN_ZOOM, maxzoom: MAX_ZOOM },
  ];
  const center: [number, number, number] = [Math.round(((bounds[0] + bounds[2]) / 2) * 1e7) / 1e7, Math.round(((bounds[1] + bounds[3]) / 2) * 1e7) / 1e7, 15];
  const description = `OpenStreetMap extract around ${name}${osm.osmBase ? ` (OSM data of ${osm.osmBase})` : ''}: data complete inside [${osm.dataWindow.join(', ')}]`;
  const archive = writePmtiles(tiles, {
    bounds, center, minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM, tileCompression: 'gzip',
    metadata: { name, description, attribution: ATTRIBUTION, license: 'ODbL-1.0', type: 'baselayer', format: 'pbf', vector_layers: vectorLayers },
  });
  const features = Object.fromEntries(BASEMAP_LAYERS.map((l) => [l, osm.layers[l].features.length])) as Record<BasemapLayer, number>;
  return { archive, tiles: tiles.length, features, entry: { name, bounds, minzoom: MIN_ZOOM, maxzoom: MAX_ZOOM, attribution: ATTRIBUTION } };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const source = resolve(process.argv[2] ?? join(ROOT, 'data/real/nanjing-qinhuai-wulaocun/osm_bbox.osm.xml'));
  const name = process.argv[3] ?? 'nanjing-qinhuai-wulaocun';
  if (!/^[a-z0-9-]+$/.test(name)) {
    console.error(`basemap name must be lower-case letters, digits and dashes: ${name}`);
    process.exit(2);
  }
  const started = performance.now();
  const result = buildBasemap(readFileSync(source, 'utf8'), name);
  mkdirSync(join(ROOT, 'tiles'), { recursive: true });
  writeFileSync(join(ROOT, 'tiles', `${name}.pmtiles`), result.archive);
  const manifestPath = join(ROOT, 'tiles/basemaps.json');
  let manifest: BasemapEntry[] = [];
  try { manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BasemapEntry[]; } catch { /* first build */ }
  manifest = [...manifest.filter((m) => m.name !== name), result.entry].sort((a, b) => a.name.localeCompare(b.name));
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`tiles/${name}.pmtiles: ${result.tiles} tiles z${MIN_ZOOM}–z${MAX_ZOOM}, ${(result.archive.length / 1024).toFixed(0)} KiB, features ${JSON.stringify(result.features)}, ${(performance.now() - started).toFixed(0)} ms`);
}
