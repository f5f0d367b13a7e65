/**
 * Faults. Embedded: the server is killed with SIGKILL in the middle of a stream of writes and
 * started again on the same data directory — every acknowledged write is there, the one in
 * flight is all there or not at all, and the audit chain verifies. PostgreSQL: the backend of
 * an import is terminated mid-transaction — the import fails cleanly, nothing of it is
 * stored, and the app goes on by itself; and, on a throwaway cluster (root + pg_createcluster),
 * the database is stopped in the middle of an import — the import fails, nothing of it is
 * stored, /api/health answers 503 "database unreachable" — and started again — healthy and
 * importing again without a restart of the app.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { verifyChain } from '../../server/audit/verify.ts';
import { openPostgres } from '../../server/db/connect.ts';
import { openEmbedded } from '../../server/db/embedded.ts';
import { migrate } from '../../server/db/migrate.ts';
import { isPatched } from '../../server/db/postgres-patch.mjs';
import type { Database } from '../../server/db/types.ts';
import { importTwin } from '../../server/store/importTwin.ts';
import { openTestDatabase, processDatabase, rowCounts } from '../setup/db.ts';
import { postJson, startApp } from '../server/http.ts';
import { readWulaocun, smallTwin } from '../server/twins.ts';
import { login, type Client } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const url = process.env.DATABASE_URL;

interface Server { child: ChildProcess; url: string; output: () => string }
async function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/main.ts')], {
    cwd: ROOT, env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no start in 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (m) { clearTimeout(timer); ok(m[1]); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited ${code}:\n${output}`)); });
  });
  return { child, url: `http://127.0.0.1:${port}`, output: () => output };
}

describe.skipIf(url !== undefined)('embedded: kill -9 during writes', () => {
  let data: Awaited<ReturnType<typeof processDatabase>>;
  afterAll(async () => { await data?.cleanup(); });

  test('after SIGKILL and a restart every acknowledged write is there, the chain verifies', async () => {
    data = await processDatabase();
    // a community, so the server skips loading the demos
    const seed = await openEmbedded(join(data.env.DATA_DIR, 'pglite'));
    try { await importTwin(seed.sql, smallTwin('crash'), { id: 'crash' }); } finally { await seed.close(); }

    const first = await startServer(data.env);
    const password = /password: (\S+)/.exec(first.output())![1];
    const admin = await login(first.url, 'admin', password);
    const acknowledged: string[] = [];
    let inFlight: string | null = null;
    const writer = (async () => {
      for (let i = 0; ; i++) {
        const text = `attestation ${i}`;
        inFlight = text;
        const res = await admin.fetch('/api/communities/crash/attestations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ checkId: 'platform', pass: i % 2 === 0, text, by: 'fault test' }) });
        if (res.status !== 201) throw new Error(`write ${i}: ${res.status}`);
        acknowledged.push(text);
        inFlight = null;
      }
    })().catch(() => undefined);
    while (acknowledged.length < 25) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    await writer;
    expect(acknowledged.length).toBeGreaterThanOrEqual(25);

    const second = await startServer(data.env);
    try {
      expect(second.output()).not.toMatch(/first start: created the admin/);
      const again: Client = await login(second.url, 'admin', password);
      const stored = (await (await again.fetch('/api/communities/crash/attestations?all=1')).json()) as { text: string }[];
      const texts = new Set(stored.map((a) => a.text));
      expect(acknowledged.filter((t) => !texts.has(t))).toEqual([]);
      const extra = [...texts].filter((t) => t.startsWith('attestation ') && !acknowledged.includes(t));
      // at most the write that was in flight, and only if it committed whole
      expect(extra.length <= 1 && (extra.length === 0 || extra[0] === inFlight)).toBe(true);
      const chain = await (await again.fetch('/api/audit/verify')).json();
      expect(chain.ok).toBe(true);
      const auditRows = await (await again.fetch('/api/communities/crash/features/crash/history')).json();
      expect(auditRows.communityId).toBe('crash');
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    }
  }, 300_000);
});

describe.runIf(url !== undefined)('PostgreSQL: the connection dies mid-import', () => {
  // postgres.js 3.4.9 used to end the process here (an uncaught TypeError from its own ROLLBACK
  // on the closed socket, porsager/postgres#1154, #1208): server/db/postgres-patch.mjs fixes it
  test('the driver carries the closed-socket fix', () => {
    expect(isPatched()).toBe(true);
  });

  test('terminated backend: the import fails cleanly, nothing partial, the app reconnects by itself', async () => {
    const db = await openTestDatabase();
    const app = await startApp(db);
    const blocker = await openPostgres(url!, db.schema);
    try {
      const before = await db.counts();
      const stalled = await stallImport(blocker, app.url, 'cut');
      await blocker.sql`SELECT pg_terminate_backend(${stalled.victim})`;
      stalled.release();
      await stalled.lock;
      const res = await stalled.importing;
      expect(res.status).toBeGreaterThanOrEqual(500);
      expect((await res.json()).error.code).toBe('internal');
      expect(await db.counts()).toEqual(before);
      expect((await db.sql`SELECT 1 FROM community WHERE id = 'cut'`).length).toBe(0);
      // the pool replaces the dead connection on its own
      expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
      expect((await postJson(`${app.url}/api/communities?id=cut`, smallTwin('cut'))).status).toBe(201);
      expect(await verifyChain(db.sql)).toMatchObject({ ok: true });
    } finally {
      await blocker.close();
      await app.close();
      await db.close();
    }
  }, 180_000);

  // The database itself stops: on a throwaway cluster of its own (pg_createcluster, as root),
  // so the other test files, which share the DATABASE_URL server, are not stopped with it.
  const cluster = throwawayClusterTool();
  test.runIf(cluster !== null)('the database stops in the middle of an import: it fails cleanly, nothing partial, health says 503 "database unreachable"; it starts: healthy again without a restart', async () => {
    const pg = await createCluster(cluster!);
    let db: Database | undefined, blocker: Database | undefined, app: Awaited<ReturnType<typeof startApp>> | undefined;
    try {
      db = await openPostgres(pg.url);
      await migrate(db.sql);
      app = await startApp(db);
      expect((await postJson(`${app.url}/api/communities?id=kept`, smallTwin('kept'))).status).toBe(201);
      const before = await rowCounts(db.sql);
      const chainBefore = await verifyChain(db.sql);
      expect(chainBefore).toMatchObject({ ok: true });

      blocker = await openPostgres(pg.url);
      const stalled = await stallImport(blocker, app.url, 'down');
      // the import's rows are written, not committed: now the server goes away
      expect(pg.ctl('stop', '-m', 'fast')).toBe(0);
      stalled.release();
      await stalled.lock.catch(() => undefined);
      const res = await stalled.importing;
      expect(res.status).toBe(500);
      expect((await res.json()).error.code).toBe('internal');

      const down = await fetch(`${app.url}/api/health`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: 'unhealthy', reason: 'database unreachable', db: { mode: 'postgres' } });
      // a write while it is down fails, and stores nothing (checked below)
      expect((await postJson(`${app.url}/api/communities?id=down2`, smallTwin('down2'))).status).toBe(500);

      expect(pg.ctl('start')).toBe(0);
      let status = 0;
      for (let i = 0; i < 150 && status !== 200; i++) {
        status = (await fetch(`${app.url}/api/health`)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(status).toBe(200);
      expect(await rowCounts(db.sql)).toEqual(before);
      expect((await db.sql`SELECT id FROM community WHERE id IN ('down', 'down2')`).length).toBe(0);
      // the same app, not restarted, imports again and the chain goes on from where it was
      expect((await postJson(`${app.url}/api/communities?id=down`, smallTwin('down'))).status).toBe(201);
      const chain = await verifyChain(db.sql);
      expect(chain).toMatchObject({ ok: true });
      expect(chain.entries).toBe(chainBefore.entries + 1);
    } finally {
      await app?.close();
      await blocker?.close().catch(() => undefined);
      await db?.close().catch(() => undefined);
      pg.drop();
    }
  }, 240_000);
});

interface Stalled { victim: number; release(): void; lock: Promise<unknown>; importing: Promise<Response> }

/**
 * An import that waits with all its rows written but not committed: a second connection holds
 * the audit chain lock the import takes last. Returns the import's backend pid.
 */
