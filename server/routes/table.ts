/**
 * The route table: every route of the app with its method, path and the access it needs
 * (server/auth/roles.ts), and for writes the audit action. server/auth/gate.ts applies it
 * before any router runs; test/security/routes.test.ts walks every route × role, and fails
 * when the app has a route this table does not declare.
 * Not declared: GET/HEAD under /api, /tiles, /ogc are reads; any other method needs an admin.
 * Paths use Express syntax: `:name` is one segment, `*name` the rest.
 */
import type { Access } from '../auth/roles.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteRule {
  method: Method;
  path: string;
  access: Access;
  /** a write: the audit action, and what it targets besides the community rows it changes */
  audit?: { action: string; targets?: (params: Record<string, string>) => string[]; fallbackTarget?: string };
  /** a write whose own code appends its audit rows (accounts) */
  auditedBy?: 'store';
}

const scenario = (p: Record<string, string>) => [`scenario:${p.sid}`];
const community = (p: Record<string, string>) => [`community:${p.id}`];

export const ROUTES: RouteRule[] = [
  { method: 'GET', path: '/api/health', access: 'public' },
  // accounts (server/routes/auth.ts, users.ts)
  { method: 'POST', path: '/api/auth/login', access: 'public' },
  { method: 'POST', path: '/api/auth/logout', access: 'public' },
  { method: 'GET', path: '/api/auth/me', access: 'public' },
  { method: 'GET', path: '/api/auth/csrf', access: 'public' },
  { method: 'GET', path: '/api/users', access: 'admin' },
  { method: 'POST', path: '/api/users', access: 'admin', auditedBy: 'store' },
  { method: 'PATCH', path: '/api/users/:name', access: 'admin', auditedBy: 'store' },
  { method: 'POST', path: '/api/users/:name/reset', access: 'admin', auditedBy: 'store' },
  { method: 'DELETE', path: '/api/users/:name', access: 'admin', auditedBy: 'store' },
  { method: 'GET', path: '/api/audit/verify', access: 'admin' },
  // the twin
  { method: 'GET', path: '/api/communities', access: 'viewer' },
  { method: 'POST', path: '/api/communities', access: 'planner', audit: { action: 'import', fallbackTarget: 'import' } },
  { method: 'GET', path: '/api/communities/:id', access: 'viewer' },
  { method: 'DELETE', path: '/api/communities/:id', access: 'admin', audit: { action: 'community.delete', targets: community } },
  { method: 'GET', path: '/api/communities/:id/features', access: 'viewer' },
  { method: 'GET', path: '/api/communities/:id/features/:fid/history', access: 'viewer' },
  { method: 'GET', path: '/api/communities/:id/twin', access: 'viewer' },
  { method: 'GET', path: '/api/communities/:id/export', access: 'viewer' },
  { method: 'GET', path: '/api/communities/:id/report', access: 'viewer' },
  // file import (server/routes/import.ts); the preview writes nothing
  { method: 'POST', path: '/api/import/preview', access: 'planner' },
  // Server-Sent Events of an import in flight (?progress=TOKEN on the POST)
  { method: 'GET', path: '/api/import/progress/:token', access: 'planner' },
  { method: 'POST', path: '/api/import', access: 'planner', audit: { action: 'import.file', fallbackTarget: 'import' } },
  { method: 'POST', path: '/api/communities/:id/layers', access: 'planner', audit: { action: 'import.layer', targets: community } },
  // the acceptance record
  { method: 'GET', path: '/api/communities/:id/attestations', access: 'viewer' },
  { method: 'POST', path: '/api/communities/:id/attestations', access: 'reviewer', audit: { action: 'attestation.add', targets: community } },
  { method: 'GET', path: '/api/communities/:id/attestations/:checkId/history', access: 'viewer' },
  // planning (server/routes/scenarios.ts)
  { method: 'GET', path: '/api/communities/:id/scenarios', access: 'viewer' },
  { method: 'POST', path: '/api/communities/:id/scenarios', access: 'planner', audit: { action: 'scenario.create', targets: community } },
  { method: 'POST', path: '/api/communities/:id/suggest', access: 'planner', audit: { action: 'scenario.suggest', targets: community } },
  { method: 'GET', path: '/api/scenarios/:sid', access: 'viewer' },
  { method: 'PUT', path: '/api/scenarios/:sid', access: 'planner', audit: { action: 'scenario.update', targets: scenario } },
  { method: 'POST', path: '/api/scenarios/:sid/duplicate', access: 'planner', audit: { action: 'scenario.duplicate', targets: scenario } },
  { method: 'DELETE', path: '/api/scenarios/:sid', access: 'admin', audit: { action: 'scenario.delete', targets: scenario } },
  { method: 'GET', path: '/api/scenarios/:sid/compare', access: 'viewer' },
  { method: 'POST', path: '/api/scenarios/:sid/apply', access: 'planner', audit: { action: 'scenario.apply', targets: scenario } },
  // live state (server/events/live.ts): telemetry comes from a device platform's token
  { method: 'POST', path: '/api/telemetry', access: 'device', audit: { action: 'telemetry', fallbackTarget: 'telemetry' } },
  { method: 'GET', path: '/api/events', access: 'viewer' },
  { method: 'GET', path: '/api/district', access: 'viewer' },
  // computes (cached per community version) and stores nothing: a read for the walls
  { method: 'POST', path: '/api/district/evaluate', access: 'viewer' },
  { method: 'GET', path: '/api/district/evaluate/:jobId', access: 'viewer' },
  { method: 'GET', path: '/api/district/communities/:id', access: 'viewer' },
  // map tiles and OGC API Features
  { method: 'GET', path: '/tiles/*rest', access: 'viewer' },
  // the offline OSM basemap (server/basemap/router.ts): public OpenStreetMap data
  { method: 'GET', path: '/basemap/*rest', access: 'viewer' },
  { method: 'GET', path: '/ogc', access: 'viewer' },
  { method: 'GET', path: '/ogc/*rest', access: 'viewer' },
];

const compiled = ROUTES.map((rule) => ({ rule, segments: rule.path.split('/').filter(Boolean) }));

/** The declared route for a request, with its path parameters. */
export function matchRoute(method: string, path: string): { rule: RouteRule; params: Record<string, string> } | null {
  const want = method === 'HEAD' ? 'GET' : method;
  let parts: string[];
  try {
    parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
  for (const { rule, segments } of compiled) {
    if (rule.method !== want) continue;
    const params: Record<string, string> = {};
    let ok = true, i = 0;
    for (; i < segments.length && ok; i++) {
      const s = segments[i];
      if (s.startsWith('*')) {
        ok = i < parts.length;
        params[s.slice(1)] = parts.slice(i).join('/');
        i = parts.length;
        break;
      }
      if (i >= parts.length) ok = false;
      else if (s.startsWith(':')) params[s.slice(1)] = parts[i];
      else ok = s === parts[i];
    }
    if (ok && i === parts.length) return { rule, params };
  }
  return null;
}
