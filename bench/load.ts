/**
 * Load (`npm run bench:load [seconds] [connections]`, default 20 s × 200): the demo
 * communities in a fresh database (embedded PGlite, or a scratch schema on DATABASE_URL), the
 * app as in production (accounts on, reads public) on a loopback port; autocannon readers
 * cycle through reports, feature lists, the community list and tiles while an admin
 * re-imports a community in a loop and a device platform streams telemetry batches.
 * Prints errors, p50/p99 latency and throughput of each, and the load average around the run
 * (the cores are shared); reports, never fails.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { createApp } from '../server/app.ts';
import { DEFAULT_AUTH } from '../server/auth/config.ts';
import { addDeviceToken } from '../server/auth/sessions.ts';
import { addUser } from '../server/auth/users.ts';
import { DEFAULT_BODY_LIMIT } from '../server/config.ts';
import { openPostgres } from '../server/db/connect.ts';
import { openEmbedded } from '../server/db/embedded.ts';
import { migrate } from '../server/db/migrate.ts';
import type { Database } from '../server/db/types.ts';
import { DEMO_TWINS, loadDemos } from '../server/demo.ts';
import { tileAt } from '../server/tiles/tileMath.ts';

const seconds = Number(process.argv[2] ?? 20);
const connections = Number(process.argv[3] ?? 200);
const root = resolve(import.meta.dirname, '..');

async function openBenchDatabase(): Promise<{ db: Database; cleanup(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `bench_load_${process.pid}`;
    const db = await openPostgres(url, schema);
    return { db, async cleanup() { await db.sql`DROP SCHEMA IF EXISTS ${db.sql(schema)} CASCADE`; await db.close(); } };
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-load-'));
  const db = await openEmbedded(join(dir, 'pglite'));
  return { db, async cleanup() { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

const { db, cleanup } = await openBenchDatabase();
await migrate(db.sql);
const demos = (await loadDemos(db.sql, root, DEMO_TWINS, () => undefined)).filter((d) => d.loaded);
const { password } = await addUser(db.sql, 'bench', 'bench-admin', 'admin');
const deviceToken = await addDeviceToken(db.sql, 'bench-platform');
const app = createApp({ db, config: { bodyLimit: DEFAULT_BODY_LIMIT, staticDir: join(root, '.no-dist'), standardsDir: join(root, 'data/standards'), auth: DEFAULT_AUTH } });
const server = await new Promise<ReturnType<typeof app.listen>>((ok) => { const s = app.listen(0, '127.0.0.1', () => ok(s)); });
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// readers: what a wall or a browser asks for
const readPaths: string[] = ['/api/communities'];
for (const d of demos) {
  readPaths.push(`/api/communities/${d.id}/report`, `/api/communities/${d.id}/features?kind=camera`, `/api/communities/${d.id}/features?kind=building`);
  const tileJson = await (await fetch(`${base}/tiles/building.json?community=${d.id}`)).json() as { bounds?: number[] };
  if (tileJson.bounds) {
    const [minLon, minLat, maxLon, maxLat] = tileJson.bounds;
    const nw = tileAt(minLon, maxLat, 17), se = tileAt(maxLon, minLat, 17);
    for (let x = nw.x; x <= se.x; x++) for (let y = nw.y; y <= se.y; y++) for (const layer of ['building', 'camera']) readPaths.push(`/tiles/${layer}/17/${x}/${y}.pbf`);
  }
}

// the writers
const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench-admin', password }) });
const adminHeaders = { cookie: login.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken, 'content-type': 'application/json' };
const importBody = readFileSync(join(root, 'data/demo/nanmen/twin.geojson'), 'utf8');
const streamCommunity = demos.find((d) => d.id === 'xueyuan') ?? demos[0];
const cameras = ((await (await fetch(`${base}/api/communities/${streamCommunity.id}/features?kind=camera`)).json()) as { features: { properties: { id: string } }[] }).features.map((f) => f.properties.id);

interface Stream { name: string; ms: number[]; failures: string[] }
const quantile = (values: number[], q: number) => { const s = [...values].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN; };
let running = true;
async function loop(stream: Stream, once: (i: number) => Promise<Response>, pauseMs: number): Promise<void> {
  for (let i = 0; running; i++) {
    const t0 = performance.now();
    try {
      const res = await once(i);
      await res.arrayBuffer();
      if (res.status >= 300) stream.failures.push(`${res.status}`);
      else stream.ms.push(performance.now() - t0);
    } catch (err) {
      stream.failures.push((err as Error).message);
    }
    await new Promise((r) => setTimeout(r, pauseMs));
  }
}
const imports: Stream = { name: 'import (nanmen, replace)', ms: [], failures: [] };
const telemetry: Stream = { name: `telemetry (50 cameras of ${streamCommunity.id})`, ms: [], failures: [] };
const writers = Promise.all([
  loop(imports, () => fetch(`${base}/api/communities?id=load-import&replace=true`, { method: 'POST', headers: adminHeaders, body: importBody }), 200),
  loop(telemetry, (i) => fetch(`${base}/api/telemetry`, {
    method: 'POST', headers: { authorization: `Bearer ${deviceToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(cameras.slice(0, 50).map((featureId, k) => ({ featureId, communityId: streamCommunity.id, online: (i + k) % 3 !== 0, intact: true, imageOut: true, at: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString() }))),
  }), 100),
]);

console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(', ')} (${cpus().length} cores)`);
console.log(`${db.mode} database; ${demos.map((d) => `${d.id} (${d.features})`).join(', ')}; ${readPaths.length} read URLs; ${connections} connections, ${seconds} s per phase`);
// phase 1: everything, reports (evaluated per request, CPU-bound) included; phase 2: features, list and tiles
const phases: [string, string[]][] = [
  ['reads incl. reports', readPaths],
  ['features, list, tiles', readPaths.filter((p) => !p.endsWith('/report'))],
];
const results: [string, autocannon.Result][] = [];
for (const [name, paths] of phases) {
  // in worker threads: the clients parsing 200 streams of responses must not share the
  // server's event loop (in one thread they took a fifth of its time in a profile)
  results.push([name, await autocannon({ url: base, connections, duration: seconds, workers: 2, requests: paths.map((path) => ({ method: 'GET' as const, path })) })]);
}
running = false;
await writers;

for (const [name, result] of results) {
  console.log(`readers (${name}): ${result.requests.total} requests, ${Math.round(result.requests.average)} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
    `errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`);
}
for (const s of [imports, telemetry]) {
  console.log(`${s.name}: ${s.ms.length} ok, ${s.failures.length} failed${s.failures.length ? ` (${[...new Set(s.failures)].slice(0, 3).join('; ')})` : ''}, p50 ${quantile(s.ms, 0.5).toFixed(0)} ms, p99 ${quantile(s.ms, 0.99).toFixed(0)} ms`);
}
console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
const [{ n }] = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM audit_log`;
console.log(`audit log: ${n} rows`);
// let the requests autocannon gave up on finish before the database goes (they would fail
// with CONNECTION_ENDED): stop accepting, wait for open connections, then a last query queues
// behind whatever they still had in the pool
const closed = new Promise((ok) => server.close(ok));
server.closeIdleConnections();
await Promise.race([closed, new Promise((ok) => setTimeout(ok, 30_000))]);
server.closeAllConnections();
await db.sql`SELECT 1`;
await cleanup();
