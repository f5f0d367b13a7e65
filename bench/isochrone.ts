/**
 * Walk isochrone on the real OSM community (`npx tsx bench/isochrone.ts [runs]`): the whole sports-walk
 * measure, and its stages (noding + network, snapping + Dijkstra, isochrone polygon), repeated; prints times.
 */
import { readFileSync } from 'node:fs';
import { anchorPoint } from '../engine/graph/anchor.ts';
import { multiSourceDijkstra, type PointSource } from '../engine/graph/dijkstra.ts';
import { isochronePolygon, reachedIntervals, reachedStretches } from '../engine/graph/isochrone.ts';
import { buildWalkNetwork } from '../engine/graph/network.ts';
import { snapToNetwork } from '../engine/graph/snap.ts';
import { measure } from '../engine/measures/sports-walk.ts';
import { buildTwin } from '../engine/twin/model.ts';
import type { TwinFile } from '../engine/twin/types.ts';

const runs = Number(process.argv[2] ?? 20);
const file = JSON.parse(readFileSync(new URL('../data/real/nanjing-qinhuai-wulaocun/twin.geojson', import.meta.url), 'utf8')) as TwinFile;
const twin = buildTwin(file);
const proj = twin.projection;

function time<T>(label: string, f: () => T): T {
  const ms: number[] = [];
  let out!: T;
  for (let i = 0; i < runs; i++) { const t0 = performance.now(); out = f(); ms.push(performance.now() - t0); }
  const sorted = [...ms].sort((a, b) => a - b);
  console.log(`${label.padEnd(40)} first ${ms[0].toFixed(1).padStart(7)} ms   median ${sorted[runs >> 1].toFixed(1).padStart(7)} ms   min ${sorted[0].toFixed(1).padStart(7)} ms`);
  return out;
}

console.log(`${twin.features.path.length} paths, ${twin.features.building.length} buildings, ${twin.features.venue.length} venues; ${runs} runs each`);
const net = time('noding + network', () => buildWalkNetwork(twin.features.path.map((f) => f.geometry.coordinates), proj));
const sources: PointSource[] = [];
const dist = time('snap venues + multi-source Dijkstra', () => {
  sources.length = 0;
  twin.features.venue.forEach((v, label) => {
    const snap = snapToNetwork(net, proj.forward(anchorPoint(v.geometry)));
    if (snap) sources.push({ snap, costM: snap.distM, label });
  });
  return multiSourceDijkstra(net, sources);
});
time('snap 314 residential buildings', () => twin.features.building.filter((b) => b.properties.use === 'residential')
  .map((b) => snapToNetwork(net, proj.forward(anchorPoint(b.geometry)))));
for (const limitM of [500, 1000]) {
  const stretches = time(`reached stretches (${limitM} m)`, () => reachedStretches(net, reachedIntervals(net, dist, limitM)));
  const poly = time(`isochrone polygon (${limitM} m, 25 m / 5 m)`, () => isochronePolygon(stretches, 25, 5, proj));
  console.log(`  ${stretches.length} stretches → ${poly?.coordinates.length ?? 0} polygon(s), ${poly?.coordinates.reduce((n, p) => n + p.length - 1, 0) ?? 0} hole(s)`);
}
time('sports-walk measure (1000 m)', () => measure.run(twin, { params: {}, tier: 'growth', threshold: 100 }));
