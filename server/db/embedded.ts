/**
 * Embedded mode: PGlite (PostgreSQL in WebAssembly) with PostGIS, exposed on a loopback
 * socket so that the same postgres.js code runs against it as against a real server.
 * PGlite is single-connection: postgres.js must use `max: 1`, or messages interleave.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import postgres from 'postgres';
import type { Database } from './types.ts';
import { acquireLock } from './lock.ts';

export async function openEmbedded(pgliteDir: string): Promise<Database> {
  const started = performance.now();
  mkdirSync(pgliteDir, { recursive: true });
  const releaseLock = acquireLock(pgliteDir);
  let pg: PGlite | undefined;
  let socket: PGLiteSocketServer | undefined;
  try {
    pg = await PGlite.create({ dataDir: pgliteDir, extensions: { postgis } });
    // postgis only: postgis_raster must never be created in PGlite
    await pg.exec('CREATE EXTENSION IF NOT EXISTS postgis');
    socket = new PGLiteSocketServer({ db: pg, host: '127.0.0.1', port: 0 });
    await socket.start();
  } catch (err) {
    await socket?.stop().catch(() => undefined);
    await pg?.close().catch(() => undefined);
    releaseLock();
    throw err;
  }
  const sql = postgres(`postgres://postgres@${socket.getServerConn()}/postgres`, {
    max: 1,
    onnotice: () => undefined,
  });
  const db = pg, server = socket;
  return {
    sql,
    mode: 'embedded',
    startMs: performance.now() - started,
    async close() {
      await sql.end({ timeout: 5 });
      await server.stop();
      await db.close();
      releaseLock();
    },
  };
}
