/**
 * Noding of walk lines, as PostGIS `ST_Node` does it: lines are split wherever they touch or cross (each
 * other or themselves), identical pieces are kept once. Planar on the coordinates given (the oracle nodes
 * on lon/lat); candidate segment pairs come from a Flatbush index, so the cost is ~ n log n, not n².
 *
 * A vertex shared by two lines (OSM ways meeting at a common node) splits both there; a crossing without a
 * common vertex gets a new node, computed once and shared by both lines so that the pieces meet exactly.
 */
import Flatbush from 'flatbush';

export type Pt = readonly [number, number];

export interface NodedPiece {
  /** index of the input line this piece comes from */
  line: number;
  coords: Pt[];
}

/** exact sign of the orientation of r relative to p→q (floating determinant; exact for shared coordinates) */
function orient(p: Pt, q: Pt, r: Pt): number {
  const d = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  return d > 0 ? 1 : d < 0 ? -1 : 0;
}

const same = (a: Pt, b: Pt) => a[0] === b[0] && a[1] === b[1];

/** r on the closed segment p–q, given it is collinear with it */
function withinBox(p: Pt, q: Pt, r: Pt): boolean {
  return Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0])
    && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
}

/** The points where segments p–q and r–u meet: none, one, or the two ends of a collinear overlap. */
export function segmentMeets(p: Pt, q: Pt, r: Pt, u: Pt): Pt[] {
  const o1 = orient(p, q, r), o2 = orient(p, q, u), o3 = orient(r, u, p), o4 = orient(r, u, q);
  if (o1 === 0 && o2 === 0) {
    // collinear: the overlap's ends are those endpoints lying on the other segment
    const out: Pt[] = [];
    for (const c of [p, q]) if (withinBox(r, u, c)) out.push(c);
    for (const c of [r, u]) if (withinBox(p, q, c) && !out.some((o) => same(o, c))) out.push(c);
    return out;
  }
  for (const c of [r, u]) if (same(c, p) || same(c, q)) return [c];
  if (o1 === 0 && withinBox(p, q, r)) return [r];
  if (o2 === 0 && withinBox(p, q, u)) return [u];
  if (o3 === 0 && withinBox(r, u, p)) return [p];
  if (o4 === 0 && withinBox(r, u, q)) return [q];
  if (o1 * o2 < 0 && o3 * o4 < 0) {
    // proper crossing; computed relative to p for precision
    const ax = q[0] - p[0], ay = q[1] - p[1], bx = u[0] - r[0], by = u[1] - r[1];
    const t = ((r[0] - p[0]) * by - (r[1] - p[1]) * bx) / (ax * by - ay * bx);
    return [[p[0] + t * ax, p[1] + t * ay]];
  }
  return [];
}

/** Position of r along segment p–q as a fraction (for ordering nodes on one segment). */
function along(p: Pt, q: Pt, r: Pt): number {
  const dx = q[0] - p[0], dy = q[1] - p[1];
  const l2 = dx * dx + dy * dy;
  return l2 > 0 ? ((r[0] - p[0]) * dx + (r[1] - p[1]) * dy) / l2 : 0;
}

interface SegRef { line: number; seg: number }

