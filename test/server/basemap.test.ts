/**
 * The offline OSM basemap: the committed archive tiles/nanjing-qinhuai-wulaocun.pmtiles is
 * what the build script makes from the OSM extract (byte for byte), the server serves it as
 * TileJSON + vector tiles, and a tile over the real community decodes to its roads and
 * buildings. The PMTiles writer is read back with the independent `pmtiles` reader.
 */
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { PMTiles } from 'pmtiles';
import { gzipSync } from 'node:zlib';
import { basemapRouter, FileRangeSource } from '../../server/basemap/router.ts';
import { buildBasemap } from '../../server/basemap/build.ts';
import { assembleRings, parseOsm } from '../../server/basemap/osm.ts';
import { writePmtiles } from '../../server/basemap/pmtiles.ts';
import { basemapFor, type BasemapEntry } from '../../server/basemap/manifest.ts';
import { errorMiddleware } from '../../server/errors.ts';
import { tileAt } from '../../server/tiles/tileMath.ts';
import { bboxOf } from '../../client/map/bbox.ts';
import type { TwinFile } from '../../engine/twin/types.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const NAME = 'nanjing-qinhuai-wulaocun';
const ARCHIVE = join(ROOT, 'tiles', `${NAME}.pmtiles`);
const OSM = join(ROOT, 'data/real/nanjing-qinhuai-wulaocun/osm_bbox.osm.xml');
const twin = JSON.parse(readFileSync(join(ROOT, 'data/real/nanjing-qinhuai-wulaocun/twin.geojson'), 'utf8')) as TwinFile;
const boundary = twin.features.find((f) => f.properties?.kind === 'community')!;
const communityBbox = bboxOf([boundary])!;

