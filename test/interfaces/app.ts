/** A test database with the app on an ephemeral port, and helpers to import and fetch. */
import type { TwinFile } from '../../engine/twin/types.ts';
import { openTestDatabase, type TestDatabase } from '../setup/db.ts';
import { postJson, startApp, type RunningApp } from '../server/http.ts';

export interface InterfaceApp { db: TestDatabase; app: RunningApp; url: string; close(): Promise<void> }

export async function openInterfaceApp(): Promise<InterfaceApp> {
  const db = await openTestDatabase();
  const app = await startApp(db);
  return { db, app, url: app.url, async close() { await app.close(); await db.close(); } };
}

export async function importTwin(base: string, twin: TwinFile, id: string, replace = false): Promise<void> {
  const res = await postJson(`${base}/api/communities?id=${id}${replace ? '&replace=true' : ''}`, twin);
  if (res.status !== 201 && res.status !== 200) throw new Error(`import ${id}: ${res.status} ${await res.text()}`);
}
