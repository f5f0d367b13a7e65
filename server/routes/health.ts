/**
 * GET /api/health → 200 { status: 'ok', db: { mode, postgres, postgis, pgrouting } }, or
 * 503 { status: 'unhealthy', reason: 'database unreachable', error } when the database does
 * not answer within HEALTH_TIMEOUT_MS (stopped, restarting, network gone). Nothing is cached:
 * each request asks the database, so the status turns back to ok as soon as the connection
 * pool has reconnected (postgres.js reconnects on the next query by itself).
 */
import { Router } from 'express';
import type { Sql } from 'postgres';
import type { DbMode } from '../db/types.ts';

export interface Health {
  status: 'ok';
  db: { mode: DbMode; postgres: string; postgis: string; pgrouting: string | null };
}
export interface Unhealthy {
  status: 'unhealthy';
  /** unreachable: no answer (refused, timed out, connection lost); error: it answered with an error */
  reason: 'database unreachable' | 'database error';
  db: { mode: DbMode };
  /** what the driver said (connection refused, timeout, terminated …) */
  error: string;
}

export const HEALTH_TIMEOUT_MS = 3000;

export async function health(sql: Sql, mode: DbMode): Promise<Health> {
  const [row] = await sql<{ postgres: string; postgis: string; pgrouting: string | null }[]>`
    SELECT current_setting('server_version') AS postgres, postgis_lib_version() AS postgis,
      (SELECT extversion FROM pg_extension WHERE extname = 'pgrouting') AS pgrouting`;
  return { status: 'ok', db: { mode, ...row } };
}

/** The health check, or why the database did not answer in time. */
export async function checkHealth(sql: Sql, mode: DbMode, timeoutMs = HEALTH_TIMEOUT_MS): Promise<Health | Unhealthy> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  const query = health(sql, mode);
  try {
    return await Promise.race([query, timeout]);
  } catch (err) {
    query.catch(() => undefined); // a late failure of the abandoned query is not news
    const e = err as { code?: string; message?: string; severity?: string };
    const error = [e.code, e.message].filter(Boolean).join(': ') || String(err);
    // a PostgresError (it has a severity) means the server answered: not FATAL, it is up
    const answered = typeof e.severity === 'string' && e.severity !== 'FATAL' && e.severity !== 'PANIC';
    return { status: 'unhealthy', reason: answered ? 'database error' : 'database unreachable', db: { mode }, error };
  } finally {
    clearTimeout(timer);
  }
}

export function healthRouter(sql: Sql, mode: DbMode): Router {
  return Router().get('/', async (_req, res) => {
    const result = await checkHealth(sql, mode);
    res.setHeader('cache-control', 'no-store');
    res.status(result.status === 'ok' ? 200 : 503).json(result);
  });
}
