/**
 * Vector-tile serving (`npm run bench:tiles [seconds] [connections,…]`): the demo communities in
 * a fresh database (embedded PGlite, or a scratch schema on DATABASE_URL), the app on a
 * loopback port, then
 *   1. every tile once, sequentially, on an empty cache (cold encode time),
 *   2. autocannon over the same URLs for a bounded time (200s; the tile LRU is warm),
 *   3. the same with If-None-Match (304 revalidation, what `Cache-Control: no-cache` clients do),
 * phases 2 and 3 once per number of connections (default 1, 10, 50). autocannon keeps every
 * connection busy (a closed loop), so at saturation p50 ≈ connections ÷ throughput: with 50
 * connections on 2 cores the latency is mostly queueing, and the 1-connection run gives the
 * service time. Prints p50/p99 latency and tiles/s against the targets (p50 < 20 ms,
 * ≥ 500 tiles/s) and the load average; reports, never fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { createApp } from '../server/app.ts';
import { AUTH_DISABLED_FOR_TESTS } from '../server/auth/config.ts';
import { DEFAULT_BODY_LIMIT } from '../server/config.ts';
import { openPostgres } from '../server/db/connect.ts';
import { openEmbedded } from '../server/db/embedded.ts';
import { migrate } from '../server/db/migrate.ts';
import type { Database } from '../server/db/types.ts';
import { DEMO_TWINS, loadDemos } from '../server/demo.ts';
import { tileAt } from '../server/tiles/tileMath.ts';

const seconds = Number(process.argv[2] ?? 10);
const connectionCounts = (process.argv[3] ?? '1,10,50').split(',').map(Number);
const load = () => loadavg().map((l) => l.toFixed(2)).join(', ');
const root = resolve(import.meta.dirname, '..');
const LAYERS = ['building', 'camera'];
const ZOOMS = [15, 16, 17, 18];

async function openBenchDatabase(): Promise<{ db: Database; cleanup(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `bench_tiles_${process.pid}`;
    const db = await openPostgres(url, schema);
    return { db, async cleanup() { await db.sql`DROP SCHEMA IF EXISTS ${db.sql(schema)} CASCADE`; await db.close(); } };
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-tiles-'));
  const db = await openEmbedded(join(dir, 'pglite'));
  return { db, async cleanup() { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

const { db, cleanup } = await openBenchDatabase();
await migrate(db.sql);
const demos = await loadDemos(db.sql, root, DEMO_TWINS, () => undefined);
const app = createApp({
  db,
  // a loopback benchmark: no accounts, as in the tests
  config: { bodyLimit: DEFAULT_BODY_LIMIT, staticDir: join(root, '.no-dist'), standardsDir: join(root, 'data/standards'), auth: AUTH_DISABLED_FOR_TESTS },
});
const server = await new Promise<ReturnType<typeof app.listen>>((ok) => { const s = app.listen(0, '127.0.0.1', () => ok(s)); });
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** Every tile at ZOOMS covering each demo community's layer extent. */
async function tilePaths(): Promise<string[]> {
  const paths: string[] = [];
  for (const demo of demos.filter((d) => d.loaded)) {
    for (const layer of LAYERS) {
      const tileJson = await (await fetch(`${base}/tiles/${layer}.json?community=${demo.id}`)).json() as { bounds: number[] };
      const [minLon, minLat, maxLon, maxLat] = tileJson.bounds;
      for (const z of ZOOMS) {
        const nw = tileAt(minLon, maxLat, z), se = tileAt(maxLon, minLat, z);
        for (let x = nw.x; x <= se.x; x++) for (let y = nw.y; y <= se.y; y++) paths.push(`/tiles/${layer}/${z}/${x}/${y}.pbf`);
      }
    }
  }
  return [...new Set(paths)];
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

const paths = await tilePaths();
console.log(`${db.mode} database; ${demos.filter((d) => d.loaded).map((d) => `${d.id} (${d.features})`).join(', ')}`);
console.log(`${paths.length} tile URLs: layers ${LAYERS.join(', ')}, zooms ${ZOOMS.join(', ')}`);

const coldMs: number[] = [];
const etags = new Map<string, string>();
let bytes = 0, empty = 0;
for (const path of paths) {
  const t0 = performance.now();
  const res = await fetch(base + path);
  const body = new Uint8Array(await res.arrayBuffer());
  coldMs.push(performance.now() - t0);
  bytes += body.length;
  if (res.status === 204) empty++;
  etags.set(path, res.headers.get('etag') ?? '');
}
coldMs.sort((a, b) => a - b);
console.log(`cold (sequential, empty cache): p50 ${quantile(coldMs, 0.5).toFixed(1)} ms, p99 ${quantile(coldMs, 0.99).toFixed(1)} ms, ` +
  `max ${coldMs[coldMs.length - 1].toFixed(1)} ms; ${empty} empty (204), ${(bytes / 1024).toFixed(0)} KiB in all`);

async function hammer(title: string, revalidate: boolean, connections: number): Promise<void> {
  // a worker thread for the load, so that it does not share the server's event loop
  const result = await autocannon({
    url: base, duration: seconds, connections, workers: 1,
    requests: paths.map((path) => ({ method: 'GET' as const, path, headers: revalidate ? { 'if-none-match': etags.get(path) ?? '' } : {} })),
  });
  const ok = result['2xx'] + (revalidate ? result.statusCodeStats?.['304']?.count ?? 0 : 0);
  const p50 = result.latency.p50, p99 = result.latency.p99, perS = result.requests.average;
  console.log(`${title}, ${connections} connection${connections === 1 ? '' : 's'}: p50 ${p50} ms, p99 ${p99} ms, ${perS.toFixed(0)} tiles/s ` +
    `(${ok} answered, ${result.non2xx - (revalidate ? ok - result['2xx'] : 0)} other, ${result.errors} errors, ${result.timeouts} timeouts) — ` +
    `targets p50 < 20 ms ${p50 < 20 ? 'met' : 'MISSED'}, ≥ 500 tiles/s ${perS >= 500 ? 'met' : 'MISSED'}`);
}

console.log(`autocannon: ${seconds} s per phase; connections ${connectionCounts.join(', ')}; load average ${load()}`);
for (const connections of connectionCounts) {
  await hammer('tiles (200, warm LRU)', false, connections);
  await hammer('revalidation (If-None-Match → 304)', true, connections);
}
console.log(`load average at the end ${load()}`);

// stop accepting; autocannon drops its sockets with requests still in the handlers, so give
// those a moment to finish their queries before the database closes
await new Promise<void>((ok) => server.close(() => ok()));
await new Promise((ok) => setTimeout(ok, 1000));
await cleanup();
