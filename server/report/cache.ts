/**
 * Reports evaluated from the database, cached per state of the community: its version and
 * updated_at (every write path bumps them) and its newest attestation. Concurrent requests for
 * the same report share one evaluation (the promise is cached), so a wall of clients asking for
 * the same report costs one engine run, not one each. Small LRU: a report with its twin is a few MB.
 *
 * The engine runs in the worker pool the district uses (server/district/pool.ts), not on the
 * server's thread: with telemetry changing a community every second, each new version's
 * evaluation would otherwise stall every other request while it ran. The worker runs the same
 * `evaluate` on a structured clone of the same twin and standard, so the report is the same.
 */
import type { Sql } from 'postgres';
import type { Report } from '../../engine/report/types.ts';
import type { Standard } from '../../engine/standard/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { sharedEvaluationPool, type EvaluationPool } from '../district/pool.ts';
import { exportTwin } from '../store/communities.ts';

export interface EvaluatedReport { report: Report; twin: TwinFile }

const MAX_ENTRIES = 32;

export class ReportCache {
  private readonly entries = new Map<string, Promise<EvaluatedReport | null>>();

  constructor(private readonly sql: Sql, readonly pool: EvaluationPool = sharedEvaluationPool()) {}

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
      return twin ? { twin, report: await this.pool.report({ twin, standard, tier, params }) } : null;
    })();
    this.entries.set(key, pending);
    // a failed evaluation (bad params, …) is not kept
    pending.catch(() => this.entries.delete(key));
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return pending;
  }
}
