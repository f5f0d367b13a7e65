/**
 * The page's handle on the engine worker: one long-lived module worker, requests matched to
 * responses by id. `evaluateInWorker` is what an editor recomputes with after each change.
 */
import type { Polygon } from 'geojson';
import type { ParamValue } from '../../engine/measures/types.ts';
import type { Report } from '../../engine/report/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import type { EngineRequest, EngineResponse } from './protocol.ts';

type Pending = { resolve: (r: EngineResponse) => void; reject: (e: Error) => void };
/** a request without its id (Omit over each member of the union) */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type RequestBody = WithoutId<EngineRequest>;

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function engineWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
  w.onmessage = (event: MessageEvent<EngineResponse>) => {
    const p = pending.get(event.data.id);
    pending.delete(event.data.id);
    p?.resolve(event.data);
  };
  w.onerror = (event) => {
    const error = new Error(event.message || 'engine worker failed to load');
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    w.terminate();
    worker = null;
  };
  return (worker = w);
}

function ask(body: RequestBody): Promise<EngineResponse> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    engineWorker().postMessage({ ...body, id } as EngineRequest);
  }).then((response) => {
    const r = response as EngineResponse;
    if (r.type === 'error') throw Object.assign(new Error(r.message), { name: r.name });
    return r;
  });
}

export interface WorkerReport { report: Report; elapsedMs: number }

/** engine/evaluate.ts in the worker: the same report as GET /api/communities/:id/report. */
export async function evaluateInWorker(
  twin: TwinFile, standard: string, tier: string, params: Record<string, ParamValue> = {},
): Promise<WorkerReport> {
  const r = await ask({ type: 'evaluate', twin, standard, tier, params });
  if (r.type !== 'evaluate') throw new Error(`engine worker answered ${r.type} to evaluate`);
  return { report: r.report, elapsedMs: r.elapsedMs };
}

export type CameraViews = ReadonlyMap<string, Polygon>;

/** Every online, intact camera's occluded view (the rule the video-coverage check counts with). */
export async function computeCameraViews(twin: TwinFile): Promise<CameraViews> {
  const r = await ask({ type: 'views', twin });
  if (r.type !== 'views') throw new Error(`engine worker answered ${r.type} to views`);
  return new Map(r.views);
}
