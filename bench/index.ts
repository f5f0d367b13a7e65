/**
 * One benchmark table (`npm run bench`): each figure measured in this run beside its anchor.
 *   - the large community: engine evaluate per tier; 5G, video-coverage, sports-walk engine vs PostGIS SQL
 *   - 15-minute isochrone: engine vs pgr_withPointsDD on the same graph (large community, 50 km² streets)
 *   - union of 500 polygons: engine Clipper (one op and cascaded) vs PostGIS ST_Union (and Turf)
 *   - tiles (bench/tiles.ts), client bundle (bench/bundle.ts) and first paint (test/e2e, with paint=1)
 * PostGIS columns need DATABASE_URL (PostgreSQL + PostGIS + pgRouting); without it they read
 * "skipped: no DATABASE_URL". `npm run bench:compare` runs only the engine-vs-PostGIS sections.
 *
 * Options (key=value after --): runs=5 (median of), turf=1 (Turf union, one run: seconds), tiles=5 (seconds
 * of autocannon per tiles phase), paint=0 (first paint in Chromium), only=compare.
 */
import { writeFileSync } from 'node:fs';
import { loadNow, machine } from './lib/machine.ts';
import { openScratch, type Scratch } from './lib/postgis.ts';
import { markdown, ratio, type Row } from './lib/table.ts';
import { evaluateSection } from './sections/evaluate.ts';
import { clientSection, tilesSection } from './sections/external.ts';
import { isochroneSection } from './sections/isochrone.ts';
import { unionSection } from './sections/union.ts';

const opt = (k: string, d: string) => process.argv.find((a) => a.startsWith(`${k}=`))?.slice(k.length + 1) ?? d;
const runs = Number(opt('runs', '5'));
const compareOnly = opt('only', '') === 'compare';

const m = machine();
console.log(`${m.cpuModel}; ${m.nproc} cores; ${m.memoryGiB} GiB (${m.freeGiB} free); Node ${m.node}; load average at start ${m.load}`);
const url = process.env.DATABASE_URL;
let scratch: Scratch | null = null;
if (url) {
  scratch = await openScratch(url);
  console.log(`${scratch.versions}; scratch schema ${scratch.schema}`);
} else console.log('skipped: no DATABASE_URL — PostGIS columns are empty');

const rows: Row[] = [];
const loads: string[] = [];
const section = async (name: string, f: () => Row[] | Promise<Row[]>) => {
  const t0 = performance.now();
  rows.push(...(await f()));
  loads.push(`${name}: ${loadNow()}`);
  console.log(`  ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s (load ${loadNow()})`);
};
try {
  await section('large community', () => evaluateSection(runs, scratch));
  await section('isochrone', () => isochroneSection(runs, scratch));
  await section('union', () => unionSection(runs, scratch, opt('turf', '1') === '1'));
  if (!compareOnly) {
    await section('tiles', () => tilesSection(Number(opt('tiles', '5'))));
    await section('client', () => clientSection(opt('paint', '0') === '1'));
  }
} finally {
  await scratch?.close();
}

const table = markdown(rows);
console.log(`\n${table}\n`);
for (const r of rows) if (r.met === false) console.log(`target missed: ${r.section} — ${r.figure}: ${r.target} (${ratio(r)})`);
console.log(`load average after each section: ${loads.join('; ')}`);
const out = opt('out', '');
if (out) {
  writeFileSync(out, `${JSON.stringify({ machine: m, loads, versions: scratch?.versions ?? null, rows }, null, 2)}\n`);
  console.log(`wrote ${out}`);
}
