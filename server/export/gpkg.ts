/**
 * A twin as a GeoPackage 1.3 (OGC 12-128r18): one feature table per kind (`camera`,
 * `building`, …) with the kind's attributes as columns, geometries as
 * StandardGeoPackageBinary in EPSG:4326, the three required gpkg_spatial_ref_sys rows,
 * gpkg_contents with each table's extent, gpkg_geometry_columns, and the attestations as an
 * attributes table. application_id 'GPKG', user_version 10300. Written with sql.js (SQLite
 * in WebAssembly) in memory.
 */
import { createRequire } from 'node:module';
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import type { TwinFile } from '../../engine/twin/types.ts';
import { envelopeOf, toGeoPackageBinary } from './geometry.ts';
import { byKind, columnsOf, textOf, type Column, type TwinFeature } from './table.ts';

const require = createRequire(import.meta.url);
let sqlJs: ReturnType<typeof initSqlJs> | undefined;
const loadSqlJs = () => (sqlJs ??= initSqlJs({ locateFile: (file: string) => require.resolve(`sql.js/dist/${file}`) }));

const GPKG_APPLICATION_ID = 0x47504b47; // 'GPKG'
const GPKG_USER_VERSION = 10300; // 1.3.0
const WGS84_WKT = 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],'
  + 'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]';

const SCHEMA = `
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
  ('WGS 84 geodetic', 4326, 'EPSG', 4326, '${WGS84_WKT}', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
`;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const RESERVED = new Set(['fid', 'geom']);

/** Column names unique without regard to case (SQLite's rule) and clear of fid/geom. */
function sqlNames(columns: Column[]): string[] {
  const used = new Set<string>(RESERVED);
  return columns.map((c) => {
    let name = RESERVED.has(c.name.toLowerCase()) ? `prop_${c.name}` : c.name;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${c.name}_${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

function cell(value: unknown, type: Column['type']): SqlValue {
  if (value === null || value === undefined) return null;
  if (type === 'BOOLEAN') return value ? 1 : 0;
  if ((type === 'INTEGER' || type === 'REAL') && typeof value === 'number') return value;
  return textOf(value);
}

function geometryTypeName(features: readonly TwinFeature[]): string {
  const types = new Set(features.map((f) => f.geometry.type));
  return types.size === 1 ? [...types][0].toUpperCase() : 'GEOMETRY';
}

function writeFeatureTable(db: Database, kind: string, features: readonly TwinFeature[]): void {
  const columns = columnsOf(features);
  const names = sqlNames(columns);
  const geometryType = geometryTypeName(features);
  db.run(`CREATE TABLE ${quote(kind)} (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom ${geometryType}${columns.map((c, i) => `, ${quote(names[i])} ${c.type}`).join('')})`);
  const insert = db.prepare(`INSERT INTO ${quote(kind)} (geom${names.map((n) => `, ${quote(n)}`).join('')}) VALUES (?${', ?'.repeat(names.length)})`);
  const extent = [Infinity, Infinity, -Infinity, -Infinity];
  try {
    for (const f of features) {
      const [a, b, c, d] = envelopeOf(f.geometry);
      extent[0] = Math.min(extent[0], a); extent[1] = Math.min(extent[1], b); extent[2] = Math.max(extent[2], c); extent[3] = Math.max(extent[3], d);
      insert.run([toGeoPackageBinary(f.geometry, 4326), ...columns.map((col) => cell(f.properties[col.name], col.type))]);
    }
  } finally {
    insert.free();
  }
  db.run(`INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id)
    VALUES (?, 'features', ?, ?, ?, ?, ?, ?, 4326)`, [kind, kind, `twin features of kind ${kind}`, ...extent]);
  db.run(`INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)`, [kind, geometryType]);
}

function writeAttestations(db: Database, attestations: readonly Record<string, unknown>[]): void {
  const known = ['checkId', 'version', 'pass', 'text', 'evidenceRef', 'by', 'at'];
  db.run(`CREATE TABLE attestations (fid INTEGER PRIMARY KEY AUTOINCREMENT, checkId TEXT NOT NULL, version INTEGER, pass BOOLEAN,
    text TEXT, evidenceRef TEXT, "by" TEXT, "at" TEXT, extra TEXT)`);
  for (const a of attestations) {
    const extra = Object.fromEntries(Object.entries(a).filter(([k]) => !known.includes(k)));
    db.run('INSERT INTO attestations (checkId, version, pass, text, evidenceRef, "by", "at", extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      textOf(a.checkId), typeof a.version === 'number' ? a.version : null, typeof a.pass === 'boolean' ? (a.pass ? 1 : 0) : null,
      textOf(a.text), textOf(a.evidenceRef), textOf(a.by), textOf(a.at), Object.keys(extra).length > 0 ? JSON.stringify(extra) : null,
    ]);
  }
  db.run(`INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES ('attestations', 'attributes', 'attestations', ?)`,
    ['attestations for the non-spatial indicator rows']);
}

/** The GeoPackage file's bytes for a twin (optionally only some kinds). */
export async function twinToGeoPackage(twin: TwinFile, kinds?: readonly string[]): Promise<Buffer> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    db.run(`PRAGMA application_id = ${GPKG_APPLICATION_ID}`);
    db.run(`PRAGMA user_version = ${GPKG_USER_VERSION}`);
    db.exec(SCHEMA);
    const features = (twin.features as TwinFeature[]).filter((f) => !kinds || kinds.includes(String(f.properties.kind)));
    for (const [kind, group] of byKind(features)) writeFeatureTable(db, kind, group);
    const attestations = (twin.attestations ?? []) as unknown as Record<string, unknown>[];
    if (!kinds && attestations.length > 0) writeAttestations(db, attestations);
    return Buffer.from(db.export());
  } finally {
    db.close();
  }
}
