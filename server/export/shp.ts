/**
 * A twin as a zipped ESRI Shapefile set: one layer per kind and geometry family (a kind with
 * points and lines, such as keyLocation, gives `keyLocation_point` and `keyLocation_line`),
 * each with .shp, .shx, .dbf, a WGS 84 .prj and a .cpg saying UTF-8. Every .dbf has `kind`
 * and `id` columns, so the importer needs no layer name to know what a record is; attribute
 * names longer than 10 bytes go by the table in server/import/formats/fieldNames.ts, which
 * the importer reverses. Values: numbers N (integers N(18,0), others with as many decimals
 * as they need, up to 15), booleans L (T/F, ? for none), text C up to 254 UTF-8 bytes
 * (longer text is cut at a character boundary), lists comma-joined.
 * Polygons are written with clockwise outer rings and counter-clockwise holes, as the
 * format requires; Point and MultiPoint, LineString and MultiLineString, Polygon and
 * MultiPolygon share a layer.
 */
import type { Geometry, Position } from 'geojson';
import { shpFieldNames } from '../import/formats/fieldNames.ts';
import { columnsOf, textOf, type TwinFeature } from './table.ts';
import { writeZip, type ZipEntry } from './zip.ts';

export const WGS84_PRJ = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

type Family = 'point' | 'line' | 'polygon';
const FAMILY: Record<string, Family | undefined> = {
  Point: 'point', MultiPoint: 'point', LineString: 'line', MultiLineString: 'line', Polygon: 'polygon', MultiPolygon: 'polygon',
};
const SHAPE_TYPE: Record<Family, number> = { point: 1, line: 3, polygon: 5 };

/** Signed area ×2 (positive: counter-clockwise in lon/lat). */
const signedArea = (ring: Position[]) => {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return -a;
};
const oriented = (ring: Position[], clockwise: boolean) => ((signedArea(ring) < 0) === clockwise ? ring : [...ring].reverse());

/** The parts (rings or lines) of a geometry as the shapefile stores them. */
function partsOf(g: Geometry): Position[][] {
  switch (g.type) {
    case 'LineString': return [g.coordinates];
    case 'MultiLineString': return g.coordinates;
    case 'Polygon': return g.coordinates.map((r, i) => oriented(r, i === 0));
    case 'MultiPolygon': return g.coordinates.flatMap((p) => p.map((r, i) => oriented(r, i === 0)));
    default: throw new Error(`no parts for ${g.type}`);
  }
}

function bbox(points: Position[]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) { b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.max(b[2], x); b[3] = Math.max(b[3], y); }
  return b;
}

function shapeContent(g: Geometry, family: Family): Buffer {
  if (family === 'point') {
    if (g.type === 'Point') {
      const b = Buffer.alloc(20);
      b.writeInt32LE(1, 0); b.writeDoubleLE(g.coordinates[0], 4); b.writeDoubleLE(g.coordinates[1], 12);
      return b;
    }
    throw new Error('MultiPoint layers are not written (the twin has no MultiPoint kind)');
  }
  const parts = partsOf(g);
  const points = parts.flat();
  const b = Buffer.alloc(44 + 4 * parts.length + 16 * points.length);
  b.writeInt32LE(SHAPE_TYPE[family], 0);
  bbox(points).forEach((v, k) => b.writeDoubleLE(v, 4 + 8 * k));
  b.writeInt32LE(parts.length, 36); b.writeInt32LE(points.length, 40);
  let start = 0;
  parts.forEach((p, k) => { b.writeInt32LE(start, 44 + 4 * k); start += p.length; });
  const base = 44 + 4 * parts.length;
  points.forEach((p, k) => { b.writeDoubleLE(p[0], base + 16 * k); b.writeDoubleLE(p[1], base + 16 * k + 8); });
  return b;
}

function shpAndShx(geometries: Geometry[], family: Family): { shp: Buffer; shx: Buffer } {
  const contents = geometries.map((g) => shapeContent(g, family));
  const header = (lengthBytes: number) => {
    const h = Buffer.alloc(100);
    h.writeInt32BE(9994, 0); h.writeInt32BE(lengthBytes / 2, 24); h.writeInt32LE(1000, 28); h.writeInt32LE(SHAPE_TYPE[family], 32);
    const all = geometries.flatMap((g) => (g.type === 'Point' ? [g.coordinates] : partsOf(g).flat()));
    bbox(all).forEach((v, k) => h.writeDoubleLE(v, 36 + 8 * k));
    return h;
  };
  const shpLength = 100 + contents.reduce((n, c) => n + 8 + c.length, 0);
  const records: Buffer[] = [];
  const index = Buffer.alloc(8 * contents.length);
  let offset = 100;
  contents.forEach((c, i) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(i + 1, 0); rh.writeInt32BE(c.length / 2, 4);
    records.push(rh, c);
    index.writeInt32BE(offset / 2, 8 * i); index.writeInt32BE(c.length / 2, 8 * i + 4);
    offset += 8 + c.length;
  });
  return { shp: Buffer.concat([header(shpLength), ...records]), shx: Buffer.concat([header(100 + index.length), index]) };
}

