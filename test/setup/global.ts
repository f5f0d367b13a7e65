/**
 * Vitest global setup. Embedded mode: one migrated PGlite data directory that each test
 * file copies (test/setup/db.ts). DATABASE_URL mode: check the server has PostGIS; each
 * test file works in a schema of its own.
 */
import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../server/db/connect.ts';
import { ensureTemplate } from './template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplateDir: string | null;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const db = await openPostgres(url);
    try {
      await db.sql`SELECT postgis_lib_version()`;
    } finally {
      await db.close();
    }
    project.provide('pgliteTemplateDir', null);
    return;
  }
  project.provide('pgliteTemplateDir', await ensureTemplate());
}
