/**
 * Camera view polygons off the main thread: engine/geo/sector.ts `cameraViewPolygon` — the
 * sector cut by footprint shadows, the same rule the video-coverage check counts with.
 */
import type { Polygon } from 'geojson';
import { cameraViewPolygon } from '../../engine/geo/sector.ts';
import { buildTwin } from '../../engine/twin/model.ts';
import type { TwinFile } from '../../engine/twin/types.ts';

export interface ViewsRequest { twin: TwinFile }
export type ViewsResponse = { views: [string, Polygon][] } | { error: string };

self.onmessage = (event: MessageEvent<ViewsRequest>) => {
  try {
    const twin = buildTwin(event.data.twin);
    const views: [string, Polygon][] = [];
    for (const camera of twin.features.camera) {
      if (camera.properties.online === false || camera.properties.intact === false) continue;
      const polygon = cameraViewPolygon(twin, camera);
      if (polygon) views.push([camera.properties.id, polygon]);
    }
    self.postMessage({ views } satisfies ViewsResponse);
  } catch (error) {
    self.postMessage({ error: (error as Error).message } satisfies ViewsResponse);
  }
};
