/**
 * Well-Known Text → GeoJSON geometry, for CSV files with a geometry column (the CSV export
 * writes `wkt` for kinds that are not points): POINT, LINESTRING, POLYGON and their MULTI
 * forms, 2D (a Z/M/ZM tag or third value is accepted and dropped), EMPTY refused. Errors say
 * what was expected where.
 */
import type { Geometry, Position } from 'geojson';

export class WktError extends Error {}

export function parseWkt(text: string): Geometry {
  let i = 0;
  const s = text.trim();
  const ws = () => { while (i < s.length && /\s/.test(s[i])) i++; };
  const fail = (what: string): never => { throw new WktError(`expected ${what} at character ${i + 1} of the WKT`); };
  const word = () => { ws(); const m = /^[A-Za-z]+/.exec(s.slice(i)); if (!m) fail('a geometry type'); i += m![0].length; return m![0].toUpperCase(); };
  const expect = (c: string) => { ws(); if (s[i] !== c) fail(`"${c}"`); i++; };
  const peek = () => { ws(); return s[i]; };
  const position = (): Position => {
    const values: number[] = [];
    for (;;) {
      ws();
      const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(s.slice(i));
      if (!m) break;
      values.push(Number(m[0]));
      i += m[0].length;
    }
    if (values.length < 2) fail('a coordinate pair "x y"');
    return values.slice(0, 2);
  };
  const list = <T>(item: () => T): T[] => {
    expect('(');
    const out = [item()];
    while (peek() === ',') { i++; out.push(item()); }
    expect(')');
    return out;
  };
  const points = () => list(position);
  const rings = () => list(points);
  const type = word();
  if (/^(Z|M|ZM)$/i.test(s.slice(i).trim().split(/[\s(]/)[0] ?? '')) word();
  if (/^\s*EMPTY/i.test(s.slice(i))) throw new WktError(`${type} EMPTY has no position`);
  let g: Geometry;
  switch (type) {
    case 'POINT': g = { type: 'Point', coordinates: list(position)[0] }; break;
    case 'LINESTRING': g = { type: 'LineString', coordinates: points() }; break;
    case 'POLYGON': g = { type: 'Polygon', coordinates: rings() }; break;
    case 'MULTIPOINT': g = { type: 'MultiPoint', coordinates: list(() => (peek() === '(' ? list(position)[0] : position())) }; break;
    case 'MULTILINESTRING': g = { type: 'MultiLineString', coordinates: rings() }; break;
    case 'MULTIPOLYGON': g = { type: 'MultiPolygon', coordinates: list(rings) }; break;
    default: throw new WktError(`unsupported WKT geometry type ${type} (POINT, LINESTRING, POLYGON and MULTI* are read)`);
  }
  ws();
  if (i < s.length) fail('the end of the WKT');
  return g;
}
