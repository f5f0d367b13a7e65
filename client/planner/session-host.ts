/**
 * What the planner worker does: holds one engine Session (open = baseline + edits; apply = one
 * batch, re-evaluating only the checks the batch touches) and answers with the report, the
 * deltas against the baseline, the time the engine took, and the occluded views of the cameras
 * the batch changed (engine/geo/sector.ts, the rule video-coverage counts with).
 */
import type { Polygon } from 'geojson';
import type { Edit } from '../../engine/edit/types.ts';
import { cameraViewPolygon } from '../../engine/geo/sector.ts';
import { Session } from '../../engine/incremental.ts';
import type { Standard } from '../../engine/standard/types.ts';
import { buildTwin } from '../../engine/twin/model.ts';
import type { TwinFeature } from '../../engine/twin/types.ts';
import type { PlanRequest, PlanResponse } from './protocol.ts';

const standardFiles = import.meta.glob<Standard>('../../data/standards/*.json', { import: 'default' });

async function loadStandard(id: string): Promise<Standard> {
  const load = standardFiles[`../../data/standards/${id}.json`];
  if (!load) throw new Error(`unknown standard "${id}"`);
  return load();
}

let session: Session | null = null;

/** Ids of the cameras an edit batch adds, updates or deletes. */
function cameraIds(session: Session, edits: readonly Edit[]): Set<string> {
  const ids = new Set<string>();
  const cameras = new Set(session.twinFile.features.filter((f) => f.properties.kind === 'camera').map((f) => f.properties.id));
  for (const e of edits) {
    if (e.op === 'add' && e.feature.properties.kind === 'camera') ids.add(e.feature.properties.id);
    else if (e.op !== 'add' && cameras.has(e.id)) ids.add(e.id);
  }
  return ids;
}

function viewsOf(session: Session, ids: ReadonlySet<string>): [string, Polygon | null][] {
  if (ids.size === 0) return [];
  const twin = buildTwin(session.twinFile);
  const byId = new Map(twin.features.camera.map((c) => [c.properties.id, c]));
  return [...ids].map((id) => {
    const camera = byId.get(id) as TwinFeature<'camera'> | undefined;
    const sees = camera && camera.properties.online !== false && camera.properties.intact !== false;
    return [id, sees ? cameraViewPolygon(twin, camera) : null];
  });
}

export async function handle(request: PlanRequest): Promise<PlanResponse> {
  if (request.type === 'open') {
    session = Session.create(request.twin, await loadStandard(request.standard), request.tier);
  }
  if (!session) throw new Error('no planning session: open one first');
  const edits = request.edits;
  const before = cameraIds(session, edits);
  const r = edits.length ? session.apply(edits) : { report: session.report, deltas: session.deltas(), recomputed: [], elapsedMs: 0 };
  for (const id of cameraIds(session, edits)) before.add(id);
  return {
    id: request.id, type: 'result', report: r.report, deltas: r.deltas, recomputed: r.recomputed, elapsedMs: r.elapsedMs,
    views: viewsOf(session, before),
  };
}
