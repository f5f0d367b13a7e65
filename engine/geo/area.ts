/** Planar measures in the community's local projection (see projection.ts for why that is exact enough). */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { LocalProjection } from './projection.ts';

/** Signed shoelace area of a ring already in metres (counter-clockwise positive). */
export function ringAreaM2(ring: readonly (readonly number[])[]): number {
  let s = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const a = ring[i], b = ring[(i + 1) % n];
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

export function projectRing(ring: Position[], proj: LocalProjection): [number, number][] {
  return ring.map((p) => proj.forward(p));
}

/** Area in m² of a lon/lat (Multi)Polygon: outer rings minus holes, measured in the local projection. */
export function polygonAreaM2(g: Polygon | MultiPolygon, proj: LocalProjection): number {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let total = 0;
  for (const rings of polys) {
    rings.forEach((ring, i) => {
      const a = Math.abs(ringAreaM2(projectRing(ring, proj)));
      total += i === 0 ? a : -a;
    });
  }
  return total;
}