let server: Server;
let url: string;
beforeAll(async () => {
  const app = express();
  app.use('/basemap', basemapRouter());
  app.use(errorMiddleware);
  server = await new Promise((ok) => { const s = app.listen(0, '127.0.0.1', () => ok(s)); });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/basemap`;
});
afterAll(() => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }));

function decode(bytes: ArrayBuffer) {
  const tile = new VectorTile(new PbfReader(new Uint8Array(bytes)));
  const out: Record<string, { type: number; properties: Record<string, unknown> }[]> = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    out[name] = [];
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      f.loadGeometry();
      out[name].push({ type: f.type, properties: f.properties });
    }
  }
  return out;
}

describe('the committed archive', () => {
  it('is what the build script makes from the OSM extract, and small', () => {
    const committed = readFileSync(ARCHIVE);
    const built = buildBasemap(readFileSync(OSM, 'utf8'), NAME);
    expect(Buffer.compare(built.archive, committed)).toBe(0);
    expect(committed.length).toBeLessThan(3 * 1024 * 1024);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'tiles/basemaps.json'), 'utf8')) as BasemapEntry[];
    expect(manifest).toContainEqual(built.entry);
    expect(built.features.building).toBeGreaterThan(1000);
    expect(built.features.road).toBeGreaterThan(100);
  }, 60_000);

  it('covers the real community and not the demos', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'tiles/basemaps.json'), 'utf8')) as BasemapEntry[];
    expect(basemapFor(manifest, communityBbox)?.name).toBe(NAME);
    for (const demo of ['xueyuan', 'nanmen']) {
      const t = JSON.parse(readFileSync(join(ROOT, `data/demo/${demo}/twin.geojson`), 'utf8')) as TwinFile;
      expect(basemapFor(manifest, bboxOf(t.features.filter((f) => f.properties?.kind === 'community')))).toBeNull();
    }
  });
});

describe('GET /basemap', () => {
  it('lists the archive with its bounds and attribution', async () => {
    const res = await fetch(`${url}/index.json`);
    expect(res.status).toBe(200);
    const list = await res.json() as { name: string; bounds: number[]; attribution: string; tilejson: string }[];
    expect(list.map((b) => b.name)).toContain(NAME);
    expect(list.find((b) => b.name === NAME)?.tilejson).toBe(`${url}/${NAME}.json`);
  });

  it('gives TileJSON with the OpenStreetMap attribution and zooms 12–17', async () => {
    const res = await fetch(`${url}/${NAME}.json`);
    expect(res.status).toBe(200);
    const tj = await res.json() as { tilejson: string; attribution: string; tiles: string[]; minzoom: number; maxzoom: number; bounds: number[]; vector_layers: { id: string }[] };
    expect(tj.tilejson).toBe('3.0.0');
    expect(tj.attribution).toContain('© OpenStreetMap contributors');
    expect(tj.tiles).toEqual([`${url}/${NAME}/{z}/{x}/{y}.pbf`]);
    expect([tj.minzoom, tj.maxzoom]).toEqual([12, 17]);
    expect(tj.vector_layers.map((l) => l.id).sort()).toEqual(['building', 'landuse', 'railway', 'road', 'water', 'waterway']);
    const [w, s, e, n] = tj.bounds;
    expect(w <= communityBbox[0] && s <= communityBbox[1] && e >= communityBbox[2] && n >= communityBbox[3]).toBe(true);
  });

  it('a z16 tile over the community decodes to roads (named, by class) and building footprints', async () => {
    const centre = [(communityBbox[0] + communityBbox[2]) / 2, (communityBbox[1] + communityBbox[3]) / 2];
    const { z, x, y } = tileAt(centre[0], centre[1], 16);
    const res = await fetch(`${url}/${NAME}/${z}/${x}/${y}.pbf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    const layers = decode(await res.arrayBuffer());
    expect(layers.building?.length).toBeGreaterThan(20);
    expect(layers.building.every((f) => f.type === 3)).toBe(true);
    expect(layers.road?.length).toBeGreaterThan(5);
    expect(layers.road.every((f) => f.type === 2)).toBe(true);
    const classes = new Set(layers.road.map((f) => f.properties.class));
    expect([...classes].some((c) => ['primary', 'secondary', 'tertiary', 'minor'].includes(String(c)))).toBe(true);
    expect(layers.road.some((f) => typeof f.properties.name === 'string' && /路|街|巷/.test(String(f.properties.name)))).toBe(true);
  });

  it('leaves buildings out below z14 but keeps the main roads at z12', async () => {
    const { z, x, y } = tileAt(communityBbox[0], communityBbox[1], 12);
    const layers = decode(await (await fetch(`${url}/${NAME}/${z}/${x}/${y}.pbf`)).arrayBuffer());
    expect(layers.building).toBeUndefined();
    expect(new Set(layers.road.map((f) => f.properties.class))).not.toContain('path');
    expect(layers.road.some((f) => f.properties.class === 'primary' || f.properties.class === 'trunk')).toBe(true);
  });

  it('204 where the archive has no tile, 404 for an unknown basemap, 400 for a bad address', async () => {
    const far = tileAt(116.4, 39.9, 15);
    expect((await fetch(`${url}/${NAME}/${far.z}/${far.x}/${far.y}.pbf`)).status).toBe(204);
    expect((await fetch(`${url}/${NAME}/3/1/1.pbf`)).status).toBe(204);
    expect((await fetch(`${url}/nowhere.json`)).status).toBe(404);
    expect((await fetch(`${url}/nowhere/16/1/1.pbf`)).status).toBe(404);
    expect((await fetch(`${url}/${NAME}/16/-1/1.pbf`)).status).toBe(400);
    expect((await fetch(`${url}/${NAME}/16/1/1.png`)).status).toBe(400);
  });
});

