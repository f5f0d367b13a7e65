/** Walkable path network: build (noded at every touch/crossing) and analyse (connectivity, walk distance). */
import { cross, dist, segDist, sub, type V } from './geom.ts';

export interface PathLine { pts: V[]; type: string; name?: string }

const key = (p: V) => `${p[0].toFixed(3)},${p[1].toFixed(3)}`;

/** Intersection parameter(s) of segments ab and cd (touching included), as points. */
function segHits(a: V, b: V, c: V, d: V): V[] {
  const r = sub(b, a), s = sub(d, c), den = cross(r, s);
  const eps = 1e-7;
  if (Math.abs(den) < 1e-12) {
    // parallel: report endpoints lying on the other segment
    return [c, d].filter((p) => segDist(p, a, b).d < 1e-6).concat([a, b].filter((p) => segDist(p, c, d).d < 1e-6));
  }
  const t = cross(sub(c, a), s) / den, u = cross(sub(c, a), r) / den;
  if (t < -eps || t > 1 + eps || u < -eps || u > 1 + eps) return [];
  return [[a[0] + r[0] * t, a[1] + r[1] * t]];
}

/**
 * Split every line at every point where it touches or crosses another line (or itself at an
 * endpoint of another), so that all connections are shared end points of LineStrings.
 */
export function nodeLines(lines: PathLine[]): PathLine[] {
  const cuts: V[][] = lines.map(() => []);
  for (let i = 0; i < lines.length; i++) for (let j = i + 1; j < lines.length; j++) {
    const A = lines[i].pts, B = lines[j].pts;
    for (let a = 1; a < A.length; a++) for (let b = 1; b < B.length; b++) {
      for (const h of segHits(A[a - 1], A[a], B[b - 1], B[b])) { cuts[i].push(h); cuts[j].push(h); }
    }
  }
  const out: PathLine[] = [];
  lines.forEach((l, i) => {
    // walk the line; at each segment insert the cut points lying on it, in order
    const pts: { p: V; cut: boolean }[] = [{ p: l.pts[0], cut: true }];
    for (let s = 1; s < l.pts.length; s++) {
      const a = l.pts[s - 1], b = l.pts[s];
      const on = cuts[i].map((p) => ({ p, ...segDist(p, a, b) })).filter((x) => x.d < 1e-5 && x.t > 1e-9 && x.t < 1 - 1e-9).sort((x, y) => x.t - y.t);
      for (const x of on) if (dist(x.q, pts[pts.length - 1].p) > 1e-3) pts.push({ p: x.q, cut: true });
      const endCut = s === l.pts.length - 1 || cuts[i].some((p) => dist(p, b) < 1e-5);
      pts.push({ p: b, cut: endCut });
    }
    let cur: V[] = [pts[0].p];
    for (let k = 1; k < pts.length; k++) {
      cur.push(pts[k].p);
      if (pts[k].cut) { if (cur.length >= 2 && dist(cur[0], cur[cur.length - 1]) > 1e-3) out.push({ ...l, pts: cur }); cur = [pts[k].p]; }
    }
  });
  return out;
}

export interface Snap { line: number; along: number; d: number }

export class WalkGraph {
  private readonly adj = new Map<string, { to: string; w: number }[]>();
  private readonly lens: number[];
  constructor(private readonly lines: V[][]) {
    this.lens = lines.map((l) => l.reduce((s, p, i) => (i ? s + dist(l[i - 1], p) : 0), 0));
    lines.forEach((l, i) => {
      const u = key(l[0]), v = key(l[l.length - 1]);
      for (const [x, y] of [[u, v], [v, u]]) {
        if (!this.adj.has(x)) this.adj.set(x, []);
        this.adj.get(x)!.push({ to: y, w: this.lens[i] });
      }
    });
  }
  /** number of connected components of the line graph */
  components(): number {
    const seen = new Set<string>();
    let n = 0;
    for (const k of this.adj.keys()) {
      if (seen.has(k)) continue;
      n++;
      const stack = [k];
      seen.add(k);
      while (stack.length) for (const e of this.adj.get(stack.pop()!)!) if (!seen.has(e.to)) { seen.add(e.to); stack.push(e.to); }
    }
    return n;
  }
  snap(p: V): Snap {
    let best: Snap = { line: -1, along: 0, d: Infinity };
    this.lines.forEach((l, i) => {
      let acc = 0;
      for (let s = 1; s < l.length; s++) {
        const r = segDist(p, l[s - 1], l[s]), sl = dist(l[s - 1], l[s]);
        if (r.d < best.d) best = { line: i, along: acc + r.t * sl, d: r.d };
        acc += sl;
      }
    });
    return best;
  }
  /** shortest network distances from a snapped point to every node */
  private dijkstra(from: Snap): Map<string, number> {
    const l = this.lines[from.line];
    const d = new Map<string, number>();
    const start: [string, number][] = [[key(l[0]), from.along], [key(l[l.length - 1]), this.lens[from.line] - from.along]];
    const queue: [string, number][] = [];
    for (const [k, w] of start) if (w < (d.get(k) ?? Infinity)) { d.set(k, w); queue.push([k, w]); }
    while (queue.length) {
      queue.sort((a, b) => b[1] - a[1]);
      const [k, w] = queue.pop()!;
      if (w > (d.get(k) ?? Infinity)) continue;
      for (const e of this.adj.get(k) ?? []) {
        const nw = w + e.w;
        if (nw < (d.get(e.to) ?? Infinity)) { d.set(e.to, nw); queue.push([e.to, nw]); }
      }
    }
    return d;
  }
  /** walk distance (snap distances included) from point a to each of the points bs */
  walk(a: V, bs: V[]): number[] {
    const sa = this.snap(a), d = this.dijkstra(sa);
    return bs.map((b) => {
      const sb = this.snap(b), l = this.lines[sb.line];
      let net = Math.min((d.get(key(l[0])) ?? Infinity) + sb.along, (d.get(key(l[l.length - 1])) ?? Infinity) + this.lens[sb.line] - sb.along);
      if (sb.line === sa.line) net = Math.min(net, Math.abs(sb.along - sa.along));
      return sa.d + net + sb.d;
    });
  }
}
