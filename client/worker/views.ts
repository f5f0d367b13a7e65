import type { Polygon } from 'geojson';
import type { TwinFile } from '../../engine/twin/types.ts';
import type { ViewsResponse } from './views.worker.ts';

export type CameraViews = ReadonlyMap<string, Polygon>;

/** Computes every online, intact camera's occluded view in a worker. */
export function computeCameraViews(twin: TwinFile): Promise<CameraViews> {
  const worker = new Worker(new URL('./views.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<CameraViews>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ViewsResponse>) => {
      worker.terminate();
      if ('error' in event.data) reject(new Error(event.data.error));
      else resolve(new Map(event.data.views));
    };
    worker.onerror = (event) => { worker.terminate(); reject(new Error(event.message || 'camera view worker failed')); };
    worker.postMessage({ twin });
  });
}
