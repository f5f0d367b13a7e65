/** Layout helpers shared by both demos: boundary sizing, households, 5G coverage, lights, road cameras. */
import { add, alongPolyline, dist, mul, perp, pointInPolygon, polylineLength, scaleRing, signedArea, type Ring, type V } from './geom.ts';

/** Scale a ring about the origin so its area is exactly `areaM2`. */
export function ringWithArea(r: Ring, areaM2: number): Ring {
  return scaleRing(r, Math.sqrt(areaM2 / Math.abs(signedArea(r))));
}

/** Largest-remainder split of `total` in proportion to `weights` (integers summing exactly to total). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const s = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (w * total) / s);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k][1]]++;
  return out;
}

/** `share` of each value, rounded, summing to round(share × sum) exactly. */
export function shareOf(values: readonly number[], share: number): number[] {
  const target = Math.round(values.reduce((a, b) => a + b, 0) * share);
  const parts = apportion(target, values);
  return parts.map((p, i) => Math.min(p, values[i]));
}

/** Evenly spaced stations along a set of polylines (total n), offset sideways; skipping any inside `avoid`. */
export function stationsAlong(lines: V[][], n: number, side: number, avoid: readonly Ring[]): { p: V; dir: V }[] {
  const total = lines.reduce((s, l) => s + polylineLength(l), 0);
  const step = total / n;
  const out: { p: V; dir: V }[] = [];
  let k = 0, tries = 0;
  while (out.length < n && tries < 4 * n) {
    let s = ((k + 0.5) * step) % total; k++; tries++;
    if (tries > n) s = (s + step * 0.37 * (tries / n)) % total; // second pass: shifted positions
    for (const l of lines) {
      const L = polylineLength(l);
      if (s > L) { s -= L; continue; }
      const { p, dir } = alongPolyline(l, s);
      const q = add(p, mul(perp(dir), k % 2 ? side : -side));
      if (!avoid.some((r) => pointInPolygon(q, r)) && !out.some((o) => dist(o.p, q) < 1)) out.push({ p: q, dir });
      break;
    }
  }
  if (out.length < n) throw new Error(`stationsAlong: placed ${out.length} of ${n}`);
  return out;
}

/** Polygons (64-gons) whose union strictly contains the rectangle [x0,x1]×[y0,y1]: an nx×ny grid of circles. */
export function coverRect(x0: number, y0: number, x1: number, y1: number, nx: number, ny: number, marginM = 5): { c: V; r: number }[] {
  const out: { c: V; r: number }[] = [];
  const w = (x1 - x0) / nx, h = (y1 - y0) / ny;
  for (let i = 0; i < nx; i++) for (let j = 0; j < ny; j++) {
    const c: V = [x0 + (i + 0.5) * w, y0 + (j + 0.5) * h];
    out.push({ c, r: (Math.hypot(w / 2, h / 2) + marginM) / Math.cos(Math.PI / 64) });
  }
  return out;
}
