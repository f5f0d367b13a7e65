/**
 * Tiny writers for test inputs, so every binary fixture is made from readable code:
 * shapefile (.shp points / polygons, .dbf with a chosen encoding), GeoPackage (sql.js) and
 * zip archives (fflate), including deliberately hostile ones.
 */
import { createRequire } from 'node:module';
import type { Position } from 'geojson';
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import initSqlJs from 'sql.js';

const require = createRequire(import.meta.url);

// ---------- shapefile ----------
type ShpShape = { type: 'Point'; coordinates: Position } | { type: 'Polygon'; coordinates: Position[][] };

/** .shp bytes for points (type 1) or polygons (type 5; outer rings must be clockwise). */
export function writeShp(shapes: ShpShape[]): Buffer {
  const shapeType = shapes[0].type === 'Point' ? 1 : 5;
  const records = shapes.map((s, i) => {
    let content: Buffer;
    if (s.type === 'Point') {
      content = Buffer.alloc(20);
      content.writeInt32LE(1, 0); content.writeDoubleLE(s.coordinates[0], 4); content.writeDoubleLE(s.coordinates[1], 12);
    } else {
      const points = s.coordinates.flat();
      content = Buffer.alloc(44 + 4 * s.coordinates.length + 16 * points.length);
      content.writeInt32LE(5, 0);
      const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
      [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, k) => content.writeDoubleLE(v, 4 + 8 * k));
      content.writeInt32LE(s.coordinates.length, 36); content.writeInt32LE(points.length, 40);
      let start = 0;
      s.coordinates.forEach((ring, k) => { content.writeInt32LE(start, 44 + 4 * k); start += ring.length; });
      const at = 44 + 4 * s.coordinates.length;
      points.forEach((p, k) => { content.writeDoubleLE(p[0], at + 16 * k); content.writeDoubleLE(p[1], at + 16 * k + 8); });
    }
    const header = Buffer.alloc(8);
    header.writeInt32BE(i + 1, 0); header.writeInt32BE(content.length / 2, 4);
    return Buffer.concat([header, content]);
  });
  const body = Buffer.concat(records);
  const head = Buffer.alloc(100);
  head.writeInt32BE(9994, 0); head.writeInt32BE((100 + body.length) / 2, 24); head.writeInt32LE(1000, 28); head.writeInt32LE(shapeType, 32);
  const all = shapes.flatMap((s) => (s.type === 'Point' ? [s.coordinates] : s.coordinates.flat()));
  [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))]
    .forEach((v, k) => head.writeDoubleLE(v, 36 + 8 * k));
  return Buffer.concat([head, body]);
}

export interface DbfField { name: string; type: 'C' | 'N'; length: number; decimals?: number }

/** .dbf bytes; text (field names and values) encoded as `encoding`; `ldid` is byte 29. */
export function writeDbf(fields: DbfField[], rows: (string | number)[][], encoding: 'utf8' | 'gbk', ldid = 0): Buffer {
  const enc = (s: string) => (encoding === 'gbk' ? iconv.encode(s, 'gbk') : Buffer.from(s, 'utf8'));
  const recordLength = 1 + fields.reduce((n, f) => n + f.length, 0);
  const headerLength = 32 + 32 * fields.length + 1;
  const head = Buffer.alloc(headerLength);
  head[0] = 0x03; head[1] = 124; head[2] = 1; head[3] = 1;
  head.writeUInt32LE(rows.length, 4); head.writeUInt16LE(headerLength, 8); head.writeUInt16LE(recordLength, 10); head[29] = ldid;
  fields.forEach((f, i) => {
    enc(f.name).copy(head, 32 + 32 * i, 0, 10);
    head[32 + 32 * i + 11] = f.type.charCodeAt(0); head[32 + 32 * i + 16] = f.length; head[32 + 32 * i + 17] = f.decimals ?? 0;
  });
  head[headerLength - 1] = 0x0d;
  const records = rows.map((row) => {
    const r = Buffer.alloc(recordLength, 0x20);
    let at = 1;
    fields.forEach((f, i) => {
      const value = f.type === 'N' ? Buffer.from(String(row[i]).padStart(f.length)) : enc(String(row[i]));
      value.copy(r, at, 0, f.length);
      at += f.length;
    });
    return r;
  });
  return Buffer.concat([head, ...records, Buffer.from([0x1a])]);
}

