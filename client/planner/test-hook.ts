/**
 * `window.__ctPlan`: the planner's state and its edit entry points, for browser tests and the
 * console — the same calls the tools make (preview, commit, undo, redo).
 */
import type { Edit } from '../../engine/edit/index.ts';
import type { CheckDelta } from '../../engine/incremental.ts';
import type { Report } from '../../engine/report/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import type { Scenario } from './api.ts';
import type { Handle } from './tools.ts';

export interface PlanSnapshot {
  active: boolean;
  /** a result is in and no batch is queued or computing */
  ready: boolean;
  edits: Edit[];
  error: string;
  report: Report | null;
  deltas: CheckDelta[];
  elapsedMs: number | null;
  recomputed: string[];
  scenario: Scenario | null;
  twin: TwinFile | null;
  selectedId: string | null;
  /** the selection's drag handles (lon/lat) and the one under the pointer or dragged (`id:role`) */
  handles: Handle[];
  activeHandle: string | null;
  /** the compared scenario's gaps, outlined on the map (null when nothing is compared) */
  compared: { opened: string[]; closed: string[] } | null;
}

export interface PlanHook {
  snapshot(): PlanSnapshot;
  preview(edits: Edit[]): void;
  commit(edits: Edit[]): boolean;
  undo(): void;
  redo(): void;
  select(id: string | null): void;
}

declare global {
  interface Window { __ctPlan?: PlanHook }
}

export function installPlanHook(hook: PlanHook): void {
  window.__ctPlan = hook;
}
