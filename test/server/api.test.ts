import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Point } from 'geojson';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { polygonAreaM2 } from '../../engine/geo/area.ts';
import { buildTwin } from '../../engine/twin/model.ts';
import { openTestDatabase, type TestDatabase } from '../setup/db.ts';
import { expectSameTwin, postJson, startApp, type RunningApp } from './http.ts';
import { readWulaocun, smallTwin, square } from './twins.ts';

let db: TestDatabase;
let app: RunningApp;
const api = (path: string) => `${app.url}/api${path}`;

beforeAll(async () => {
  db = await openTestDatabase();
  app = await startApp(db);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

test('health names the database mode and the PostgreSQL and PostGIS versions', async () => {
  const res = await fetch(api('/health'));
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ status: 'ok', db: { mode: process.env.DATABASE_URL ? 'postgres' : 'embedded' } });
  expect(body.db.postgres).toMatch(/^1[5-9]\.\d+/);
  expect(body.db.postgis).toMatch(/^3\.\d+\.\d+/);
});

describe('import and export', () => {
  test('the real community round-trips: same file back, counts and area listed', async () => {
    const original = readWulaocun();
    const res = await postJson(api('/communities?id=wulaocun'), original);
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/api/communities/wulaocun');
    expect(await res.json()).toMatchObject({ id: 'wulaocun', version: 1, features: 850, replaced: false });

    const twin = await (await fetch(api('/communities/wulaocun/twin'))).json();
    expectSameTwin(twin, original);

    const list = await (await fetch(api('/communities'))).json();
    const listed = list.find((c: { id: string }) => c.id === 'wulaocun');
    expect(listed).toMatchObject({
      name: original.features[0].properties.name, adminCode: '320104000000', version: 1,
      counts: { community: 1, compound: 2, building: 331, path: 241, camera: 234, keyLocation: 22, venue: 12, fiveG: 7 },
    });
    const model = buildTwin(original);
    const engineAreaM2 = polygonAreaM2(model.community.geometry, model.projection);
    expect(Math.abs(listed.areaM2 - engineAreaM2) / engineAreaM2).toBeLessThan(1e-3);
  });

  test('attestations, top-level members and feature members round-trip', async () => {
    const original = smallTwin('roundtrip');
    expect((await postJson(api('/communities'), original)).status).toBe(201);
    expectSameTwin(await (await fetch(api('/communities/roundtrip/twin'))).json(), original);
    const detail = await (await fetch(api('/communities/roundtrip'))).json();
    expect(detail).toMatchObject({
      id: 'roundtrip', name: '测试社区', attestations: 2,
      attributes: { community: { population: 1200 }, file: { attribution: 'test fixture' } },
      boundary: { type: 'MultiPolygon' },
    });
  });

  test('a community id that is not URL-safe is slugged', async () => {
    const res = await postJson(api('/communities'), smallTwin('Jinan Test 2'));
    expect(res.status).toBe(201);
    expect((await res.json()).id).toBe('jinan-test-2');
  });

  test('re-import is a conflict; replace makes a new version and keeps attestation history', async () => {
    const twin = smallTwin('versioned');
    expect((await postJson(api('/communities'), twin)).status).toBe(201);
    const before = await db.counts();
    const conflict = await postJson(api('/communities'), twin);
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).error).toMatchObject({ code: 'conflict', details: { id: 'versioned' } });
    expect(await db.counts()).toEqual(before);

    const changed = smallTwin('versioned');
    changed.features.pop();
    changed.attestations = [{ checkId: 'platform', version: 3, pass: true, text: 'third look', by: 'r', at: '2024-07-01' }];
    const replaced = await postJson(api('/communities?replace=true'), changed);
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({ id: 'versioned', version: 2, replaced: true, features: 7 });
    expectSameTwin(await (await fetch(api('/communities/versioned/twin'))).json(), changed);
    expect(await db.counts()).toEqual({ ...before, feature: before.feature - 1, attestation: before.attestation + 1 });
  });
});

