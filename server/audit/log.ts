/** Appending to and reading the audit log; every append runs inside the caller's transaction. */
import type { JSONValue, Sql, TransactionSql } from 'postgres';
import { chainHash, GENESIS_HASH, type AuditRecord } from './chain.ts';

export interface AuditRow extends AuditRecord { id: number; prevHash: string; hash: string }

interface DbRow {
  id: string; actor: string; at: Date; action: string; target: string;
  before_hash: string | null; after_hash: string | null; details: AuditRecord['details']; prev_hash: string; hash: string;
}
export const toAuditRow = (r: DbRow): AuditRow => ({
  id: Number(r.id), actor: r.actor, at: r.at.toISOString(), action: r.action, target: r.target,
  beforeHash: r.before_hash, afterHash: r.after_hash, details: r.details, prevHash: r.prev_hash, hash: r.hash,
});

/**
 * Append rows to the chain. The advisory lock is held until the transaction ends, so
 * concurrent writers append one after the other and the chain follows commit order.
 */
export async function appendAudit(tx: TransactionSql, records: Omit<AuditRecord, 'at'>[], now = new Date()): Promise<AuditRow[]> {
  if (records.length === 0) return [];
  await tx`SELECT pg_advisory_xact_lock(hashtext('communitytwin.audit.' || current_schema()))`;
  const [last] = await tx<{ hash: string }[]>`SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = now.toISOString();
  const rows: AuditRow[] = [];
  for (const r of records) {
    const record: AuditRecord = { ...r, at };
    const hash = chainHash(record, prevHash);
    const [row] = await tx<DbRow[]>`
      INSERT INTO audit_log (actor, at, action, target, before_hash, after_hash, details, prev_hash, hash)
      VALUES (${record.actor}, ${at}::timestamptz, ${record.action}, ${record.target}, ${record.beforeHash}, ${record.afterHash},
              ${tx.json(record.details as JSONValue)}::jsonb, ${prevHash}, ${hash})
      RETURNING *`;
    rows.push(toAuditRow(row));
    prevHash = hash;
  }
  return rows;
}

/** One page of the log in chain order, after row `afterId`. */
export async function auditPage(sql: Sql, afterId: number, limit = 1000): Promise<AuditRow[]> {
  const rows = await sql<DbRow[]>`SELECT * FROM audit_log WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`;
  return rows.map(toAuditRow);
}

/** The entries of one target, oldest first. */
export async function targetHistory(sql: Sql, target: string): Promise<AuditRow[]> {
  const rows = await sql<DbRow[]>`SELECT * FROM audit_log WHERE target = ${target} ORDER BY id`;
  return rows.map(toAuditRow);
}
