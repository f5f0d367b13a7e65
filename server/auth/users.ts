/** Accounts: each change is one transaction with its audit row (target `user:<name>`). */
import type { Sql, TransactionSql } from 'postgres';
import { ApiError } from '../errors.ts';
import { appendAudit } from '../audit/log.ts';
import { targetState } from '../audit/state.ts';
import { generatePassword, hashPassword } from './passwords.ts';
import type { Role } from './roles.ts';

export const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export interface User { id: number; name: string; role: Role; disabled: boolean; createdAt: string }
export interface UserWithHash extends User { passwordHash: string }

interface Row { id: number; name: string; role: Role; disabled: boolean; created_at: Date; password_hash: string }
const toUser = (r: Row): User => ({ id: r.id, name: r.name, role: r.role, disabled: r.disabled, createdAt: r.created_at.toISOString() });

export async function findUser(sql: Sql, name: string): Promise<UserWithHash | null> {
  const [row] = await sql<Row[]>`SELECT id, name, role, disabled, created_at, password_hash FROM app_user WHERE name = ${name}`;
  return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export async function listUsers(sql: Sql): Promise<User[]> {
  const rows = await sql<Row[]>`SELECT id, name, role, disabled, created_at, password_hash FROM app_user ORDER BY name`;
  return rows.map(toUser);
}

/** Run a change of user `name` and append its audit row, in one transaction. */
async function changeUser<T>(sql: Sql, actor: string, action: string, name: string, change: (tx: TransactionSql) => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    const target = `user:${name}`;
    const beforeHash = await targetState(tx, target);
    const result = await change(tx);
    await appendAudit(tx, [{ actor, action, target, beforeHash, afterHash: await targetState(tx, target), details: {} }]);
    return result;
  }) as Promise<T>;
}

const notFoundUser = (name: string) => new ApiError(404, 'not_found', `user "${name}" not found`);

/** A new account with a generated password, returned once. */
export async function addUser(sql: Sql, actor: string, name: string, role: Role): Promise<{ user: User; password: string }> {
  if (!USER_NAME.test(name)) throw new ApiError(400, 'bad_request', `user name must match ${USER_NAME}`, { name });
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  try {
    const user = await changeUser(sql, actor, 'user.add', name, async (tx) => {
      const [row] = await tx<Row[]>`
        INSERT INTO app_user (name, role, password_hash) VALUES (${name}, ${role}, ${passwordHash})
        RETURNING id, name, role, disabled, created_at, password_hash`;
      return toUser(row);
    });
    return { user, password };
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new ApiError(409, 'conflict', `user "${name}" exists`, { name });
    throw err;
  }
}

/** A new generated password; the user's sessions end. */
export async function resetPassword(sql: Sql, actor: string, name: string): Promise<string> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const found = await changeUser(sql, actor, 'user.reset', name, async (tx) => {
    const rows = await tx`UPDATE app_user SET password_hash = ${passwordHash}, updated_at = now() WHERE name = ${name} RETURNING id`;
    if (rows.length === 0) return false;
    await tx`DELETE FROM app_session WHERE user_id = ${rows[0].id}`;
    return true;
  });
  if (!found) throw notFoundUser(name);
  return password;
}

async function adminsLeft(tx: TransactionSql, except: string): Promise<number> {
  const [{ n }] = await tx<{ n: number }[]>`SELECT count(*)::int AS n FROM app_user WHERE role = 'admin' AND NOT disabled AND name <> ${except}`;
  return n;
}
const lastAdmin = (name: string) => new ApiError(409, 'conflict', `"${name}" is the last active admin`, { name });

export async function updateUser(sql: Sql, actor: string, name: string, patch: { role?: Role; disabled?: boolean }): Promise<User> {
  const user = await changeUser(sql, actor, 'user.update', name, async (tx) => {
    const [current] = await tx<Row[]>`SELECT id, name, role, disabled, created_at, password_hash FROM app_user WHERE name = ${name} FOR UPDATE`;
    if (!current) return null;
    const role = patch.role ?? current.role, disabled = patch.disabled ?? current.disabled;
    if (current.role === 'admin' && !current.disabled && (role !== 'admin' || disabled) && (await adminsLeft(tx, name)) === 0) throw lastAdmin(name);
    const [row] = await tx<Row[]>`
      UPDATE app_user SET role = ${role}, disabled = ${disabled}, updated_at = now() WHERE name = ${name}
      RETURNING id, name, role, disabled, created_at, password_hash`;
    if (disabled) await tx`DELETE FROM app_session WHERE user_id = ${row.id}`;
    return toUser(row);
  });
  if (!user) throw notFoundUser(name);
  return user;
}

export async function deleteUser(sql: Sql, actor: string, name: string): Promise<void> {
  const found = await changeUser(sql, actor, 'user.delete', name, async (tx) => {
    const [current] = await tx<Row[]>`SELECT role, disabled FROM app_user WHERE name = ${name} FOR UPDATE`;
    if (!current) return false;
    if (current.role === 'admin' && !current.disabled && (await adminsLeft(tx, name)) === 0) throw lastAdmin(name);
    await tx`DELETE FROM app_user WHERE name = ${name}`;
    return true;
  });
  if (!found) throw notFoundUser(name);
}

/** On a fresh install (no accounts): an admin with a random password, to print once. */
export async function ensureInitialAdmin(sql: Sql, name = 'admin'): Promise<{ name: string; password: string } | null> {
  const [{ n }] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM app_user`;
  if (n > 0) return null;
  try {
    const { password } = await addUser(sql, 'system', name, 'admin');
    return { name, password };
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) return null; // another process made it first
    throw err;
  }
}
