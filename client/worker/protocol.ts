/** Messages between the page and the engine worker (engine.worker.ts). */
import type { Polygon } from 'geojson';
import type { ParamValue } from '../../engine/measures/types.ts';
import type { Report } from '../../engine/report/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';

export type EngineRequest =
  | { id: number; type: 'views'; twin: TwinFile }
  | { id: number; type: 'evaluate'; twin: TwinFile; standard: string; tier: string; params: Record<string, ParamValue> };

export type EngineResponse =
  | { id: number; type: 'views'; views: [string, Polygon][] }
  | { id: number; type: 'evaluate'; report: Report; elapsedMs: number }
  | { id: number; type: 'error'; name: string; message: string };
