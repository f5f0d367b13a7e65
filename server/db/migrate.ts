/**
 * Schema migrations: server/db/migrations/NNN_name.sql, each applied once, in its own
 * transaction, and recorded in `migrations`. An advisory lock keeps two processes
 * migrating the same schema from racing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from 'postgres';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const MIGRATION_FILE = /^\d{3}_[\w-]+\.sql$/;

export function migrationFiles(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir).filter((f) => MIGRATION_FILE.test(f)).sort();
}

/** Apply pending migrations; returns the names applied now. */
export async function migrate(sql: Sql, dir = MIGRATIONS_DIR): Promise<string[]> {
  const applied: string[] = [];
  for (const name of migrationFiles(dir)) {
    const text = readFileSync(join(dir, name), 'utf8');
    const ran = await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(hashtext('communitytwin.migrate.' || current_schema()))`;
      await tx`CREATE TABLE IF NOT EXISTS migrations (
        name text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`;
      const [done] = await tx`SELECT 1 FROM migrations WHERE name = ${name}`;
      if (done) return false;
      // a migration file is trusted, static, multi-statement SQL: the one place for unsafe()
      await tx.unsafe(text);
      await tx`INSERT INTO migrations (name) VALUES (${name})`;
      return true;
    });
    if (ran) applied.push(name);
  }
  return applied;
}
