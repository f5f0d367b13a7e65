/**
 * Union of 500 random circles (64-gons, radius 20–150 m, in a 2 km square): Clipper (WASM,
 * engine/geo/clip.ts) against Turf's union (polyclip-ts). Prints timings and areas; no assertions.
 * Run: npx tsx bench/union.ts [circles=500] [repeats=3]
 */
import { union as turfUnion, featureCollection, polygon, area as turfArea } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { areaM2, union, type MultiPolygonM } from '../engine/geo/clip.ts';
import { localProjection } from '../engine/geo/projection.ts';

const n = Number(process.argv[2] ?? 500);
const repeats = Number(process.argv[3] ?? 3);
let seed = 20261126;
const random = () => { // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const proj = localProjection(118.79, 32.04);
const circles: MultiPolygonM[] = Array.from({ length: n }, () => {
  const cx = (random() - 0.5) * 2000, cy = (random() - 0.5) * 2000, r = 20 + random() * 130;
  return [[Array.from({ length: 64 }, (_, k): [number, number] => [cx + r * Math.sin((2 * Math.PI * k) / 64), cy + r * Math.cos((2 * Math.PI * k) / 64)])]];
});
const lonLat = circles.map((c) => {
  const ring = c[0][0].map((p) => proj.inverse(p));
  return polygon([[...ring, ring[0]]]);
});

function time<T>(label: string, f: () => T): T {
  let out!: T;
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    out = f();
    ms.push(performance.now() - t0);
  }
  console.log(`${label.padEnd(34)} best ${Math.min(...ms).toFixed(1)} ms, mean ${(ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(1)} ms`);
  return out;
}

console.log(`union of ${n} random circles (64-gons), ${repeats} runs each`);
const clipped = time('clipper (WASM, 0.1 mm grid, metres)', () => union(circles));
const turfed = time('turf union (polyclip-ts, lon/lat)', () => turfUnion(featureCollection(lonLat)) as Feature<Polygon | MultiPolygon> | null);
console.log(`area clipper ${areaM2(clipped).toFixed(1)} m², turf (geodesic) ${turfed ? turfArea(turfed).toFixed(1) : 'n/a'} m², parts ${clipped.length}`);
