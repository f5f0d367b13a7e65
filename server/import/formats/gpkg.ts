/**
 * GeoPackage (an SQLite file) through sql.js (SQLite compiled to WebAssembly, no native
 * build): every feature table in gpkg_contents is a layer; its geometry column from
 * gpkg_geometry_columns; its CRS from gpkg_spatial_ref_sys (EPSG code, else the WKT).
 */
import { createRequire } from 'node:module';
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import { parseCrs, type CrsCode } from '../../../engine/crs/index.ts';
import { readAll, type FileInput } from './input.ts';
import { layerKind, mapLayerRecord } from './layers.ts';
import { crsFromWkt } from './prj.ts';
import { DEFAULT_MAX_BYTES, ImportFormatError, type ReaderOptions, type ReaderResult, type SourceFeature } from './types.ts';
import { readGeoPackageGeometry } from './wkb.ts';

const require = createRequire(import.meta.url);
let sqlJs: ReturnType<typeof initSqlJs> | undefined;
const loadSqlJs = () => (sqlJs ??= initSqlJs({ locateFile: (file: string) => require.resolve(`sql.js/dist/${file}`) }));

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

function rows(db: Database, sql: string, params: SqlValue[] = []): Record<string, SqlValue>[] {
  const statement = db.prepare(sql, params);
  const out: Record<string, SqlValue>[] = [];
  try {
    while (statement.step()) out.push(statement.getAsObject());
  } finally {
    statement.free();
  }
  return out;
}

function srsCrs(db: Database, srsId: number, table: string): CrsCode {
  const [srs] = rows(db, 'SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?', [srsId]);
  if (!srs) throw new ImportFormatError(`layer ${table}: srs_id ${srsId} is not in gpkg_spatial_ref_sys`, { format: 'gpkg', layer: table });
  if (String(srs.organization).toUpperCase() === 'EPSG') {
    try { return parseCrs(`EPSG:${srs.organization_coordsys_id}`); } catch { /* fall through to the WKT */ }
  }
  const wkt = crsFromWkt(String(srs.definition ?? ''));
  if (wkt.code) return wkt.code;
  throw new ImportFormatError(`layer ${table}: ${wkt.problem ?? `srs_id ${srsId} is not a supported CRS`}`, { format: 'gpkg', layer: table, srsId });
}

export async function readGeoPackage(input: FileInput, options: ReaderOptions = {}): Promise<ReaderResult> {
  const bytes = await readAll(input, options.maxBytes ?? DEFAULT_MAX_BYTES, 'the GeoPackage file');
  if (bytes.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') {
    throw new ImportFormatError('not a GeoPackage: the file is not an SQLite database', { format: 'gpkg' });
  }
  const SQL = await loadSqlJs();
  const db = new SQL.Database(bytes);
  try {
    let layers;
    try {
      layers = rows(db, `SELECT c.table_name AS t, g.column_name AS col, g.srs_id AS srs FROM gpkg_contents c
        JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features' ORDER BY c.table_name`);
    } catch (err) {
      throw new ImportFormatError(`not a GeoPackage: ${(err as Error).message} (gpkg_contents / gpkg_geometry_columns)`, { format: 'gpkg' });
    }
    if (layers.length === 0) throw new ImportFormatError('the GeoPackage has no feature tables', { format: 'gpkg' });
    const warnings: string[] = [];
    const features: SourceFeature[] = [];
    const crsByLayer = new Map<string, CrsCode>();
    for (const layer of layers) {
      const table = String(layer.t), column = String(layer.col);
      crsByLayer.set(table, srsCrs(db, Number(layer.srs), table));
      const kind = layerKind(table, options.kind);
      const pk = rows(db, `SELECT name FROM pragma_table_info(?) WHERE pk > 0`, [table]).map((r) => String(r.name));
      let empty = 0;
      rows(db, `SELECT * FROM ${quoteIdentifier(table)}`).forEach((row, i) => {
        const where = `layer ${table}, row ${i + 1}`;
        const blob = row[column];
        if (!(blob instanceof Uint8Array)) { empty++; return; }
        let geometry;
        try {
          geometry = readGeoPackageGeometry(blob).geometry;
        } catch (err) {
          throw new ImportFormatError(`${where}: bad geometry: ${(err as Error).message}`, { format: 'gpkg', layer: table, row: i + 1 });
        }
        if (!geometry) { empty++; return; }
        const record = Object.fromEntries(Object.entries(row).filter(([k, v]) => k !== column && !pk.includes(k) && !(v instanceof Uint8Array)));
        features.push({ type: 'Feature', geometry, properties: mapLayerRecord(record, where, table, kind) });
      });
      if (empty > 0) warnings.push(`layer ${table}: ${empty} row(s) with an empty geometry were skipped`);
    }
    const codes = new Set(crsByLayer.values());
    if (codes.size > 1) {
      throw new ImportFormatError(`the layers are in different CRSs (${[...crsByLayer].map(([l, c]) => `${l}: ${c}`).join('; ')}); convert them one at a time`, { format: 'gpkg' });
    }
    return { features, crs: { detected: [...codes][0], assumed: null }, warnings };
  } finally {
    db.close();
  }
}
