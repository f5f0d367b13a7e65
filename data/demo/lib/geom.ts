/** Planar geometry in metres (x east, y north) for building the demos. */
export type V = [number, number];
export type Ring = V[];

export const add = (a: V, b: V): V => [a[0] + b[0], a[1] + b[1]];
export const sub = (a: V, b: V): V => [a[0] - b[0], a[1] - b[1]];
export const mul = (a: V, k: number): V => [a[0] * k, a[1] * k];
export const dot = (a: V, b: V): number => a[0] * b[0] + a[1] * b[1];
export const cross = (a: V, b: V): number => a[0] * b[1] - a[1] * b[0];
export const len = (a: V): number => Math.hypot(a[0], a[1]);
export const dist = (a: V, b: V): number => Math.hypot(a[0] - b[0], a[1] - b[1]);
export const unit = (a: V): V => { const l = len(a); return [a[0] / l, a[1] / l]; };
export const lerp = (a: V, b: V, t: number): V => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
/** left normal of a direction (rotated +90°) */
export const perp = (a: V): V => [-a[1], a[0]];
const RAD = Math.PI / 180;

/** unit vector for a compass bearing (degrees clockwise from north) */
export function dirOfBearing(deg: number): V { return [Math.sin(deg * RAD), Math.cos(deg * RAD)]; }
/** compass bearing from a to b, degrees clockwise from north in [0, 360) */
export function bearing(a: V, b: V): number {
  const d = Math.atan2(b[0] - a[0], b[1] - a[1]) / RAD;
  return (d + 360) % 360;
}
/** smallest absolute difference of two bearings, degrees */
export function angleDiff(a: number, b: number): number {
  const d = Math.abs(((a - b) % 360 + 540) % 360 - 180);
  return d;
}

/** Rectangle centred at c, width w along direction angleDeg (math angle from +x), depth h; CCW ring, not closed. */
export function rect(c: V, w: number, h: number, angleDeg = 0): Ring {
  const u: V = [Math.cos(angleDeg * RAD), Math.sin(angleDeg * RAD)];
  const v = perp(u);
  const hw = w / 2, hh = h / 2;
  return [
    add(c, add(mul(u, -hw), mul(v, -hh))), add(c, add(mul(u, hw), mul(v, -hh))),
    add(c, add(mul(u, hw), mul(v, hh))), add(c, add(mul(u, -hw), mul(v, hh))),
  ];
}
/** Regular n-gon approximating a circle (CCW). */
export function circle(c: V, r: number, n = 64): Ring {
  const out: Ring = [];
  for (let i = 0; i < n; i++) { const a = (2 * Math.PI * i) / n; out.push([c[0] + r * Math.cos(a), c[1] + r * Math.sin(a)]); }
  return out;
}
export function ellipse(c: V, rx: number, ry: number, n = 32, angleDeg = 0): Ring {
  const ca = Math.cos(angleDeg * RAD), sa = Math.sin(angleDeg * RAD);
  const out: Ring = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n, x = rx * Math.cos(a), y = ry * Math.sin(a);
    out.push([c[0] + x * ca - y * sa, c[1] + x * sa + y * ca]);
  }
  return out;
}
export function signedArea(r: Ring): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += cross(r[i], r[(i + 1) % r.length]);
  return s / 2;
}
export function centroid(r: Ring): V {
  let a = 0, x = 0, y = 0;
  for (let i = 0; i < r.length; i++) {
    const p = r[i], q = r[(i + 1) % r.length], c = cross(p, q);
    a += c; x += (p[0] + q[0]) * c; y += (p[1] + q[1]) * c;
  }
  return [x / (3 * a), y / (3 * a)];
}
export function scaleRing(r: Ring, k: number, about: V = [0, 0]): Ring { return r.map((p) => add(about, mul(sub(p, about), k))); }
export function translate(r: Ring, d: V): Ring { return r.map((p) => add(p, d)); }
/** drop the closing vertex of a GeoJSON-style ring if present */
export function openRing(r: Ring): Ring {
  const a = r[0], b = r[r.length - 1];
  return a[0] === b[0] && a[1] === b[1] ? r.slice(0, -1) : r;
}

