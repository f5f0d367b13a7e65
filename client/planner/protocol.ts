/** Messages between the page and the planner worker (planner.worker.ts). */
import type { Polygon } from 'geojson';
import type { Edit } from '../../engine/edit/types.ts';
import type { CheckDelta } from '../../engine/incremental.ts';
import type { Report } from '../../engine/report/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';

export type PlanRequest =
  /** a new Session on the community's twin (its baseline), then `edits` applied */
  | { id: number; type: 'open'; twin: TwinFile; standard: string; tier: string; edits: Edit[] }
  /** one edit batch on the session as it stands */
  | { id: number; type: 'apply'; edits: Edit[] };

export interface PlanResult {
  report: Report;
  deltas: CheckDelta[];
  recomputed: string[];
  elapsedMs: number;
  /** occluded views of the cameras these edits added or changed; null for removed or blind ones */
  views: [string, Polygon | null][];
}

export type PlanResponse =
  | ({ id: number; type: 'result' } & PlanResult)
  | { id: number; type: 'error'; name: string; message: string };
