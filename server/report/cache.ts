/**
 * Reports evaluated from the database, cached per state of the community: its version and
 * updated_at (every write path bumps them) and its newest attestation. Concurrent requests for
 * the same report share one evaluation (the promise is cached), so a wall of clients asking for
 * the same report costs one engine run, not one each. Small LRU: a report with its twin is a few MB.
 */
import type { Sql } from 'postgres';
import { evaluate } from '../../engine/evaluate.ts';
import type { Report } from '../../engine/report/types.ts';
import type { Standard } from '../../engine/standard/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { exportTwin } from '../store/communities.ts';

export interface EvaluatedReport { report: Report; twin: TwinFile }

const MAX_ENTRIES = 32;

export class ReportCache {
  private readonly entries = new Map<string, Promise<EvaluatedReport | null>>();

  constructor(private readonly sql: Sql) {}

  /** The report of community `id` as stored now; null when there is no such community. */
  async get(id: string, standard: Standard, tier: string, params: Record<string, string | number | boolean>): Promise<EvaluatedReport | null> {
    const [state] = await this.sql<{ version: number; updated_at: Date; attestation: number }[]>`
      SELECT c.version, c.updated_at,
        (SELECT coalesce(max(a.id), 0)::int FROM attestation a WHERE a.community_id = c.id) AS attestation
      FROM community c WHERE c.id = ${id}`;
    if (!state) return null;
    const key = JSON.stringify([id, state.version, new Date(state.updated_at).toISOString(), state.attestation, standard.id, tier, params]);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const pending = (async () => {
      const twin = await exportTwin(this.sql, id);
      return twin ? { twin, report: evaluate(twin, standard, tier, { params }) } : null;
    })();
    this.entries.set(key, pending);
    // a failed evaluation (bad params, …) is not kept
    pending.catch(() => this.entries.delete(key));
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return pending;
  }
}
