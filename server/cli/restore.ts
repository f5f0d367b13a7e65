/**
 * `communitytwin restore <file.json>` — load a backup (server/cli/backup.ts) into the database
 * the server uses, which must be empty (a new DATA_DIR, or a new database/schema): the audit
 * log cannot be overwritten, by design. One transaction; sequences continue after the
 * restored ids; the audit chain is verified afterwards. Exit 2 when the file or the target
 * does not fit.
 */
import { readFile } from 'node:fs/promises';
import type { JSONValue } from 'postgres';
import { verifyChain } from '../audit/verify.ts';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { BACKUP_FORMAT, tablesInOrder } from './backup.ts';

interface Backup { format: string; version: number; migrations: string[]; tables: { name: string; rows: Record<string, unknown>[] }[] }
const CHUNK = 500;

export async function run(args: string[]): Promise<number> {
  const [file, ...rest] = args;
  if (!file || rest.length > 0) {
    console.error('usage: communitytwin restore <file.json>');
    return 2;
  }
  let backup: Backup;
  try {
    backup = JSON.parse(await readFile(file, 'utf8')) as Backup;
    if (backup.format !== BACKUP_FORMAT || backup.version !== 1 || !Array.isArray(backup.tables)) throw new Error('not a communitytwin backup (version 1)');
  } catch (err) {
    console.error(`cannot read ${file}: ${(err as Error).message}`);
    return 2;
  }
  const db = await openDatabase(readConfig());
  const sql = db.sql;
  try {
    await migrate(sql);
    const applied = new Set((await sql<{ name: string }[]>`SELECT name FROM migrations`).map((r) => r.name));
    const missing = backup.migrations.filter((m) => !applied.has(m));
    if (missing.length > 0) {
      console.error(`the backup was made with migrations this version does not have: ${missing.join(', ')}`);
      return 2;
    }
    const tables = new Set(await tablesInOrder(sql));
    const unknown = backup.tables.filter((t) => !tables.has(t.name)).map((t) => t.name);
    if (unknown.length > 0) {
      console.error(`the backup has tables this database does not: ${unknown.join(', ')}`);
      return 2;
    }
    for (const t of backup.tables) {
      const [row] = await sql`SELECT 1 FROM ${sql(t.name)} LIMIT 1`;
      if (row) {
        console.error(`restore needs an empty database, and ${t.name} has rows (use a new DATA_DIR or database)`);
        return 2;
      }
    }
    const counts: string[] = [];
    await sql.begin(async (tx) => {
      for (const t of backup.tables) {
        for (let i = 0; i < t.rows.length; i += CHUNK) {
          const chunk = t.rows.slice(i, i + CHUNK);
          await tx`INSERT INTO ${tx(t.name)} SELECT * FROM jsonb_populate_recordset(NULL::${tx(t.name)}, ${tx.json(chunk as JSONValue)}::jsonb)`;
        }
        counts.push(`${t.name} ${t.rows.length}`);
      }
      const serials = await tx<{ table_name: string; column_name: string }[]>`
        SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'`;
      for (const s of serials) {
        await tx`SELECT setval(pg_get_serial_sequence(${s.table_name}, ${s.column_name}),
                 coalesce((SELECT max(${tx(s.column_name)}) FROM ${tx(s.table_name)}), 0) + 1, false)`;
      }
    });
    const chain = await verifyChain(sql);
    console.log(`restored from ${file}: ${counts.join(', ')}; audit chain ${chain.ok ? `intact (${chain.entries} entries)` : `BROKEN at entry ${chain.broken!.id}`}`);
    return chain.ok ? 0 : 1;
  } finally {
    await db.close();
  }
}
