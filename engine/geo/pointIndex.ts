/**
 * Points in a flatbush R-tree, for "is any device within r of this?" asked many times: only the points in
 * the query box widened by r (plus a hair, so a floating-point edge case cannot drop one) are tested, with
 * the caller's own exact test, so answers are those of testing every point.
 *
 * @example
 * const devices = pointIndex([[0, 0], [100, 0]]);
 * devices.some([0, 0, 10, 10], 5, (d) => Math.hypot(d[0] - 8, d[1] - 8) <= 5); // false
 */
import Flatbush from 'flatbush';

type XY = readonly [number, number];

export interface PointIndex<P extends XY> {
  readonly points: readonly P[];
  /** does `test` hold for any point inside box [minX, minY, maxX, maxY] widened by `reachM`? */
  some(box: readonly [number, number, number, number], reachM: number, test: (p: P) => boolean): boolean;
}

const HAIR_M = 1e-6;

export function pointIndex<P extends XY>(points: readonly P[]): PointIndex<P> {
  // anything but finite pairs (a null from a geometry without a point): test every point, as before the index
  if (!points.every((p) => p !== null && Number.isFinite(p[0]) && Number.isFinite(p[1]))) {
    return { points, some: (_box, _reachM, test) => points.some(test) };
  }
  const tree = points.length ? new Flatbush(points.length) : null;
  if (tree) {
    for (const [x, y] of points) tree.add(x, y, x, y);
    tree.finish();
  }
  return {
    points,
    some(box, reachM, test) {
      if (!tree) return false;
      const r = reachM + HAIR_M;
      let hit = false;
      tree.search(box[0] - r, box[1] - r, box[2] + r, box[3] + r, (i) => {
        if (!hit && test(points[i])) hit = true;
        return hit; // flatbush's filter: keep (and stop caring) once one point passes
      });
      return hit;
    },
  };
}

/** Bounding box of polygons given as polygons → rings → vertices. */
export function boxOf(polys: readonly (readonly (readonly XY[])[])[]): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const rings of polys) for (const ring of rings) for (const [x, y] of ring) {
    if (x < minX) minX = x; if (x > maxX) maxX = x;
    if (y < minY) minY = y; if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}
