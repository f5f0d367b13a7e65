/** Run createApp on an ephemeral port for a test file, and compare twin files. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { createApp, type AppDeps } from '../../server/app.ts';
import { AUTH_DISABLED_FOR_TESTS } from '../../server/auth/config.ts';
import { DEFAULT_BODY_LIMIT } from '../../server/config.ts';
import type { Database } from '../../server/db/types.ts';

export interface RunningApp { url: string; close(): Promise<void> }

export async function startApp(db: Database, config: Partial<AppDeps['config']> = {}): Promise<RunningApp> {
  const app = createApp({
    db,
    config: {
      bodyLimit: DEFAULT_BODY_LIMIT,
      staticDir: resolve(import.meta.dirname, '../.tmp/no-dist'),
      standardsDir: resolve(import.meta.dirname, '../../data/standards'),
      // these tests exercise routes, not accounts: say so (test/security/ tests the accounts)
      auth: AUTH_DISABLED_FOR_TESTS,
      ...config,
    },
  });
  const server: Server = await new Promise((ok) => { const s = app.listen(0, '127.0.0.1', () => ok(s)); });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

export async function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

/** Equal as JSON, except that numbers inside `coordinates` may differ by up to 1e-7. */
export function expectSameTwin(actual: unknown, expected: unknown): void {
  const mismatches: string[] = [];
  const walk = (a: unknown, e: unknown, path: string, inCoordinates: boolean): void => {
    if (mismatches.length > 5) return;
    if (typeof e === 'number' && typeof a === 'number' && inCoordinates) {
      if (Math.abs(a - e) > 1e-7) mismatches.push(`${path}: ${a} ≠ ${e}`);
    } else if (Array.isArray(e)) {
      if (!Array.isArray(a) || a.length !== e.length) { mismatches.push(`${path}: length ${Array.isArray(a) ? a.length : typeof a} ≠ ${e.length}`); return; }
      e.forEach((v, i) => walk(a[i], v, `${path}[${i}]`, inCoordinates));
    } else if (typeof e === 'object' && e !== null) {
      if (typeof a !== 'object' || a === null || Array.isArray(a)) { mismatches.push(`${path}: not an object`); return; }
      const keys = new Set([...Object.keys(e), ...Object.keys(a)]);
      for (const k of keys) walk((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k], `${path}.${k}`, inCoordinates || k === 'coordinates');
    } else if (a !== e) mismatches.push(`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(e)}`);
  };
  walk(actual, expected, '$', false);
  expect(mismatches).toEqual([]);
}
