/**
 * Reports evaluated in the worker pool (server/report/cache.ts → server/district/pool.ts): the
 * same report as the engine run in process, byte for byte; concurrent requests still share one
 * evaluation; the engine's errors arrive with their name and message; the route still answers.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { evaluate } from '../../engine/evaluate.ts';
import { parseStandard } from '../../engine/standard/load.ts';
import type { Standard } from '../../engine/standard/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { EvaluationPool } from '../../server/district/pool.ts';
import { ReportCache } from '../../server/report/cache.ts';
import { exportTwin } from '../../server/store/communities.ts';
import { importTwin } from '../../server/store/importTwin.ts';
import { openTestDatabase, type TestDatabase } from '../setup/db.ts';
import { startApp, type RunningApp } from './http.ts';

const root = resolve(import.meta.dirname, '../..');
const readTwin = (id: string) => JSON.parse(readFileSync(resolve(root, `data/demo/${id}/twin.geojson`), 'utf8')) as TwinFile;
const shandong = parseStandard(JSON.parse(readFileSync(resolve(root, 'data/standards/shandong-2022.json'), 'utf8'))) as Standard;
const COMMUNITIES = ['xueyuan', 'nanmen'];
const TIERS = shandong.tiers.map((t) => t.id);

let db: TestDatabase;
let pool: EvaluationPool;
let app: RunningApp;

beforeAll(async () => {
  db = await openTestDatabase();
  for (const id of COMMUNITIES) await importTwin(db.sql, readTwin(id), { id });
  pool = new EvaluationPool(1);
  app = await startApp(db);
});
afterAll(async () => {
  await app?.close();
  await pool?.close();
  await db?.close();
});

describe.each(COMMUNITIES)('%s', (id) => {
  test.each(TIERS)('the worker report at %s is the in-process report, byte for byte', async (tier) => {
    const cache = new ReportCache(db.sql, pool);
    const fromWorker = await cache.get(id, shandong, tier, {});
    expect(fromWorker).not.toBeNull();
    // the in-process evaluation of the same stored twin
    const twin = (await exportTwin(db.sql, id))!;
    const inProcess = evaluate(twin, shandong, tier, { params: {} });
    expect(fromWorker!.report).toEqual(inProcess);
    expect(JSON.stringify(fromWorker!.report)).toBe(JSON.stringify(inProcess));
    expect(fromWorker!.report.rows.length).toBeGreaterThan(0);
  });
});

test('the pool evaluates a file twin with a parameter as the engine does in process', async () => {
  const twin = readTwin('nanmen');
  const params = { sportsWalkMinSharePct: 50 };
  const fromWorker = await pool.report({ twin, standard: shandong, tier: 'growth', params });
  expect(JSON.stringify(fromWorker)).toBe(JSON.stringify(evaluate(twin, shandong, 'growth', { params })));
  expect(fromWorker.params.sportsWalkMinSharePct).toBe(50);
});

test('concurrent requests for the same report share one worker evaluation; another tier is another', async () => {
  const cache = new ReportCache(db.sql, pool);
  const spy = vi.spyOn(pool, 'report');
  try {
    const same = await Promise.all(Array.from({ length: 5 }, () => cache.get('xueyuan', shandong, 'basic', {})));
    expect(spy).toHaveBeenCalledTimes(1);
    for (const r of same) expect(r).toBe(same[0]);
    await cache.get('xueyuan', shandong, 'basic', {}); // cached: the version has not changed
    expect(spy).toHaveBeenCalledTimes(1);
    await cache.get('xueyuan', shandong, 'growth', {});
    expect(spy).toHaveBeenCalledTimes(2);
    // a new version of the community is a new evaluation
    await db.sql`UPDATE community SET version = version + 1, updated_at = now() WHERE id = 'xueyuan'`;
    await cache.get('xueyuan', shandong, 'basic', {});
    expect(spy).toHaveBeenCalledTimes(3);
  } finally {
    spy.mockRestore();
  }
});

test('while one version evaluates, requests for newer versions share one further run, at the newest version', async () => {
  const cache = new ReportCache(db.sql, pool);
  const original = pool.report.bind(pool);
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const spy = vi.spyOn(pool, 'report').mockImplementationOnce(async (task) => { await gate; return original(task); });
  const bump = () => db.sql`UPDATE community SET version = version + 1, updated_at = clock_timestamp() WHERE id = 'nanmen'`;
  try {
    const first = cache.get('nanmen', shandong, 'benchmark', {});
    await vi.waitFor(() => expect(spy).toHaveBeenCalledTimes(1));
    await bump();
    const second = cache.get('nanmen', shandong, 'benchmark', {});
    const third = cache.get('nanmen', shandong, 'benchmark', {});
    await new Promise((r) => setTimeout(r, 50));
    await bump();
    const fourth = cache.get('nanmen', shandong, 'benchmark', {});
    await new Promise((r) => setTimeout(r, 50));
    expect(spy).toHaveBeenCalledTimes(1); // nothing more started while the first runs
    release();
    const [a, b, c, d] = await Promise.all([first, second, third, fourth]);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(b).toBe(c);
    expect(c).toBe(d);
    expect(a).not.toBe(b);
    // the further run read the newest version: asking now is a cache hit on it
    expect(await cache.get('nanmen', shandong, 'benchmark', {})).toBe(d);
    expect(spy).toHaveBeenCalledTimes(2);
    const twin = (await exportTwin(db.sql, 'nanmen'))!;
    expect(JSON.stringify(d!.report)).toBe(JSON.stringify(evaluate(twin, shandong, 'benchmark', { params: {} })));
  } finally {
    release();
    spy.mockRestore();
  }
});

test('an engine error from the worker keeps its name and message, and is not cached', async () => {
  const cache = new ReportCache(db.sql, pool);
  const twin = (await exportTwin(db.sql, 'nanmen'))!;
  let inProcess: Error | null = null;
  try { evaluate(twin, shandong, 'basic', { params: { noSuchThing: 1 } }); } catch (err) { inProcess = err as Error; }
  expect(inProcess?.name).toBe('EvaluateError');
  const fromWorker = await cache.get('nanmen', shandong, 'basic', { noSuchThing: 1 }).then(() => null, (err: Error) => err);
  expect(fromWorker).toBeInstanceOf(Error);
  expect(fromWorker!.name).toBe('EvaluateError');
  expect(fromWorker!.message).toBe(inProcess!.message);
  // the failure was dropped from the cache: asking again evaluates again (and fails again)
  const spy = vi.spyOn(pool, 'report');
  try {
    await expect(cache.get('nanmen', shandong, 'basic', { noSuchThing: 1 })).rejects.toThrow(inProcess!.message);
    expect(spy).toHaveBeenCalledTimes(1);
  } finally {
    spy.mockRestore();
  }
  // the worker survived the error
  expect((await cache.get('nanmen', shandong, 'basic', {}))!.report.tier).toBe('basic');
});

test('an unknown community is null, without a worker task', async () => {
  const cache = new ReportCache(db.sql, pool);
  const spy = vi.spyOn(pool, 'report');
  try {
    expect(await cache.get('nowhere', shandong, 'basic', {})).toBeNull();
    expect(spy).not.toHaveBeenCalled();
  } finally {
    spy.mockRestore();
  }
});

test('the route serves the worker report, and a bad parameter is still a 400 with the engine message', async () => {
  const res = await fetch(`${app.url}/api/communities/nanmen/report?tier=growth`);
  expect(res.status).toBe(200);
  const twin = (await exportTwin(db.sql, 'nanmen'))!;
  expect(await res.text()).toBe(JSON.stringify(evaluate(twin, shandong, 'growth', { params: {} })));
  const bad = await fetch(`${app.url}/api/communities/nanmen/report?param.noSuchThing=1`);
  expect(bad.status).toBe(400);
  let message = '';
  try { evaluate(twin, shandong, 'basic', { params: { noSuchThing: 1 } }); } catch (err) { message = (err as Error).message; }
  expect((await bad.json()).error).toMatchObject({ code: 'bad_request', message });
});

test('a closed pool rejects clearly', async () => {
  const closed = new EvaluationPool(1);
  await closed.close();
  await expect(closed.report({ twin: readTwin('nanmen'), standard: shandong, tier: 'basic', params: {} })).rejects.toThrow('the evaluation pool is closed');
});
