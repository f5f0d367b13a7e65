/** Who is asking: set once per request by the authentication middleware. */
import type { Request } from 'express';
import type { Role } from './roles.ts';

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'user'; id: number; name: string; role: Role; csrfToken: string; sessionToken: string }
  | { kind: 'device'; name: string };

const principals = new WeakMap<Request, Principal>();
export const ANONYMOUS: Principal = { kind: 'anonymous' };

export const principalOf = (req: Request): Principal => principals.get(req) ?? ANONYMOUS;
export const setPrincipal = (req: Request, p: Principal): void => void principals.set(req, p);

/** The name the audit log records. */
export function actorOf(p: Principal): string {
  if (p.kind === 'user') return p.name;
  if (p.kind === 'device') return `device:${p.name}`;
  return 'anonymous';
}
