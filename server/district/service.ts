/**
 * District evaluation: every stored community's status (server/district/status.ts), computed
 * in the worker pool and cached per community version — a cached status is reused until the
 * community changes (import, edit, telemetry). Jobs evaluate many communities with progress.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Sql } from 'postgres';
import type { Report } from '../../engine/report/types.ts';
import type { Standard } from '../../engine/standard/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { auditScope } from '../audit/transaction.ts';
import { exportTwin } from '../store/communities.ts';
import { sharedEvaluationPool, type EvaluationPool } from './pool.ts';
import { rankStatuses, type CommunityStatus } from './status.ts';

interface Cached { version: number; status: CommunityStatus; report: Report | null }

export interface DistrictJob {
  jobId: string;
  standard: string;
  state: 'running' | 'done';
  total: number;
  done: number;
  /** served from the cache without evaluating */
  cached: number;
  failed: { communityId: string; error: string }[];
  startedAt: string;
  elapsedMs: number;
}

const MAX_JOBS = 20;
/** communities exported ahead of the workers: bounds the twins held in memory */
const AHEAD_PER_WORKER = 2;

export class DistrictService {
  private readonly cache = new Map<string, Cached>();
  private readonly inflight = new Map<string, Promise<Cached | null>>();
  /** communities being warmed → whether another run was asked for meanwhile */
  private readonly warming = new Map<string, boolean>();
  private readonly jobs = new Map<string, { job: DistrictJob; started: number; results: CommunityStatus[]; ranked: Standard }>();

  constructor(private readonly sql: Sql, private readonly standardsDir: string, readonly pool: EvaluationPool = sharedEvaluationPool()) {}

  private standardPath(standardId: string) {
    return join(this.standardsDir, `${standardId}.json`);
  }

  /** The cached status at the community's current version, if any. */
  cachedStatus(communityId: string, standardId: string, version: number): CommunityStatus | null {
    const hit = this.cache.get(`${communityId}\u0000${standardId}`);
    return hit && hit.version === version ? hit.status : null;
  }

  /**
   * The community's status at its current version (cache, else evaluated); null when it does
   * not exist. When the community changes meanwhile (telemetry every second), the status is that
   * of the version read: the twin and its version come from one snapshot, never a mix.
   */
  async statusOf(communityId: string, standardId: string, opts: { wantReport?: boolean } = {}): Promise<Cached | null> {
    const [row] = await this.sql<{ version: number }[]>`SELECT version FROM community WHERE id = ${communityId}`;
    if (!row) return null;
    const key = `${communityId}\u0000${standardId}`;
    const hit = this.cache.get(key);
    if (hit && hit.version === row.version && (hit.report || !opts.wantReport)) return hit;
    const flightKey = `${key}\u0000${row.version}\u0000${opts.wantReport ? 'r' : 's'}`;
    let flight = this.inflight.get(flightKey);
    if (!flight) {
      flight = this.evaluateLatest(communityId, standardId, opts.wantReport === true).finally(() => this.inflight.delete(flightKey));
      this.inflight.set(flightKey, flight);
    }
    return flight;
  }

  /** The twin and its version in one read-only snapshot (REPEATABLE READ), so they always agree. */
  private snapshot(communityId: string): Promise<{ version: number; twin: TwinFile } | null> {
    // outside any request's audit scope: a background read is no part of the write that woke it
    return auditScope.exit(() => this.sql.begin('isolation level repeatable read read only', async (tx) => {
      const [row] = await tx<{ version: number }[]>`SELECT version FROM community WHERE id = ${communityId}`;
      const twin = row ? await exportTwin(tx as unknown as Sql, communityId) : null;
      return row && twin ? { version: row.version, twin } : null;
    }));
  }

