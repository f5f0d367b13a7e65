/**
 * Line of sight against building footprints (domain.md §3 "Camera view"): the straight
 * segment A→B in the local projection is blocked by a footprint when it runs through the
 * footprint's interior for more than `minLengthM` (0.01 m by default). Touching a corner or
 * running along an edge is not interior, so it never blocks; a camera mounted just outside
 * (or exactly on) its wall is not blocked by its own building.
 */
import Flatbush from 'flatbush';
import type { Twin } from '../twin/model.ts';
import { projectPolygonal, type PolygonM, type XY } from './clip.ts';

export interface Footprint {
  id: string;
  /** the footprint's polygons in metres (a MultiPolygon building has several) */
  polygons: PolygonM[];
  minX: number; minY: number; maxX: number; maxY: number;
}

export interface FootprintIndex {
  footprints: Footprint[];
  /** null when there are no footprints */
  tree: Flatbush | null;
}

const cache = new WeakMap<Twin, FootprintIndex>();

/** Every building footprint of the twin in metres, in a flatbush R-tree (cached per twin). */
export function footprintIndex(twin: Twin): FootprintIndex {
  const hit = cache.get(twin);
  if (hit) return hit;
  const footprints: Footprint[] = [];
  for (const b of twin.features.building) {
    const g = b.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const polygons = projectPolygonal(g, twin.projection);
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const poly of polygons) for (const [x, y] of poly[0] ?? []) {
      if (x < minX) minX = x; if (x > maxX) maxX = x;
      if (y < minY) minY = y; if (y > maxY) maxY = y;
    }
    if (minX <= maxX) footprints.push({ id: String(b.properties.id), polygons, minX, minY, maxX, maxY });
  }
  let tree: Flatbush | null = null;
  if (footprints.length) {
    tree = new Flatbush(footprints.length);
    for (const f of footprints) tree.add(f.minX, f.minY, f.maxX, f.maxY);
    tree.finish();
  }
  const index = { footprints, tree };
  cache.set(twin, index);
  return index;
}

const BOUNDARY_EPS_M = 1e-9;

function distToSegment(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** 1 strictly inside, 0 on the boundary, −1 outside (even–odd over all rings, so holes count) */
export function classifyPoint(p: XY, poly: PolygonM): 1 | 0 | -1 {
  let inside = false;
  for (const ring of poly) {
    for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
      const a = ring[j], b = ring[i];
      if (distToSegment(p, a, b) <= BOUNDARY_EPS_M) return 0;
      if ((a[1] > p[1]) !== (b[1] > p[1])) {
        const x = a[0] + ((p[1] - a[1]) * (b[0] - a[0])) / (b[1] - a[1]);
        if (x > p[0]) inside = !inside;
      }
    }
  }
  return inside ? 1 : -1;
}

/** Length in metres of the part of segment a→b that lies strictly inside the polygon. */
export function interiorLengthM(a: XY, b: XY, poly: PolygonM): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  if (len === 0) return 0;
  const ts = [0, 1];
  for (const ring of poly) {
    for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
      const p = ring[j], q = ring[i];
      const ex = q[0] - p[0], ey = q[1] - p[1];
      const den = dx * ey - dy * ex;
      const wx = p[0] - a[0], wy = p[1] - a[1];
      if (Math.abs(den) > 1e-12 * len * Math.hypot(ex, ey)) {
        const t = (wx * ey - wy * ex) / den;
        const u = (wx * dy - wy * dx) / den;
        if (t > 0 && t < 1 && u >= -1e-12 && u <= 1 + 1e-12) ts.push(t);
      } else {
        // parallel: where the edge's end points project onto the segment (collinear overlaps)
        for (const v of [p, q]) {
          const t = ((v[0] - a[0]) * dx + (v[1] - a[1]) * dy) / (len * len);
          if (t > 0 && t < 1) ts.push(t);
        }
      }
    }
  }
  ts.sort((x, y) => x - y);
  let inside = 0;
  for (let k = 1; k < ts.length; k++) {
    const t0 = ts[k - 1], t1 = ts[k];
    if (t1 - t0 <= 0) continue;
    const tm = (t0 + t1) / 2;
    if (classifyPoint([a[0] + tm * dx, a[1] + tm * dy], poly) === 1) inside += (t1 - t0) * len;
  }
  return inside;
}

/** Id of the first footprint (in twin order) that blocks a→b, or null when the sight line is clear. */
export function blockingFootprint(index: FootprintIndex, a: XY, b: XY, minLengthM: number): string | null {
  if (!index.tree) return null;
  const hits = index.tree.search(
    Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]),
  ).sort((x, y) => x - y);
  for (const i of hits) {
    const f = index.footprints[i];
    let len = 0;
    for (const poly of f.polygons) len += interiorLengthM(a, b, poly);
    if (len > minLengthM) return f.id;
  }
  return null;
}
