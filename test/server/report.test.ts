import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { evaluate } from '../../engine/evaluate.ts';
import type { Report } from '../../engine/report/types.ts';
import type { Standard } from '../../engine/standard/types.ts';
import { openTestDatabase, type TestDatabase } from '../setup/db.ts';
import { postJson, startApp, type RunningApp } from './http.ts';
import { readWulaocun } from './twins.ts';

let db: TestDatabase;
let app: RunningApp;
const report = (query: string) => fetch(`${app.url}/api/communities/wulaocun/report${query}`);
const shandong = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../data/standards/shandong-2022.json'), 'utf8')) as Standard;

beforeAll(async () => {
  db = await openTestDatabase();
  app = await startApp(db);
  expect((await postJson(`${app.url}/api/communities?id=wulaocun`, readWulaocun())).status).toBe(201);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

test('defaults to shandong-2022 basic, and agrees with the engine run on the original file', async () => {
  const res = await report('');
  expect(res.status).toBe(200);
  const fromServer = (await res.json()) as Report;
  expect(fromServer).toMatchObject({ standard: 'shandong-2022', tier: 'basic' });
  const direct = evaluate(readWulaocun(), shandong, 'basic');
  expect(fromServer.rows.map((r) => r.row)).toEqual(shandong.tiers.find((t) => t.id === 'basic')!.rows.map((r) => r.row));
  expect(fromServer.summary).toEqual(direct.summary);
  const checks = (r: Report) => r.rows.flatMap((row) => row.checks.map((c) => ({ id: c.id, pass: c.pass, value: c.value })));
  const [a, b] = [checks(fromServer), checks(direct)];
  expect(a.map(({ id, pass }) => ({ id, pass }))).toEqual(b.map(({ id, pass }) => ({ id, pass })));
  a.forEach((c, i) => {
    if (c.value === null || b[i].value === null) expect(c.value).toBe(b[i].value);
    else expect(c.value).toBeCloseTo(b[i].value!, 6);
  });
});

test('another tier, with a parameter passed through', async () => {
  const res = await report('?tier=growth&param.sportsWalkMinSharePct=50');
  expect(res.status).toBe(200);
  const body = (await res.json()) as Report;
  expect(body.tier).toBe('growth');
  expect(body.rows).toHaveLength(shandong.tiers.find((t) => t.id === 'growth')!.rows.length);
  expect(body.params.sportsWalkMinSharePct).toBe(50);
});

test.each([
  ['an unknown tier', '?tier=platinum', 400],
  ['an unknown standard', '?standard=nowhere-2030', 400],
  ['a standard id that is a path', '?standard=../package', 400],
  ['an unknown parameter', '?param.noSuchThing=1', 400],
  ['a repeated tier', '?tier=basic&tier=growth', 400],
])('%s is a %i', async (_name, query, status) => {
  const res = await report(query);
  expect(res.status).toBe(status);
  expect((await res.json()).error).toMatchObject({ code: 'bad_request', message: expect.any(String) });
});

test('an unknown community is a 404', async () => {
  const res = await fetch(`${app.url}/api/communities/nowhere/report`);
  expect(res.status).toBe(404);
});
