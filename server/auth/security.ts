/**
 * Everything createApp puts in front of the routers: security headers (a CSP with no inline
 * scripts), authentication, the route table's gate, the account and audit routes. Returns
 * the `sql` the other routers must use, whose transactions append the audit rows.
 */
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Sql } from 'postgres';
import { auditedSql } from '../audit/transaction.ts';
import { auditRouter, featureHistoryRouter } from '../audit/router.ts';
import { authRouter } from '../routes/auth.ts';
import { usersRouter } from '../routes/users.ts';
import { DEFAULT_AUTH, type AuthConfig } from './config.ts';
import { authenticate, gate } from './gate.ts';

/**
 * The client is built by Vite into same-origin files; workers load from the same origin (and
 * maplibre's from blob:); the engine's Clipper is WebAssembly. Inline <style> stays allowed:
 * index.html and Lit use it; inline scripts, eval and plugins do not.
 */
export const APP_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  childSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Web workers take their policy from their own script's response. The engine worker runs
 * Clipper, whose Emscripten/embind glue builds functions with `Function(…)`: workers (no DOM,
 * so no DOM XSS) may eval; the document may not.
 */
export const WORKER_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'; connect-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:";
const WORKER_SCRIPT = /^\/assets\/[\w.-]*worker[\w.-]*\.m?js$/;

export function mountSecurity(app: Express, sql: Sql, config: { bodyLimit: string; auth?: AuthConfig }): Sql {
  const auth = config.auth ?? DEFAULT_AUTH;
  app.use(helmet({ contentSecurityPolicy: { useDefaults: false, directives: APP_CSP }, crossOriginEmbedderPolicy: false }));
  app.use((req, res, next) => {
    if (WORKER_SCRIPT.test(req.path)) res.setHeader('Content-Security-Policy', WORKER_CSP);
    next();
  });
  app.use(authenticate(sql, auth));
  app.use(gate(sql, auth, config.bodyLimit));
  app.use('/api/auth', jsonBody('16kb'), authRouter(sql, auth));
  app.use('/api/users', jsonBody('16kb'), usersRouter(sql));
  app.use('/api/audit', auditRouter(sql));
  app.use('/api/communities/:id/features/:fid/history', featureHistoryRouter(sql));
  return auditedSql(sql);
}

const jsonBody = (limit: string): RequestHandler => express.json({ limit });
