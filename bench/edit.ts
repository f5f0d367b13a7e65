/**
 * Edit → report latency of the incremental Session (engine/incremental.ts): p50 / p95 over
 * `n` edits per kind — a camera moved 5–25 m and turned, a modelled 5G site added, a sports venue
 * moved — on the demo twins at growth. Each edit is applied to the session as it stands (edits
 * accumulate, as in a planning session). Prints a table; no assertions.
 * Run: npm run bench:edit [-- n=40]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Edit, TwinFeatureJson } from '../engine/edit/index.ts';
import { Session } from '../engine/incremental.ts';
import { parseStandard } from '../engine/standard/load.ts';
import type { TwinFile } from '../engine/twin/types.ts';

const n = Number(process.argv.find((a) => a.startsWith('n='))?.slice(2) ?? 40);
const root = fileURLToPath(new URL('..', import.meta.url));
const standard = parseStandard(JSON.parse(readFileSync(`${root}data/standards/shandong-2022.json`, 'utf8')));
const tier = 'growth';

let seed = 12345;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const offset = ([lon, lat]: number[], dx: number, dy: number): [number, number] =>
  [lon + dx / (111_320 * Math.cos((lat * Math.PI) / 180)), lat + dy / 110_574];
const ofKind = (t: TwinFile, kind: string) => t.features.filter((f) => f.properties.kind === kind) as TwinFeatureJson[];
const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
const point = (f: TwinFeatureJson) => (f.geometry as { coordinates: number[] }).coordinates;
const jitter = () => { const r = 5 + 20 * random(), a = 2 * Math.PI * random(); return [r * Math.cos(a), r * Math.sin(a)] as const; };

const EDITS: Record<string, (t: TwinFile, i: number) => Edit> = {
  'camera move': (t) => {
    const cam = pick(ofKind(t, 'camera'));
    const [dx, dy] = jitter();
    return { op: 'update', id: cam.properties.id, props: { headingDeg: Math.floor(random() * 360) }, geometry: { type: 'Point', coordinates: offset(point(cam), dx, dy) } };
  },
  '5G site add': (t, i) => {
    const b = pick(ofKind(t, 'camera'));
    const [dx, dy] = jitter();
    return { op: 'add', feature: { type: 'Feature', properties: { kind: 'fiveG', id: `bench-5g-${i}`, band: 'n78', heightM: 25, eirpDbm: 58, proposed: true }, geometry: { type: 'Point', coordinates: offset(point(b), dx * 4, dy * 4) } } as TwinFeatureJson };
  },
  'venue move': (t) => {
    const v = pick(ofKind(t, 'venue').filter((f) => f.geometry.type === 'Point'));
    const [dx, dy] = jitter();
    return { op: 'update', id: v.properties.id, geometry: { type: 'Point', coordinates: offset(point(v), dx * 3, dy * 3) } };
  },
};

const quantile = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const f1 = (x: number) => x.toFixed(1).padStart(8);

console.log(`edit → updated report (ms), ${n} edits per kind, tier ${tier}`);
console.log(`${'community'.padEnd(12)}${'edit'.padEnd(14)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'max'.padStart(8)}${'full'.padStart(8)}  rechecked`);
for (const name of ['xueyuan', 'nanmen']) {
  const twin = JSON.parse(readFileSync(`${root}data/demo/${name}/twin.geojson`, 'utf8')) as TwinFile;
  for (const [kind, make] of Object.entries(EDITS)) {
    const t0 = performance.now();
    const session = Session.create(twin, standard, tier);
    const fullMs = performance.now() - t0;
    for (let i = 0; i < 3; i++) session.apply([make(session.twinFile, -1 - i)]); // warm-up
    const times: number[] = [];
    const rechecked = new Set<string>();
    for (let i = 0; i < n; i++) {
      const r = session.apply([make(session.twinFile, i)]);
      times.push(r.elapsedMs);
      r.recomputed.forEach((id) => rechecked.add(id));
    }
    console.log(`${name.padEnd(12)}${kind.padEnd(14)}${f1(quantile(times, 0.5))}${f1(quantile(times, 0.95))}${f1(Math.max(...times))}${f1(fullMs)}  ${[...rechecked].join(', ')}`);
  }
}
