/**
 * /api/auth — sessions.
 *   POST /login   { name, password } → { user, csrfToken } and the session cookie; 401 wrong; 429 too many tries
 *   POST /logout  → 204; the session ends server-side and the cookie is cleared
 *   GET  /me      → { user | null, readRequiresLogin }
 *   GET  /csrf    → { csrfToken } of the current session (401 without one)
 * The cookie is httpOnly, SameSite=Strict, Secure when the request came over HTTPS.
 */
import { Router, type Request, type Response } from 'express';
import type { Sql } from 'postgres';
import { z } from 'zod';
import type { AuthConfig } from '../auth/config.ts';
import { verifyNobody, verifyPassword } from '../auth/passwords.ts';
import { principalOf } from '../auth/principal.ts';
import { LoginRateLimiter } from '../auth/rateLimit.ts';
import { createSession, endSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { findUser } from '../auth/users.ts';
import { ApiError, badRequest } from '../errors.ts';

const LoginBody = z.object({
  name: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(1024),
}).strict();

const cookieOptions = (req: Request) => ({ httpOnly: true, sameSite: 'strict' as const, secure: req.secure, path: '/' });

export function authRouter(sql: Sql, auth: AuthConfig): Router {
  const router = Router();
  // in the database: the limit holds across restarts and processes (server/auth/rateLimit.ts)
  const limiter = new LoginRateLimiter(sql, auth.loginAttempts, auth.loginWindowMs);

  router.post('/login', async (req: Request, res: Response) => {
    if (auth.disabled) throw new ApiError(404, 'not_found', 'accounts are disabled in this app');
    const parsed = LoginBody.safeParse(req.body);
    if (!parsed.success) throw badRequest('send { name, password } as JSON', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
    const { name, password } = parsed.data;
    const key = `${req.ip}|${name.toLowerCase()}`;
    const limit = await limiter.hit(key);
    if (!limit.allowed) {
      res.setHeader('retry-after', String(limit.retryAfterS));
      throw new ApiError(429, 'too_many_requests', `too many login attempts; try again in ${limit.retryAfterS} s`);
    }
    const user = await findUser(sql, name);
    const ok = user && !user.disabled ? await verifyPassword(user.passwordHash, password) : await verifyNobody(password);
    if (!ok || !user) throw new ApiError(401, 'unauthenticated', 'wrong user name or password');
    await limiter.reset(key);
    const session = await createSession(sql, user.id, auth.sessionTtlMs);
    res.cookie(SESSION_COOKIE, session.token, { ...cookieOptions(req), expires: session.expiresAt });
    res.json({ user: { name: user.name, role: user.role }, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() });
  });

  router.post('/logout', async (req, res) => {
    const p = principalOf(req);
    if (p.kind === 'user') await endSession(sql, p.sessionToken);
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    res.status(204).end();
  });

  router.get('/me', (req, res) => {
    const p = principalOf(req);
    res.json({ user: p.kind === 'user' ? { name: p.name, role: p.role } : null, readRequiresLogin: auth.readRequiresLogin, authDisabled: auth.disabled });
  });

  router.get('/csrf', (req, res) => {
    const p = principalOf(req);
    if (p.kind !== 'user') throw new ApiError(401, 'unauthenticated', 'no session: log in first');
    res.setHeader('cache-control', 'no-store');
    res.json({ csrfToken: p.csrfToken });
  });

  return router;
}
