/**
 * Faults. Embedded: the server is killed with SIGKILL in the middle of a stream of writes and
 * started again on the same data directory — every acknowledged write is there, the one in
 * flight is all there or not at all, and the audit chain verifies. PostgreSQL: the backend of
 * an import is terminated mid-transaction — the import fails cleanly, nothing of it is
 * stored, and the app goes on by itself; with CT_FAULT_TESTS=1 the cluster itself is stopped
 * (pg_ctlcluster) — /api/health is unhealthy — and started again — healthy without a restart.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { verifyChain } from '../../server/audit/verify.ts';
import { openPostgres } from '../../server/db/connect.ts';
import { openEmbedded } from '../../server/db/embedded.ts';
import { importTwin } from '../../server/store/importTwin.ts';
import { openTestDatabase, processDatabase } from '../setup/db.ts';
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
  // Opt-in (CT_FAULT_TESTS=1): postgres.js 3.4.9 can throw an uncaught TypeError from a
  // deferred write on the terminated connection (the ROLLBACK after the failed transaction),
  // which ends the process — porsager/postgres#1154, #1208, unreleased fix #1209. The data
  // stays whole (asserted here); the crash is reported by vitest as an unhandled error.
  test.runIf(process.env.CT_FAULT_TESTS === '1')('terminated backend: the import fails cleanly, nothing partial, the app reconnects by itself', async () => {
    const db = await openTestDatabase();
    const app = await startApp(db);
    // a second connection in the same schema holds the audit chain lock, so the import waits
    // with all its rows written but not committed — then its backend is terminated
    const blocker = await openPostgres(url!, db.schema);
    try {
      const before = await db.counts();
      let release!: () => void;
      const held = new Promise<void>((r) => { release = r; });
      let blockerPid = 0;
      const lock = blocker.sql.begin(async (tx) => {
        const [row] = await tx<{ pid: number }[]>`SELECT pg_backend_pid() AS pid, pg_advisory_xact_lock(hashtext('communitytwin.audit.' || current_schema()))`;
        blockerPid = row.pid;
        await held;
      });
      while (!blockerPid) await new Promise((r) => setTimeout(r, 10));
      const importing = postJson(`${app.url}/api/communities?id=cut`, readWulaocun());
      let victim: number | undefined;
      for (let i = 0; i < 600 && victim === undefined; i++) {
        const [row] = await blocker.sql<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE ${blockerPid}::int = ANY(pg_blocking_pids(pid))`;
        victim = row?.pid;
        if (victim === undefined) await new Promise((r) => setTimeout(r, 50));
      }
      expect(victim).toBeDefined();
      const [{ count }] = await blocker.sql<{ count: number }[]>`SELECT count(*)::int AS count FROM pg_stat_activity WHERE pid = ${victim!}`;
      expect(count).toBe(1);
      await blocker.sql`SELECT pg_terminate_backend(${victim!})`;
      release();
      await lock;
      const res = await importing;
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

  const port = url ? new URL(url).port || '5432' : '';
  const cluster = spawnSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' }).stdout?.split('\n').map((l) => l.trim().split(/\s+/)).find((c) => c[2] === port);
  test.runIf(process.env.CT_FAULT_TESTS === '1' && cluster !== undefined)('the cluster stops: health is unhealthy, an import fails with nothing stored; it starts: healthy again without a restart', async () => {
    const [version, name] = cluster!;
    const db = await openTestDatabase();
    const app = await startApp(db);
    try {
      const before = await db.counts();
      expect(spawnSync('pg_ctlcluster', [version, name, 'stop', '-m', 'fast']).status).toBe(0);
      try {
        expect((await fetch(`${app.url}/api/health`)).status).toBeGreaterThanOrEqual(500);
        expect((await postJson(`${app.url}/api/communities?id=down`, smallTwin('down'))).status).toBeGreaterThanOrEqual(500);
      } finally {
        expect(spawnSync('pg_ctlcluster', [version, name, 'start']).status).toBe(0);
      }
      let healthy = false;
      for (let i = 0; i < 100 && !healthy; i++) {
        healthy = (await fetch(`${app.url}/api/health`)).status === 200;
        if (!healthy) await new Promise((r) => setTimeout(r, 200));
      }
      expect(healthy).toBe(true);
      expect(await db.counts()).toEqual(before);
    } finally {
      await app.close();
      await db.close();
    }
  }, 180_000);
});
