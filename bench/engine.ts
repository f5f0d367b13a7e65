/**
 * Engine benchmark: time of `evaluate` per community (data/demo/*, data/real/* and a generated
 * large community, bench/large-community.ts), per tier, and per check at the benchmark tier.
 * Times are the median of `repeats` warm runs (one warm-up run first).
 * Run: npm run bench:engine [-- repeats=3]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluate } from '../engine/evaluate.ts';
import { measures } from '../engine/measures/index.ts';
import type { Measure } from '../engine/measures/types.ts';
import { parseStandard } from '../engine/standard/load.ts';
import type { TwinFile } from '../engine/twin/types.ts';
import { largeCommunity } from './large-community.ts';

const repeats = Number(process.argv.find((a) => a.startsWith('repeats='))?.slice(8) ?? 3);
const root = fileURLToPath(new URL('..', import.meta.url));
const standard = parseStandard(JSON.parse(readFileSync(`${root}data/standards/shandong-2022.json`, 'utf8')));
const TIERS = ['basic', 'growth', 'benchmark'];

const communities: { name: string; twin: TwinFile }[] = [];
for (const dir of ['demo', 'real']) {
  const base = `${root}data/${dir}/`;
  if (!existsSync(base)) continue;
  for (const name of readdirSync(base).sort()) {
    const file = `${base}${name}/twin.geojson`;
    if (existsSync(file)) communities.push({ name: `${dir}/${name}`, twin: JSON.parse(readFileSync(file, 'utf8')) });
  }
}
const t0 = performance.now();
communities.push({ name: 'generated/large (1 km²)', twin: largeCommunity() });
console.log(`generated the large community in ${(performance.now() - t0).toFixed(0)} ms`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => x.toFixed(1).padStart(8);

/** the registry with each measure's run timed into `times` */
function timed(times: Map<string, number[]>): Record<string, Measure> {
  return Object.fromEntries(Object.entries(measures).map(([id, m]) => [id, {
    ...m,
    run(twin, ctx) {
      const start = performance.now();
      try { return m.run(twin, ctx); } finally { (times.get(id) ?? times.set(id, []).get(id)!).push(performance.now() - start); }
    },
  } satisfies Measure]));
}

const perCheck = new Map<string, Map<string, number>>();
console.log(`\nevaluate, median of ${repeats} warm runs (ms)`);
console.log(`${'community'.padEnd(42)}${'features'.padStart(9)}${TIERS.map((t) => t.padStart(11)).join('')}  summary (benchmark)`);
for (const { name, twin } of communities) {
  const totals: number[] = [];
  let summary = '';
  for (const tier of TIERS) {
    evaluate(twin, standard, tier); // warm-up
    const runs: number[] = [];
    const times = new Map<string, number[]>();
    for (let r = 0; r < repeats; r++) {
      const start = performance.now();
      const report = evaluate(twin, standard, tier, tier === 'benchmark' ? { measures: timed(times) } : {});
      runs.push(performance.now() - start);
      const s = report.summary;
      summary = `passed ${s.passed}, failed ${s.failed}, attested ${s.attested}, missing ${s.missing}`;
    }
    totals.push(median(runs));
    if (tier === 'benchmark') perCheck.set(name, new Map([...times].map(([id, xs]) => [id, median(xs)])));
  }
  console.log(`${name.padEnd(42)}${String(twin.features.length).padStart(9)}${totals.map((t) => ms(t).padStart(11)).join('')}  ${summary}`);
}

const ids = [...new Set([...perCheck.values()].flatMap((m) => [...m.keys()]))];
const names = [...perCheck.keys()];
console.log('\nper check at the benchmark tier, median ms');
console.log(`${'check'.padEnd(18)}${names.map((n) => n.slice(0, 22).padStart(24)).join('')}`);
for (const id of ids) console.log(`${id.padEnd(18)}${names.map((n) => ms(perCheck.get(n)!.get(id) ?? NaN).padStart(24)).join('')}`);
