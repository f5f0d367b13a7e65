/**
 * The state hash of an audit target. A community's is the sum, modulo 2^256, of the sha256 of
 * each of its rows (community, features, attestations): a multiset hash, so the state before
 * a write follows from the state after it and the rows the write changed — no copy of the
 * old twin is needed. null: the target has no rows (it did not exist).
 */
import type { Sql, TransactionSql } from 'postgres';

const MOD = 1n << 256n;
type Query = Sql | TransactionSql;

const toHex = (n: bigint): string | null => (n === 0n ? null : n.toString(16).padStart(64, '0'));
const fromHex = (h: string | null): bigint => (h === null ? 0n : BigInt(`0x${h}`));

/** state + added − removed, for row hashes */
export function adjustState(state: string | null, removed: (string | null)[], added: (string | null)[]): string | null {
  let n = fromHex(state);
  for (const h of removed) n -= fromHex(h);
  for (const h of added) n += fromHex(h);
  return toHex(((n % MOD) + MOD) % MOD);
}

export async function communityState(sql: Query, communityId: string): Promise<string | null> {
  const rows = await sql<{ h: string }[]>`
    SELECT audit_row_hash(to_jsonb(c)) AS h FROM community c WHERE c.id = ${communityId}
    UNION ALL SELECT audit_row_hash(to_jsonb(f)) FROM feature f WHERE f.community_id = ${communityId}
    UNION ALL SELECT audit_row_hash(to_jsonb(a)) FROM attestation a WHERE a.community_id = ${communityId}`;
  return adjustState(null, [], rows.map((r) => r.h));
}

/** The hash of a target's state: community (multiset hash), scenario or user (row hash). */
export async function targetState(sql: Query, target: string): Promise<string | null> {
  const colon = target.indexOf(':');
  const kind = target.slice(0, colon), id = target.slice(colon + 1);
  if (colon < 0) return null;
  if (kind === 'community') return communityState(sql, id);
  if (kind === 'scenario') {
    const [row] = await sql<{ h: string }[]>`SELECT audit_row_hash(to_jsonb(s)) AS h FROM scenario s WHERE s.id = ${id}`;
    return row?.h ?? null;
  }
  if (kind === 'user') {
    const [row] = await sql<{ h: string }[]>`SELECT audit_row_hash(to_jsonb(u)) AS h FROM app_user u WHERE u.name = ${id}`;
    return row?.h ?? null;
  }
  return null;
}
