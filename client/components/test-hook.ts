/**
 * `window.__ct`: what the app shows, for browser tests and for poking at in the console.
 * Read-only views of the app's state — tests assert on them rather than on pixels alone.
 */
import type { Report } from '../../engine/report/types.ts';

export interface AppSnapshot {
  community: string | null;
  tier: string;
  standard: string;
  lang: string;
  row: number | null;
  check: string | null;
  /** the ids the map highlights for the selected row (its failing checks' evidence.failingIds) */
  highlightedIds: string[];
  /** the layer ids deck.gl draws */
  layerIds: string[];
  zoom: number;
}

export interface Timings {
  /** page start → the first deck.gl frame with the twin's layers (ms, performance.now) */
  firstRenderMs: number | null;
  /** page start → the first maplibre 'idle' after the twin is shown */
  firstIdleMs: number | null;
  /** deck.gl frames drawn since the page opened (a still map stops adding to it) */
  deckFrames: number;
  /** the last engine run in the worker */
  workerEvaluateMs: number | null;
}

export interface CtTestHook {
  state(): AppSnapshot;
  /** the report on screen (from the API) */
  report(): Report | null;
  /** the same community, tier and standard evaluated by the engine in the worker */
  workerReport(): Promise<Report>;
  timings: Timings;
}

declare global {
  interface Window { __ct?: CtTestHook }
}

export function installTestHook(hook: CtTestHook): void {
  window.__ct = hook;
}
