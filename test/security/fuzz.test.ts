/**
 * Hostile bodies: ≥ 10 000 generated bad requests across the write routes, as an admin (so
 * every request gets past the gate to the route's own validation) and against an app with
 * a small body limit. None may be a 5xx, and nothing may be written: row counts, the audit
 * log and its chain are as before.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { verifyChain } from '../../server/audit/verify.ts';
import { openTestDatabase, type TestDatabase } from '../setup/db.ts';
import type { RunningApp } from '../server/http.ts';
import { smallTwin } from '../server/twins.ts';
import { principals, startSecureApp, type Client } from './helpers.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_400);
let db: TestDatabase;
let app: RunningApp;
let admin: Client;
let scenarioId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  app = await startSecureApp(db, {}, { bodyLimit: '64kb' });
  admin = (await principals(db.sql, app.url)).admin;
  const post = (path: string, body: unknown) => admin.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect((await post('/api/communities?id=fz', smallTwin('fz'))).status).toBe(201);
  const created = await post('/api/communities/fz/scenarios', { name: 'base', edits: [] });
  scenarioId = (await created.json()).id;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** Write routes whose every valid body changes something — so a bad body must change nothing. */
const TARGETS = () => [
  { method: 'POST', path: '/api/communities' },
  { method: 'POST', path: '/api/communities?replace=true' },
  { method: 'POST', path: '/api/communities/fz/attestations' },
  { method: 'POST', path: '/api/telemetry' },
  { method: 'POST', path: '/api/communities/fz/scenarios' },
  { method: 'PUT', path: `/api/scenarios/${scenarioId}` },
  { method: 'POST', path: '/api/import' },
  { method: 'POST', path: '/api/import?format=geojson' },
  { method: 'POST', path: '/api/import?format=csv' },
  { method: 'POST', path: '/api/import?format=kml' },
  { method: 'POST', path: '/api/import?format=shp' },
  { method: 'POST', path: '/api/communities/fz/layers' },
  { method: 'POST', path: '/api/users' },
  { method: 'PATCH', path: '/api/users/nobody' },
  { method: 'POST', path: '/api/district/evaluate' },
];

// valid-looking shapes with wrong parts, plus plain junk
const junk = fc.oneof(
  fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.constantFrom('', '{', '[', 'null', '"', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}',
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><kml>&b;</kml>', 'PK\u0003\u0004',
    '\u0000\u0000', '1e999999', '{"type":"FeatureCollection","features":[{"type":"Feature"}]}'),
);
const nearMiss = fc.oneof(
  fc.record({ checkId: fc.oneof(fc.string(), fc.constant('platform'), fc.integer()), pass: fc.oneof(fc.boolean(), fc.string()), text: fc.oneof(fc.string(), fc.constant('')), by: fc.anything() }, { requiredKeys: [] }),
  fc.array(fc.record({ featureId: fc.oneof(fc.string(), fc.constant('cam1'), fc.constant('nope')), communityId: fc.oneof(fc.constant('fz'), fc.string()), online: fc.anything(), intact: fc.boolean(), imageOut: fc.boolean(), at: fc.oneof(fc.string(), fc.constant('2025-13-01T00:00:00Z')) }, { requiredKeys: [] }), { maxLength: 4 }),
  fc.record({ name: fc.oneof(fc.string(), fc.constant('')), edits: fc.array(fc.record({ op: fc.constantFrom('add', 'update', 'delete', 'drop'), id: fc.oneof(fc.string(), fc.constant('nope')), props: fc.anything() }, { requiredKeys: ['op'] }), { maxLength: 3 }) }, { requiredKeys: [] }),
  fc.record({ name: fc.string(), role: fc.oneof(fc.constantFrom('viewer', 'root', ''), fc.string()), disabled: fc.anything() }, { requiredKeys: [] }),
  fc.record({ type: fc.constantFrom('FeatureCollection', 'Feature', 'x'), features: fc.array(fc.record({ type: fc.constant('Feature'), properties: fc.dictionary(fc.string(), fc.jsonValue()), geometry: fc.oneof(fc.constant(null), fc.record({ type: fc.constantFrom('Point', 'Polygon', 'Nope'), coordinates: fc.jsonValue() })) }, { requiredKeys: [] }), { minLength: 1, maxLength: 3 }) }, { requiredKeys: [] }),
).map((v) => JSON.stringify(Array.isArray(v) ? [...v, { __bad: true }] : { ...(v as object), __bad: true }));
const contentType = fc.constantFrom('application/json', 'application/geo+json', 'text/plain', 'application/octet-stream', 'application/xml', 'multipart/form-data; boundary=x', '');

async function snapshot() {
  const [counts] = await db.sql`
    SELECT (SELECT count(*)::int FROM community) AS community, (SELECT count(*)::int FROM feature) AS feature,
           (SELECT count(*)::int FROM attestation) AS attestation, (SELECT count(*)::int FROM scenario) AS scenario,
           (SELECT count(*)::int FROM app_user) AS users, (SELECT count(*)::int FROM community_event) AS events,
           (SELECT count(*)::int FROM audit_log) AS audit, (SELECT max(version) FROM community) AS version,
           (SELECT updated_at FROM scenario WHERE id = ${scenarioId}) AS scenario_updated`;
  return counts;
}

test(`${RUNS} generated bad bodies across the write routes: no 5xx, nothing written`, async () => {
  const before = await snapshot();
  const statuses = new Map<number, number>();
  const fiveXX: string[] = [];
  const accepted: string[] = [];
  const targets = TARGETS();
  let sent = 0;
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: targets.length - 1 }), fc.oneof(junk, nearMiss), contentType, async (i, body, type) => {
      const { method, path } = targets[i];
      const res = await admin.fetch(path, { method, headers: type ? { 'content-type': type } : {}, body });
      await res.arrayBuffer();
      sent++;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) fiveXX.push(`${method} ${path} ${type} ${res.status} ${body.slice(0, 200)}`);
      if (res.status < 300 && !path.startsWith('/api/district')) accepted.push(`${method} ${path} ${type} ${res.status} ${body.slice(0, 200)}`);
      // a valid body can be generated by chance (e.g. a well-formed telemetry item): it must not be a 5xx either
      return res.status < 500;
    }),
    { numRuns: RUNS, seed: 20261125, endOnFailure: true },
  );
  // an oversized body is a 413 and changes nothing
  const big = await admin.fetch('/api/communities', { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"type":"FeatureCollection","pad":"${'x'.repeat(100_000)}"}` });
  expect(big.status).toBe(413);
  console.log(`fuzz: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
  expect(fiveXX).toEqual([]);
  expect(accepted).toEqual([]);
  expect(sent).toBeGreaterThanOrEqual(Math.min(RUNS, 10_000));
  const after = await snapshot();
  expect(after).toEqual(before);
  expect(await verifyChain(db.sql)).toMatchObject({ ok: true });
}, 300_000);
