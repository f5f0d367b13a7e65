import { Router } from 'express';
import type { Sql } from 'postgres';
import type { DbMode } from '../db/types.ts';

export interface Health {
  status: 'ok';
  db: { mode: DbMode; postgres: string; postgis: string; pgrouting: string | null };
}

export async function health(sql: Sql, mode: DbMode): Promise<Health> {
  const [row] = await sql<{ postgres: string; postgis: string; pgrouting: string | null }[]>`
    SELECT current_setting('server_version') AS postgres, postgis_lib_version() AS postgis,
      (SELECT extversion FROM pg_extension WHERE extname = 'pgrouting') AS pgrouting`;
  return { status: 'ok', db: { mode, ...row } };
}

export function healthRouter(sql: Sql, mode: DbMode): Router {
  return Router().get('/', async (_req, res) => {
    res.json(await health(sql, mode));
  });
}
