/**
 * Facades of a building footprint, in a local metric projection (domain.md §3 "Throwing").
 *
 * Each polygon's exterior ring (zero-length edges dropped) is walked in its stored order from the start of
 * its longest edge (first in ring order on a tie); the next edge joins the current facade while its
 * direction differs from the facade's first edge by < mergeDeg; a facade is the straight segment from its
 * first to its last vertex; facades shorter than minWidthM are skipped, the others numbered 0, 1, … in walk
 * order, polygon after polygon.
 */
export type XY = readonly [number, number];

export interface FacadeOptions {
  /** an edge joins the facade while its direction is within this angle of the facade's first edge */
  mergeDeg: number;
  /** facades narrower than this are skipped */
  minWidthM: number;
}

export interface Facade {
  /** 0, 1, … in walk order over the kept facades of the whole footprint */
  index: number;
  /** polygon of a MultiPolygon footprint (0 for a Polygon) */
  part: number;
  /** ring edges (index of each edge's start vertex in the stored ring) that make up the facade, in walk order */
  edges: number[];
  p0: XY;
  p1: XY;
  widthM: number;
  /** outward unit normal: right of the walk on a counter-clockwise ring, left on a clockwise one */
  normal: XY;
}

interface RingEdge { i: number; a: XY; b: XY; len: number; dirDeg: number }

/** Angle between two directions in degrees, 0–180. */
function directionGapDeg(a: number, b: number): number {
  const d = Math.abs(a - b);
  return d > 180 ? 360 - d : d;
}

/** Facades of one exterior ring (projected, closed: last vertex = first). Indices start at firstIndex. */
export function ringFacades(ring: readonly XY[], opts: FacadeOptions, part = 0, firstIndex = 0): Facade[] {
  const all: RingEdge[] = [];
  let shoelace = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i], b = ring[i + 1];
    shoelace += a[0] * b[1] - b[0] * a[1];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (len > 0) all.push({ i, a, b, len, dirDeg: (Math.atan2(b[1] - a[1], b[0] - a[0]) * 180) / Math.PI });
  }
  if (all.length === 0) return [];
  const ccw = shoelace > 0;
  let start = 0;
  for (let r = 1; r < all.length; r++) if (all[r].len > all[start].len) start = r;

  const groups: RingEdge[][] = [];
  let firstDir = NaN;
  for (let w = 0; w < all.length; w++) {
    const e = all[(start + w) % all.length];
    if (w > 0 && directionGapDeg(e.dirDeg, firstDir) < opts.mergeDeg) {
      groups[groups.length - 1].push(e);
    } else {
      groups.push([e]);
      firstDir = e.dirDeg;
    }
  }

  const facades: Facade[] = [];
  for (const g of groups) {
    const p0 = g[0].a, p1 = g[g.length - 1].b;
    const dx = p1[0] - p0[0], dy = p1[1] - p0[1];
    const widthM = Math.hypot(dx, dy);
    if (!(widthM >= opts.minWidthM)) continue;
    const normal: XY = ccw ? [dy / widthM, -dx / widthM] : [-dy / widthM, dx / widthM];
    facades.push({ index: firstIndex + facades.length, part, edges: g.map((e) => e.i), p0, p1, widthM, normal });
  }
  return facades;
}

/** Facades of a footprint given as its polygons' exterior rings (projected). */
export function footprintFacades(exteriorRings: readonly (readonly XY[])[], opts: FacadeOptions): Facade[] {
  const out: Facade[] = [];
  exteriorRings.forEach((ring, part) => out.push(...ringFacades(ring, opts, part, out.length)));
  return out;
}

/** Column positions of a facade: n = ceil(w / spacingM) points at (i + 0.5)·w/n along it, offsetM outside. */
export function facadeColumns(f: Facade, spacingM: number, offsetM: number): XY[] {
  const n = Math.ceil(f.widthM / spacingM);
  const cols: XY[] = [];
  for (let i = 0; i < n; i++) {
    const t = (i + 0.5) / n;
    cols.push([
      f.p0[0] + t * (f.p1[0] - f.p0[0]) + f.normal[0] * offsetM,
      f.p0[1] + t * (f.p1[1] - f.p0[1]) + f.normal[1] * offsetM,
    ]);
  }
  return cols;
}

/** Signed distance of a point from the facade's line, positive on the outer side. */
export function outerSideM(f: Facade, p: XY): number {
  return (p[0] - f.p0[0]) * f.normal[0] + (p[1] - f.p0[1]) * f.normal[1];
}
