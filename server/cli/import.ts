/**
 * `communitytwin import <file> [--id ID] [--replace]`: validate, then load into the
 * database the server uses (DATABASE_URL, or embedded PGlite under DATA_DIR).
 * Prints the result as JSON; on bad input prints `{ error: … }` to stderr and exits 2.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { validateTwin } from '../../engine/twin/validate.ts';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { ApiError, toApiError } from '../errors.ts';
import { importTwin } from '../store/importTwin.ts';

const fail = (e: ApiError): number => {
  console.error(JSON.stringify({ error: { code: e.code, message: e.message, details: e.details } }, null, 2));
  return e.status < 500 ? 2 : 1;
};

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { id: { type: 'string' }, replace: { type: 'boolean', default: false } } });
  } catch (err) {
    return fail(new ApiError(400, 'bad_arguments', (err as Error).message));
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) return fail(new ApiError(400, 'bad_arguments', 'usage: communitytwin import <twin.geojson> [--id ID] [--replace]'));

  let input: unknown;
  try {
    input = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(new ApiError(400, code === 'ENOENT' ? 'file_not_found' : 'invalid_json', `${file}: ${(err as Error).message}`));
  }
  // validate before touching the database: bad input never opens it
  const validation = validateTwin(input);
  if (!validation.ok) {
    return fail(new ApiError(400, 'invalid_twin', `${file}: ${validation.errors.length} error(s); nothing was imported`,
      { errors: validation.errors, warnings: validation.warnings }));
  }

  const db = await openDatabase(readConfig());
  try {
    await migrate(db.sql);
    const result = await importTwin(db.sql, input, { replace: parsed.values.replace, ...(parsed.values.id ? { id: parsed.values.id } : {}) });
    console.log(JSON.stringify(result, null, 2));
    return 0;
  } catch (err) {
    const apiError = toApiError(err);
    if (apiError.status >= 500) console.error(err);
    return fail(apiError);
  } finally {
    await db.close();
  }
}
