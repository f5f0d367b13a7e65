/**
 * Streamed import of a large GeoJSON (`npx tsx bench/import.ts [MB] [--no-db]`, default 200 MB):
 * writes a FeatureCollection of that size to a temporary file (the Xueyuan community, then
 * buildings and cameras spread over it, written in pieces), then
 *   1. previews it (parse, map, validate; no database),
 *   2. imports it into a fresh database (embedded PGlite, or a scratch schema on
 *      DATABASE_URL) in one transaction, as POST /api/import does,
 * printing for each the time, features/s, MB/s and the peak RSS sampled every 50 ms while
 * it ran (and the RSS before it), and the process's maxRSS at the end. Reports, never fails.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { openPostgres } from '../server/db/connect.ts';
import { openEmbedded } from '../server/db/embedded.ts';
import { migrate } from '../server/db/migrate.ts';
import type { Database } from '../server/db/types.ts';
import { streamImport, type ImportProgress } from '../server/import/stream/pipeline.ts';
import { checkTarget, commitStaged, stagingSink } from '../server/import/stream/write.ts';
import { readXueyuan } from '../test/import-export/helpers.ts';

const megabytes = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 200);
const withDb = !process.argv.includes('--no-db');
const MB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
const path = join(dir, 'big.geojson');

/** Write the file feature by feature: the generator holds one feature at a time. */
async function generate(targetBytes: number): Promise<{ features: number; bytes: number }> {
  const twin = readXueyuan();
  const community = twin.features.find((f) => f.properties.kind === 'community')!;
  const ring = (community.geometry as { coordinates: number[][][] }).coordinates[0];
  const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const out = createWriteStream(path);
  let bytes = 0, features = 0, seed = 1;
  const random = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
  const write = async (text: string) => { bytes += Buffer.byteLength(text); if (!out.write(text)) await once(out, 'drain'); };
  await write(`{"type":"FeatureCollection","name":"bench ${megabytes} MB","features":[\n${JSON.stringify(community)}`);
  features++;
  while (bytes < targetBytes) {
    const x = x0 + random() * (x1 - x0), y = y0 + random() * (y1 - y0);
    const f = features % 4 === 0
      ? { type: 'Feature', properties: { kind: 'building', id: `b-${features}`, name: `${features % 97}号楼`, floors: 1 + (features % 30), households: features % 120, use: 'residential' },
        geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 1e-4, y], [x + 1e-4, y + 8e-5], [x, y + 8e-5], [x, y]]] } }
      : { type: 'Feature', properties: { kind: 'camera', id: `c-${features}`, name: `摄像头${features}`, code: `3701020000132${String(features).padStart(7, '0')}`,
        purpose: 'general', headingDeg: features % 360, hfovDeg: 90, rangeM: 30 + (features % 40), mountHeightM: 4, online: true, intact: true, imageOut: true },
        geometry: { type: 'Point', coordinates: [x, y] } };
    await write(`,\n${JSON.stringify(f)}`);
    features++;
  }
  await write('\n]}\n');
  out.end();
  await once(out, 'finish');
  return { features, bytes };
}

/** Peak RSS while `work` runs, sampled every 50 ms. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; rssBefore: number; rssPeak: number }> {
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const timer = setInterval(() => { rssPeak = Math.max(rssPeak, process.memoryUsage().rss); }, 50);
  const t0 = performance.now();
  try {
    const result = await work();
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    return { result, ms: performance.now() - t0, rssBefore, rssPeak };
  } finally {
    clearInterval(timer);
  }
}

async function openBenchDatabase(): Promise<{ db: Database; cleanup(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `bench_import_${process.pid}`;
    const db = await openPostgres(url, schema);
    return { db, async cleanup() { await db.sql`DROP SCHEMA IF EXISTS ${db.sql(schema)} CASCADE`; await db.close(); } };
  }
  const db = await openEmbedded(join(dir, 'pglite'));
  return { db, async cleanup() { await db.close(); } };
}

const line = (label: string, m: { ms: number; rssBefore: number; rssPeak: number }, features: number, bytes: number) =>
  console.log(`${label.padEnd(26)} ${(m.ms / 1000).toFixed(1).padStart(7)} s  ${Math.round(features / (m.ms / 1000)).toString().padStart(8)} features/s  `
    + `${(bytes / MB / (m.ms / 1000)).toFixed(1).padStart(6)} MB/s  RSS before ${(m.rssBefore / MB).toFixed(0)} MB, peak ${(m.rssPeak / MB).toFixed(0)} MB`);

try {
  const g = await measured(() => generate(megabytes * MB));
  const { features, bytes } = g.result;
  console.log(`file: ${(statSync(path).size / MB).toFixed(1)} MB, ${features} features (1 community, ¼ buildings, ¾ cameras)`);
  line('generate', g, features, bytes);

  const preview = await measured(() => streamImport(path, {}));
  console.log(`preview: ${JSON.stringify({ ok: preview.result.validation.ok, errors: preview.result.validation.errorCount, counts: preview.result.counts })}`);
  line('preview (parse+validate)', preview, features, bytes);

  if (withDb) {
    const { db, cleanup } = await openBenchDatabase();
    try {
      await migrate(db.sql);
      let last: ImportProgress | null = null;
      const imported = await measured(() => db.sql.begin(async (tx) => {
        await checkTarget(tx, 'bench', false);
        const summary = await streamImport(path, { onProgress: (p) => { last = p; } }, await stagingSink(tx));
        if (!summary.validation.ok) throw new Error(`invalid: ${JSON.stringify(summary.validation.errors.slice(0, 3))}`);
        return commitStaged(tx, summary, { id: 'bench', replace: false });
      }));
      console.log(`import (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}): ${JSON.stringify(imported.result)}; last progress ${JSON.stringify(last)}`);
      line('import (one transaction)', imported, features, bytes);
      const [{ n }] = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM feature WHERE community_id = 'bench'`;
      console.log(`rows in feature: ${n}`);
    } finally {
      await cleanup();
    }
  }
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(`process maxRSS ${(maxRss / MB).toFixed(0)} MB for a ${(bytes / MB).toFixed(0)} MB file (${(maxRss / bytes).toFixed(2)}× the file)`);
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true }); else console.log(path);
}