describe('bad input is a 400 with details, and writes nothing', () => {
  const broken = (edit: (t: ReturnType<typeof smallTwin>) => void) => { const t = smallTwin('bad'); edit(t); return t; };
  const props = (t: ReturnType<typeof smallTwin>, i: number) => t.features[i].properties as Record<string, unknown>;
  const coordinates = (t: ReturnType<typeof smallTwin>, i: number, c: unknown) => { (t.features[i].geometry as { coordinates: unknown }).coordinates = c; };

  test.each<[string, unknown, number, string, string | null]>([
    ['invalid JSON', '{"type": "FeatureCollection", ', 400, 'invalid_json', null],
    ['not a FeatureCollection', { type: 'Feature', properties: {}, geometry: null }, 400, 'invalid_twin', 'type'],
    ['unknown kind', broken((t) => { props(t, 4).kind = 'cctv'; }), 400, 'invalid_twin', 'properties.kind'],
    ['duplicate id', broken((t) => { props(t, 3).id = 'b1'; }), 400, 'invalid_twin', 'properties.id'],
    ['missing id', broken((t) => { delete props(t, 3).id; }), 400, 'invalid_twin', 'properties.id'],
    ['missing required attribute', broken((t) => { delete props(t, 5).type; }), 400, 'invalid_twin', 'properties.type'],
    ['non-finite camera number', broken((t) => { props(t, 4).rangeM = 'far'; }), 400, 'invalid_twin', 'properties.rangeM'],
    ['wrong geometry type', broken((t) => { t.features[6].geometry = square(117.1, 36.65, 0.001); }), 400, 'invalid_twin', 'geometry.type'],
    ['non-numeric coordinate', broken((t) => coordinates(t, 4, [null, 36.6])), 400, 'invalid_twin', 'geometry.coordinates'],
    ['out-of-range coordinate', broken((t) => coordinates(t, 4, [190, 36.6])), 400, 'invalid_twin', 'geometry.coordinates'],
    ['lat/lon swapped', broken((t) => coordinates(t, 4, [36.648, 117.099])), 400, 'invalid_twin', 'geometry.coordinates'],
    ['self-intersecting polygon', broken((t) => coordinates(t, 2, [[[117.099, 36.649], [117.1, 36.65], [117.1, 36.649], [117.099, 36.65], [117.099, 36.649]]])), 400, 'invalid_twin', 'geometry.coordinates'],
    ['no community', broken((t) => { t.features.shift(); }), 400, 'invalid_twin', 'features'],
    ['two communities', broken((t) => { t.features.push({ ...t.features[0], properties: { ...t.features[0].properties, id: 'again' } }); }), 400, 'invalid_twin', 'properties.kind'],
    ['a projected crs', { ...smallTwin('bad'), crs: { type: 'name', properties: { name: 'EPSG:4548' } } }, 400, 'invalid_twin', 'crs'],
    ['a bad attestation', broken((t) => { delete (t.attestations![0] as { pass?: boolean }).pass; }), 400, 'invalid_twin', 'attestations[0].pass'],
    // passes the validator, fails inside the transaction: PostgreSQL jsonb has no \u0000
    ['a NUL character the database refuses', broken((t) => { props(t, 7).name = 'a\u0000b'; }), 400, 'invalid_data', null],
  ])('%s', async (_name, body, status, code, field) => {
    const before = await db.counts();
    const res = await postJson(api('/communities'), body);
    expect(res.status).toBe(status);
    const { error } = await res.json();
    expect(error).toMatchObject({ code, message: expect.any(String) });
    if (field) expect(error.details.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await db.counts()).toEqual(before);
    expect((await fetch(api('/communities/bad'))).status).toBe(404);
  });

  test('a failed replace keeps the previous version whole', async () => {
    expect((await postJson(api('/communities'), smallTwin('keep'))).status).toBe(201);
    const before = await db.counts();
    const bad = smallTwin('keep');
    (bad.features[7].properties as Record<string, unknown>).name = 'a\u0000b';
    expect((await postJson(api('/communities?replace=true'), bad)).status).toBe(400);
    expect(await db.counts()).toEqual(before);
    expectSameTwin(await (await fetch(api('/communities/keep/twin'))).json(), smallTwin('keep'));
    expect((await (await fetch(api('/communities/keep'))).json()).version).toBe(1);
  });

  test.each([
    ['an id option that is not URL-safe', '?id=a/b'],
    ['a replace flag that is not a boolean', '?replace=maybe'],
  ])('%s', async (_name, query) => {
    const before = await db.counts();
    const res = await postJson(api(`/communities${query}`), smallTwin('bad'));
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('bad_request');
    expect(await db.counts()).toEqual(before);
  });

  test('a body that is not JSON is a 415', async () => {
    const before = await db.counts();
    const res = await fetch(api('/communities'), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(smallTwin('bad')) });
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe('unsupported_media_type');
    expect(await db.counts()).toEqual(before);
  });

  test('a body over the limit is a 413 in the error shape', async () => {
    const small = await startApp(db, { bodyLimit: '2kb' });
    try {
      const before = await db.counts();
      const res = await postJson(`${small.url}/api/communities`, readWulaocun());
      expect(res.status).toBe(413);
      expect((await res.json()).error).toMatchObject({ code: 'payload_too_large', details: { limit: 2048 } });
      expect(await db.counts()).toEqual(before);
    } finally {
      await small.close();
    }
  });
});

