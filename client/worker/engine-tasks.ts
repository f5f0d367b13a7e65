/**
 * What the engine worker does: engine/evaluate.ts on a twin (the same code the server runs, so
 * the same report), and the cameras' occluded views (engine/geo/sector.ts). Importing this
 * module waits for the Clipper WebAssembly (engine/geo/clip.ts, top-level await).
 */
import type { Polygon } from 'geojson';
import { evaluate } from '../../engine/evaluate.ts';
import { cameraViewPolygon } from '../../engine/geo/sector.ts';
import type { Standard } from '../../engine/standard/types.ts';
import { buildTwin } from '../../engine/twin/model.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import type { EngineRequest, EngineResponse } from './protocol.ts';

/** data/standards/*.json, loaded on first use — parsed JSON as the server hands it to evaluate */
const standardFiles = import.meta.glob<Standard>('../../data/standards/*.json', { import: 'default' });

async function loadStandard(id: string): Promise<Standard> {
  const load = standardFiles[`../../data/standards/${id}.json`];
  if (!load) throw new Error(`unknown standard "${id}"`);
  return load();
}

function cameraViews(twinFile: TwinFile): [string, Polygon][] {
  const twin = buildTwin(twinFile);
  const views: [string, Polygon][] = [];
  for (const camera of twin.features.camera) {
    if (camera.properties.online === false || camera.properties.intact === false) continue;
    const polygon = cameraViewPolygon(twin, camera);
    if (polygon) views.push([camera.properties.id, polygon]);
  }
  return views;
}

export async function handle(request: EngineRequest): Promise<EngineResponse> {
  if (request.type === 'views') return { id: request.id, type: 'views', views: cameraViews(request.twin) };
  const standard = await loadStandard(request.standard);
  const started = performance.now();
  const report = evaluate(request.twin, standard, request.tier, { params: request.params });
  return { id: request.id, type: 'evaluate', report, elapsedMs: performance.now() - started };
}
