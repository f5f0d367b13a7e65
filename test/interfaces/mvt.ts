/** Decode Mapbox Vector Tiles for the interface tests, and compare two decodings within a tolerance. */
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { EXTENT, type TileAddress } from '../../server/tiles/tileMath.ts';

export interface DecodedFeature {
  id: string;
  /** 1 point, 2 line, 3 polygon */
  type: number;
  properties: Record<string, string | number | boolean>;
  /** parts (rings, lines, or points) in tile units */
  parts: [number, number][][];
}
export type DecodedTile = Record<string, DecodedFeature[]>;

export function decodeTile(bytes: Uint8Array): DecodedTile {
  const tile = new VectorTile(new PbfReader(bytes));
  const layers: DecodedTile = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    expectExtent(layer.extent);
    layers[name] = [];
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      const properties = f.properties as Record<string, string | number | boolean>;
      layers[name].push({ id: String(properties.id), type: f.type, properties, parts: f.loadGeometry().map((part) => part.map((p) => [p.x, p.y] as [number, number])) });
    }
  }
  return layers;
}

function expectExtent(extent: number): void {
  if (extent !== EXTENT) throw new Error(`tile extent ${extent}, expected ${EXTENT}`);
}

/** Where a lon/lat falls in a tile, in tile units (y down), unrounded. */
export function tileUnits(lon: number, lat: number, { z, x, y }: TileAddress): [number, number] {
  const n = 2 ** z;
  const worldX = ((lon + 180) / 360) * n;
  const latRad = (lat * Math.PI) / 180;
  const worldY = ((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n;
  return [(worldX - x) * EXTENT, (worldY - y) * EXTENT];
}

const distToSegment = ([px, py]: [number, number], [ax, ay]: [number, number], [bx, by]: [number, number]) => {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
};

/**
 * Largest distance from a vertex of `a` to the outline (segments, or points) of `b`, in tile
 * units. Vertices in the outer half of the buffer are left out: where encoders clip a shallow
 * line at the buffer edge, half a unit of rounding moves the cut point along the edge.
 */
export function vertexDistance(a: DecodedFeature, b: DecodedFeature, margin = 32): number {
  const targets = b.parts.flatMap((part) => (part.length === 1 ? [[part[0], part[0]]] : part.slice(1).map((p, i) => [part[i], p]))) as [number, number][][];
  let worst = 0;
  const inside = ([x, y]: [number, number]) => x >= -margin && y >= -margin && x <= EXTENT + margin && y <= EXTENT + margin;
  for (const vertex of a.parts.flat().filter(inside)) {
    let best = Infinity;
    for (const [s, e] of targets) best = Math.min(best, distToSegment(vertex, s, e));
    worst = Math.max(worst, best);
  }
  return worst;
}
