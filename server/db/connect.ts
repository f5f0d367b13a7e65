/** Open the database the configuration asks for: a PostgreSQL server, or embedded PGlite. */
import { join } from 'node:path';
import postgres from 'postgres';
import type { Config } from '../config.ts';
import { openEmbedded } from './embedded.ts';
import { isPatched } from './postgres-patch.mjs';
import type { Database } from './types.ts';

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'databaseSchema' | 'dataDir'>): Promise<Database> {
  if (!config.databaseUrl) return openEmbedded(join(config.dataDir, 'pglite'));
  return openPostgres(config.databaseUrl, config.databaseSchema);
}

let patchChecked = false;
/** Say once when the installed postgres.js lacks the closed-socket fix (server/db/postgres-patch.mjs). */
function checkDriverPatch(): void {
  if (patchChecked) return;
  patchChecked = true;
  try {
    if (!isPatched()) console.warn('warning: postgres.js is missing the closed-socket fix: a database outage during a transaction can end this process; run `npm install` (postinstall) or `node server/db/postgres-patch.mjs`');
  } catch (err) {
    console.warn(`warning: could not check the postgres.js closed-socket fix: ${(err as Error).message}`);
  }
}

/**
 * A pool on a PostgreSQL server. It survives the server going away: queries fail (the health
 * route says 503, server/routes/health.ts) and the pool reconnects on the next query once the
 * server is back — with the closed-socket fix applied to postgres.js.
 */
export async function openPostgres(url: string, schema?: string): Promise<Database> {
  checkDriverPatch();
  const started = performance.now();
  const sql = postgres(url, {
    max: 10,
    // a server that does not answer the connection at all (not refused): give up in 10 s, not 30
    connect_timeout: 10,
    onnotice: () => undefined,
    ...(schema ? { connection: { search_path: `${schema},public` } } : {}),
  });
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS postgis`;
    // routing is optional; PGlite has no pgrouting, so only here
    await sql`CREATE EXTENSION IF NOT EXISTS pgrouting`.catch(() => undefined);
    if (schema) await sql`CREATE SCHEMA IF NOT EXISTS ${sql(schema)}`;
  } catch (err) {
    await sql.end({ timeout: 5 });
    throw err;
  }
  return {
    sql, mode: 'postgres', startMs: performance.now() - started,
    close: () => sql.end({ timeout: 5 }),
  };
}
