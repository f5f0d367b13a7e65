import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Edit, TwinFeatureJson } from '../../engine/edit/index.ts';
import { openTestDatabase, type TestDatabase } from '../setup/db.ts';
import { postJson, startApp, type RunningApp } from '../server/http.ts';
import { NANMEN, offset, readTwin } from './helpers.ts';

let db: TestDatabase;
let app: RunningApp;
const api = (path: string, init?: RequestInit) => fetch(`${app.url}/api${path}`, init);
const put = (path: string, body: unknown) => api(path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const twin = readTwin(NANMEN);

/** A camera beside the first uncovered point key location, looking at it. */
function cameraFor(klId: string, id: string): TwinFeatureJson {
  const kl = twin.features.find((f) => f.properties.id === klId)!;
  const at = (kl.geometry as { coordinates: number[] }).coordinates;
  return {
    type: 'Feature',
    properties: { kind: 'camera', id, purpose: 'keyLocation', headingDeg: 90, hfovDeg: 60, rangeM: 30, online: true, intact: true, imageOut: true, proposed: true },
    geometry: { type: 'Point', coordinates: offset(at, -5, 0) },
  };
}

beforeAll(async () => {
  db = await openTestDatabase();
  app = await startApp(db);
  expect((await postJson(`${app.url}/api/communities?id=nanmen`, twin)).status).toBe(201);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function videoGap(): Promise<string> {
  const report = await (await api('/communities/nanmen/report?tier=growth')).json();
  const vc = report.rows.flatMap((r: { checks: { id: string }[] }) => r.checks).find((c: { id: string }) => c.id === 'video-coverage');
  const points = new Set(twin.features.filter((f) => f.properties.kind === 'keyLocation' && f.geometry.type === 'Point').map((f) => f.properties.id));
  return vc.evidence.failingIds.find((id: string) => points.has(id));
}

test('create, list, read with report, rename, duplicate, delete', async () => {
  const klId = await videoGap();
  const edits: Edit[] = [{ op: 'add', feature: cameraFor(klId, 'plan-cam-1') }];
  const created = await postJson(`${app.url}/api/communities/nanmen/scenarios`, { name: 'entrance camera', edits, createdBy: 'planner' });
  expect(created.status).toBe(201);
  const s = await created.json();
  expect(s).toMatchObject({ communityId: 'nanmen', name: 'entrance camera', baseVersion: 1, createdBy: 'planner', edits });
  expect((await (await api('/communities/nanmen/scenarios')).json()).map((x: { id: string }) => x.id)).toContain(s.id);

  const read = await (await api(`/scenarios/${s.id}?tier=growth`)).json();
  expect(read).toMatchObject({ id: s.id, stale: false, report: { tier: 'growth' } });
  const vc = read.report.rows.flatMap((r: { checks: { id: string }[] }) => r.checks).find((c: { id: string }) => c.id === 'video-coverage');
  expect(vc.evidence.failingIds).not.toContain(klId);

  expect(await (await put(`/scenarios/${s.id}`, { name: 'renamed' })).json()).toMatchObject({ name: 'renamed', edits });
  const copy = await postJson(`${app.url}/api/scenarios/${s.id}/duplicate`, {});
  expect(copy.status).toBe(201);
  const c = await copy.json();
  expect(c).toMatchObject({ name: 'renamed (copy)', edits });
  expect((await api(`/scenarios/${c.id}`, { method: 'DELETE' })).status).toBe(204);
  expect((await api(`/scenarios/${c.id}`)).status).toBe(404);
});

test('edits that do not fit the twin are a 400 naming the edit', async () => {
  const res = await postJson(`${app.url}/api/communities/nanmen/scenarios`, {
    name: 'bad', edits: [{ op: 'delete', id: twin.features[5].properties.id }, { op: 'update', id: 'no-such-feature', props: { smart: true } }],
  });
  expect(res.status).toBe(400);
  const { error } = await res.json();
  expect(error.code).toBe('invalid_edits');
  expect(error.message).toMatch(/^edit 1 \(update "no-such-feature"\)/);
  expect(error.details.issues[0]).toMatchObject({ editIndex: 1, id: 'no-such-feature' });
  const shape = await postJson(`${app.url}/api/communities/nanmen/scenarios`, { name: 'x', edits: [{ op: 'move', id: 'a' }] });
  expect(shape.status).toBe(400);
  expect((await postJson(`${app.url}/api/communities/nowhere/scenarios`, { name: 'x', edits: [] })).status).toBe(404);
});

test('compare with the baseline shows the gaps the scenario closes', async () => {
  const klId = await videoGap();
  const s = await (await postJson(`${app.url}/api/communities/nanmen/scenarios`, { name: 'cover', edits: [{ op: 'add', feature: cameraFor(klId, 'plan-cam-2') }] })).json();
  const cmp = await (await api(`/scenarios/${s.id}/compare?with=baseline&tier=growth`)).json();
  const vc = cmp.checks.find((c: { id: string }) => c.id === 'video-coverage');
  expect(vc.gapsClosed).toContain(klId);
  expect(vc.gapsOpened).toEqual([]);
  expect(vc.scenario.value).toBeGreaterThan(vc.with.value);
  const empty = await (await postJson(`${app.url}/api/communities/nanmen/scenarios`, { name: 'nothing', edits: [] })).json();
  const vsOther = await (await api(`/scenarios/${empty.id}/compare?with=${s.id}&tier=growth`)).json();
  expect(vsOther.checks.find((c: { id: string }) => c.id === 'video-coverage').gapsOpened).toContain(klId);
});

test('apply writes the edits and bumps the version; a stale scenario is refused with 409', async () => {
  const lights = twin.features.filter((f) => f.properties.kind === 'light' && f.properties.smart !== true).slice(0, 3);
  const deleted = twin.features.find((f) => f.properties.kind === 'venue')!.properties.id;
  const edits: Edit[] = [
    ...lights.map((l): Edit => ({ op: 'update', id: l.properties.id, props: { smart: true } })),
    { op: 'add', feature: cameraFor(await videoGap(), 'plan-cam-3') },
    { op: 'delete', id: deleted },
  ];
  const a = await (await postJson(`${app.url}/api/communities/nanmen/scenarios`, { name: 'apply me', edits })).json();
  const b = await (await postJson(`${app.url}/api/communities/nanmen/scenarios`, { name: 'made on v1', edits: [] })).json();
  const before = await (await api('/communities/nanmen')).json();
  const applied = await postJson(`${app.url}/api/scenarios/${a.id}/apply`, {});
  expect(applied.status).toBe(200);
  expect(await applied.json()).toMatchObject({ version: before.version + 1, added: 1, updated: 3, deleted: 1 });

  const after = await (await api('/communities/nanmen/twin')).json();
  const byId = new Map(after.features.map((f: TwinFeatureJson) => [f.properties.id, f]));
  for (const l of lights) expect((byId.get(l.properties.id) as TwinFeatureJson).properties.smart).toBe(true);
  expect(byId.get('plan-cam-3')).toMatchObject({ properties: { kind: 'camera', proposed: true } });
  expect(byId.has(deleted)).toBe(false);
  expect((await (await api('/communities/nanmen')).json()).version).toBe(before.version + 1);

  for (const sid of [b.id, a.id]) {
    const stale = await postJson(`${app.url}/api/scenarios/${sid}/apply`, {});
    expect(stale.status).toBe(409);
    expect((await stale.json()).error).toMatchObject({ code: 'stale_scenario', message: expect.stringMatching(/version/) });
  }
  expect((await (await api('/communities/nanmen')).json()).version).toBe(before.version + 1);
  expect((await (await api(`/scenarios/${b.id}?tier=growth`)).json()).stale).toBe(true);
});

test('POST /suggest saves the engine suggestions as a scenario whose report passes what they target', async () => {
  const res = await postJson(`${app.url}/api/communities/nanmen/suggest?tier=growth&checks=5g,charging`, { name: 'close 5G and charging' });
  expect(res.status).toBe(201);
  const body = await res.json();
  expect(body).toMatchObject({ tier: 'growth', unresolved: {}, scenario: { name: 'close 5G and charging', createdBy: 'engine/suggest' } });
  expect(body.added['5g']).toBeGreaterThan(0);
  const read = await (await api(`/scenarios/${body.scenario.id}?tier=growth`)).json();
  const checks = read.report.rows.flatMap((r: { checks: { id: string; pass: boolean }[] }) => r.checks);
  for (const id of ['5g', 'charging']) expect(checks.find((c: { id: string }) => c.id === id).pass).toBe(true);
  expect((await postJson(`${app.url}/api/communities/nanmen/suggest?tier=growth&checks=nope`, {})).status).toBe(400);
});
