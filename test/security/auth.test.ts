/** Sessions, CSRF, the login rate limit, accounts and the security headers, over HTTP. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addUser } from '../../server/auth/users.ts';
import { openTestDatabase, type TestDatabase } from '../setup/db.ts';
import type { RunningApp } from '../server/http.ts';
import { smallTwin } from '../server/twins.ts';
import { json, login, startSecureApp } from './helpers.ts';

let db: TestDatabase;
let app: RunningApp;
let adminPassword: string;

beforeAll(async () => {
  db = await openTestDatabase();
  app = await startSecureApp(db, { loginAttempts: 5 });
  adminPassword = (await addUser(db.sql, 'test', 'root', 'admin')).password;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('sessions', () => {
  test('login sets an httpOnly SameSite=Strict cookie (not Secure over plain HTTP) and the session is in the database', async () => {
    const res = await fetch(`${app.url}/api/auth/login`, json({ name: 'root', password: adminPassword }));
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^ct_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);
    const body = await res.json();
    expect(body).toMatchObject({ user: { name: 'root', role: 'admin' }, csrfToken: expect.any(String) });
    const [row] = await db.sql`SELECT count(*)::int AS n FROM app_session s JOIN app_user u ON u.id = s.user_id WHERE u.name = 'root'`;
    expect(row.n).toBeGreaterThanOrEqual(1);
    // the cookie is not the stored value (only its hash is)
    const token = cookie.split(';')[0].split('=')[1];
    expect((await db.sql`SELECT 1 FROM app_session WHERE token_hash = ${token}`).length).toBe(0);
  });

  test('wrong password 401; me/csrf follow the session; logout ends it server-side', async () => {
    expect((await fetch(`${app.url}/api/auth/login`, json({ name: 'root', password: 'nope' }))).status).toBe(401);
    expect((await fetch(`${app.url}/api/auth/login`, json({ name: 'ghost', password: 'nope' }))).status).toBe(401);
    const admin = await login(app.url, 'root', adminPassword);
    expect(await (await admin.fetch('/api/auth/me')).json()).toMatchObject({ user: { name: 'root', role: 'admin' }, readRequiresLogin: false });
    expect((await (await admin.fetch('/api/auth/csrf')).json()).csrfToken).toBe(admin.headers['x-csrf-token']);
    const out = await admin.fetch('/api/auth/logout', { method: 'POST' });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/ct_session=;/);
    // the old cookie no longer works even if a client keeps sending it
    expect(await (await admin.fetch('/api/auth/me')).json()).toMatchObject({ user: null });
    expect((await admin.fetch('/api/users')).status).toBe(401);
  });

  test('an expired session is anonymous', async () => {
    const admin = await login(app.url, 'root', adminPassword);
    await db.sql`UPDATE app_session SET expires_at = now() - interval '1 second'`;
    expect((await admin.fetch('/api/users')).status).toBe(401);
  });
});

describe('CSRF', () => {
  test('a cookie-authenticated write without the token, or with a wrong one, is 403; with it, it runs', async () => {
    const admin = await login(app.url, 'root', adminPassword);
    const cookieOnly = { cookie: admin.headers.cookie, 'content-type': 'application/json' };
    const body = JSON.stringify(smallTwin('csrf-test'));
    const none = await fetch(`${app.url}/api/communities`, { method: 'POST', headers: cookieOnly, body });
    expect(none.status).toBe(403);
    expect((await none.json()).error.code).toBe('csrf');
    expect((await fetch(`${app.url}/api/communities`, { method: 'POST', headers: { ...cookieOnly, 'x-csrf-token': 'x'.repeat(43) }, body })).status).toBe(403);
    expect((await db.sql`SELECT 1 FROM community WHERE id = 'csrf-test'`).length).toBe(0);
    expect((await admin.fetch('/api/communities', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(201);
  });

  test('cross-site writes are refused, login included', async () => {
    const res = await fetch(`${app.url}/api/auth/login`, { ...json({ name: 'root', password: adminPassword }), headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(403);
  });
});

test('login is rate-limited per IP and user name: the 6th try in a minute is 429 with Retry-After, even with the right password', async () => {
  await addUser(db.sql, 'test', 'target', 'viewer');
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await fetch(`${app.url}/api/auth/login`, json({ name: 'target', password: `guess${i}` }))).status);
  expect(statuses).toEqual([401, 401, 401, 401, 401]);
  const limited = await fetch(`${app.url}/api/auth/login`, json({ name: 'target', password: 'guess' }));
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  // another user name from the same address is not blocked
  expect((await fetch(`${app.url}/api/auth/login`, json({ name: 'root', password: adminPassword }))).status).toBe(200);
});

describe('accounts', () => {
  test('an admin adds a user (password shown once, stored as argon2id), resets it, changes the role, deletes; each is audited', async () => {
    const admin = await login(app.url, 'root', adminPassword);
    const added = await admin.fetch('/api/users', json({ name: 'pat', role: 'planner' }));
    expect(added.status).toBe(201);
    const { password } = await added.json();
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    const [stored] = await db.sql`SELECT password_hash FROM app_user WHERE name = 'pat'`;
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    const pat = await login(app.url, 'pat', password);
    expect((await pat.fetch('/api/users')).status).toBe(403);

    const reset = await (await admin.fetch('/api/users/pat/reset', { method: 'POST' })).json();
    expect(reset.password).not.toBe(password);
    expect((await pat.fetch('/api/auth/me').then((r) => r.json())).user).toBeNull(); // sessions ended
    const pat2 = await login(app.url, 'pat', reset.password);
    expect((await admin.fetch('/api/users/pat', json({ role: 'reviewer' }, 'PATCH'))).status).toBe(200);
    expect((await pat2.fetch('/api/auth/me').then((r) => r.json())).user.role).toBe('reviewer');
    expect((await admin.fetch('/api/users/pat', { method: 'DELETE' })).status).toBe(204);
    expect((await admin.fetch('/api/users/root', { method: 'DELETE' })).status).toBe(409); // the last admin

    const actions = await db.sql`SELECT actor, action FROM audit_log WHERE target = 'user:pat' ORDER BY id`;
    expect(actions.map((a) => `${a.actor} ${a.action}`)).toEqual(['root user.add', 'root user.reset', 'root user.update', 'root user.delete']);
  });

  test('the users body is schema-checked', async () => {
    const admin = await login(app.url, 'root', adminPassword);
    for (const body of [{}, { name: 'x', role: 'god' }, { name: '../etc', role: 'viewer' }, { name: 'a', role: 'viewer', extra: 1 }]) {
      expect((await admin.fetch('/api/users', json(body))).status).toBe(400);
    }
  });
});

describe('headers', () => {
  test('helmet: a CSP without inline scripts, nosniff, frame-ancestors none; on the API and the SPA', async () => {
    const res = await fetch(`${app.url}/api/health`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  test('the HTML acceptance report keeps its own stricter CSP', async () => {
    const admin = await login(app.url, 'root', adminPassword);
    await admin.fetch('/api/communities', json(smallTwin('report-csp')));
    const res = await fetch(`${app.url}/api/communities/report-csp/report?format=html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:");
  });
});
