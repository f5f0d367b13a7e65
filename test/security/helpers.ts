/** An app with accounts on (as in production), users of every role, and logged-in fetches. */
import type { Express } from 'express';
import type { Sql } from 'postgres';
import { DEFAULT_AUTH, type AuthConfig } from '../../server/auth/config.ts';
import { ROLES, type Role } from '../../server/auth/roles.ts';
import { addDeviceToken } from '../../server/auth/sessions.ts';
import { addUser } from '../../server/auth/users.ts';
import type { Database } from '../../server/db/types.ts';
import { startApp, type RunningApp } from '../server/http.ts';

export const startSecureApp = (db: Database, auth: Partial<AuthConfig> = {}, config: Record<string, unknown> = {}): Promise<RunningApp> =>
  startApp(db, { auth: { ...DEFAULT_AUTH, ...auth }, ...config });

export interface Client {
  name: string;
  /** cookie + CSRF header for a user; bearer token for a device; nothing for anonymous */
  headers: Record<string, string>;
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

export function client(baseUrl: string, name: string, headers: Record<string, string> = {}): Client {
  return {
    name, headers,
    fetch: (path, init = {}) => fetch(`${baseUrl}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } }),
  };
}

export async function login(baseUrl: string, name: string, password: string): Promise<Client> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  if (res.status !== 200) throw new Error(`login ${name}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return client(baseUrl, name, { cookie, 'x-csrf-token': csrfToken });
}

let counter = 0;
/** One user per role (names unique per call), logged in; a device token; anonymous. */
export async function principals(sql: Sql, baseUrl: string): Promise<Record<Role | 'anonymous' | 'device', Client>> {
  const suffix = `${process.pid}-${++counter}`;
  const out = { anonymous: client(baseUrl, 'anonymous') } as Record<Role | 'anonymous' | 'device', Client>;
  for (const role of ROLES) {
    const name = `${role}-${suffix}`;
    const { password } = await addUser(sql, 'test', name, role);
    out[role] = await login(baseUrl, name, password);
  }
  out.device = client(baseUrl, 'device', { authorization: `Bearer ${await addDeviceToken(sql, `platform-${suffix}`)}` });
  return out;
}

export const json = (body: unknown, method = 'POST'): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

interface StackLayer { route?: { path: string; methods: Record<string, boolean> }; handle: { stack?: StackLayer[] }; rawPath?: unknown }

/** Every method + path the Express app routes, mount paths joined. */
export function appRoutes(app: Express): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const walk = (stack: StackLayer[], prefix: string) => {
    for (const layer of stack) {
      const raw = typeof layer.rawPath === 'string' ? layer.rawPath : '';
      if (layer.route) {
        for (const m of Object.keys(layer.route.methods)) if (m !== '_all') out.push({ method: m.toUpperCase(), path: normalize(prefix + layer.route.path) });
      } else if (layer.handle?.stack) walk(layer.handle.stack, prefix + (raw === '/' ? '' : raw));
    }
  };
  walk((app as unknown as { router: { stack: StackLayer[] } }).router.stack, '');
  return out;
}
const normalize = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p).replace(/\/{2,}/g, '/');
