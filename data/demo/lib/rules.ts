/**
 * The generator's own implementation of the domain.md §3 rules, in metres, used to place
 * cameras and to verify the demos: the camera view (key locations) and the throwing frustum.
 * `margin` makes a check stricter than the rule so rounding and geodesic-vs-planar
 * differences in the engine cannot flip a result.
 */
import { angleDiff, bearing, dist, dot, insideLengthConvex, pointInPolygon, signedArea, sub, unit, type Ring, type V } from './geom.ts';

export interface Cam {
  at: V; headingDeg: number; hfovDeg: number; vfovDeg: number; tiltDeg: number;
  rangeM: number; mountHeightM: number; online?: boolean; intact?: boolean;
}
export interface Margin { rangeFrac: number; angleDeg: number; frontM: number }
export const STRICT: Margin = { rangeFrac: 0.01, angleDeg: 0.5, frontM: 0.3 };
export const EXACT: Margin = { rangeFrac: 0, angleDeg: 0, frontM: 1e-9 };

/** §3 camera view: within range, within hfov, line of sight not through a footprint's interior. */
export function viewCovers(c: Cam, p: V, blockers: readonly Ring[], m: Margin = EXACT): boolean {
  if (c.online === false || c.intact === false) return false;
  const d = dist(c.at, p);
  if (d > c.rangeM * (1 - m.rangeFrac)) return false;
  if (d > 1e-6 && angleDiff(bearing(c.at, p), c.headingDeg) > c.hfovDeg / 2 - m.angleDeg) return false;
  for (const r of blockers) if (insideLengthConvex(c.at, p, r) > (m === EXACT ? 0.01 : 0)) return false;
  return true;
}

export interface Facade { index: number; a: V; b: V; width: number; outward: V }
/** §3 facades of a footprint ring (open ring, any orientation). */
export function facades(ringIn: Ring, minWidth = 3, joinDeg = 10): Facade[] {
  const ring = signedArea(ringIn) > 0 ? ringIn : [...ringIn].reverse(); // CCW: outward = right normal
  const n = ring.length;
  let start = 0, best = -1;
  for (let i = 0; i < n; i++) { const l = dist(ring[i], ring[(i + 1) % n]); if (l > best) { best = l; start = i; } }
  const groups: V[][] = [];
  let cur: V[] = [], firstDir: V | null = null;
  for (let k = 0; k < n; k++) {
    const a = ring[(start + k) % n], b = ring[(start + k + 1) % n];
    const d = unit(sub(b, a));
    if (firstDir && Math.acos(Math.max(-1, Math.min(1, dot(d, firstDir)))) * 180 / Math.PI < joinDeg) { cur.push(b); continue; }
    if (cur.length) groups.push(cur);
    cur = [a, b]; firstDir = d;
  }
  if (cur.length) groups.push(cur);
  const out: Facade[] = [];
  groups.forEach((g, i) => {
    const a = g[0], b = g[g.length - 1], w = dist(a, b);
    if (w < minWidth) return;
    const t = unit(sub(b, a));
    out.push({ index: i, a, b, width: w, outward: [t[1], -t[0]] });
  });
  return out;
}

export interface Sample { p: V; h: number; floor: number; facade: number }
export interface Footprint { ring: Ring; roofM: number }
/** §3 window samples of one facade (floors 3 … floors), minus those inside other buildings below their roofs. */
export function facadeSamples(f: Facade, floors: number, floorHeightM: number, others: readonly Footprint[] = []): Sample[] {
  const n = Math.ceil(f.width / 2), out: Sample[] = [];
  const t = unit(sub(f.b, f.a));
  for (let i = 0; i < n; i++) {
    const s = ((i + 0.5) * f.width) / n;
    const p: V = [f.a[0] + t[0] * s + f.outward[0] * 0.5, f.a[1] + t[1] * s + f.outward[1] * 0.5];
    for (let k = 3; k <= floors; k++) {
      const h = (k - 0.5) * floorHeightM;
      if (others.some((o) => h <= o.roofM && pointInPolygon(p, o.ring))) continue;
      out.push({ p, h, floor: k, facade: f.index });
    }
  }
  return out;
}

/** §3 throwing frustum for one sample of facade f. */
export function throwCovers(c: Cam, s: Sample, f: Facade, m: Margin = EXACT): boolean {
  if (c.online === false || c.intact === false) return false;
  if (dot(sub(c.at, f.a), f.outward) <= m.frontM) return false;
  const dh = dist(c.at, s.p), dz = s.h - c.mountHeightM;
  if (Math.hypot(dh, dz) > c.rangeM * (1 - m.rangeFrac)) return false;
  if (angleDiff(bearing(c.at, s.p), c.headingDeg) > c.hfovDeg / 2 - m.angleDeg) return false;
  const elev = (Math.atan2(dz, dh) * 180) / Math.PI;
  return Math.abs(elev - c.tiltDeg) <= c.vfovDeg / 2 - m.angleDeg;
}

export interface BuildingThrowing { samples: number; covered: number; uncoveredFacades: number[] }
export function buildingThrowing(ring: Ring, floors: number, floorHeightM: number, cams: readonly Cam[], others: readonly Footprint[], m: Margin = EXACT): BuildingThrowing {
  let samples = 0, covered = 0;
  const unc = new Set<number>();
  for (const f of facades(ring)) {
    for (const s of facadeSamples(f, floors, floorHeightM, others)) {
      samples++;
      if (cams.some((c) => throwCovers(c, s, f, m))) covered++; else unc.add(f.index);
    }
  }
  return { samples, covered, uncoveredFacades: [...unc] };
}

