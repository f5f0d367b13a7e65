/**
 * The walk network: noded path lines (noding.ts) as an undirected graph in the community's local metric
 * projection. Edge cost = projected length (within ~1e-7 of the geodesic length near the centre).
 */
import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import type { LocalProjection } from '../geo/projection.ts';
import { nodeLines, type Pt } from './noding.ts';

export type XY = readonly [number, number];

export interface WalkEdge {
  id: number;
  source: number;
  target: number;
  /** lon/lat vertices, source → target */
  lonLat: Pt[];
  /** projected vertices, source → target */
  xy: XY[];
  /** cumulative length at each vertex; cumM[last] = lengthM */
  cumM: number[];
  lengthM: number;
  /** index of the input line the edge comes from */
  line: number;
}

export interface WalkNetwork {
  vertices: XY[];
  edges: WalkEdge[];
  /** per vertex: ids of the edges that touch it (a loop appears once) */
  incident: number[][];
  /** per vertex: its connected component (0 … components − 1) */
  componentOf: Int32Array;
  components: number;
  lengthM: number;
  /** one box per edge segment, for snapping */
  segmentIndex: Flatbush | null;
  segmentEdge: Int32Array;
  segmentStart: Int32Array;
}

function connectedComponents(vertexCount: number, edges: readonly WalkEdge[]): { componentOf: Int32Array; components: number } {
  const parent = Int32Array.from({ length: vertexCount }, (_, i) => i);
  const find = (v: number): number => {
    while (parent[v] !== v) { parent[v] = parent[parent[v]]; v = parent[v]; }
    return v;
  };
  for (const e of edges) parent[find(e.source)] = find(e.target);
  const componentOf = new Int32Array(vertexCount);
  const ids = new Map<number, number>();
  for (let v = 0; v < vertexCount; v++) {
    const root = find(v);
    if (!ids.has(root)) ids.set(root, ids.size);
    componentOf[v] = ids.get(root) as number;
  }
  return { componentOf, components: ids.size };
}

/** Build the noded walk network from path LineStrings given in lon/lat. */
export function buildWalkNetwork(lines: readonly (readonly Position[])[], proj: LocalProjection): WalkNetwork {
  const pieces = nodeLines(lines.map((l) => l.map((p) => [p[0], p[1]] as Pt)));
  const vertexIds = new Map<string, number>();
  const vertices: XY[] = [];
  const vertexOf = (p: Pt): number => {
    const key = `${p[0]},${p[1]}`;
    let id = vertexIds.get(key);
    if (id === undefined) { id = vertices.length; vertexIds.set(key, id); vertices.push(proj.forward([p[0], p[1]])); }
    return id;
  };
  const edges: WalkEdge[] = [];
  for (const piece of pieces) {
    const xy = piece.coords.map((p) => proj.forward([p[0], p[1]]));
    const cumM = [0];
    for (let i = 1; i < xy.length; i++) cumM.push(cumM[i - 1] + Math.hypot(xy[i][0] - xy[i - 1][0], xy[i][1] - xy[i - 1][1]));
    const lengthM = cumM[cumM.length - 1];
    if (!(lengthM > 0)) continue;
    edges.push({
      id: edges.length, source: vertexOf(piece.coords[0]), target: vertexOf(piece.coords[piece.coords.length - 1]),
      lonLat: piece.coords, xy, cumM, lengthM, line: piece.line,
    });
  }
  const incident: number[][] = vertices.map(() => []);
  for (const e of edges) {
    incident[e.source].push(e.id);
    if (e.target !== e.source) incident[e.target].push(e.id);
  }
  const segmentCount = edges.reduce((n, e) => n + e.xy.length - 1, 0);
  const segmentEdge = new Int32Array(segmentCount), segmentStart = new Int32Array(segmentCount);
  let segmentIndex: Flatbush | null = null;
  if (segmentCount > 0) {
    segmentIndex = new Flatbush(segmentCount);
    let k = 0;
    for (const e of edges) {
      for (let i = 0; i + 1 < e.xy.length; i++, k++) {
        const a = e.xy[i], b = e.xy[i + 1];
        segmentIndex.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
        segmentEdge[k] = e.id; segmentStart[k] = i;
      }
    }
    segmentIndex.finish();
  }
  const { componentOf, components } = connectedComponents(vertices.length, edges);
  return {
    vertices, edges, incident, componentOf, components,
    lengthM: edges.reduce((s, e) => s + e.lengthM, 0),
    segmentIndex, segmentEdge, segmentStart,
  };
}
