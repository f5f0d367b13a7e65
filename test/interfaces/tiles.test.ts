/**
 * /tiles: index, TileJSON, tiles decoded as MVT (positions within a unit of the expected
 * place), ETag revalidation and edits, empty tiles, bad addresses. Runs in both database modes.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FEATURE_KINDS } from '../../engine/twin/types.ts';
import { tileAt } from '../../server/tiles/tileMath.ts';
import { smallTwin } from '../server/twins.ts';
import { importTwin, openInterfaceApp, type InterfaceApp } from './app.ts';
import { decodeTile, tileUnits } from './mvt.ts';

let env: InterfaceApp;
beforeAll(async () => {
  env = await openInterfaceApp();
  await importTwin(env.url, smallTwin('tiles-a'), 'tiles-a');
});
afterAll(async () => env?.close());

const CAMERA_LON = 117.099, CAMERA_LAT = 36.648;
const cameraTile = tileAt(CAMERA_LON, CAMERA_LAT, 17);
const tileUrl = (layer: string, { z, x, y } = cameraTile, query = '') => `${env.url}/tiles/${layer}/${z}/${x}/${y}.pbf${query}`;

async function getTile(url: string, etag?: string) {
  const res = await fetch(url, etag ? { headers: { 'if-none-match': etag } } : {});
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

test('index.json lists one layer per feature kind, with its TileJSON', async () => {
  const index = await (await fetch(`${env.url}/tiles/index.json`)).json();
  expect(Object.keys(index)).toEqual([...FEATURE_KINDS]);
  expect(index.building.detailurl).toBe(`${env.url}/tiles/building.json`);
});

test('TileJSON 3.0.0: tiles URL, zooms, bounds from the data, fields', async () => {
  const res = await fetch(`${env.url}/tiles/building.json?community=tiles-a`);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const tileJson = await res.json();
  expect(tileJson).toMatchObject({
    tilejson: '3.0.0', minzoom: 0, maxzoom: 22,
    tiles: [`${env.url}/tiles/building/{z}/{x}/{y}.pbf?community=tiles-a`],
    vector_layers: [{ id: 'building', fields: { id: 'String', name: 'String', community: 'String', floors: 'Number', use: 'String' } }],
  });
  const [minLon, minLat, maxLon, maxLat] = tileJson.bounds;
  expect(minLon).toBeCloseTo(117.0993, 6);
  expect(minLat).toBeCloseTo(36.6493, 6);
  expect(maxLon).toBeCloseTo(117.1007, 6);
  expect(maxLat).toBeCloseTo(36.6507, 6);
  expect((await fetch(`${env.url}/tiles/building.json?community=nowhere`)).status).toBe(404);
});

test('a camera tile decodes: one layer, scalar properties, the point within a unit of its place', async () => {
  const { res, bytes } = await getTile(tileUrl('camera'));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
  expect(res.headers.get('cache-control')).toBe('no-cache');
  const tile = decodeTile(bytes);
  expect(Object.keys(tile)).toEqual(['camera']);
  const [camera] = tile.camera;
  expect(camera).toMatchObject({ type: 1, properties: { id: 'cam1', kind: 'camera', community: 'tiles-a', purpose: 'keyLocation', online: true, hfovDeg: 90, rangeM: 30 } });
  const [ex, ey] = tileUnits(CAMERA_LON, CAMERA_LAT, cameraTile);
  expect(Math.abs(camera.parts[0][0][0] - ex)).toBeLessThanOrEqual(1);
  expect(Math.abs(camera.parts[0][0][1] - ey)).toBeLessThanOrEqual(1);
});

test('building and path tiles: polygons and lines with the kind attributes', async () => {
  const buildings = decodeTile((await getTile(tileUrl('building', tileAt(117.0995, 36.6495, 17)))).bytes).building;
  expect(buildings.map((b) => b.id)).toContain('b1');
  const b1 = buildings.find((b) => b.id === 'b1')!;
  expect(b1).toMatchObject({ type: 3, properties: { floors: 18, use: 'residential', compoundId: 'c1', households: 120 } });
  expect(b1.properties).not.toHaveProperty('colour');
  const corner = tileUnits(117.0993, 36.6497, tileAt(117.0995, 36.6495, 17));
  const nearest = Math.min(...b1.parts[0].map(([x, y]) => Math.hypot(x - corner[0], y - corner[1])));
  expect(nearest).toBeLessThanOrEqual(1);
  const paths = decodeTile((await getTile(tileUrl('path'))).bytes).path;
  expect(paths).toMatchObject([{ id: 'p1', type: 2, properties: { type: 'footway' } }]);
});

test('a tile without features is 204 No Content, with an ETag', async () => {
  const { res, bytes } = await getTile(tileUrl('building', tileAt(10, 10, 12)));
  expect(res.status).toBe(204);
  expect(bytes.length).toBe(0);
  expect(res.headers.get('etag')).toMatch(/^"/);
  expect((await getTile(tileUrl('camera', cameraTile, '?community=nowhere'))).res.status).toBe(404);
});

describe('bad addresses', () => {
  test.each([
    ['zoom above 24', '25/0/0.pbf'],
    ['x outside the zoom', '3/8/0.pbf'],
    ['y outside the zoom', '3/0/8.pbf'],
    ['a non-integer', '3/a/0.pbf'],
    ['a negative', '3/-1/0.pbf'],
    ['another extension', '3/0/0.png'],
  ])('%s is 400 with the error shape', async (_name, path) => {
    const res = await fetch(`${env.url}/tiles/building/${path}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'bad_request', message: expect.any(String) });
  });

  test('an unknown layer is 404', async () => {
    for (const path of ['/tiles/nope/0/0/0.pbf', '/tiles/nope.json', '/tiles/building/0/0']) {
      const res = await fetch(env.url + path);
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
  });
});

test('tiles follow edits at once: 304 until a replace, a delete, a new import', async () => {
  const twin = smallTwin('tiles-edit');
  await importTwin(env.url, twin, 'tiles-edit');
  const url = tileUrl('building', tileAt(117.0995, 36.6495, 17), '?community=tiles-edit');
  const first = await getTile(url);
  const etagA = first.res.headers.get('etag')!;
  expect(decodeTile(first.bytes).building.find((b) => b.id === 'b1')?.properties.floors).toBe(18);
  const again = await getTile(url, etagA);
  expect(again.res.status).toBe(304);
  expect(again.res.headers.get('etag')).toBe(etagA);

  const edited = smallTwin('tiles-edit');
  edited.features.find((f) => f.properties.id === 'b1')!.properties.floors = 20;
  await importTwin(env.url, edited, 'tiles-edit', true);
  const replaced = await getTile(url, etagA);
  expect(replaced.res.status).toBe(200);
  const etagB = replaced.res.headers.get('etag')!;
  expect(etagB).not.toBe(etagA);
  expect(decodeTile(replaced.bytes).building.find((b) => b.id === 'b1')?.properties.floors).toBe(20);
  expect((await getTile(url, etagB)).res.status).toBe(304);

  expect((await fetch(`${env.url}/api/communities/tiles-edit`, { method: 'DELETE' })).status).toBe(204);
  const allUrl = tileUrl('building', tileAt(117.0995, 36.6495, 17));
  const afterDelete = await getTile(allUrl);
  expect(decodeTile(afterDelete.bytes).building.filter((b) => b.properties.community === 'tiles-edit')).toEqual([]);

  await importTwin(env.url, smallTwin('tiles-edit'), 'tiles-edit');
  const reimported = await getTile(url, etagB);
  expect(reimported.res.status).toBe(200);
  expect(reimported.res.headers.get('etag')).not.toBe(etagA);
  expect(decodeTile(reimported.bytes).building.find((b) => b.id === 'b1')?.properties.floors).toBe(18);
});
