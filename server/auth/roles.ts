/**
 * Roles, lowest first: each can do what the ones before it can.
 *   viewer   read (and, when READ_REQUIRES_LOGIN=false, so can anyone)
 *   planner  imports, scenarios, applying edits
 *   reviewer attestations (the acceptance record) — and what a planner does
 *   admin    users, deletes, everything
 * Telemetry is neither: a device platform posts it with a device token (or an admin does).
 */
export const ROLES = ['viewer', 'planner', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a route asks for: anyone; a reader; a role at least; a device token (or an admin). */
export type Access = 'public' | Role | 'device';

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
export const atLeast = (have: Role, need: Role): boolean => ROLES.indexOf(have) >= ROLES.indexOf(need);
