/**
 * Coordinates of any GeoJSON geometry to WGS 84 lon/lat (and back, for tests and exports).
 * GCJ-02 / BD-09 / Web Mercator go through `gcoord` (its GCJ-02 inverse iterates to
 * 1e-6°, ≈ 0.1 m); Gauss-Krüger zones through proj4 with the generated definitions.
 * Third coordinates (heights) are dropped: the twin is 2D.
 *
 * @example
 * toWgs84({ type: 'Point', coordinates: [39508947.577, 4052126.071] }, 'EPSG:4527')
 * // → { type: 'Point', coordinates: [117.1, 36.6] } (to within a micrometre)
 */
import type { Geometry, Position } from 'geojson';
import gcoord from 'gcoord';
import proj4 from 'proj4';
import { CrsError, type CrsCode } from './codes.ts';
import { gaussKruger } from './gaussKruger.ts';

type PositionMap = (p: Position) => Position;

const GCOORD: Partial<Record<CrsCode, gcoordCrs>> = {
  GCJ02: gcoord.GCJ02, BD09: gcoord.BD09, BD09MC: gcoord.BD09MC, 'EPSG:3857': gcoord.EPSG3857,
};
type gcoordCrs = (typeof gcoord)['WGS84' | 'GCJ02' | 'BD09' | 'BD09MC' | 'EPSG3857'];

const converters = new Map<string, proj4.Converter>();
function gkConverter(code: CrsCode): proj4.Converter {
  let c = converters.get(code);
  if (!c) {
    const zone = gaussKruger(Number(code.slice(5)));
    if (!zone) throw new CrsError(`no transformation for ${code}`);
    c = proj4(zone.proj4, 'EPSG:4326');
    converters.set(code, c);
  }
  return c;
}

function positionMap(crs: CrsCode, direction: 'toWgs84' | 'fromWgs84'): PositionMap {
  if (crs === 'EPSG:4326' || crs === 'EPSG:4490') return ([x, y]) => [x, y];
  const g = GCOORD[crs];
  if (g) {
    return direction === 'toWgs84'
      ? ([x, y]) => gcoord.transform([x, y], g, gcoord.WGS84) as Position
      : ([x, y]) => gcoord.transform([x, y], gcoord.WGS84, g) as Position;
  }
  const c = gkConverter(crs);
  return direction === 'toWgs84' ? ([x, y]) => c.forward([x, y]) : ([x, y]) => c.inverse([x, y]);
}

function mapGeometry<G extends Geometry>(geometry: G, f: PositionMap): G {
  const map = (c: unknown, depth: number): unknown => {
    if (depth === 0) {
      const p = c as Position;
      if (!Array.isArray(p) || p.length < 2 || !p.slice(0, 2).every((v) => typeof v === 'number' && Number.isFinite(v))) {
        throw new CrsError(`${JSON.stringify(p)} is not a position [x, y] of finite numbers`);
      }
      return f(p);
    }
    return (c as unknown[]).map((d) => map(d, depth - 1));
  };
  switch (geometry.type) {
    case 'Point': return { ...geometry, coordinates: map(geometry.coordinates, 0) };
    case 'MultiPoint': case 'LineString': return { ...geometry, coordinates: map(geometry.coordinates, 1) };
    case 'MultiLineString': case 'Polygon': return { ...geometry, coordinates: map(geometry.coordinates, 2) };
    case 'MultiPolygon': return { ...geometry, coordinates: map(geometry.coordinates, 3) };
    case 'GeometryCollection': return { ...geometry, geometries: geometry.geometries.map((g) => mapGeometry(g, f)) };
  }
}

/** The geometry with every position converted from `crs` to WGS 84 lon/lat (2D). */
export function toWgs84<G extends Geometry>(geometry: G, crs: CrsCode): G {
  return mapGeometry(geometry, positionMap(crs, 'toWgs84'));
}

/** The inverse of toWgs84: WGS 84 lon/lat into `crs`. */
export function fromWgs84<G extends Geometry>(geometry: G, crs: CrsCode): G {
  return mapGeometry(geometry, positionMap(crs, 'fromWgs84'));
}

/** One position, for callers that hold bare coordinates. */
export function positionToWgs84(p: Position, crs: CrsCode): Position {
  return positionMap(crs, 'toWgs84')(p);
}
export function positionFromWgs84(p: Position, crs: CrsCode): Position {
  return positionMap(crs, 'fromWgs84')(p);
}

/** Every position of a geometry (for guessCrs). */
export function positionsOf(geometry: Geometry): Position[] {
  const out: Position[] = [];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') out.push(c as Position);
    else if (Array.isArray(c)) for (const d of c) visit(d);
  };
  if (geometry.type === 'GeometryCollection') for (const g of geometry.geometries) out.push(...positionsOf(g));
  else visit(geometry.coordinates);
  return out;
}
