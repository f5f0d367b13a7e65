/**
 * Where a building or venue joins the walk network: its area centroid computed planar on lon/lat, as PostGIS
 * `ST_Centroid` does on a geometry (not the mean of the vertices); a Point is itself.
 */
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';

/** Area-weighted centroid of a (Multi)Polygon, holes subtracted; falls back to the vertex mean when the area is 0. */
export function areaCentroid(g: Polygon | MultiPolygon): [number, number] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const origin = polys[0][0][0];
  let a2 = 0, cx = 0, cy = 0, n = 0, sx = 0, sy = 0;
  for (const rings of polys) {
    rings.forEach((ring, r) => {
      // signed area of the ring, relative to the first vertex for precision; holes count negative
      let ra = 0, rx = 0, ry = 0;
      for (let i = 0; i + 1 < ring.length; i++) {
        const x0 = ring[i][0] - origin[0], y0 = ring[i][1] - origin[1];
        const x1 = ring[i + 1][0] - origin[0], y1 = ring[i + 1][1] - origin[1];
        const c = x0 * y1 - x1 * y0;
        ra += c; rx += (x0 + x1) * c; ry += (y0 + y1) * c;
        sx += ring[i][0]; sy += ring[i][1]; n++;
      }
      const sign = (ra >= 0 ? 1 : -1) * (r === 0 ? 1 : -1);
      a2 += sign * ra; cx += sign * rx; cy += sign * ry;
    });
  }
  if (a2 === 0) return [sx / n, sy / n];
  return [origin[0] + cx / (3 * a2), origin[1] + cy / (3 * a2)];
}

export function anchorPoint(g: Point | Polygon | MultiPolygon): Position {
  return g.type === 'Point' ? g.coordinates : areaCentroid(g);
}
