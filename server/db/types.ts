import type { Sql } from 'postgres';

export type DbMode = 'embedded' | 'postgres';

/** An open database: a postgres.js client plus how to shut it down. */
export interface Database {
  sql: Sql;
  mode: DbMode;
  /** milliseconds spent opening it (PGlite start, extension, socket) */
  startMs: number;
  close(): Promise<void>;
}
