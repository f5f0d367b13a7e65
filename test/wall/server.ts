/**
 * The real server (server/main.ts) for the wall tests, with its first-start admin password
 * read from its output, and an admin client (session cookie + CSRF token) for the writes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../e2e/serve.ts';

export interface WallServer { url: string; output: () => string; close(): Promise<void> }

export async function startServer(port: number, dataDir: string, timeoutMs = 180_000): Promise<WallServer> {
  // an embedded database of its own (its first start prints the admin password read below),
  // never a DATABASE_URL server shared with the API tests
  const { DATABASE_URL: _url, DATABASE_SCHEMA: _schema, ...env } = process.env;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/main.ts')], {
    cwd: ROOT, env: { ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening on http/.test(output)) { clearTimeout(timer); resolve(); }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${output}`)); });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    close: () => new Promise((r) => { child.once('exit', () => r()); child.kill('SIGTERM'); }),
  };
}

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
