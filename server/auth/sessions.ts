/** Server-side sessions: the cookie holds a random token, the table its sha256. */
import { createHash } from 'node:crypto';
import type { Sql } from 'postgres';
import { randomToken } from './passwords.ts';
import type { Role } from './roles.ts';

export const SESSION_COOKIE = 'ct_session';
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface Session { user: { id: number; name: string; role: Role }; csrfToken: string; expiresAt: Date }

export async function createSession(sql: Sql, userId: number, ttlMs: number): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomToken(), csrfToken = randomToken();
  const expiresAt = new Date(Date.now() + ttlMs);
  await sql`INSERT INTO app_session (token_hash, user_id, csrf_token, expires_at) VALUES (${tokenHash(token)}, ${userId}, ${csrfToken}, ${expiresAt})`;
  // a login is a good moment to forget sessions that ran out
  await sql`DELETE FROM app_session WHERE expires_at < now()`;
  return { token, csrfToken, expiresAt };
}

export async function findSession(sql: Sql, token: string): Promise<Session | null> {
  const [row] = await sql<{ id: number; name: string; role: Role; csrf_token: string; expires_at: Date }[]>`
    SELECT u.id, u.name, u.role, s.csrf_token, s.expires_at
    FROM app_session s JOIN app_user u ON u.id = s.user_id
    WHERE s.token_hash = ${tokenHash(token)} AND s.expires_at > now() AND NOT u.disabled`;
  return row ? { user: { id: row.id, name: row.name, role: row.role }, csrfToken: row.csrf_token, expiresAt: row.expires_at } : null;
}

export async function endSession(sql: Sql, token: string): Promise<void> {
  await sql`DELETE FROM app_session WHERE token_hash = ${tokenHash(token)}`;
}

/** Device platforms: `Authorization: Bearer <token>`; the token is shown once, when made. */
export async function addDeviceToken(sql: Sql, name: string): Promise<string> {
  const token = `ctd_${randomToken()}`;
  await sql`INSERT INTO device_token (name, token_hash) VALUES (${name}, ${tokenHash(token)})
            ON CONFLICT (name) DO UPDATE SET token_hash = excluded.token_hash, created_at = now()`;
  return token;
}

export async function findDevice(sql: Sql, token: string): Promise<string | null> {
  const [row] = await sql<{ name: string }[]>`SELECT name FROM device_token WHERE token_hash = ${tokenHash(token)}`;
  return row?.name ?? null;
}
