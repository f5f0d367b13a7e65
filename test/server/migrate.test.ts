import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { MIGRATIONS_DIR, migrate, migrationFiles } from '../../server/db/migrate.ts';
import { openTestDatabase, type TestDatabase } from '../setup/db.ts';

let db: TestDatabase;
beforeAll(async () => { db = await openTestDatabase(); });
afterAll(async () => { await db?.close(); });

const tables = async () => (await db.sql<{ table_name: string }[]>`
  SELECT table_name FROM information_schema.tables WHERE table_schema = ${db.schema} AND table_type = 'BASE TABLE'
    AND table_name <> 'spatial_ref_sys' ORDER BY table_name`).map((r) => r.table_name);

test('every migration is recorded once, and a second run applies nothing', async () => {
  const recorded = await db.sql<{ name: string }[]>`SELECT name FROM migrations ORDER BY name`;
  expect(recorded.map((r) => r.name)).toEqual(migrationFiles());
  expect(await migrate(db.sql)).toEqual([]);
  expect(await db.sql`SELECT name FROM migrations`).toHaveLength(migrationFiles().length);
});

test('from an empty schema, migrations build the twin tables with typed geometry and GiST indexes', async () => {
  // drop whatever the migrations made (later migrations add tables of their own)
  for (const table of await tables()) await db.sql`DROP TABLE IF EXISTS ${db.sql(table)} CASCADE`;
  expect(await tables()).toEqual([]);
  expect(await migrate(db.sql)).toEqual(migrationFiles());
  expect(await tables()).toEqual(expect.arrayContaining(['attestation', 'community', 'feature', 'migrations']));

  const geometryColumns = await db.sql<{ f_table_name: string; f_geometry_column: string; type: string; srid: number }[]>`
    SELECT f_table_name, f_geometry_column, type, srid FROM geometry_columns
    WHERE f_table_schema = ${db.schema} ORDER BY f_table_name`;
  expect(geometryColumns.map((c) => ({ ...c }))).toEqual(expect.arrayContaining([
    { f_table_name: 'community', f_geometry_column: 'boundary', type: 'MULTIPOLYGON', srid: 4326 },
    { f_table_name: 'feature', f_geometry_column: 'geom', type: 'GEOMETRY', srid: 4326 },
  ]));
  const gist = await db.sql<{ indexname: string }[]>`
    SELECT indexname FROM pg_indexes WHERE schemaname = ${db.schema} AND indexdef ILIKE '%USING gist%' ORDER BY indexname`;
  expect(gist.map((r) => r.indexname)).toEqual(expect.arrayContaining(['community_boundary_gist', 'feature_geom_gist']));
});

test('a failing migration rolls back and is not recorded', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  for (const name of migrationFiles()) copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
  writeFileSync(join(dir, '900_broken.sql'), 'CREATE TABLE half_done (x int);\nSELECT no_such_function();');
  try {
    await expect(migrate(db.sql, dir)).rejects.toThrow(/no_such_function/);
    expect(await db.sql`SELECT name FROM migrations ORDER BY name`.then((r) => r.map((m) => m.name))).toEqual(migrationFiles());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  expect(await tables()).not.toContain('half_done');
  expect(await db.sql`SELECT 1 FROM migrations WHERE name = '900_broken.sql'`).toHaveLength(0);
});