export const PRJ = {
  wgs84: 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  cgcs2000: 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  gkZone39: 'PROJCS["CGCS2000_3_Degree_GK_Zone_39",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
  gkCm117: 'PROJCS["CGCS2000_3_Degree_GK_CM_117E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
  xian80: 'PROJCS["Xian_1980_3_Degree_GK_CM_117E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
};

// ---------- zip ----------
export const zip = (files: Record<string, Uint8Array | string>) =>
  Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([n, d]) => [n, typeof d === 'string' ? Buffer.from(d) : d]))));

/** Rewrite the uncompressed size of every entry (local headers and central directory). */
export function forgeUncompressedSize(archive: Buffer, size: number): Buffer {
  const out = Buffer.from(archive);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50) out.writeUInt32LE(size, i + 22);
    else if (sig === 0x02014b50) out.writeUInt32LE(size, i + 24);
  }
  return out;
}

// ---------- GeoPackage ----------
function wkb(g: ShpShape): Buffer {
  const parts: Buffer[] = [];
  const u32 = (v: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(v); parts.push(b); };
  const f64 = (v: number) => { const b = Buffer.alloc(8); b.writeDoubleLE(v); parts.push(b); };
  parts.push(Buffer.from([1]));
  if (g.type === 'Point') { u32(1); f64(g.coordinates[0]); f64(g.coordinates[1]); } else {
    u32(3); u32(g.coordinates.length);
    for (const ring of g.coordinates) { u32(ring.length); for (const p of ring) { f64(p[0]); f64(p[1]); } }
  }
  return Buffer.concat(parts);
}

/** GeoPackage binary: "GP", version 0, flags (little endian, no envelope), srs_id, WKB. */
export function gpkgGeometry(g: ShpShape, srsId: number): Buffer {
  const head = Buffer.from([0x47, 0x50, 0, 0x01, 0, 0, 0, 0]);
  head.writeInt32LE(srsId, 4);
  return Buffer.concat([head, wkb(g)]);
}

export interface GpkgLayer { table: string; srsId: number; columns: Record<string, 'TEXT' | 'INTEGER' | 'REAL'>; rows: { geometry: ShpShape; values: (string | number)[] }[] }

export async function writeGeoPackage(layers: GpkgLayer[], srs: { id: number; org: string; code: number; wkt: string }[]): Promise<Buffer> {
  const SQL = await initSqlJs({ locateFile: (f: string) => require.resolve(`sql.js/dist/${f}`) });
  const db = new SQL.Database();
  db.run(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
    organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)`);
  db.run(`CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT, description TEXT DEFAULT '',
    last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)`);
  db.run(`CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
    srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL)`);
  for (const s of srs) db.run('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, NULL)', [`srs ${s.id}`, s.id, s.org, s.code, s.wkt]);
  for (const layer of layers) {
    const cols = Object.entries(layer.columns);
    db.run(`CREATE TABLE "${layer.table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB${cols.map(([c, t]) => `, "${c}" ${t}`).join('')})`);
    db.run('INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?, ?, ?, ?)', [layer.table, 'features', layer.table, layer.srsId]);
    db.run('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)', [layer.table, 'geom', 'GEOMETRY', layer.srsId]);
    for (const row of layer.rows) {
      db.run(`INSERT INTO "${layer.table}" (geom${cols.map(([c]) => `, "${c}"`).join('')}) VALUES (?${', ?'.repeat(cols.length)})`,
        [gpkgGeometry(row.geometry, layer.srsId), ...row.values]);
    }
  }
  const bytes = Buffer.from(db.export());
  db.close();
  return bytes;
}
