/**
 * `communitytwin import <file> [--crs wgs84|gcj02|bd09|cgcs2000|epsg:NNNN] [--kind camera]
 *   [--format geojson|csv|shp|gpkg|kml] [--id ID] [--replace] [--dry-run] [--out twin.geojson]`
 *
 * Read any supported file (a twin file as it is; CSV, zipped shapefile, GeoPackage, KML
 * through the format readers, converted to WGS 84), validate it as a twin, then load it into
 * the database the server uses (DATABASE_URL, or embedded PGlite under DATA_DIR) feature by
 * feature in one transaction (server/import/stream: GeoJSON and CSV are streamed, progress on
 * a terminal's stderr). Prints the result as JSON. `--dry-run` prints the preview (format, CRS, counts, extent, validation)
 * and never opens the database; `--out` writes the converted twin file instead of loading
 * it (no database either). On bad input prints `{ error: … }` to stderr and exits 2.
 */
import { stat, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CRS_HELP, parseCrs } from '../../engine/crs/index.ts';
import { FEATURE_KINDS } from '../../engine/twin/types.ts';
import { kindFromName } from '../import/formats/attributes.ts';
import { validateTwin } from '../../engine/twin/validate.ts';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { ApiError, toApiError } from '../errors.ts';
import { FORMATS, ImportFormatError, type FormatName } from '../import/formats/index.ts';
import { previewOf, readImportFile } from '../routes/import.ts';
import { streamImport, type ImportProgress } from '../import/stream/pipeline.ts';
import { checkTarget, commitStaged, stagingSink } from '../import/stream/write.ts';

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

  const readOptions = { filename: file, ...(crs ? { crs } : {}), ...(kind ? { kind } : {}), ...(format ? { format: format as FormatName } : {}) };
  const failRead = (err: unknown) => {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') return fail(new ApiError(400, 'file_not_found', `${file}: ${(err as Error).message}`));
    const apiError = toApiError(err);
    if (apiError.status >= 500) console.error(err);
    return fail(apiError);
  };

  if (dryRun || out) {
    let read;
    try {
      read = await readImportFile(file, readOptions);
    } catch (err) {
      return failRead(err);
    }
    const validation = validateTwin(read.collection);
    if (out) await writeFile(out, `${JSON.stringify(read.collection, null, 1)}\n`);
    console.log(JSON.stringify({ ...previewOf(read, validation), ...(out ? { out } : {}) }, null, 2));
    if (dryRun && !validation.ok) console.error(`import: ${file}: ${validation.errors.length} error(s) as a twin; it would not import`);
    return dryRun && !validation.ok ? 2 : 0;
  }
  try {
    await stat(file);
    // arguments first: a bad CRS or kind never opens the database
    if (crs) {
      try { parseCrs(crs); } catch (err) { throw new ImportFormatError((err as Error).message, { crs }); }
    }
    if (kind && !kindFromName(kind)) throw new ImportFormatError(`unknown kind ${JSON.stringify(kind)} (expected one of ${FEATURE_KINDS.join(', ')})`, { kind });
  } catch (err) {
    return failRead(err);
  }

  // streamed into one transaction, as POST /api/import does: a large GeoJSON or CSV is never
  // held whole; the database opens only after the arguments and the file are there
  const db = await openDatabase(readConfig());
  try {
    await migrate(db.sql);
    const progress = process.stderr.isTTY
      ? (p: ImportProgress) => process.stderr.write(`\rimport: ${p.phase} ${p.totalBytes ? Math.round((100 * p.bytes) / p.totalBytes) : 0}% of ${Math.round(p.totalBytes / 1024)} KiB, ${p.features} feature(s)   `)
      : undefined;
    const body = await db.sql.begin(async (tx) => {
      if (id) await checkTarget(tx, id, replace);
      const summary = await streamImport(file, { ...readOptions, ...(progress ? { onProgress: progress } : {}) }, await stagingSink(tx));
      if (!summary.validation.ok) {
        const first = summary.validation.errors[0];
        throw new ApiError(400, 'invalid_twin', `${file}: ${summary.validation.errorCount} error(s)${first ? ` (first: ${first.featureIndex === null ? '' : `feature ${first.featureIndex} `}${first.field}: ${first.reason})` : ''}; nothing was imported`,
          { errors: summary.validation.errors, warnings: summary.validation.warnings, file: { format: summary.format, crs: summary.crs, warnings: summary.warnings } });
      }
      const result = await commitStaged(tx, summary, { replace, ...(id ? { id } : {}) });
      return { ...result, warnings: summary.validation.warnings, file: { format: summary.format, crs: summary.crs, warnings: summary.warnings } };
    });
    if (progress) process.stderr.write('\n');
    console.log(JSON.stringify(body, null, 2));
    return 0;
  } catch (err) {
    if (process.stderr.isTTY) process.stderr.write('\n');
    return failRead(err);
  } finally {
    await db.close();
  }
}
