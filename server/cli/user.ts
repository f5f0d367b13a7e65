/**
 * `communitytwin user add <name> --role viewer|planner|reviewer|admin`   prints a generated password
 * `communitytwin user reset <name>`                                       prints a new one; sessions end
 * `communitytwin user list`
 * `communitytwin user device <name>`                                      prints a device token for POST /api/telemetry
 * Runs against the database the server uses (DATABASE_URL, or embedded PGlite under DATA_DIR).
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../auth/roles.ts';
import { addDeviceToken } from '../auth/sessions.ts';
import { addUser, listUsers, resetPassword } from '../auth/users.ts';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { ApiError } from '../errors.ts';

const USAGE = `usage: communitytwin user add <name> --role ${ROLES.join('|')} | user reset <name> | user list | user device <name>`;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { role: { type: 'string' } } });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const [action, name] = parsed.positionals;
  const role = parsed.values.role;
  if (!['add', 'reset', 'list', 'device'].includes(action ?? '') || (action !== 'list' && !name) || (action === 'add' && !isRole(role))) {
    console.error(USAGE);
    return 2;
  }
  const actor = `cli:${userInfo().username}`;
  const db = await openDatabase(readConfig());
  try {
    await migrate(db.sql);
    if (action === 'add') {
      const { password } = await addUser(db.sql, actor, name!, role as (typeof ROLES)[number]);
      console.log(`user ${name} (${role}) created; password (shown once): ${password}`);
    } else if (action === 'reset') {
      console.log(`new password for ${name} (shown once): ${await resetPassword(db.sql, actor, name!)}`);
    } else if (action === 'device') {
      console.log(`device token for ${name} (shown once; send as Authorization: Bearer …): ${await addDeviceToken(db.sql, name!)}`);
    } else {
      for (const u of await listUsers(db.sql)) console.log(`${u.name}\t${u.role}${u.disabled ? '\tdisabled' : ''}`);
    }
    return 0;
  } catch (err) {
    if (err instanceof ApiError && err.status < 500) {
      console.error(err.message);
      return 2;
    }
    throw err;
  } finally {
    await db.close();
  }
}
