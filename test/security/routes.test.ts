/**
 * The route table applied: every declared route × anonymous, viewer, planner, reviewer,
 * admin and a device token gets 401/403 or is let through, as its access says; every route
 * the app has is declared. Requests use ids that do not exist and bodies that do not
 * validate, so a request that is let through changes nothing.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../server/app.ts';
import { DEFAULT_AUTH } from '../../server/auth/config.ts';
import { atLeast } from '../../server/auth/roles.ts';
import { matchRoute, ROUTES, type RouteRule } from '../../server/routes/table.ts';
import { openTestDatabase, type TestDatabase } from '../setup/db.ts';
import type { RunningApp } from '../server/http.ts';
import { appRoutes, principals, startSecureApp, type Client } from './helpers.ts';

let db: TestDatabase;
let app: RunningApp;
let readLocked: RunningApp;
type Who = 'anonymous' | 'device' | 'viewer' | 'planner' | 'reviewer' | 'admin';
const WHO: Who[] = ['anonymous', 'device', 'viewer', 'planner', 'reviewer', 'admin'];
let as: Record<Who, Client>;
let asLocked: Record<Who, Client>;

beforeAll(async () => {
  db = await openTestDatabase();
  app = await startSecureApp(db);
  readLocked = await startSecureApp(db, { readRequiresLogin: true });
  as = await principals(db.sql, app.url);
  asLocked = await principals(db.sql, readLocked.url);
});
afterAll(async () => {
  await app?.close();
  await readLocked?.close();
  await db?.close();
});

const SAMPLE: Record<string, string> = { id: '__none__', fid: 'f1', sid: '__none__', name: '__none__', checkId: 'x', jobId: 'x', token: 'walk-token-1' };
function concrete(rule: RouteRule): string {
  const sample = (param: string) => {
    // a parameter with no sample would leave an empty segment: the walk would test another path
    if (!(param in SAMPLE)) throw new Error(`no sample value for :${param} in ${rule.path}: add one to SAMPLE`);
    return SAMPLE[param];
  };
  const path = rule.path.split('/').map((s) => (s.startsWith(':') ? sample(s.slice(1)) : s === '*rest' ? (rule.path.startsWith('/tiles') ? 'index.json' : 'collections') : s)).join('/');
  return rule.path === '/api/events' ? `${path}?community=__none__` : path;
}

/** 'allowed', or the status a refusal must have. */
function expected(rule: RouteRule, who: Who, readRequiresLogin: boolean): 'allowed' | 401 | 403 {
  const { access } = rule;
  // the session's CSRF token: public, but only a session has one
  if (rule.path === '/api/auth/csrf') return who === 'anonymous' || who === 'device' ? 401 : 'allowed';
  if (access === 'public') return 'allowed';
  if (access === 'viewer' && !readRequiresLogin) return 'allowed';
  if (access === 'device') return who === 'device' || who === 'admin' ? 'allowed' : who === 'anonymous' ? 401 : 403;
  if (who === 'anonymous' || who === 'device') return 401;
  return atLeast(who, access) ? 'allowed' : 403;
}

async function send(c: Client, rule: RouteRule): Promise<number> {
  const write = rule.method !== 'GET';
  const res = await c.fetch(concrete(rule), write ? { method: rule.method, headers: { 'content-type': 'application/json' }, body: '{"__invalid":true}' } : {});
  await res.body?.cancel();
  return res.status;
}

// logout would end the sessions the walk uses: it has its own test
const walked = ROUTES.filter((r) => r.path !== '/api/auth/logout');

describe.each([false, true])('READ_REQUIRES_LOGIN=%s: every route × role', (locked) => {
  test.each(walked.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', async (_name, rule) => {
    const clients = locked ? asLocked : as;
    const got: Record<string, number | string> = {}, want: Record<string, number | string> = {};
    for (const who of WHO) {
      const status = await send(clients[who], rule);
      const e = expected(rule, who, locked);
      want[who] = e === 'allowed' ? 'allowed' : e;
      got[who] = status === 401 || status === 403 ? status : status >= 500 ? `5xx (${status})` : 'allowed';
    }
    expect(got).toEqual(want);
  });
});

test('every route the app has is in the route table (writes exactly)', () => {
  const express = createApp({ db, config: { bodyLimit: '1mb', staticDir: resolve(import.meta.dirname, '../.tmp/no-dist'), standardsDir: resolve(import.meta.dirname, '../../data/standards'), auth: DEFAULT_AUTH } });
  const routes = appRoutes(express);
  expect(routes.length).toBeGreaterThan(20);
  const undeclared = routes.filter(({ method, path }) => {
    const sample = path.split('/').map((s) => (s.startsWith(':') ? 'x1' : s.startsWith('*') ? 'a/b' : s)).join('/');
    const m = matchRoute(method, sample);
    return !m || (method !== 'GET' && m.rule.path !== path);
  });
  expect(undeclared).toEqual([]);
});

test('an undeclared write needs an admin; an undeclared read under /api is a read', async () => {
  expect((await as.planner.fetch('/api/not-declared', { method: 'POST' })).status).toBe(403);
  expect((await as.admin.fetch('/api/not-declared', { method: 'POST' })).status).toBe(404);
  expect((await as.anonymous.fetch('/api/not-declared')).status).toBe(404);
});
