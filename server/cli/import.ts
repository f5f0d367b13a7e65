/**
 * `communitytwin import <file> [--crs wgs84|gcj02|bd09|cgcs2000|epsg:NNNN] [--kind camera]
 *   [--format geojson|csv|shp|gpkg|kml] [--id ID] [--replace] [--dry-run] [--out twin.geojson]`
 *
 * Read any supported file (a twin file as it is; CSV, zipped shapefile, GeoPackage, KML
 * through the format readers, converted to WGS 84), validate it as a twin, then load it into
 * the database the server uses (DATABASE_URL, or embedded PGlite under DATA_DIR). Prints the
 * result as JSON. `--dry-run` prints the preview (format, CRS, counts, extent, validation)
 * and never opens the database; `--out` writes the converted twin file instead of loading
 * it (no database either). On bad input prints `{ error: … }` to stderr and exits 2.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CRS_HELP } from '../../engine/crs/index.ts';
import { validateTwin } from '../../engine/twin/validate.ts';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { ApiError, toApiError } from '../errors.ts';
import { FORMATS, type FormatName } from '../import/formats/index.ts';
import { previewOf, readImportFile } from '../routes/import.ts';
import { importTwin } from '../store/importTwin.ts';

const USAGE = `usage: communitytwin import <file> [--crs ${CRS_HELP.split(', ').slice(0, 5).join('|')}|epsg:NNNN] [--kind camera] [--format ${FORMATS.join('|')}] [--id ID] [--replace] [--dry-run] [--out twin.geojson]`;

const fail = (e: ApiError): number => {
  console.error(JSON.stringify({ error: { code: e.code, message: e.message, details: e.details } }, null, 2));
  return e.status < 500 ? 2 : 1;
};

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true,
      options: {
        id: { type: 'string' }, replace: { type: 'boolean', default: false }, crs: { type: 'string' }, kind: { type: 'string' },
        format: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, out: { type: 'string', short: 'o' },
      },
    });
  } catch (err) {
    return fail(new ApiError(400, 'bad_arguments', `${(err as Error).message}\n${USAGE}`));
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) return fail(new ApiError(400, 'bad_arguments', USAGE));
  const { crs, kind, format, out, id, replace } = parsed.values;
  const dryRun = parsed.values['dry-run'];

  let read;
  try {
    read = await readImportFile(file, {
      filename: file, ...(crs ? { crs } : {}), ...(kind ? { kind } : {}), ...(format ? { format: format as FormatName } : {}),
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') return fail(new ApiError(400, 'file_not_found', `${file}: ${(err as Error).message}`));
    const apiError = toApiError(err);
    if (apiError.status >= 500) console.error(err);
    return fail(apiError);
  }
  // validate before touching the database: bad input never opens it
  const validation = validateTwin(read.collection);
  if (dryRun || out) {
    if (out) await writeFile(out, `${JSON.stringify(read.collection, null, 1)}\n`);
    console.log(JSON.stringify({ ...previewOf(read, validation), ...(out ? { out } : {}) }, null, 2));
    if (dryRun && !validation.ok) console.error(`import: ${file}: ${validation.errors.length} error(s) as a twin; it would not import`);
    return dryRun && !validation.ok ? 2 : 0;
  }
  if (!validation.ok) {
    return fail(new ApiError(400, 'invalid_twin', `${file}: ${validation.errors.length} error(s); nothing was imported`,
      { errors: validation.errors, warnings: validation.warnings, file: { format: read.format, crs: read.crs, warnings: read.warnings } }));
  }

  const db = await openDatabase(readConfig());
  try {
    await migrate(db.sql);
    const result = await importTwin(db.sql, read.collection, { replace, ...(id ? { id } : {}) });
    console.log(JSON.stringify({ ...result, file: { format: read.format, crs: read.crs, warnings: read.warnings } }, null, 2));
    return 0;
  } catch (err) {
    const apiError = toApiError(err);
    if (apiError.status >= 500) console.error(err);
    return fail(apiError);
  } finally {
    await db.close();
  }
}