async function stallImport(blocker: Database, appUrl: string, id: string): Promise<Stalled> {
  let release!: () => void;
  const held = new Promise<void>((r) => { release = r; });
  let blockerPid = 0;
  const lock = blocker.sql.begin(async (tx) => {
    const [row] = await tx<{ pid: number }[]>`SELECT pg_backend_pid() AS pid, pg_advisory_xact_lock(hashtext('communitytwin.audit.' || current_schema()))`;
    blockerPid = row.pid;
    await held;
  });
  lock.catch(() => undefined);
  while (!blockerPid) await new Promise((r) => setTimeout(r, 10));
  const importing = postJson(`${appUrl}/api/communities?id=${id}`, readWulaocun());
  let victim: number | undefined;
  for (let i = 0; i < 600 && victim === undefined; i++) {
    const [row] = await blocker.sql<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE ${blockerPid}::int = ANY(pg_blocking_pids(pid))`;
    victim = row?.pid;
    if (victim === undefined) await new Promise((r) => setTimeout(r, 50));
  }
  if (victim === undefined) throw new Error('the import never reached the audit lock');
  return { victim, release, lock, importing };
}

/** pg_createcluster and a PostgreSQL major version with PostGIS, when this machine has them and we are root. */
function throwawayClusterTool(): { version: string } | null {
  if (process.getuid?.() !== 0) return null;
  if (spawnSync('sh', ['-c', 'command -v pg_createcluster && command -v pg_ctlcluster && command -v runuser']).status !== 0) return null;
  const versions = existsSync('/usr/share/postgresql') ? readdirSync('/usr/share/postgresql').filter((v) => existsSync(`/usr/share/postgresql/${v}/extension/postgis.control`)) : [];
  return versions.length ? { version: versions.sort().at(-1)! } : null;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  await new Promise((ok) => server.close(ok));
  return port;
}

async function createCluster({ version }: { version: string }) {
  const name = `ctfault_${process.pid}`;
  const port = await freePort();
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  };
  run('pg_createcluster', [version, name, '-p', String(port), '--start', '--', '--auth-host=scram-sha-256']);
  const drop = () => { spawnSync('pg_dropcluster', ['--stop', version, name]); };
  try {
    const psql = (c: string, db = 'postgres') => run('runuser', ['-u', 'postgres', '--', 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-p', String(port), '-d', db, '-c', c]);
    psql("CREATE ROLE fault LOGIN SUPERUSER PASSWORD 'fault'");
    psql('CREATE DATABASE fault OWNER fault');
  } catch (err) {
    drop();
    throw err;
  }
  return {
    url: `postgres://fault:fault@127.0.0.1:${port}/fault`,
    ctl: (...args: string[]) => spawnSync('pg_ctlcluster', [version, name, ...args]).status,
    drop,
  };
}
