/**
 * The walk isochrone: the parts of the network within a cost limit of the sources, and a polygon around
 * them. The polygon is the set of cellM grid cells within bufferM of the reached network parts (cells.ts),
 * in lon/lat: an honest picture of "near a reached path", not a claim about off-network walking.
 */
import type { MultiLineString, MultiPolygon, Position } from 'geojson';
import type { LocalProjection } from '../geo/projection.ts';
import type { Distances } from './dijkstra.ts';
import type { WalkNetwork, XY } from './network.ts';
import { cellOutline } from './cells.ts';

export type Interval = [number, number];

function mergeIntervals(list: Interval[]): Interval[] {
  const sorted = list.filter(([a, b]) => b >= a).sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else out.push([iv[0], iv[1]]);
  }
  return out;
}

/** Per edge id: the stretches (metres from its source) whose cost from the sources is ≤ limitM. */
export function reachedIntervals(net: WalkNetwork, d: Distances, limitM: number): Map<number, Interval[]> {
  const out = new Map<number, Interval[]>();
  for (const e of net.edges) {
    const ds = d.dist[e.source], dt = d.dist[e.target];
    if (ds > limitM && dt > limitM && !d.onEdge.has(e.id)) continue; // nothing reached: most edges of a large network
    const list: Interval[] = [];
    if (ds <= limitM) list.push([0, Math.min(e.lengthM, limitM - ds)]);
    if (dt <= limitM) list.push([Math.max(0, e.lengthM - (limitM - dt)), e.lengthM]);
    for (const s of d.onEdge.get(e.id) ?? []) {
      const left = limitM - s.costM;
      if (left >= 0) list.push([Math.max(0, s.snap.alongM - left), Math.min(e.lengthM, s.snap.alongM + left)]);
    }
    const merged = mergeIntervals(list);
    if (merged.length) out.set(e.id, merged);
  }
  return out;
}

/** The stretch [fromM, toM] of an edge, projected vertices. */
function substring(xy: readonly XY[], cumM: readonly number[], fromM: number, toM: number): XY[] {
  const at = (m: number): XY => {
    let i = 0;
    while (i + 2 < cumM.length && cumM[i + 1] < m) i++;
    const seg = cumM[i + 1] - cumM[i];
    const t = seg > 0 ? Math.min(1, Math.max(0, (m - cumM[i]) / seg)) : 0;
    return [xy[i][0] + t * (xy[i + 1][0] - xy[i][0]), xy[i][1] + t * (xy[i + 1][1] - xy[i][1])];
  };
  const out: XY[] = [at(fromM)];
  for (let i = 1; i + 1 < cumM.length; i++) if (cumM[i] > fromM && cumM[i] < toM) out.push(xy[i]);
  out.push(at(toM));
  return out;
}

/** The reached stretches, projected. */
export function reachedStretches(net: WalkNetwork, intervals: Map<number, Interval[]>): XY[][] {
  const out: XY[][] = [];
  for (const [id, list] of intervals) {
    const e = net.edges[id];
    for (const [a, b] of list) if (b - a > 0) out.push(a === 0 && b === e.lengthM ? e.xy : substring(e.xy, e.cumM, a, b));
  }
  return out;
}

/** The reached stretches as one MultiLineString in lon/lat. */
export function reachedLines(stretches: readonly XY[][], proj: LocalProjection): MultiLineString {
  return { type: 'MultiLineString', coordinates: stretches.map((l) => l.map((p) => proj.inverse(p) as Position)) };
}

/** The isochrone polygon in lon/lat: grid cells of cellM within bufferM of the reached stretches (null when none). */
export function isochronePolygon(stretches: readonly XY[][], bufferM: number, cellM: number, proj: LocalProjection): MultiPolygon | null {
  const { polygons } = cellOutline(stretches, bufferM, cellM);
  if (polygons.length === 0) return null;
  return {
    type: 'MultiPolygon',
    coordinates: polygons.map((rings) => rings.map((r) => r.map((p) => proj.inverse(p) as Position))),
  };
}
