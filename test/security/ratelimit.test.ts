/**
 * The login rate limit lives in the database: two app instances on one database (two server
 * processes, or one before and after a restart) count the same attempts; concurrent attempts
 * are counted exactly; the window ends by itself; a successful login clears its key. Runs on
 * the database the tests are given (embedded PGlite, or DATABASE_URL).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { addUser } from '../../server/auth/users.ts';
import { openTestDatabase, type TestDatabase } from '../setup/db.ts';
import type { RunningApp } from '../server/http.ts';
import { json, startSecureApp } from './helpers.ts';

let db: TestDatabase;
const apps: RunningApp[] = [];
beforeAll(async () => { db = await openTestDatabase(); });
afterAll(async () => {
  for (const app of apps) await app.close();
  await db?.close();
});

const start = async () => {
  const app = await startSecureApp(db, { loginAttempts: 5, loginWindowMs: 60_000 });
  apps.push(app);
  return app;
};
const tryLogin = (app: RunningApp, name: string, password: string) => fetch(`${app.url}/api/auth/login`, json({ name, password }));

test('attempts made through one server and then another (or after a restart) count together', async () => {
  const { password } = await addUser(db.sql, 'test', 'shared', 'viewer');
  const first = await start();
  const second = await start();
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) statuses.push((await tryLogin(first, 'shared', `guess${i}`)).status);
  // the first server goes away: a restart forgets nothing
  await first.close();
  apps.splice(apps.indexOf(first), 1);
  for (let i = 3; i < 5; i++) statuses.push((await tryLogin(second, 'shared', `guess${i}`)).status);
  expect(statuses).toEqual([401, 401, 401, 401, 401]);
  const restarted = await start();
  const limited = await tryLogin(restarted, 'shared', password);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  expect((await tryLogin(second, 'shared', password)).status).toBe(429);
  const [row] = await db.sql`SELECT attempts FROM login_attempt WHERE key LIKE ${'%|shared'}`;
  expect(row.attempts).toBe(7);
});

test('concurrent attempts are counted exactly: 12 at once, 5 get through to the password check', async () => {
  await addUser(db.sql, 'test', 'burst', 'viewer');
  const a = await start(), b = await start();
  const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => tryLogin(i % 2 ? a : b, 'burst', `wrong${i}`).then((r) => r.status)));
  expect(statuses.filter((s) => s === 401)).toHaveLength(5);
  expect(statuses.filter((s) => s === 429)).toHaveLength(7);
});

test('the window ends by itself; a successful login clears the count', async () => {
  const { password } = await addUser(db.sql, 'test', 'patient', 'viewer');
  const app = await start();
  for (let i = 0; i < 5; i++) expect((await tryLogin(app, 'patient', `guess${i}`)).status).toBe(401);
  expect((await tryLogin(app, 'patient', password)).status).toBe(429);
  // the minute passes (moved back on the database clock rather than waited for)
  await db.sql`UPDATE login_attempt SET window_start = window_start - interval '61 seconds' WHERE key LIKE ${'%|patient'}`;
  expect((await tryLogin(app, 'patient', 'guess-again')).status).toBe(401);
  const [row] = await db.sql`SELECT attempts FROM login_attempt WHERE key LIKE ${'%|patient'}`;
  expect(row.attempts).toBe(1);
  expect((await tryLogin(app, 'patient', password)).status).toBe(200);
  expect(await db.sql`SELECT 1 FROM login_attempt WHERE key LIKE ${'%|patient'}`).toHaveLength(0);
});
