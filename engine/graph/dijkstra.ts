/**
 * Multi-source Dijkstra on the undirected walk network, with sources that are points on edges
 * (a point on an edge splits it virtually: it reaches both ends of its edge, and any other point on the
 * same edge directly along it).
 */
import type { WalkNetwork } from './network.ts';
import type { Snap } from './snap.ts';

/** A source point on the network: where it snapped, the cost already spent to get there, and its label. */
export interface PointSource { snap: Snap; costM: number; label: number }

export interface Distances {
  /** per vertex: least cost from any source (Infinity when unreachable) */
  dist: Float64Array;
  /** per vertex: label of the source it came from (−1 when unreachable) */
  label: Int32Array;
  /** sources by edge, for the same-edge shortcut */
  onEdge: Map<number, PointSource[]>;
}

class MinHeap {
  private keys: number[] = [];
  private vals: number[] = [];
  get size(): number { return this.keys.length; }
  push(key: number, val: number): void {
    const k = this.keys, v = this.vals;
    let i = k.length;
    k.push(key); v.push(val);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (k[parent] <= key) break;
      k[i] = k[parent]; v[i] = v[parent]; i = parent;
    }
    k[i] = key; v[i] = val;
  }
  /** key of the top, read before pop() */
  get topKey(): number { return this.keys[0]; }
  /** removes the top and returns its value */
  pop(): number {
    const k = this.keys, v = this.vals;
    const top = v[0];
    const lastK = k.pop() as number, lastV = v.pop() as number;
    if (k.length > 0) {
      let i = 0;
      const n = k.length;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && k[c + 1] < k[c]) c++;
        if (k[c] >= lastK) break;
        k[i] = k[c]; v[i] = v[c]; i = c;
      }
      k[i] = lastK; v[i] = lastV;
    }
    return top;
  }
}

/**
 * Least cost from any source to every vertex; ties go to the lower label. With `maxCostM` the search stops
 * once every vertex within that cost is settled (an isochrone needs no more): vertices farther away read
 * Infinity / −1, vertices within it exactly what the full search gives.
 */
export function multiSourceDijkstra(net: WalkNetwork, sources: readonly PointSource[], maxCostM = Infinity): Distances {
  const n = net.vertices.length;
  const dist = new Float64Array(n).fill(Infinity);
  const label = new Int32Array(n).fill(-1);
  const heap = new MinHeap();
  const onEdge = new Map<number, PointSource[]>();
  const offer = (v: number, d: number, l: number) => {
    if (d < dist[v] || (d === dist[v] && l < label[v])) { dist[v] = d; label[v] = l; heap.push(d, v); }
  };
  for (const s of sources) {
    const e = net.edges[s.snap.edge];
    offer(e.source, s.costM + s.snap.alongM, s.label);
    offer(e.target, s.costM + (e.lengthM - s.snap.alongM), s.label);
    const list = onEdge.get(e.id) ?? [];
    list.push(s);
    onEdge.set(e.id, list);
  }
  const done = new Uint8Array(n);
  while (heap.size > 0) {
    const d = heap.topKey;
    if (d > maxCostM) break;
    const v = heap.pop();
    if (done[v] || d > dist[v]) continue;
    done[v] = 1;
    for (const id of net.incident[v]) {
      const e = net.edges[id];
      const w = e.source === v ? e.target : e.source;
      offer(w, d + e.lengthM, label[v]);
    }
  }
  if (heap.size > 0) {
    for (let v = 0; v < n; v++) if (!done[v]) { dist[v] = Infinity; label[v] = -1; }
  }
  return { dist, label, onEdge };
}

/** Least cost from any source to a point on the network (Infinity when unreachable), with its label. */
export function costToPoint(net: WalkNetwork, d: Distances, snap: Snap): { costM: number; label: number } {
  const e = net.edges[snap.edge];
  let costM = Infinity, label = -1;
  const consider = (c: number, l: number) => {
    if (l < 0) return;
    if (c < costM || (c === costM && l < label)) { costM = c; label = l; }
  };
  consider(d.dist[e.source] + snap.alongM, d.label[e.source]);
  consider(d.dist[e.target] + (e.lengthM - snap.alongM), d.label[e.target]);
  for (const s of d.onEdge.get(e.id) ?? []) consider(s.costM + Math.abs(s.snap.alongM - snap.alongM), s.label);
  return { costM, label };
}
