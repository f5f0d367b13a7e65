/**
 * A database for one test file, of the same kind the server uses: a copy of the migrated
 * PGlite template (embedded mode), or a fresh schema on the DATABASE_URL server, migrated.
 * close() removes it again, so runs are repeatable.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Sql } from 'postgres';
import { inject } from 'vitest';
import { openPostgres } from '../../server/db/connect.ts';
import { openEmbedded } from '../../server/db/embedded.ts';
import { migrate } from '../../server/db/migrate.ts';
import type { Database } from '../../server/db/types.ts';
import { TMP_DIR } from './template.ts';

export interface TestDatabase extends Database {
  /** the schema tables live in: a per-file schema on a server, public in PGlite */
  schema: string;
  /** the PGlite data directory of this copy (embedded mode) */
  dataDir?: string;
  counts(): Promise<RowCounts>;
}
export interface RowCounts { community: number; feature: number; attestation: number }

export async function rowCounts(sql: Sql): Promise<RowCounts> {
  const [row] = await sql<RowCounts[]>`
    SELECT (SELECT count(*)::int FROM community) AS community,
           (SELECT count(*)::int FROM feature) AS feature,
           (SELECT count(*)::int FROM attestation) AS attestation`;
  return row;
}

const uniqueName = () => `t_${process.pid}_${randomBytes(4).toString('hex')}`;

export async function openTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = uniqueName();
    const db = await openPostgres(url, schema);
    await migrate(db.sql);
    return {
      ...db, schema, counts: () => rowCounts(db.sql),
      async close() {
        await db.sql`DROP SCHEMA IF EXISTS ${db.sql(schema)} CASCADE`;
        await db.close();
      },
    };
  }
  const template = inject('pgliteTemplateDir');
  if (!template) throw new Error('no PGlite template: is test/setup/global.ts the globalSetup?');
  const dataDir = join(TMP_DIR, 'db', uniqueName(), 'pglite');
  mkdirSync(dataDir, { recursive: true });
  cpSync(template, dataDir, { recursive: true });
  const db = await openEmbedded(dataDir);
  return {
    ...db, schema: 'public', dataDir, counts: () => rowCounts(db.sql),
    async close() {
      await db.close();
      rmSync(join(dataDir, '..'), { recursive: true, force: true });
    },
  };
}

/**
 * A database for a child process (server or CLI) to open itself: environment variables
 * pointing at a closed copy of the template (embedded) or at a fresh schema (server).
 */
export async function processDatabase(): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = uniqueName();
    return {
      env: { DATABASE_URL: url, DATABASE_SCHEMA: schema },
      async cleanup() {
        const db = await openPostgres(url);
        try { await db.sql`DROP SCHEMA IF EXISTS ${db.sql(schema)} CASCADE`; } finally { await db.close(); }
      },
    };
  }
  const template = inject('pgliteTemplateDir');
  if (!template) throw new Error('no PGlite template: is test/setup/global.ts the globalSetup?');
  const dataDir = join(TMP_DIR, 'db', uniqueName());
  mkdirSync(dataDir, { recursive: true });
  cpSync(template, join(dataDir, 'pglite'), { recursive: true });
  return {
    env: { DATA_DIR: dataDir },
    async cleanup() { rmSync(dataDir, { recursive: true, force: true }); },
  };
}
