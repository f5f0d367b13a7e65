/** Telemetry, Server-Sent Events and district evaluation against a real database. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { evaluate } from '../../engine/evaluate.ts';
import { parseStandard } from '../../engine/standard/load.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { communityStatus, rankStatuses, type CommunityStatus } from '../../server/district/status.ts';
import { openTestDatabase, type TestDatabase } from '../setup/db.ts';
import { postJson, startApp, type RunningApp } from '../server/http.ts';
import { smallTwin } from '../server/twins.ts';
import { openSse } from './sse.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const standard = parseStandard(JSON.parse(readFileSync(resolve(ROOT, 'data/standards/shandong-2022.json'), 'utf8')));
const nanmen = (): TwinFile => JSON.parse(readFileSync(resolve(ROOT, 'data/demo/nanmen/twin.geojson'), 'utf8')) as TwinFile;

let db: TestDatabase;
let app: RunningApp;
const api = (path: string) => `${app.url}/api${path}`;
const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 8, 0, s)).toISOString();

beforeAll(async () => {
  db = await openTestDatabase();
  app = await startApp(db);
  for (const id of ['alpha', 'beta']) expect((await postJson(api(`/communities?id=${id}`), smallTwin(id))).status).toBe(201);
  expect((await postJson(api('/communities?id=nanmen'), nanmen())).status).toBe(201);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('POST /api/telemetry', () => {
  test('an unknown feature is a 400 naming it, and nothing is applied', async () => {
    const before = await (await fetch(api('/communities/alpha'))).json();
    const res = await postJson(api('/telemetry'), [
      { featureId: 'cam1', communityId: 'alpha', online: false, intact: true, imageOut: true, at: at(1) },
      { featureId: 'no-such-camera', online: false, intact: true, imageOut: true, at: at(1) },
    ]);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.message).toContain('no-such-camera');
    expect(body.error.details).toEqual({ unknown: ['no-such-camera'] });
    const after = await (await fetch(api('/communities/alpha'))).json();
    expect(after.version).toBe(before.version);
    const twin = await (await fetch(api('/communities/alpha/twin'))).json();
    expect(twin.features.find((f: { properties: { id: string } }) => f.properties.id === 'cam1').properties.online).toBe(true);
  });

  test('a camera id in two communities needs communityId; a building is not a camera; bad fields are named', async () => {
    const ambiguous = await postJson(api('/telemetry'), [{ featureId: 'cam1', online: false, intact: true, imageOut: true, at: at(1) }]);
    expect(ambiguous.status).toBe(400);
    expect((await ambiguous.json()).error.details.ambiguous[0]).toMatchObject({ featureId: 'cam1', communities: expect.arrayContaining(['alpha', 'beta']) });
    const building = await postJson(api('/telemetry'), [{ featureId: 'b1', communityId: 'alpha', online: false, intact: true, imageOut: true, at: at(1) }]);
    expect((await building.json()).error.message).toContain('not a camera');
    const invalid = await postJson(api('/telemetry'), [{ featureId: 'cam1', communityId: 'alpha', online: 'no', intact: true, imageOut: true, at: 'yesterday' }]);
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.message).toMatch(/0\.online: online must be true or false.*0\.at/);
  });

  test('a change bumps the version, keeps the attestations, is streamed with an id and replayed after Last-Event-ID', async () => {
    const stream = await openSse(api('/events?community=alpha'));
    const res = await postJson(api('/telemetry'), { items: [{ featureId: 'cam1', communityId: 'alpha', online: false, intact: true, imageOut: true, at: at(2) }] });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ accepted: 1, stale: 0, changed: 1, communities: [{ id: 'alpha', version: 2 }] });
    const frame = await stream.next((f) => f.event === 'telemetry');
    expect(Number(frame.id)).toBe(body.communities[0].eventId);
    expect(JSON.parse(frame.data)).toMatchObject({ kind: 'telemetry', communityId: 'alpha', version: 2, changes: [{ featureId: 'cam1', online: false, before: { online: true } }] });
    stream.close();

    const detail = await (await fetch(api('/communities/alpha'))).json();
    expect(detail).toMatchObject({ version: 2, attestations: 2 });
    const twin = await (await fetch(api('/communities/alpha/twin'))).json();
    expect(twin.features.find((f: { properties: { id: string } }) => f.properties.id === 'cam1').properties.online).toBe(false);

    // same state again: no change, no new version; an older report: stale
    const same = await (await postJson(api('/telemetry'), [{ featureId: 'cam1', communityId: 'alpha', online: false, intact: true, imageOut: true, at: at(3) }])).json();
    expect(same).toMatchObject({ accepted: 1, changed: 0, communities: [] });
    const old = await (await postJson(api('/telemetry'), [{ featureId: 'cam1', communityId: 'alpha', online: true, intact: true, imageOut: true, at: at(0) }])).json();
    expect(old).toMatchObject({ accepted: 0, stale: 1, changed: 0 });

    const back = await postJson(api('/telemetry'), [{ featureId: 'cam1', communityId: 'alpha', online: true, intact: true, imageOut: true, at: at(4) }]);
    const backId = (await back.json()).communities[0].eventId;
    const resumed = await openSse(api('/events?community=alpha'), { 'last-event-id': frame.id! });
    const replayed = await resumed.next((f) => f.event === 'telemetry');
    expect(Number(replayed.id)).toBe(backId);
    resumed.close();
  });

  test('the stream sends heartbeat comments and names an unknown community', async () => {
    expect((await fetch(api('/events?community=nowhere'))).status).toBe(404);
    const stream = await openSse(api('/events?community=beta'));
    const hello = await stream.next((f) => f.comment === 'connected');
    expect(hello.data).toBe('');
    stream.close();
  });

  test('an edit made another way (a re-import) is streamed as an edit event', async () => {
    const stream = await openSse(api('/events?community=beta'));
    await stream.next((f) => f.comment === 'connected');
    await new Promise((r) => setTimeout(r, 300)); // the watcher's first look
    expect((await postJson(api('/communities?id=beta&replace=true'), smallTwin('beta'))).status).toBe(200);
    const frame = await stream.next((f) => f.event === 'edit', 8000);
    expect(JSON.parse(frame.data)).toMatchObject({ kind: 'edit', communityId: 'beta', version: 2, previousVersion: 1 });
    stream.close();
  });
});

describe('district', () => {
  test('evaluation in worker threads matches the engine, is ranked, and is cached per version', async () => {
    const started = await postJson(api('/district/evaluate'), {});
    expect(started.status).toBe(202);
    const { jobId } = await started.json();
    let job: { state: string; total: number; done: number; cached: number; failed: unknown[]; results?: CommunityStatus[] };
    do {
      await new Promise((r) => setTimeout(r, 200));
      job = await (await fetch(api(`/district/evaluate/${jobId}`))).json();
    } while (job.state !== 'done');
    expect(job).toMatchObject({ total: 3, done: 3, failed: [] });

    const expected = await Promise.all(['alpha', 'beta', 'nanmen'].map(async (id) => {
      const twin = await (await fetch(api(`/communities/${id}/twin`))).json();
      return communityStatus(twin, standard, evaluate, { communityId: id }).status;
    }));
    const strip = (s: CommunityStatus) => ({ id: s.communityId, tier: s.tierAchieved, target: s.targetTier, failing: s.failingRows, keys: s.keyValues, devices: s.devices });
    expect(job.results!.map(strip)).toEqual(rankStatuses(expected, standard).map(strip));
    expect(job.results!.find((s) => s.communityId === 'nanmen')).toMatchObject({ tierAchieved: 'basic', targetTier: 'growth' });

    const district = await (await fetch(api('/district'))).json();
    expect(district.communities.map((c: { id: string }) => c.id)).toEqual(job.results!.map((s) => s.communityId));
    expect(district.communities[0].boundary.type).toBe('MultiPolygon');

    const again = await (await postJson(api('/district/evaluate'), {})).json();
    let second;
    do {
      await new Promise((r) => setTimeout(r, 100));
      second = await (await fetch(api(`/district/evaluate/${again.jobId}`))).json();
    } while (second.state !== 'done');
    expect(second).toMatchObject({ total: 3, cached: 3 });
  });

  test('a camera going offline changes video-online in the community status', async () => {
    const first = await (await fetch(api('/district/communities/nanmen'))).json();
    const before = first.status.keyValues['video-online'].value;
    expect(first.report.tier).toBe(first.status.targetTier);
    const twin = await (await fetch(api('/communities/nanmen/twin'))).json();
    const camera = twin.features.find((f: { properties: { kind: string; online?: boolean } }) => f.properties.kind === 'camera' && f.properties.online === true);
    await postJson(api('/telemetry'), [{ featureId: camera.properties.id, communityId: 'nanmen', online: false, intact: true, imageOut: true, at: at(10) }]);
    const after = await (await fetch(api('/district/communities/nanmen'))).json();
    expect(after.status.version).toBe(first.status.version + 1);
    expect(after.status.keyValues['video-online'].value).toBeLessThan(before);
    expect(after.status.devices.online).toBe(first.status.devices.online - 1);
  });

  test('statuses asked during a burst of telemetry are answered, each from one snapshot of the twin', async () => {
    const twin = await (await fetch(api('/communities/nanmen/twin'))).json() as TwinFile;
    const cameras = twin.features.filter((f) => f.properties.kind === 'camera').slice(0, 24);
    // 24 posts in flight at once, each flipping one camera, with status reads among them
    const posts = cameras.map((f, i) => postJson(api('/telemetry'), [{ featureId: f.properties.id, communityId: 'nanmen', online: f.properties.online !== true, intact: true, imageOut: true, at: at(20 + i) }]));
    const reads = Array.from({ length: 8 }, async (_, i) => {
      await new Promise((r) => setTimeout(r, i * 40));
      return fetch(api('/district/communities/nanmen'));
    });
    for (const res of await Promise.all(posts)) expect(res.status).toBe(200);
    for (const res of await Promise.all(reads)) {
      expect(res.status, await res.clone().text()).toBe(200);
      const { status, report } = await res.json();
      expect(report.tier).toBe(status.targetTier);
      // the report's input is the twin at the status's version: its camera count is the twin's
      expect(status.devices.cameras).toBe(twin.features.filter((f) => f.properties.kind === 'camera').length);
    }
    const final = await (await fetch(api('/district/communities/nanmen'))).json();
    const now = await (await fetch(api('/communities/nanmen/twin'))).json() as TwinFile;
    const online = now.features.filter((f) => f.properties.kind === 'camera' && f.properties.online === true).length;
    expect(final.status.devices.online).toBe(online);
    expect(final.status.version).toBe((await (await fetch(api('/communities/nanmen'))).json()).version);
  });
});
