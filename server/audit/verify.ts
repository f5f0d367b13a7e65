/** Walk the audit chain from the start; the first row that does not link is named. */
import type { Sql } from 'postgres';
import { chainHash, GENESIS_HASH } from './chain.ts';
import { auditPage } from './log.ts';

export interface ChainReport {
  ok: boolean;
  entries: number;
  lastHash: string;
  /** the first broken link */
  broken?: { id: number; reason: string };
}

export async function verifyChain(sql: Sql): Promise<ChainReport> {
  let prevHash = GENESIS_HASH, entries = 0, afterId = 0;
  for (;;) {
    const page = await auditPage(sql, afterId);
    if (page.length === 0) return { ok: true, entries, lastHash: prevHash };
    for (const row of page) {
      if (row.prevHash !== prevHash) {
        return { ok: false, entries, lastHash: prevHash, broken: { id: row.id, reason: `prev_hash ${row.prevHash.slice(0, 12)}… is not the hash of the row before it (${prevHash.slice(0, 12)}…): a row was removed, inserted or reordered` } };
      }
      if (chainHash(row, prevHash) !== row.hash) {
        return { ok: false, entries, lastHash: prevHash, broken: { id: row.id, reason: 'the row\'s content does not match its hash: it was changed after it was written' } };
      }
      prevHash = row.hash;
      entries++;
      afterId = row.id;
    }
  }
}
