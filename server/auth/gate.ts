/**
 * Who may do what, before any router runs: authenticate (session cookie or device token),
 * apply the route table's access, check CSRF on cookie-authenticated writes, and put audited
 * writes in their audit scope (server/audit/transaction.ts).
 *
 * CSRF: the session cookie is SameSite=Strict, and a write made with it must also carry the
 * session's token in `x-csrf-token` (from the login response or GET /api/auth/csrf) — a
 * synchronizer token another site cannot read. Any write whose `Sec-Fetch-Site` is
 * `cross-site` is refused, which also covers login and the anonymous writes.
 */
import { timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Sql } from 'postgres';
import { ApiError } from '../errors.ts';
import { auditScope, recordOutsideTransaction, type AuditScope } from '../audit/transaction.ts';
import { targetState } from '../audit/state.ts';
import { matchRoute, type RouteRule } from '../routes/table.ts';
import type { AuthConfig } from './config.ts';
import { actorOf, principalOf, setPrincipal, type Principal } from './principal.ts';
import { atLeast, type Access } from './roles.ts';
import { findDevice, findSession, SESSION_COOKIE } from './sessions.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const GUARDED_PREFIXES = ['/api/', '/tiles/', '/ogc'];

export function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Sets the request's principal; a cookie or token that does not resolve is anonymous. */
export function authenticate(sql: Sql, auth: AuthConfig): RequestHandler {
  return async (req, _res, next) => {
    // the health check is public and must answer while the database (sessions) is down
    if (auth.disabled || req.path === '/api/health') return next();
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const cookie = cookieValue(req, SESSION_COOKIE);
    let principal: Principal | null = null;
    if (bearer) {
      const device = await findDevice(sql, bearer);
      if (device) principal = { kind: 'device', name: device };
    } else if (cookie) {
      const session = await findSession(sql, cookie);
      if (session) principal = { kind: 'user', ...session.user, csrfToken: session.csrfToken, sessionToken: cookie };
    }
    if (principal) setPrincipal(req, principal);
    next();
  };
}

/** The rule for a request the table does not declare. */
function undeclared(method: string, path: string): RouteRule {
  const guarded = GUARDED_PREFIXES.some((p) => path.startsWith(p) || path === p.replace(/\/$/, ''));
  if (SAFE.has(method)) return { method: 'GET', path, access: guarded ? 'viewer' : 'public' };
  return { method: 'POST', path, access: 'admin' };
}

function checkAccess(access: Access, p: Principal, auth: AuthConfig): void {
  if (access === 'public') return;
  const unauthenticated = () => new ApiError(401, 'unauthenticated', 'log in first (POST /api/auth/login)');
  if (access === 'viewer' && !auth.readRequiresLogin) return;
  if (access === 'device') {
    if (p.kind === 'device' || (p.kind === 'user' && p.role === 'admin')) return;
    if (p.kind === 'anonymous') throw new ApiError(401, 'unauthenticated', 'send a device token (Authorization: Bearer …) or log in as an admin');
    throw new ApiError(403, 'forbidden', 'only a device token or an admin may post telemetry');
  }
  if (p.kind !== 'user') throw unauthenticated();
  if (!atLeast(p.role, access)) throw new ApiError(403, 'forbidden', `this needs the ${access} role; you are ${p.role}`, { need: access, have: p.role });
}

function checkCsrf(req: Request, p: Principal): void {
  if (req.get('sec-fetch-site') === 'cross-site') throw new ApiError(403, 'csrf', 'cross-site writes are refused');
  if (p.kind !== 'user') return;
  const sent = Buffer.from(req.get('x-csrf-token') ?? '');
  const want = Buffer.from(p.csrfToken);
  if (sent.length !== want.length || !timingSafeEqual(sent, want)) {
    throw new ApiError(403, 'csrf', 'missing or wrong x-csrf-token header (GET /api/auth/csrf)');
  }
}

export function gate(sql: Sql, auth: AuthConfig, bodyLimit: string): RequestHandler {
  const json = express.json({ limit: bodyLimit, type: ['application/json', 'application/geo+json', 'application/*+json'] });
  return (req: Request, res: Response, next: NextFunction) => {
    const matched = matchRoute(req.method, req.path);
    const rule = matched?.rule ?? undeclared(req.method, req.path);
    const principal = principalOf(req);
    if (!auth.disabled) {
      if (!SAFE.has(req.method)) checkCsrf(req, principal);
      checkAccess(rule.access, principal, auth);
    }
    if (!rule.audit || SAFE.has(req.method)) return next();
    const audit = rule.audit;
    // parse the body here, so the handlers run inside the scope (stream callbacks would leave it)
    json(req, res, (err?: unknown) => {
      if (err) return next(err);
      const scope: AuditScope = {
        actor: actorOf(principal), action: audit.action,
        targets: audit.targets?.(matched!.params) ?? [], fallbackTarget: audit.fallbackTarget ?? audit.action,
        before: new Map(), recorded: 0,
      };
      void beforeStates(sql, scope).then(() => {
        holdResponseForAudit(sql, scope, res);
        auditScope.run(scope, () => next());
      }, next);
    });
  };
}

/** Non-community targets are small rows: note their state, in case the write is no transaction. */
async function beforeStates(sql: Sql, scope: AuditScope): Promise<void> {
  for (const t of scope.targets) if (!t.startsWith('community:')) scope.before.set(t, await targetState(sql, t));
}

/** A successful write that appended nothing in a transaction is recorded before its response leaves. */
function holdResponseForAudit(sql: Sql, scope: AuditScope, res: Response): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    if (scope.recorded > 0 || res.statusCode >= 400) return end(...args);
    scope.recorded = -1;
    const location = res.getHeader('location');
    recordOutsideTransaction(sql, scope, { status: res.statusCode, ...(typeof location === 'string' ? { location } : {}) })
      .then(() => end(...args), (err: unknown) => {
        // the write is done but its record is not: say so rather than acknowledge it silently
        console.error(`audit: could not record ${scope.action}:`, err);
        res.statusCode = 500;
        res.removeHeader('content-length');
        res.setHeader('content-type', 'application/json; charset=utf-8');
        end(JSON.stringify({ error: { code: 'audit_failed', message: 'the change was made but its audit record could not be written', details: null } }));
      });
    return res;
  }) as Response['end'];
}
