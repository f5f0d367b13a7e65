/** Open the database the configuration asks for: a PostgreSQL server, or embedded PGlite. */
import { join } from 'node:path';
import postgres from 'postgres';
import type { Config } from '../config.ts';
import { openEmbedded } from './embedded.ts';
import type { Database } from './types.ts';

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'databaseSchema' | 'dataDir'>): Promise<Database> {
  if (!config.databaseUrl) return openEmbedded(join(config.dataDir, 'pglite'));
  return openPostgres(config.databaseUrl, config.databaseSchema);
}

export async function openPostgres(url: string, schema?: string): Promise<Database> {
  const started = performance.now();
  const sql = postgres(url, {
    max: 10,
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
