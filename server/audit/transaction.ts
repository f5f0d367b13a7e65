/**
 * Audit in the write's own transaction, for routes of other modules without touching them:
 * the route table puts an audited request in an AsyncLocalStorage scope, and the `sql` the
 * routers were given (auditedSql) turns each `sql.begin` inside that scope into
 *   mark the transaction audited → the route's own work → read the rows its triggers staged
 *   (migrations 005, 006) → append one audit row per target → commit. Twin rows are recorded
 *   per community (multiset state hash), scenario rows per scenario (row hash).
 * A write that does not use `sql.begin` (a single statement) is recorded when its response is
 * about to be sent, in a transaction of its own, marked `inTransaction: false`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Sql, TransactionSql } from 'postgres';
import type { AuditRecord, Json } from './chain.ts';
import { appendAudit } from './log.ts';
import { adjustState, targetState } from './state.ts';

export interface AuditScope {
  actor: string;
  action: string;
  /** targets the route names (from the path); twin rows that change name their community */
  targets: string[];
  /** when nothing was named and no twin row changed */
  fallbackTarget: string;
  /** state of each non-community named target when the request arrived (for the fallback) */
  before: Map<string, string | null>;
  /** audit rows appended inside write transactions so far */
  recorded: number;
}

export const auditScope = new AsyncLocalStorage<AuditScope>();

type Begin = Sql['begin'];
type Work = (tx: TransactionSql) => unknown;

/** `sql` whose transactions, inside an audit scope, append their audit rows before commit. */
export function auditedSql(sql: Sql): Sql {
  const begin = sql.begin.bind(sql) as (...args: unknown[]) => Promise<unknown>;
  const auditedBegin = (...args: unknown[]) => {
    const scope = auditScope.getStore();
    const work = args[args.length - 1] as Work;
    if (!scope || typeof work !== 'function') return begin(...args);
    return begin(...args.slice(0, -1), async (tx: TransactionSql) => {
      await tx`SELECT set_config('communitytwin.audit_tx', 'on', true)`;
      await tx`CREATE TEMP TABLE IF NOT EXISTS audit_stage (
        id bigserial, tbl text NOT NULL, community_id text, row_key text,
        before_hash text, after_hash text) ON COMMIT DELETE ROWS`;
      const before = new Map<string, string | null>();
      for (const t of scope.targets) if (!t.startsWith('community:')) before.set(t, await targetState(tx, t));
      const result = await work(tx);
      scope.recorded += await recordTransaction(tx, scope, before);
      await tx`SELECT set_config('communitytwin.audit_tx', 'off', true)`;
      return result;
    });
  };
  return new Proxy(sql, {
    get(target, prop, receiver) {
      return prop === 'begin' ? (auditedBegin as Begin) : Reflect.get(target, prop, receiver);
    },
  });
}

interface Staged { tbl: string; community_id: string | null; row_key: string | null; before_hash: string | null; after_hash: string | null }

/** Audit rows for what this transaction changed; 0 when nothing changed. */
async function recordTransaction(tx: TransactionSql, scope: AuditScope, before: Map<string, string | null>): Promise<number> {
  const staged = await tx<Staged[]>`SELECT tbl, community_id, row_key, before_hash, after_hash FROM audit_stage ORDER BY id`;
  await tx`DELETE FROM audit_stage`;
  const byCommunity = new Map<string, Staged[]>();
  // a scenario's state is its row hash: the first staged before and the last staged after
  const scenarios = new Map<string, { before: string | null; after: string | null; communityId: string | null }>();
  for (const s of staged) {
    if (s.tbl === 'scenario') {
      if (s.row_key === null) continue;
      const seen = scenarios.get(s.row_key);
      if (!seen) scenarios.set(s.row_key, { before: s.before_hash, after: s.after_hash, communityId: s.community_id });
      else seen.after = s.after_hash; // a removed row (old version) stages null, an added one its hash
      continue;
    }
    if (s.community_id === null) continue;
    byCommunity.set(s.community_id, [...(byCommunity.get(s.community_id) ?? []), s]);
  }
  const records: Omit<AuditRecord, 'at'>[] = [];
  for (const [communityId, rows] of byCommunity) {
    const target = `community:${communityId}`;
    const afterHash = await targetState(tx, target);
    const beforeHash = adjustState(afterHash, rows.map((r) => r.after_hash), rows.map((r) => r.before_hash));
    records.push({ actor: scope.actor, action: scope.action, target, beforeHash, afterHash, details: changeDetails(rows) });
  }
  for (const [id, { before: beforeHash, after: afterHash, communityId }] of scenarios) {
    if (beforeHash !== afterHash) records.push({ actor: scope.actor, action: scope.action, target: `scenario:${id}`, beforeHash, afterHash, details: { community: communityId } });
  }
  for (const [target, beforeHash] of before) {
    if (records.some((r) => r.target === target)) continue;
    const afterHash = await targetState(tx, target);
    if (afterHash !== beforeHash) records.push({ actor: scope.actor, action: scope.action, target, beforeHash, afterHash, details: {} });
  }
  await appendAudit(tx, records);
  return records.length;
}

/** Which features changed (their row hashes before → after), and how many other rows. */
function changeDetails(rows: Staged[]): { [key: string]: Json } {
  const features = new Map<string, [string | null, string | null]>();
  let attestations = 0, community = false;
  for (const r of rows) {
    if (r.tbl === 'feature' && r.row_key !== null) {
      const seen = features.get(r.row_key);
      features.set(r.row_key, [seen ? seen[0] : r.before_hash, r.after_hash]);
    } else if (r.tbl === 'attestation') attestations++;
    else if (r.tbl === 'community') community = true;
  }
  const changed: { [fid: string]: Json } = {};
  for (const [fid, [b, a]] of features) if (b !== a) changed[fid] = [b, a];
  return { features: changed, attestationRows: attestations, communityRow: community };
}

/**
 * The fallback for a successful write that appended nothing in a transaction: one row per
 * named target (or the fallback target), written before the response goes out.
 */
export async function recordOutsideTransaction(sql: Sql, scope: AuditScope, details: { [key: string]: Json }): Promise<void> {
  await sql.begin(async (tx) => {
    const records: Omit<AuditRecord, 'at'>[] = [];
    for (const target of scope.targets.length > 0 ? scope.targets : [scope.fallbackTarget]) {
      const afterHash = await targetState(tx, target);
      const beforeHash = scope.before.has(target) ? scope.before.get(target)! : await lastKnownState(tx, target, afterHash);
      records.push({ actor: scope.actor, action: scope.action, target, beforeHash, afterHash, details: { ...details, inTransaction: false } });
    }
    await appendAudit(tx, records);
  });
}

/** The after-state of the target's latest audit row (what the log last saw). */
async function lastKnownState(tx: TransactionSql, target: string, current: string | null): Promise<string | null> {
  const [row] = await tx<{ after_hash: string | null }[]>`SELECT after_hash FROM audit_log WHERE target = ${target} ORDER BY id DESC LIMIT 1`;
  return row ? row.after_hash : current;
}