  private async evaluateLatest(communityId: string, standardId: string, wantReport: boolean): Promise<Cached | null> {
    const read = await this.snapshot(communityId);
    if (!read) return null;
    const { version, twin } = read;
    const key = `${communityId}\u0000${standardId}`;
    const hit = this.cache.get(key);
    if (hit && hit.version === version && (hit.report || !wantReport)) return hit;
    const { status, report } = await this.pool.evaluate({ communityId, version, twin, standardPath: this.standardPath(standardId), wantReport });
    const entry: Cached = { version, status, report };
    const current = this.cache.get(key);
    if (!current || current.version <= version) {
      // keep a full report only for the latest evaluation asked with one (walls); the status always
      this.cache.set(key, current?.version === version && current.report && !report ? { ...entry, report: current.report } : entry);
    }
    return entry;
  }

  /**
   * Evaluate ahead of the walls that will ask (after telemetry); failures are only logged. A
   * burst of telemetry does not queue one evaluation per post: while a community's warm-up runs,
   * further calls only ask for one more run, at whatever version is current when it starts.
   */
  warm(communityIds: string[], standardId: string): void {
    for (const id of communityIds) {
      const key = `${id}\u0000${standardId}`;
      if (this.warming.has(key)) { this.warming.set(key, true); continue; }
      this.warming.set(key, false);
      const run = (): void => {
        this.statusOf(id, standardId, { wantReport: true })
          .catch((err: Error) => console.warn(`district warm ${id}: ${err.message}`))
          .finally(() => {
            if (this.warming.get(key)) { this.warming.set(key, false); run(); } else this.warming.delete(key);
          });
      };
      run();
    }
  }

  startJob(standard: Standard, communityIds: string[] | null, force: boolean): DistrictJob {
    const job: DistrictJob = {
      jobId: randomUUID(), standard: standard.id, state: 'running', total: 0, done: 0, cached: 0, failed: [],
      startedAt: new Date().toISOString(), elapsedMs: 0,
    };
    const entry = { job, started: performance.now(), results: [] as CommunityStatus[], ranked: standard };
    this.jobs.set(job.jobId, entry);
    for (const id of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - MAX_JOBS))) this.jobs.delete(id);
    void this.runJob(entry, communityIds, force).catch((err: Error) => {
      job.failed.push({ communityId: '*', error: err.message });
    }).finally(() => {
      job.state = 'done';
      job.elapsedMs = Math.round(performance.now() - entry.started);
    });
    return job;
  }

  jobOf(jobId: string): { job: DistrictJob; results: CommunityStatus[] | null } | null {
    const entry = this.jobs.get(jobId);
    if (!entry) return null;
    const { job } = entry;
    if (job.state === 'running') job.elapsedMs = Math.round(performance.now() - entry.started);
    return { job, results: job.state === 'done' ? rankStatuses(entry.results, entry.ranked) : null };
  }

  private async runJob(entry: { job: DistrictJob; results: CommunityStatus[] }, communityIds: string[] | null, force: boolean) {
    const { job } = entry;
    const rows = await this.sql<{ id: string; version: number }[]>`SELECT id, version FROM community ORDER BY id`;
    const wanted = communityIds === null ? rows : rows.filter((r) => communityIds.includes(r.id));
    job.total = wanted.length;
    const key = (id: string) => `${id}\u0000${job.standard}`;
    if (force) for (const r of wanted) this.cache.delete(key(r.id));
    const running = new Set<Promise<void>>();
    for (const r of wanted) {
      const hit = this.cache.get(key(r.id));
      if (hit && hit.version === r.version) {
        entry.results.push(hit.status);
        job.done++; job.cached++;
        continue;
      }
      while (running.size >= this.pool.size * AHEAD_PER_WORKER) await Promise.race(running);
      const task: Promise<void> = this.statusOf(r.id, job.standard)
        .then((result) => { if (result) entry.results.push(result.status); })
        .catch((err: Error) => { job.failed.push({ communityId: r.id, error: err.message }); })
        .finally(() => { job.done++; running.delete(task); });
      running.add(task);
    }
    await Promise.all(running);
  }
}