/** Split lines at every point where they touch or cross; identical pieces (either direction) are kept once. */
export function nodeLines(lines: readonly (readonly Pt[])[]): NodedPiece[] {
  const segs: SegRef[] = [];
  lines.forEach((l, line) => { for (let seg = 0; seg + 1 < l.length; seg++) segs.push({ line, seg }); });
  const index = new Flatbush(Math.max(1, segs.length));
  for (const { line, seg } of segs) {
    const a = lines[line][seg], b = lines[line][seg + 1];
    index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  }
  if (segs.length === 0) index.add(0, 0, 0, 0);
  index.finish();

  // per line: nodes inside segments (seg → points) and vertices that are nodes
  const interior = lines.map(() => new Map<number, Pt[]>());
  const vertexNodes = lines.map(() => new Set<number>());
  const addNode = (line: number, seg: number, pt: Pt) => {
    const l = lines[line];
    if (same(pt, l[seg])) vertexNodes[line].add(seg);
    else if (same(pt, l[seg + 1])) vertexNodes[line].add(seg + 1);
    else {
      const list = interior[line].get(seg) ?? [];
      if (!list.some((o) => same(o, pt))) list.push(pt);
      interior[line].set(seg, list);
    }
  };

  segs.forEach(({ line, seg }, i) => {
    const p = lines[line][seg], q = lines[line][seg + 1];
    for (const j of index.search(Math.min(p[0], q[0]), Math.min(p[1], q[1]), Math.max(p[0], q[0]), Math.max(p[1], q[1]))) {
      if (j <= i) continue;
      const o = segs[j];
      const l = lines[o.line];
      if (o.line === line) {
        // a line's own consecutive segments meet at their shared vertex: that is no node (closed rings too)
        const last = l.length - 2;
        const adjacent = Math.abs(o.seg - seg) === 1 || (same(l[0], l[l.length - 1]) && ((seg === 0 && o.seg === last) || (o.seg === 0 && seg === last)));
        if (adjacent) continue;
      }
      for (const pt of segmentMeets(p, q, l[o.seg], l[o.seg + 1])) {
        addNode(line, seg, pt);
        addNode(o.line, o.seg, pt);
      }
    }
  });

  const pieces: NodedPiece[] = [];
  const seen = new Set<string>();
  const keep = (line: number, coords: Pt[]) => {
    if (coords.length < 2) return;
    const key = coords.map((c) => `${c[0]},${c[1]}`).join(';');
    const rev = coords.map((c) => `${c[0]},${c[1]}`).reverse().join(';');
    if (seen.has(key) || seen.has(rev)) return;
    seen.add(key);
    pieces.push({ line, coords });
  };
  lines.forEach((l, line) => {
    if (l.length < 2) return;
    let current: Pt[] = [l[0]];
    for (let seg = 0; seg + 1 < l.length; seg++) {
      const p = l[seg], q = l[seg + 1];
      const inner = (interior[line].get(seg) ?? []).slice().sort((a, b) => along(p, q, a) - along(p, q, b));
      for (const pt of inner) {
        current.push(pt);
        keep(line, current);
        current = [pt];
      }
      current.push(q);
      if (seg + 1 === l.length - 1 || vertexNodes[line].has(seg + 1)) {
        keep(line, current);
        current = [q];
      }
    }
  });
  return mergeThroughPassVertices(pieces, lines);
}

/**
 * PostGIS line-merges the noded pieces and splits them again at the input lines' ends only, so a node where
 * exactly two pieces meet and no input line ends (inside a stretch two lines share) is no vertex there.
 */
function mergeThroughPassVertices(pieces: NodedPiece[], lines: readonly (readonly Pt[])[]): NodedPiece[] {
  const key = (p: Pt) => `${p[0]},${p[1]}`;
  const inputEnds = new Set<string>();
  for (const l of lines) if (l.length > 0) { inputEnds.add(key(l[0])); inputEnds.add(key(l[l.length - 1])); }
  const alive: (NodedPiece | null)[] = pieces.map((p) => ({ line: p.line, coords: p.coords.slice() }));
  const ends = new Map<string, Set<number>>();
  const attach = (i: number) => {
    const c = (alive[i] as NodedPiece).coords;
    for (const p of [c[0], c[c.length - 1]]) {
      const k = key(p);
      if (!ends.has(k)) ends.set(k, new Set());
      (ends.get(k) as Set<number>).add(i);
    }
  };
  const detach = (i: number) => {
    const c = (alive[i] as NodedPiece).coords;
    for (const p of [c[0], c[c.length - 1]]) ends.get(key(p))?.delete(i);
  };
  alive.forEach((_, i) => attach(i));
  for (const [k, set] of ends) {
    if (inputEnds.has(k) || set.size !== 2) continue;
    const [i, j] = [...set];
    const a = alive[i] as NodedPiece, b = alive[j] as NodedPiece;
    const ka = (p: Pt) => key(p) === k;
    // both ends of one piece here, or the pieces would close a ring: leave them
    if ((ka(a.coords[0]) && ka(a.coords[a.coords.length - 1])) || (ka(b.coords[0]) && ka(b.coords[b.coords.length - 1]))) continue;
    detach(i); detach(j);
    const first = ka(a.coords[a.coords.length - 1]) ? a.coords : a.coords.slice().reverse();
    const second = ka(b.coords[0]) ? b.coords : b.coords.slice().reverse();
    alive[i] = { line: a.line, coords: [...first, ...second.slice(1)] };
    alive[j] = null;
    attach(i);
  }
  return alive.filter((p): p is NodedPiece => p !== null);
}
