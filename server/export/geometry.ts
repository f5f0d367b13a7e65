/**
 * GeoJSON geometry → WKB (little endian, 2D, OGC type codes 1–7) and → WKT, for the
 * GeoPackage and CSV exports. Coordinates are written as given (WGS 84 lon/lat).
 */
import type { Geometry, Position } from 'geojson';

const CODES: Record<Geometry['type'], number> = {
  Point: 1, LineString: 2, Polygon: 3, MultiPoint: 4, MultiLineString: 5, MultiPolygon: 6, GeometryCollection: 7,
};

class Writer {
  private chunks: Buffer[] = [];
  private add(size: number, write: (b: Buffer) => void) { const b = Buffer.alloc(size); write(b); this.chunks.push(b); }
  u8(v: number) { this.add(1, (b) => b.writeUInt8(v)); }
  u32(v: number) { this.add(4, (b) => b.writeUInt32LE(v)); }
  f64(v: number) { this.add(8, (b) => b.writeDoubleLE(v)); }
  point(p: Position) { this.f64(p[0]); this.f64(p[1]); }
  points(ps: Position[]) { this.u32(ps.length); ps.forEach((p) => this.point(p)); }
  rings(rs: Position[][]) { this.u32(rs.length); rs.forEach((r) => this.points(r)); }
  bytes() { return Buffer.concat(this.chunks); }
}

function writeGeometry(w: Writer, g: Geometry): void {
  w.u8(1);
  w.u32(CODES[g.type]);
  switch (g.type) {
    case 'Point': return w.point(g.coordinates);
    case 'LineString': return w.points(g.coordinates);
    case 'Polygon': return w.rings(g.coordinates);
    case 'MultiPoint': w.u32(g.coordinates.length); return g.coordinates.forEach((c) => writeGeometry(w, { type: 'Point', coordinates: c }));
    case 'MultiLineString': w.u32(g.coordinates.length); return g.coordinates.forEach((c) => writeGeometry(w, { type: 'LineString', coordinates: c }));
    case 'MultiPolygon': w.u32(g.coordinates.length); return g.coordinates.forEach((c) => writeGeometry(w, { type: 'Polygon', coordinates: c }));
    case 'GeometryCollection': w.u32(g.geometries.length); return g.geometries.forEach((c) => writeGeometry(w, c));
  }
}

export function toWkb(geometry: Geometry): Buffer {
  const w = new Writer();
  writeGeometry(w, geometry);
  return w.bytes();
}

/** [minX, minY, maxX, maxY] of every position. */
export function envelopeOf(geometry: Geometry): [number, number, number, number] {
  const e: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      e[0] = Math.min(e[0], c[0]); e[1] = Math.min(e[1], c[1] as number);
      e[2] = Math.max(e[2], c[0]); e[3] = Math.max(e[3], c[1] as number);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  if (geometry.type === 'GeometryCollection') geometry.geometries.map(envelopeOf).forEach(([a, b, c, d]) => visit([[a, b], [c, d]]));
  else visit(geometry.coordinates);
  return e;
}

/**
 * GeoPackage StandardGeoPackageBinary (GeoPackage 1.3 §2.1.3): "GP", version 0, flags
 * (little endian; envelope [minx, maxx, miny, maxy] except for points), srs_id, then WKB.
 */
export function toGeoPackageBinary(geometry: Geometry, srsId: number): Buffer {
  const withEnvelope = geometry.type !== 'Point';
  const head = Buffer.alloc(8 + (withEnvelope ? 32 : 0));
  head.write('GP', 0, 'latin1');
  head[2] = 0;
  head[3] = 0x01 | (withEnvelope ? 0x02 : 0);
  head.writeInt32LE(srsId, 4);
  if (withEnvelope) {
    const [minX, minY, maxX, maxY] = envelopeOf(geometry);
    [minX, maxX, minY, maxY].forEach((v, i) => head.writeDoubleLE(v, 8 + 8 * i));
  }
  return Buffer.concat([head, toWkb(geometry)]);
}

const pos = (p: Position) => `${p[0]} ${p[1]}`;
const list = (ps: Position[]) => `(${ps.map(pos).join(', ')})`;
const rings = (rs: Position[][]) => `(${rs.map(list).join(', ')})`;

/** Well-Known Text with full double precision, e.g. `POLYGON ((117.1 36.6, …))`. */
export function toWkt(g: Geometry): string {
  switch (g.type) {
    case 'Point': return `POINT (${pos(g.coordinates)})`;
    case 'LineString': return `LINESTRING ${list(g.coordinates)}`;
    case 'Polygon': return `POLYGON ${rings(g.coordinates)}`;
    case 'MultiPoint': return `MULTIPOINT (${g.coordinates.map((p) => `(${pos(p)})`).join(', ')})`;
    case 'MultiLineString': return `MULTILINESTRING ${rings(g.coordinates)}`;
    case 'MultiPolygon': return `MULTIPOLYGON (${g.coordinates.map(rings).join(', ')})`;
    case 'GeometryCollection': return `GEOMETRYCOLLECTION (${g.geometries.map(toWkt).join(', ')})`;
  }
}
