/**
 * The accounts, audit and backup commands against the database the server would use (a
 * closed embedded copy, or a schema on DATABASE_URL), each run as its own process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { communityState } from '../../server/audit/state.ts';
import { verifyChain } from '../../server/audit/verify.ts';
import { verifyPassword } from '../../server/auth/passwords.ts';
import { openDatabase } from '../../server/db/connect.ts';
import { migrate } from '../../server/db/migrate.ts';
import type { Database } from '../../server/db/types.ts';
import { processDatabase } from '../setup/db.ts';
import { postJson, startApp } from '../server/http.ts';
import { smallTwin } from '../server/twins.ts';

const ROOT = resolve(import.meta.dirname, '../..');
type Env = Record<string, string>;
let source: Awaited<ReturnType<typeof processDatabase>>;
let target: Awaited<ReturnType<typeof processDatabase>>;
let tmp: string;

function cli(env: Env, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/communitytwin.js'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function open(env: Env): Promise<Database> {
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, databaseSchema: env.DATABASE_SCHEMA, dataDir: env.DATA_DIR ?? '' });
  await migrate(db.sql);
  return db;
}
async function withDb<T>(env: Env, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await open(env);
  try { return await fn(db); } finally { await db.close(); }
}

beforeAll(async () => {
  source = await processDatabase();
  target = await processDatabase();
  tmp = mkdtempSync(join(tmpdir(), 'ct-backup-'));
});
afterAll(async () => {
  await source?.cleanup();
  await target?.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

test('user add prints a generated password that logs in; reset prints a new one; bad role is exit 2', async () => {
  const added = cli(source.env, 'user', 'add', 'alice', '--role', 'planner');
  expect(added.code).toBe(0);
  const password = /password \(shown once\): (\S+)/.exec(added.stdout)![1];
  const reset = cli(source.env, 'user', 'reset', 'alice');
  expect(reset.code).toBe(0);
  const newPassword = /\(shown once\): (\S+)/.exec(reset.stdout)![1];
  expect(newPassword).not.toBe(password);
  await withDb(source.env, async (db) => {
    const [row] = await db.sql`SELECT role, password_hash FROM app_user WHERE name = 'alice'`;
    expect(row.role).toBe('planner');
    expect(await verifyPassword(row.password_hash, newPassword)).toBe(true);
    expect(await verifyPassword(row.password_hash, password)).toBe(false);
    const actions = await db.sql`SELECT action, actor FROM audit_log WHERE target = 'user:alice' ORDER BY id`;
    expect(actions.map((a) => a.action)).toEqual(['user.add', 'user.reset']);
    expect(actions[0].actor).toMatch(/^cli:/);
  });
  expect(cli(source.env, 'user', 'add', 'bob', '--role', 'god').code).toBe(2);
  expect(cli(source.env, 'user', 'add', 'alice', '--role', 'viewer').code).toBe(2);
}, 180_000);

test('backup → restore into an empty database gives the same rows and a verifying chain; restore refuses a non-empty one', async () => {
  await withDb(source.env, async (db) => {
    const app = await startApp(db);
    try {
      expect((await postJson(`${app.url}/api/communities?id=bk`, smallTwin('bk'))).status).toBe(201);
      expect((await postJson(`${app.url}/api/communities/bk/attestations`, { checkId: 'platform', pass: true, text: 'ok', by: 'r' })).status).toBe(201);
    } finally {
      await app.close();
    }
  });
  expect(cli(source.env, 'audit', 'verify').code).toBe(0);
  const file = join(tmp, 'backup.json');
  const backup = cli(source.env, 'backup', file);
  expect(backup.code, backup.stderr).toBe(0);
  const restored = cli(target.env, 'restore', file);
  expect(restored.code, restored.stderr).toBe(0);
  expect(restored.stdout).toMatch(/audit chain intact/);

  const summary = async (db: Database) => {
    const [counts] = await db.sql`SELECT (SELECT count(*)::int FROM community) AS c, (SELECT count(*)::int FROM feature) AS f,
      (SELECT count(*)::int FROM attestation) AS a, (SELECT count(*)::int FROM app_user) AS u, (SELECT count(*)::int FROM audit_log) AS l`;
    return { counts, state: await communityState(db.sql, 'bk'), chain: await verifyChain(db.sql) };
  };
  const before = await withDb(source.env, summary);
  const after = await withDb(target.env, async (db) => {
    const s = await summary(db);
    // sequences continue after the restored ids
    await db.sql`INSERT INTO app_user (name, role, password_hash) VALUES ('new', 'viewer', 'x')`;
    return s;
  });
  expect(after).toEqual(before);
  expect(cli(target.env, 'restore', file).code).toBe(2);
}, 240_000);

test('audit verify names the first broken link after a superuser tampers with a row', async () => {
  const id = await withDb(source.env, async (db) => {
    const [row] = await db.sql`SELECT id FROM audit_log WHERE target = 'community:bk' ORDER BY id LIMIT 1`;
    await db.sql.begin(async (tx) => {
      await tx`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`;
      await tx`UPDATE audit_log SET after_hash = ${'f'.repeat(64)} WHERE id = ${row.id}`;
      await tx`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`;
    });
    return Number(row.id);
  });
  const verify = cli(source.env, 'audit', 'verify');
  expect(verify.code).toBe(1);
  expect(verify.stderr).toMatch(new RegExp(`broken at entry ${id}\\b`));
}, 120_000);
