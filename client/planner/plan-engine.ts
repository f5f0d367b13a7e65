/**
 * The page's side of the planner worker. Batches go to the worker one at a time; while one is
 * in flight, later *previews* (a drag, a slider) replace each other and only the newest is sent,
 * whereas *commits* are all sent, in order. Each sent batch is first applied to the page's copy
 * of the twin (applyEdits, the same validation as the import), so an invalid edit is refused on
 * the spot with its EditError and the page's twin and the worker's session stay the same twin.
 */
import { applyEditsWithChanges, type Edit, type EditChange } from '../../engine/edit/index.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import type { PlanRequest, PlanResponse, PlanResult } from './protocol.ts';

type Body = { type: 'open'; twin: TwinFile; standard: string; tier: string; edits: Edit[] } | { type: 'apply'; edits: Edit[] };

export interface Applied extends PlanResult { twin: TwinFile }

export class PlanEngine {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, { resolve: (r: PlanResult) => void; reject: (e: Error) => void }>();
  private inFlight = false;
  private commits: Edit[][] = [];
  private preview: Edit[] | null = null;
  /** the twin with every batch sent so far */
  twin: TwinFile | null = null;

  constructor(private readonly onResult: (r: Applied) => void, private readonly onError: (e: Error) => void) {
    this.worker = new Worker(new URL('./planner.worker.ts', import.meta.url), { type: 'module', name: 'planner' });
    this.worker.onmessage = (event: MessageEvent<PlanResponse>) => {
      const p = this.pending.get(event.data.id);
      this.pending.delete(event.data.id);
      if (!p) return;
      if (event.data.type === 'error') p.reject(Object.assign(new Error(event.data.message), { name: event.data.name }));
      else p.resolve(event.data);
    };
    this.worker.onerror = (event) => this.onError(new Error(event.message || 'planner worker failed'));
  }

  private ask(body: Body): Promise<PlanResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id } as PlanRequest);
    });
  }

  /** A fresh session on `base` (its baseline), with `edits` applied. Drops anything queued. */
  async open(base: TwinFile, standard: string, tier: string, edits: Edit[]): Promise<void> {
    this.commits = [];
    this.preview = null;
    const twin = applyEditsWithChanges(base, edits).twin;
    this.twin = twin;
    this.inFlight = true;
    try {
      const r = await this.ask({ type: 'open', twin: base, standard, tier, edits });
      if (this.twin === twin) this.onResult({ ...r, twin });
    } finally {
      this.inFlight = false;
      this.pump();
    }
  }

  /** Checks a batch against the twin as it will be when queued batches have run (throws EditError). */
  check(edits: Edit[], base: TwinFile = this.projected()): EditChange[] {
    return applyEditsWithChanges(base, edits).changes;
  }

  /** The twin once the queued commits have run (previews aside). */
  projected(): TwinFile {
    if (!this.twin) throw new Error('the planner is not open');
    let twin = this.twin;
    for (const batch of this.commits) twin = applyEditsWithChanges(twin, batch).twin;
    return twin;
  }

  /** A batch that must reach the session. */
  commit(edits: Edit[]): void {
    this.preview = null;
    this.commits.push(edits);
    this.pump();
  }

  /** A batch that a newer preview or commit may replace before it is sent. */
  previewBatch(edits: Edit[]): void {
    this.preview = edits;
    this.pump();
  }

  get busy(): boolean { return this.inFlight || this.commits.length > 0 || this.preview !== null; }

  private pump(): void {
    if (this.inFlight || !this.twin) return;
    const edits = this.commits.shift() ?? this.preview;
    if (!edits) return;
    if (edits === this.preview) this.preview = null;
    let twin: TwinFile;
    try {
      twin = applyEditsWithChanges(this.twin, edits).twin;
    } catch (error) {
      this.onError(error as Error);
      this.pump();
      return;
    }
    this.twin = twin;
    this.inFlight = true;
    this.ask({ type: 'apply', edits }).then(
      (r) => { if (this.twin === twin) this.onResult({ ...r, twin }); },
      (e: Error) => this.onError(e),
    ).finally(() => { this.inFlight = false; this.pump(); });
  }

  terminate(): void { this.worker.terminate(); }
}