describe('PMTiles writer', () => {
  it('is read back by the pmtiles package: tiles, runs of equal tiles, metadata, header', async () => {
    const a = gzipSync(Buffer.from('tile a')), b = gzipSync(Buffer.from('tile b'));
    // z2: four equal neighbours in Hilbert order become one run
    const tiles = [{ z: 0, x: 0, y: 0, data: a }, { z: 2, x: 0, y: 0, data: b }, { z: 2, x: 0, y: 1, data: b }, { z: 2, x: 1, y: 1, data: b }, { z: 2, x: 1, y: 0, data: b }, { z: 1, x: 1, y: 1, data: a }];
    const bytes = writePmtiles(tiles, { bounds: [-10, -5, 10, 5], center: [0, 0, 1], minZoom: 0, maxZoom: 2, metadata: { name: 't', attribution: 'x' }, tileCompression: 'gzip' });
    const dir = mkdtempSync(join(tmpdir(), 'pmtiles-'));
    try {
      writeFileSync(join(dir, 't.pmtiles'), bytes);
      const source = new FileRangeSource(join(dir, 't.pmtiles'));
      const p = new PMTiles(source);
      const h = await p.getHeader();
      expect(h).toMatchObject({ specVersion: 3, minZoom: 0, maxZoom: 2, minLon: -10, minLat: -5, maxLon: 10, maxLat: 5, numAddressedTiles: 6, numTileContents: 2, tileType: 1, clustered: true });
      expect(h.numTileEntries).toBeLessThan(6);
      const text = async (z: number, x: number, y: number) => { const r = await p.getZxy(z, x, y); return r ? Buffer.from(r.data).toString() : null; };
      expect(await text(0, 0, 0)).toBe('tile a');
      expect(await text(1, 1, 1)).toBe('tile a');
      for (const [x, y] of [[0, 0], [0, 1], [1, 1], [1, 0]]) expect(await text(2, x, y)).toBe('tile b');
      expect(await text(2, 3, 3)).toBeNull();
      expect(await text(1, 0, 0)).toBeNull();
      expect(await p.getMetadata()).toEqual({ name: 't', attribution: 'x' });
      await source.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a tile given twice', () => {
    const t = { z: 1, x: 0, y: 0, data: new Uint8Array([1]) };
    expect(() => writePmtiles([t, t], { bounds: [0, 0, 1, 1], center: [0, 0, 0], minZoom: 1, maxZoom: 1, metadata: {}, tileCompression: 'none' })).toThrow(/twice/);
  });
});

describe('OSM extract → layers', () => {
  it('joins multipolygon member ways, reversed or not, into closed rings', () => {
    const rings = assembleRings([[[0, 0], [1, 0]], [[1, 1], [1, 0]], [[1, 1], [0, 1], [0, 0]], [[5, 5], [6, 6]]]);
    expect(rings).toHaveLength(1);
    expect(rings[0][0]).toEqual(rings[0][rings[0].length - 1]);
    expect(rings[0]).toHaveLength(5);
  });

  it('classifies a small extract and refuses what is not OSM XML', () => {
    const xml = `<?xml version="1.0"?><osm version="0.6">
      <node id="1" lat="0" lon="0"/><node id="2" lat="0" lon="0.001"/><node id="3" lat="0.001" lon="0.001"/><node id="4" lat="0.001" lon="0"/>
      <node id="9" lat="0.0005" lon="0.0005"><tag k="amenity" v="cafe"/></node>
      <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/><tag k="building" v="yes"/><tag k="building:levels" v="5"/></way>
      <way id="11"><nd ref="1"/><nd ref="3"/><tag k="highway" v="primary"/><tag k="name" v="中山东路"/></way>
      <way id="12"><nd ref="2"/><nd ref="4"/><tag k="highway" v="footway"/></way>
      <way id="13"><nd ref="1"/><nd ref="404"/><tag k="highway" v="residential"/></way>
      <way id="14"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="1"/><tag k="leisure" v="park"/></way>
    </osm>`;
    const osm = parseOsm(xml);
    expect(osm.layers.building.features.map((f) => f.properties)).toEqual([{ class: 'building', levels: 5, minzoom: 14 }]);
    expect(osm.layers.road.features.map((f) => [f.properties.class, f.properties.name])).toEqual([['primary', '中山东路'], ['path', undefined]]);
    expect(osm.layers.landuse.features.map((f) => f.properties.class)).toEqual(['green']);
    expect(osm.dataWindow).toEqual([0.0005, 0.0005, 0.0005, 0.0005]);
    expect(() => parseOsm('<gpx></gpx>')).toThrow(/not an OSM XML/);
  });
});
