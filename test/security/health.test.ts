/**
 * GET /api/health: 200 with the database versions when it answers; 503 with the reason
 * "database unreachable" (not a generic 500) when the server refuses connections or does not
 * answer in time. Runs in both modes (the unreachable servers are local sockets of the test);
 * stopping and starting a real cluster is in faults.test.ts.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import postgres from 'postgres';
import { afterAll, describe, expect, test } from 'vitest';
import { checkHealth } from '../../server/routes/health.ts';
import { openTestDatabase } from '../setup/db.ts';
import { startApp } from '../server/http.ts';

const servers: Server[] = [];
const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
});

/** A port that accepts TCP connections and never says a word (a hung server). */
async function silentPort(): Promise<number> {
  const server = createServer((socket) => { sockets.push(socket); });
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return (server.address() as AddressInfo).port;
}
/** A port nobody listens on (connection refused). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  await new Promise((ok) => server.close(ok));
  return port;
}

describe('/api/health', () => {
  test('the database answers: 200 with its versions', async () => {
    const db = await openTestDatabase();
    const app = await startApp(db);
    try {
      const res = await fetch(`${app.url}/api/health`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toMatchObject({ status: 'ok', db: { mode: db.mode, postgres: expect.any(String), postgis: expect.any(String) } });
    } finally {
      await app.close();
      await db.close();
    }
  });

  test('connection refused: 503 "database unreachable" naming the error; the rest of the API says 500', async () => {
    const sql = postgres(`postgres://x:y@127.0.0.1:${await closedPort()}/none`, { max: 2, onnotice: () => undefined });
    const app = await startApp({ sql, mode: 'postgres', startMs: 0, close: () => sql.end({ timeout: 0 }) });
    try {
      const res = await fetch(`${app.url}/api/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unhealthy', reason: 'database unreachable', db: { mode: 'postgres' }, error: expect.stringMatching(/ECONNREFUSED/) });
      expect((await fetch(`${app.url}/api/communities`)).status).toBe(500);
    } finally {
      await app.close();
      await sql.end({ timeout: 0 });
    }
  });

  test('a server that never answers: 503 within the health timeout, not a hung request', async () => {
    const sql = postgres(`postgres://x:y@127.0.0.1:${await silentPort()}/none`, { max: 1, onnotice: () => undefined });
    try {
      const result = await checkHealth(sql, 'postgres', 300);
      expect(result).toMatchObject({ status: 'unhealthy', reason: 'database unreachable', error: expect.stringMatching(/no answer within 300 ms/) });
    } finally {
      await sql.end({ timeout: 0 });
    }
  });
});
