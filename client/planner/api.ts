/**
 * The planning API (server/routes/scenarios.ts) and the session it needs for writes
 * (server/routes/auth.ts): log in once, then every write carries the session's CSRF token.
 */
import type { Edit } from '../../engine/edit/index.ts';
import type { Report } from '../../engine/report/types.ts';

export interface Scenario {
  id: string; communityId: string; name: string; baseVersion: number; edits: Edit[];
  createdAt: string; updatedAt: string; createdBy: string | null;
}
export interface ScenarioWithReport extends Scenario { stale: boolean; communityVersion: number; report: Report }
export interface CheckComparison {
  row: number; id: string; unit: string; threshold: number | null;
  scenario: { value: number | null; pass: boolean | null };
  with: { value: number | null; pass: boolean | null };
  gapsOpened: string[]; gapsClosed: string[];
}
export interface Comparison {
  scenario: string; with: string; tier: string; checks: CheckComparison[];
  /** each side's report summary (rows passed, failed, attested, awaiting attestation) */
  summary?: { scenario: Report['summary']; with: Report['summary'] };
}
export interface Applied { scenarioId: string; version: number; added: number; updated: number; deleted: number }
export interface User { name: string; role: string }
export interface Me { user: User | null; authDisabled?: boolean }

/** An API error with the server's code (`stale_scenario`, `csrf`, …) and HTTP status. */
export class ApiFailure extends Error {
  override name = 'ApiFailure';
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}

let csrfToken: string | null = null;

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiFailure(response.status, error?.code ?? 'http', error?.message ?? `HTTP ${response.status}`);
  }
  return json as T;
}

const enc = encodeURIComponent;
const query = (tier: string, standard: string) => `tier=${enc(tier)}&standard=${enc(standard)}`;

export async function whoAmI(): Promise<Me> {
  const me = await call<Me>('GET', '/api/auth/me');
  if (me.user && !csrfToken) csrfToken = (await call<{ csrfToken: string }>('GET', '/api/auth/csrf')).csrfToken;
  return me;
}

/** Headers a cookie-authenticated write needs: the session's CSRF token, once logged in. */
export async function writeHeaders(): Promise<Record<string, string>> {
  // no session (or a server without accounts): the write goes without a token and the server decides
  if (!csrfToken) await whoAmI().catch(() => null);
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/** A JSON POST with the session's credentials; errors as ApiFailure with the server's message. */
export const postJson = <T>(url: string, body: unknown): Promise<T> => call<T>('POST', url, body);

export async function logIn(name: string, password: string): Promise<User> {
  const r = await call<{ user: User; csrfToken: string }>('POST', '/api/auth/login', { name, password });
  csrfToken = r.csrfToken;
  return r.user;
}

export async function logOut(): Promise<void> {
  await call('POST', '/api/auth/logout');
  csrfToken = null;
}

export const listScenarios = (community: string) => call<Scenario[]>('GET', `/api/communities/${enc(community)}/scenarios`);
export const createScenario = (community: string, name: string, edits: Edit[]) =>
  call<Scenario>('POST', `/api/communities/${enc(community)}/scenarios`, { name, edits });
export const getScenario = (sid: string, tier: string, standard: string) =>
  call<ScenarioWithReport>('GET', `/api/scenarios/${enc(sid)}?${query(tier, standard)}`);
export const updateScenario = (sid: string, patch: { name?: string; edits?: Edit[] }) => call<Scenario>('PUT', `/api/scenarios/${enc(sid)}`, patch);
export const duplicateScenario = (sid: string) => call<Scenario>('POST', `/api/scenarios/${enc(sid)}/duplicate`, {});
export const deleteScenario = (sid: string) => call<void>('DELETE', `/api/scenarios/${enc(sid)}`);
export const compareScenario = (sid: string, other: string, tier: string, standard: string) =>
  call<Comparison>('GET', `/api/scenarios/${enc(sid)}/compare?with=${enc(other)}&${query(tier, standard)}`);
export const applyScenario = (sid: string) => call<Applied>('POST', `/api/scenarios/${enc(sid)}/apply`);
export const suggestScenario = (community: string, tier: string, standard: string) =>
  call<{ scenario: Scenario }>('POST', `/api/communities/${enc(community)}/suggest?${query(tier, standard)}`, {});
