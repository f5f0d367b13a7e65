/** `npm start` on a fresh install: make the first admin and print its password, once. */
import type { Sql } from 'postgres';
import { ensureInitialAdmin } from './users.ts';

export async function announceInitialAdmin(sql: Sql, log: (line: string) => void = console.log): Promise<void> {
  const admin = await ensureInitialAdmin(sql);
  if (!admin) return;
  log([
    '',
    '  first start: created the admin account',
    `    user:     ${admin.name}`,
    `    password: ${admin.password}`,
    '  it is shown only now; `npx communitytwin user reset admin` makes a new one',
    '',
  ].join('\n'));
}
