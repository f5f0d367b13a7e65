/**
 * The migrated embedded database that test files start from: built once into
 * test/.tmp/pglite-template/ (a PGlite data directory) and reused while the migrations and
 * PGlite versions are unchanged. Built under a temporary name and renamed, so concurrent
 * test runs never see a half-built template.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openEmbedded } from '../../server/db/embedded.ts';
import { MIGRATIONS_DIR, migrate, migrationFiles } from '../../server/db/migrate.ts';

export const TMP_DIR = resolve(import.meta.dirname, '../.tmp');
export const TEMPLATE_DIR = join(TMP_DIR, 'pglite-template');
const STAMP = 'template.stamp';

function stamp(): string {
  const hash = createHash('sha256');
  for (const pkg of ['pglite', 'pglite-postgis', 'pglite-socket']) {
    hash.update(readFileSync(resolve(import.meta.dirname, `../../node_modules/@electric-sql/${pkg}/package.json`)));
  }
  for (const name of migrationFiles()) hash.update(name).update(readFileSync(join(MIGRATIONS_DIR, name)));
  return hash.digest('hex');
}

export async function ensureTemplate(): Promise<string> {
  const want = stamp();
  const stampFile = join(TEMPLATE_DIR, STAMP);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === want) return TEMPLATE_DIR;
  const building = `${TEMPLATE_DIR}.${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const started = performance.now();
  const db = await openEmbedded(building);
  try {
    await migrate(db.sql);
  } finally {
    await db.close();
  }
  writeFileSync(join(building, STAMP), want);
  rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  try {
    renameSync(building, TEMPLATE_DIR);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another run won the race
  }
  console.log(`test database template built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return TEMPLATE_DIR;
}
