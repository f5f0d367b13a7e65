/**
 * A pool of worker threads running the engine (server/district/worker.ts), one task at a
 * time each. An idle worker is unref'd: an idle pool never keeps the process alive.
 * Two kinds of task share the workers: a district status (`evaluate`) and a full report
 * (`report`, server/report/cache.ts). The server uses one pool for both (`sharedEvaluationPool`).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ParamValue } from '../../engine/measures/types.ts';
import type { Report } from '../../engine/report/types.ts';
import type { Standard } from '../../engine/standard/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import type { CommunityStatus } from './status.ts';

export interface EvaluateTask {
  kind: 'status';
  taskId: number;
  communityId: string;
  version: number | null;
  twin: TwinFile;
  /** path of the standard's JSON (workers cache it parsed) */
  standardPath: string;
  /** send the target tier's full report back (the wall); the district needs only the status */
  wantReport: boolean;
}
/** One report, as `evaluate(twin, standard, tier, { params })` returns it in process. */
export interface ReportTask {
  kind: 'report';
  taskId: number;
  twin: TwinFile;
  /** the parsed standard itself (a report may be asked of any standard the route loaded) */
  standard: Standard;
  tier: string;
  params: Record<string, ParamValue>;
}
export type TaskResult =
  | { taskId: number; ok: true; status: CommunityStatus; report: Report | null }
  | { taskId: number; ok: true; report: Report }
  | { taskId: number; ok: false; error: string; name: string };

type Task = Omit<EvaluateTask, 'taskId'> | Omit<ReportTask, 'taskId'>;
interface Slot { worker: Worker; busy: boolean; ready: Promise<void> }
interface Queued { task: Task; resolve: (r: never) => void; reject: (e: Error) => void }

export class EvaluationPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Queued[] = [];
  private readonly running = new Map<number, { slot: Slot; job: Queued }>();
  private nextTaskId = 1;
  private closed = false;

  constructor(readonly size = Math.max(1, availableParallelism())) {}

  evaluate(task: Omit<EvaluateTask, 'taskId' | 'kind'>): Promise<{ status: CommunityStatus; report: Report | null }> {
    return this.run({ ...task, kind: 'status' });
  }

  /**
   * The report of `evaluate(twin, standard, tier, { params })`, run in a worker. An engine error
   * rejects with the engine's message and its name (`EvaluateError`, …), as thrown in process.
   */
  report(task: Omit<ReportTask, 'taskId' | 'kind'>): Promise<Report> {
    return this.run<{ report: Report }>({ ...task, kind: 'report' }).then((r) => r.report);
  }

  private run<R>(task: Task): Promise<R> {
    if (this.closed) return Promise.reject(new Error('the evaluation pool is closed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ task, resolve: resolve as (r: never) => void, reject });
      this.pump();
    });
  }

  /**
   * Start every worker now and resolve once all have loaded the engine (a worker's first start
   * compiles the engine's TypeScript: seconds on a loaded machine), so a caller can time the
   * evaluations apart from that.
   */
  async start(): Promise<void> {
    if (this.closed) throw new Error('the evaluation pool is closed');
    while (this.slots.length < this.size) this.spawn();
    await Promise.all(this.slots.map((s) => s.ready));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** tasks waiting plus running */
  get pending(): number {
    return this.queue.length + this.running.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.reject(new Error('the evaluation pool is closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./worker.mjs', import.meta.url));
    worker.unref();
    let markReady: () => void = () => undefined;
    const slot: Slot = { worker, busy: false, ready: new Promise((r) => (markReady = r)) };
    worker.on('message', (message: TaskResult | { ready: true }) => {
      if ('ready' in message) { markReady(); return; }
      const run = this.running.get(message.taskId);
      if (!run) return;
      this.running.delete(message.taskId);
      slot.busy = false;
      slot.worker.unref();
      if (message.ok) {
        const { taskId: _, ok: __, ...result } = message;
        run.job.resolve(result as never);
      } else {
        const err = new Error(message.error);
        err.name = message.name;
        run.job.reject(err);
      }
      this.pump();
    });
    worker.on('error', (err) => this.retire(slot, err));
    worker.on('exit', (code) => this.retire(slot, new Error(`evaluation worker exited with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  /** a dead worker fails its task and leaves the pool; the next task spawns a fresh one */
  private retire(slot: Slot, err: Error) {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    for (const [taskId, run] of this.running) {
      if (run.slot !== slot) continue;
      this.running.delete(taskId);
      run.job.reject(err);
    }
    if (!this.closed) this.pump();
  }

  private pump() {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      const taskId = this.nextTaskId++;
      slot.busy = true;
      slot.worker.ref(); // a running task keeps the process alive; an idle worker does not
      this.running.set(taskId, { slot, job });
      const target = slot;
      void target.ready.then(() => target.worker.postMessage({ ...job.task, taskId } satisfies EvaluateTask | ReportTask));
    }
  }
}

let shared: EvaluationPool | null = null;

/**
 * The process's one pool, shared by the district (server/district/service.ts) and the reports
 * (server/report/cache.ts), one worker per core: two pools would run twice as many engines as
 * there are cores. Created on first use; a closed one is replaced.
 */
export function sharedEvaluationPool(): EvaluationPool {
  if (!shared || shared.isClosed) shared = new EvaluationPool();
  return shared;
}
