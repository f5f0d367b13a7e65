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

type Params = Record<string, string | number | boolean>;
interface State { version: number; updated_at: Date; attestation: number }
/** one report (community, standard, tier, params) across versions: at most one run and one queued */
interface Series { running: Promise<unknown> | null; next: Promise<EvaluatedReport | null> | null }

const MAX_ENTRIES = 32;

export class ReportCache {
  private readonly entries = new Map<string, Promise<EvaluatedReport | null>>();
  private readonly series = new Map<string, Series>();

  constructor(private readonly sql: Sql, readonly pool: EvaluationPool = sharedEvaluationPool()) {}

  /**
   * The report of community `id` as stored now, or newer; null when there is no such community.
   * While a report is being evaluated at an older version (telemetry changes a community every
   * second), requests for a newer one share one further run, started when that one ends, at the
   * version current then: a community changing faster than it evaluates queues one run per
   * report, not one per version.
   */
  async get(id: string, standard: Standard, tier: string, params: Params): Promise<EvaluatedReport | null> {
    const state = await this.stateOf(id);
    if (!state) return null;
    const hit = this.cached(this.keyOf(id, state, standard, tier, params));
    if (hit) return hit;
    const seriesKey = JSON.stringify([id, standard.id, tier, params]);
    let series = this.series.get(seriesKey);
    if (!series) this.series.set(seriesKey, (series = { running: null, next: null }));
    if (series.next) return series.next;
    const { running } = series;
    if (!running) return this.run(seriesKey, series, id, standard, tier, params, state);
    const s = series;
    s.next = running.then(() => undefined, () => undefined).then(() => {
      s.next = null;
      return this.run(seriesKey, s, id, standard, tier, params, null);
    });
    return s.next;
  }

  private async stateOf(id: string): Promise<State | undefined> {
    const [state] = await this.sql<State[]>`
      SELECT c.version, c.updated_at,
        (SELECT coalesce(max(a.id), 0)::int FROM attestation a WHERE a.community_id = c.id) AS attestation
      FROM community c WHERE c.id = ${id}`;
    return state;
  }

  private keyOf(id: string, state: State, standard: Standard, tier: string, params: Params): string {
    return JSON.stringify([id, state.version, new Date(state.updated_at).toISOString(), state.attestation, standard.id, tier, params]);
  }

  private cached(key: string): Promise<EvaluatedReport | null> | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /** Evaluate at `known` (else the state read now) unless cached; concurrent asks of that state share it. */
  private run(seriesKey: string, series: Series, id: string, standard: Standard, tier: string, params: Params, known: State | null): Promise<EvaluatedReport | null> {
    const run = (async () => {
      // with a known state no await comes first: the entry is set before any other request looks
      const state = known ?? (await this.stateOf(id));
      if (!state) return null;
      const key = this.keyOf(id, state, standard, tier, params);
      const hit = this.cached(key);
      if (hit) return hit;
      const pending = (async () => {
        const twin = await exportTwin(this.sql, id);
        return twin ? { twin, report: await this.pool.report({ twin, standard, tier, params }) } : null;
      })();
      this.entries.set(key, pending);
      // a failed evaluation (bad params, …) is not kept
      pending.catch(() => { if (this.entries.get(key) === pending) this.entries.delete(key); });
      while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      return pending;
    })();
    series.running = run;
    const settle = () => {
      if (series.running === run) series.running = null;
      if (!series.running && !series.next && this.series.get(seriesKey) === series) this.series.delete(seriesKey);
    };
    run.then(settle, settle);
    return run;
  }
}
