/**
 * `communitytwin export <id> [--format geojson|gpkg|csv|shp|kml] [--kind camera[,light]] [--out FILE]`:
 * a stored community as a file (the same bytes as GET /api/communities/:id/export), from the
 * database the server uses. GeoJSON and a single-kind CSV may go to stdout; a GeoPackage or
 * a zip of CSVs needs --out. Exit 0 written, 2 bad input (unknown community, format, kind), 1
 * failure.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { toApiError } from '../errors.ts';
import { EXPORT_FORMATS, exportCommunity, parseExportFormat, parseKindList, type ExportFormat } from '../export/index.ts';

const USAGE = `usage: communitytwin export <id> [--format ${EXPORT_FORMATS.join('|')}] [--kind camera[,light]] [--out FILE]`;

const bad = (message: string): number => {
  console.error(`export: ${message}`);
  return 2;
};

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' }, kind: { type: 'string' }, out: { type: 'string', short: 'o' } } });
  } catch (err) {
    return bad(`${(err as Error).message}\n${USAGE}`);
  }
  const [id, ...extra] = parsed.positionals;
  if (!id || extra.length > 0) return bad(`${id ? `unexpected argument ${extra[0]}` : 'no community id'}\n${USAGE}`);
  let format: ExportFormat, kinds: string[] | undefined;
  try {
    format = parseExportFormat(parsed.values.format);
    kinds = parseKindList(parsed.values.kind);
  } catch (err) {
    return bad((err as Error).message);
  }
  const binary = format === 'gpkg' || (format === 'csv' && kinds?.length !== 1);
  if (binary && !parsed.values.out) return bad(`a ${format === 'gpkg' ? 'GeoPackage' : 'zip of CSV files'} needs --out FILE\n${USAGE}`);

  const db = await openDatabase(readConfig());
  try {
    await migrate(db.sql);
    const file = await exportCommunity(db.sql, id, { format, ...(kinds ? { kinds } : {}) });
    if (parsed.values.out) {
      await writeFile(parsed.values.out, file.body);
      console.error(`export: ${id} → ${parsed.values.out} (${file.contentType}, ${file.body.length} bytes)`);
    } else {
      process.stdout.write(file.body);
    }
    return 0;
  } catch (err) {
    const apiError = toApiError(err);
    if (apiError.status >= 500) { console.error(err); return 1; }
    return bad(apiError.message);
  } finally {
    await db.close();
  }
}