describe('features', () => {
  beforeAll(async () => {
    const res = await postJson(api('/communities?id=wulaocun-features'), readWulaocun());
    expect(res.status).toBe(201);
  });

  test('by kind', async () => {
    const fc = await (await fetch(api('/communities/wulaocun-features/features?kind=camera,venue'))).json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(234 + 12);
    expect(new Set(fc.features.map((f: { properties: { kind: string } }) => f.properties.kind))).toEqual(new Set(['camera', 'venue']));
  });

  test('by bbox: exactly the cameras inside it', async () => {
    const bbox = [118.786, 32.036, 118.79, 32.04] as const;
    const expected = readWulaocun().features
      .filter((f) => f.properties.kind === 'camera')
      .filter((f) => { const [x, y] = (f.geometry as Point).coordinates; return x >= bbox[0] && x <= bbox[2] && y >= bbox[1] && y <= bbox[3]; })
      .map((f) => f.properties.id);
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.length).toBeLessThan(234);
    const fc = await (await fetch(api(`/communities/wulaocun-features/features?kind=camera&bbox=${bbox.join(',')}`))).json();
    expect(fc.features.map((f: { properties: { id: string } }) => f.properties.id)).toEqual(expected);
  });

  test.each(['1,2,3', 'a,b,c,d', '118.8,32,118.7,32.1', '0,0,200,1', '1,2,3,4,5', ''])('bbox=%s is a 400', async (bbox) => {
    const res = await fetch(api(`/communities/wulaocun-features/features?bbox=${bbox}`));
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('bad_request');
  });

  test('an unknown kind is a 400, an unknown community a 404', async () => {
    expect((await fetch(api('/communities/wulaocun-features/features?kind=tree'))).status).toBe(400);
    const res = await fetch(api('/communities/nowhere/features'));
    expect(res.status).toBe(404);
    expect((await res.json()).error).toEqual({ code: 'not_found', message: 'community "nowhere" not found', details: null });
  });
});

test('delete removes the community, its features and attestations', async () => {
  expect((await postJson(api('/communities'), smallTwin('doomed'))).status).toBe(201);
  const before = await db.counts();
  expect((await fetch(api('/communities/doomed'), { method: 'DELETE' })).status).toBe(204);
  expect(await db.counts()).toEqual({ community: before.community - 1, feature: before.feature - 8, attestation: before.attestation - 2 });
  expect((await fetch(api('/communities/doomed'))).status).toBe(404);
  expect((await fetch(api('/communities/doomed/twin'))).status).toBe(404);
  expect((await fetch(api('/communities/doomed'), { method: 'DELETE' })).status).toBe(404);
});

test('unknown API paths are JSON 404s; the built client is served with SPA fallback', async () => {
  const dist = resolve(import.meta.dirname, '../.tmp/dist-fixture');
  mkdirSync(dist, { recursive: true });
  writeFileSync(resolve(dist, 'index.html'), '<!doctype html><title>twin</title>');
  const withClient = await startApp(db, { staticDir: dist });
  try {
    const page = await fetch(`${withClient.url}/communities/wulaocun/map`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>twin</title>');
    const missing = await fetch(`${withClient.url}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
  } finally {
    await withClient.close();
  }
});