export function pointInPolygon(p: V, r: Ring): boolean {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [xi, yi] = r[i], [xj, yj] = r[j];
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
/** distance from p to segment ab, and the parameter of the closest point */
export function segDist(p: V, a: V, b: V): { d: number; t: number; q: V } {
  const ab = sub(b, a), l2 = dot(ab, ab);
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, dot(sub(p, a), ab) / l2));
  const q = lerp(a, b, t);
  return { d: dist(p, q), t, q };
}
export function distToRing(p: V, r: Ring): number {
  let m = Infinity;
  for (let i = 0; i < r.length; i++) m = Math.min(m, segDist(p, r[i], r[(i + 1) % r.length]).d);
  return m;
}
/** Length of segment a→b lying strictly inside convex polygon r (Cyrus–Beck). r CCW or CW. */
export function insideLengthConvex(a: V, b: V, r: Ring): number {
  const ccw = signedArea(r) > 0 ? 1 : -1;
  let t0 = 0, t1 = 1;
  const d = sub(b, a);
  for (let i = 0; i < r.length; i++) {
    const p = r[i], q = r[(i + 1) % r.length];
    const n: V = mul(perp(sub(q, p)), ccw); // inward normal
    const num = dot(n, sub(a, p)), den = dot(n, d);
    if (Math.abs(den) < 1e-12) { if (num <= 0) return 0; continue; }
    const t = -num / den;
    if (den > 0) t0 = Math.max(t0, t); else t1 = Math.min(t1, t);
    if (t0 >= t1) return 0;
  }
  return (t1 - t0) * len(d);
}
/** Separating-axis test: do two convex polygons overlap with positive area (touching is not overlap)? */
export function convexOverlap(a: Ring, b: Ring, eps = 1e-6): boolean {
  for (const poly of [a, b]) {
    for (let i = 0; i < poly.length; i++) {
      const e = sub(poly[(i + 1) % poly.length], poly[i]);
      const ax = unit(perp(e));
      let amin = Infinity, amax = -Infinity, bmin = Infinity, bmax = -Infinity;
      for (const p of a) { const s = dot(p, ax); amin = Math.min(amin, s); amax = Math.max(amax, s); }
      for (const p of b) { const s = dot(p, ax); bmin = Math.min(bmin, s); bmax = Math.max(bmax, s); }
      if (amax <= bmin + eps || bmax <= amin + eps) return false;
    }
  }
  return true;
}
/** Sutherland–Hodgman: subject clipped by a convex clip polygon. */
export function clipConvex(subject: Ring, clip: Ring): Ring {
  const ccw = signedArea(clip) > 0 ? 1 : -1;
  let out = subject;
  for (let i = 0; i < clip.length && out.length; i++) {
    const p = clip[i], q = clip[(i + 1) % clip.length];
    const inside = (x: V) => ccw * cross(sub(q, p), sub(x, p)) >= 0;
    const inp = out; out = [];
    for (let j = 0; j < inp.length; j++) {
      const cur = inp[j], prev = inp[(j + inp.length - 1) % inp.length];
      const ci = inside(cur), pi = inside(prev);
      if (ci !== pi) {
        const d = sub(cur, prev), e = sub(q, p);
        const t = cross(sub(p, prev), e) / cross(d, e);
        out.push(add(prev, mul(d, t)));
      }
      if (ci) out.push(cur);
    }
  }
  return out;
}
export function polylineLength(pts: V[]): number {
  let s = 0;
  for (let i = 1; i < pts.length; i++) s += dist(pts[i - 1], pts[i]);
  return s;
}
/** point at arc length s along a polyline, and the local direction */
export function alongPolyline(pts: V[], s: number): { p: V; dir: V } {
  for (let i = 1; i < pts.length; i++) {
    const l = dist(pts[i - 1], pts[i]);
    if (s <= l || i === pts.length - 1) {
      const t = l === 0 ? 0 : Math.min(1, Math.max(0, s / l));
      return { p: lerp(pts[i - 1], pts[i], t), dir: unit(sub(pts[i], pts[i - 1])) };
    }
    s -= l;
  }
  return { p: pts[0], dir: [1, 0] };
}
/** samples every `step` metres from the start, plus the end point */
export function samplePolyline(pts: V[], step = 1): V[] {
  const L = polylineLength(pts), out: V[] = [];
  for (let s = 0; s < L; s += step) out.push(alongPolyline(pts, s).p);
  out.push(pts[pts.length - 1]);
  return out;
}
