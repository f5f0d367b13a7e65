/**
 * `communitytwin backup <file.json>` — a logical dump of every table of the database the
 * server uses (embedded PGlite or PostgreSQL alike): rows as JSON (geometry as hex EWKB),
 * tables in foreign-key order, plus the migrations it was made at. Sessions are left out.
 * `communitytwin restore <file.json>` loads it into an empty database (server/cli/restore.ts).
 * With the embedded database, stop the server first (one process per data directory).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Sql } from 'postgres';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';

export const BACKUP_FORMAT = 'communitytwin-backup';
/** not backed up: PostGIS's own table, the migration record (kept by `migrations`), live sessions */
const SKIPPED = new Set(['spatial_ref_sys', 'migrations', 'app_session']);

/** The schema's tables, each after the tables it references. */
export async function tablesInOrder(sql: Sql): Promise<string[]> {
  const tables = (await sql<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY c.relname`).map((r) => r.name).filter((t) => !SKIPPED.has(t));
  const edges = await sql<{ child: string; parent: string }[]>`
    SELECT ch.relname AS child, pa.relname AS parent
    FROM pg_constraint k JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = ch.relnamespace
    WHERE k.contype = 'f' AND n.nspname = current_schema()`;
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    for (const e of edges) if (e.child === t && e.parent !== t && tables.includes(e.parent)) visit(e.parent, path);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

export async function run(args: string[]): Promise<number> {
  const [file, ...rest] = args;
  if (!file || rest.length > 0) {
    console.error('usage: communitytwin backup <file.json>');
    return 2;
  }
  const db = await openDatabase(readConfig());
  try {
    await migrate(db.sql);
    const migrations = (await db.sql<{ name: string }[]>`SELECT name FROM migrations ORDER BY name`).map((r) => r.name);
    const out = createWriteStream(file);
    const write = async (text: string) => { if (!out.write(text)) await once(out, 'drain'); };
    await write(`{"format":${JSON.stringify(BACKUP_FORMAT)},"version":1,"createdAt":${JSON.stringify(new Date().toISOString())},"migrations":${JSON.stringify(migrations)},"tables":[`);
    const counts: string[] = [];
    const tables = await tablesInOrder(db.sql);
    // one snapshot for every table
    await db.sql.begin('isolation level repeatable read read only', async (tx) => {
      for (const [i, table] of tables.entries()) {
        const rows = await tx<{ r: unknown }[]>`SELECT to_jsonb(t) AS r FROM ${tx(table)} t`;
        await write(`${i > 0 ? ',' : ''}\n{"name":${JSON.stringify(table)},"rows":[`);
        for (const [j, row] of rows.entries()) await write(`${j > 0 ? ',' : ''}\n${JSON.stringify(row.r)}`);
        await write(']}');
        counts.push(`${table} ${rows.length}`);
      }
    });
    await write('\n]}\n');
    out.end();
    await once(out, 'finish');
    console.log(`backup written to ${file}: ${counts.join(', ')}`);
    return 0;
  } finally {
    await db.close();
  }
}
