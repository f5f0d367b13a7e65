/**
 * The real server (server/main.ts) for the wall tests, with its first-start admin password
 * read from its output, and an admin client (session cookie + CSRF token) for the writes.
 */
import { startApiServer, type ApiServer } from '../e2e/serve.ts';

export type WallServer = ApiServer;

/** The real server on its own embedded database; first start ≈ 20–40 s, so a longer wait than the e2e default. */
export const startServer = (port: number, dataDir: string, timeoutMs = 180_000): Promise<WallServer> =>
  startApiServer(port, dataDir, timeoutMs);

export const initialAdminPassword = (output: string): string | null => /password:\s+(\S+)/.exec(output)?.[1] ?? null;

export interface AdminClient { post(path: string, body: unknown): Promise<Response>; login(): Promise<void> }

/** Logged in as the admin; `login()` again after a restart if the session did not survive it. */
export async function adminClient(url: string, name: string, password: string): Promise<AdminClient> {
  let cookie = '', csrf = '';
  const client: AdminClient = {
    async login() {
      const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
      if (!res.ok) throw new Error(`login: HTTP ${res.status} ${await res.text()}`);
      cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
      csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    },
    async post(path, body) {
      const send = () => fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: JSON.stringify(body) });
      const res = await send();
      if (res.status !== 401) return res;
      await client.login();
      return send();
    },
  };
  await client.login();
  return client;
}
