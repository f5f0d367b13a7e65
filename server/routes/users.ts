/**
 * /api/users — accounts, for admins (the route table says so).
 *   GET    /                { users }
 *   POST   /                { name, role } → 201 { user, password } (generated, shown once)
 *   PATCH  /:name           { role?, disabled? } → the user
 *   POST   /:name/reset     → { password } (generated, shown once; sessions end)
 *   DELETE /:name           → 204 (never the last admin)
 */
import { Router } from 'express';
import type { Sql } from 'postgres';
import { z } from 'zod';
import { actorOf, principalOf } from '../auth/principal.ts';
import { ROLES } from '../auth/roles.ts';
import { addUser, deleteUser, listUsers, resetPassword, updateUser, USER_NAME } from '../auth/users.ts';
import { badRequest } from '../errors.ts';

const Role = z.enum(ROLES);
const AddBody = z.object({ name: z.string().regex(USER_NAME, 'letters, digits and . _ @ - (at most 64)'), role: Role }).strict();
const PatchBody = z.object({ role: Role.optional(), disabled: z.boolean().optional() }).strict()
  .refine((b) => b.role !== undefined || b.disabled !== undefined, 'give role and/or disabled');

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? null);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw badRequest(`invalid request: ${issues.map((i) => `${i.path || 'body'}: ${i.message}`).join('; ')}`, { issues });
  }
  return parsed.data;
}

export function usersRouter(sql: Sql): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.json({ users: await listUsers(sql) });
  });
  router.post('/', async (req, res) => {
    const body = parse(AddBody, req.body);
    const created = await addUser(sql, actorOf(principalOf(req)), body.name, body.role);
    res.status(201).location(`/api/users/${encodeURIComponent(body.name)}`).json(created);
  });
  router.patch('/:name', async (req, res) => {
    res.json(await updateUser(sql, actorOf(principalOf(req)), req.params.name, parse(PatchBody, req.body)));
  });
  router.post('/:name/reset', async (req, res) => {
    res.json({ password: await resetPassword(sql, actorOf(principalOf(req)), req.params.name) });
  });
  router.delete('/:name', async (req, res) => {
    await deleteUser(sql, actorOf(principalOf(req)), req.params.name);
    res.status(204).end();
  });
  return router;
}
