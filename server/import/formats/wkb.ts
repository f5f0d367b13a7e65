/**
 * Well-Known Binary → GeoJSON geometry (OGC/ISO WKB, with Z/M/ZM codes 1000/2000/3000 and
 * EWKB flags), and the GeoPackage binary header in front of it (GeoPackage 1.3 §2.1.3).
 */
import type { Geometry, Position } from 'geojson';

export class WkbError extends Error {}

class Reader {
  offset = 0;
  little = true;
  constructor(readonly view: DataView) {}
  need(bytes: number) { if (this.offset + bytes > this.view.byteLength) throw new WkbError(`truncated WKB at byte ${this.offset}`); }
  u8() { this.need(1); return this.view.getUint8(this.offset++); }
  u32() { this.need(4); const v = this.view.getUint32(this.offset, this.little); this.offset += 4; return v; }
  f64() { this.need(8); const v = this.view.getFloat64(this.offset, this.little); this.offset += 8; return v; }
}

function readGeometry(r: Reader): Geometry | null {
  const order = r.u8();
  if (order > 1) throw new WkbError(`bad WKB byte order ${order} at byte ${r.offset - 1}`);
  r.little = order === 1;
  let code = r.u32();
  let dims = 2;
  if (code & 0x20000000) { r.u32(); code &= ~0x20000000; } // EWKB SRID
  if (code & 0x80000000) dims++;
  if (code & 0x40000000) dims++;
  code &= 0x0fffffff;
  const base = code % 1000, iso = Math.floor(code / 1000);
  if (iso === 1 || iso === 2) dims = 3; else if (iso === 3) dims = 4;
  const point = (): Position => { const p = [r.f64(), r.f64()]; for (let d = 2; d < dims; d++) r.f64(); return p; };
  const points = () => { const n = r.u32(); r.need(n * dims * 8); return Array.from({ length: n }, point); };
  const rings = () => { const n = r.u32(); return Array.from({ length: n }, points); };
  const parts = <T extends Geometry>(type: string): T[] => {
    const n = r.u32();
    const out: T[] = [];
    for (let i = 0; i < n; i++) {
      const g = readGeometry(r);
      if (g && g.type !== type && type !== '*') throw new WkbError(`a ${type} inside a multi-geometry is a ${g.type}`);
      if (g) out.push(g as T);
    }
    return out;
  };
  switch (base) {
    case 1: { const p = point(); return Number.isNaN(p[0]) && Number.isNaN(p[1]) ? null : { type: 'Point', coordinates: p }; }
    case 2: return { type: 'LineString', coordinates: points() };
    case 3: return { type: 'Polygon', coordinates: rings() };
    case 4: return { type: 'MultiPoint', coordinates: parts<{ type: 'Point'; coordinates: Position }>('Point').map((g) => g.coordinates) };
    case 5: return { type: 'MultiLineString', coordinates: parts<{ type: 'LineString'; coordinates: Position[] }>('LineString').map((g) => g.coordinates) };
    case 6: return { type: 'MultiPolygon', coordinates: parts<{ type: 'Polygon'; coordinates: Position[][] }>('Polygon').map((g) => g.coordinates) };
    case 7: return { type: 'GeometryCollection', geometries: parts('*') };
    default: throw new WkbError(`unsupported WKB geometry type ${code} (curves, surfaces and TINs are not read)`);
  }
}

export function readWkb(bytes: Uint8Array): Geometry | null {
  return readGeometry(new Reader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
}

const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

/** A GeoPackage geometry blob: "GP", version, flags, srs_id, envelope, then WKB. */
export function readGeoPackageGeometry(blob: Uint8Array): { srsId: number; geometry: Geometry | null } {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new WkbError('not a GeoPackage geometry (no "GP" magic)');
  const flags = blob[3];
  if (flags & 0x20) throw new WkbError('extended GeoPackage geometry types are not supported');
  const envelope = ENVELOPE_BYTES[(flags >> 1) & 0x07];
  if (envelope === undefined) throw new WkbError(`bad envelope indicator ${(flags >> 1) & 0x07}`);
  const srsId = new DataView(blob.buffer, blob.byteOffset + 4, 4).getInt32(0, (flags & 1) === 1);
  if (flags & 0x10) return { srsId, geometry: null };
  return { srsId, geometry: readWkb(blob.subarray(8 + envelope)) };
}