interface DbfField { name: string; attr: string; type: 'C' | 'N' | 'L'; length: number; decimals: number }

const decimalsOf = (v: number) => {
  if (Number.isInteger(v)) return 0;
  const s = String(v);
  const e = /e-(\d+)$/.exec(s);
  return Math.min(15, e ? Number(e[1]) + (s.split('e')[0].split('.')[1]?.length ?? 0) : (s.split('.')[1]?.length ?? 0));
};

function cutUtf8(text: string, bytes: number): string {
  if (Buffer.byteLength(text) <= bytes) return text;
  let out = '';
  for (const ch of text) { if (Buffer.byteLength(out + ch) > bytes) break; out += ch; }
  return out;
}

/** A dBASE III table: `kind`, then the kind's columns (id, name, type, …). */
export function writeDbf(features: readonly TwinFeature[]): Buffer {
  const columns = columnsOf(features);
  const attrs = ['kind', ...columns.map((c) => c.name)];
  const names = shpFieldNames(attrs);
  const fields: DbfField[] = attrs.map((attr, i) => {
    const column = columns.find((c) => c.name === attr);
    const values = features.map((f) => f.properties[attr]).filter((v) => v !== null && v !== undefined);
    if (column?.type === 'BOOLEAN') return { name: names[i], attr, type: 'L', length: 1, decimals: 0 };
    if (column?.type === 'INTEGER' || column?.type === 'REAL') {
      const decimals = Math.max(0, ...values.map((v) => decimalsOf(v as number)));
      const width = Math.max(1, ...values.map((v) => (v as number).toFixed(decimals).length));
      return { name: names[i], attr, type: 'N', length: Math.min(254, width), decimals };
    }
    const length = Math.min(254, Math.max(1, ...values.map((v) => Buffer.byteLength(textOf(v) ?? ''))));
    return { name: names[i], attr, type: 'C', length, decimals: 0 };
  });
  const recordLength = 1 + fields.reduce((n, f) => n + f.length, 0);
  const headerLength = 32 + 32 * fields.length + 1;
  const out = Buffer.alloc(headerLength + recordLength * features.length + 1, 0x20);
  out.fill(0, 0, headerLength);
  out[0] = 0x03;
  out[1] = 95; out[2] = 1; out[3] = 1; // last update 1995-01-01: stable bytes for the same input
  out.writeUInt32LE(features.length, 4); out.writeUInt16LE(headerLength, 8); out.writeUInt16LE(recordLength, 10);
  out[29] = 0x00; // language driver: none (the .cpg says UTF-8)
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    out.write(f.name, at, 11, 'utf8');
    out[at + 11] = f.type.charCodeAt(0);
    out[at + 16] = f.length; out[at + 17] = f.decimals;
  });
  out[headerLength - 1] = 0x0d;
  features.forEach((feature, r) => {
    let at = headerLength + r * recordLength;
    out[at++] = 0x20; // not deleted
    for (const f of fields) {
      const v = feature.properties[f.attr];
      let text = '';
      if (f.type === 'L') text = v === true ? 'T' : v === false ? 'F' : '?';
      else if (f.type === 'N') text = typeof v === 'number' ? v.toFixed(f.decimals).padStart(f.length) : '';
      else text = cutUtf8(textOf(v) ?? '', f.length);
      out.write(text, at, f.length, 'utf8');
      at += f.length;
    }
  });
  out[out.length - 1] = 0x1a;
  return out;
}

/** Layers by kind and geometry family, in order of first appearance. */
export function shapefileLayers(features: readonly TwinFeature[]): { name: string; family: Family; features: TwinFeature[] }[] {
  const groups = new Map<string, { kind: string; family: Family; features: TwinFeature[] }>();
  for (const f of features) {
    const family = FAMILY[f.geometry.type];
    if (!family) throw new Error(`a ${f.geometry.type} (feature ${f.properties.id}) cannot be written to a shapefile`);
    const key = `${f.properties.kind}\u0000${family}`;
    const g = groups.get(key);
    if (g) g.features.push(f); else groups.set(key, { kind: String(f.properties.kind), family, features: [f] });
  }
  const familiesOf = (kind: string) => [...groups.values()].filter((g) => g.kind === kind).length;
  return [...groups.values()].map((g) => ({ name: familiesOf(g.kind) > 1 ? `${g.kind}_${g.family}` : g.kind, family: g.family, features: g.features }));
}

export function twinToShapefileZip(features: readonly TwinFeature[]): Buffer {
  const entries: ZipEntry[] = [];
  for (const layer of shapefileLayers(features)) {
    const { shp, shx } = shpAndShx(layer.features.map((f) => f.geometry), layer.family);
    entries.push(
      { name: `${layer.name}.shp`, data: shp }, { name: `${layer.name}.shx`, data: shx },
      { name: `${layer.name}.dbf`, data: writeDbf(layer.features) },
      { name: `${layer.name}.prj`, data: Buffer.from(WGS84_PRJ) }, { name: `${layer.name}.cpg`, data: Buffer.from('UTF-8') },
    );
  }
  return writeZip(entries);
}
