/** What every suggester gets, and small geometry helpers they share (metres in the twin's projection). */
import type { Geometry, Position } from 'geojson';
import type { Edit, TwinFeatureJson } from '../edit/types.ts';
import type { Session } from '../incremental.ts';
import { areaCentroidXY, pointInPolygonXY, polygonsXY, type PolygonsXY, type XY } from '../measures/compounds.ts';
import type { MeasureContext } from '../measures/types.ts';
import type { CheckResult } from '../report/types.ts';
import { buildTwin, type Twin } from '../twin/model.ts';

export interface SuggestContext {
  /** the planning session: its twin and report include every edit proposed so far */
  session: Session;
  twin: Twin;
  check: CheckResult;
  ctx: MeasureContext;
  /** a fresh feature id with this prefix, unused in the twin */
  newId(prefix: string): string;
}

/** A suggester proposes edits for one check; the caller applies and verifies them with the engine. */
export type Suggester = (s: SuggestContext) => Edit[];

/** lon/lat of a point in metres, to 8 decimals and never fewer than 6 as JSON writes them (camera compliance asks ≥ 6). */
export const lonLat = (twin: Twin, xy: readonly number[]): [number, number] => {
  const [lon, lat] = twin.projection.inverse([xy[0], xy[1]]);
  const fix = (v: number) => {
    let r = +v.toFixed(8);
    if ((String(r).split('.')[1]?.length ?? 0) < 6) r = +(r + 3e-8).toFixed(8);
    return r;
  };
  return [fix(lon), fix(lat)];
};

let serial = 0;
/** GB/T 28181 identity of a proposed camera: code in the community's county (type 132, IP camera), unique name, admin code. */
export function cameraIdentity(twin: Twin, id: string): Record<string, string> {
  const admin = typeof twin.community.properties.adminCode === 'string' ? twin.community.properties.adminCode.trim() : '';
  const taken = new Set(twin.features.camera.map((c) => c.properties.code));
  let code = '';
  if (/^\d{6}/.test(admin)) {
    do code = `${admin.slice(0, 6)}0000132${String(9_000_000 + (serial++ % 1_000_000)).padStart(7, '0')}`; while (taken.has(code));
  }
  return { ...(code ? { code } : {}), name: `规划摄像机 ${id}`, ...(admin ? { adminCode: admin } : {}) };
}

export function proposedFeature(kind: string, id: string, properties: Record<string, unknown>, geometry: Geometry): Edit {
  return { op: 'add', feature: { type: 'Feature', properties: { kind, id, ...properties, proposed: true }, geometry } as TwinFeatureJson };
}

export const pointGeometry = (twin: Twin, xy: readonly number[]): Geometry => ({ type: 'Point', coordinates: lonLat(twin, xy) as Position });

export function currentTwin(session: Session): Twin {
  return buildTwin(session.twinFile);
}

/** A point strictly inside the polygons near `target`: the target moved towards the centroid, else the nearest inside grid point. */
export function interiorPointNear(polys: PolygonsXY, target: XY): XY {
  const c = areaCentroidXY(polys);
  const d = Math.hypot(c[0] - target[0], c[1] - target[1]);
  for (const step of [0, 3, 6, 10, 15, 25]) {
    if (d === 0) break;
    const t = Math.min(1, step / d);
    const p: XY = [target[0] + t * (c[0] - target[0]), target[1] + t * (c[1] - target[1])];
    if (pointInPolygonXY(p, polys)) return p;
  }
  if (pointInPolygonXY(c, polys)) return c;
  let best: XY | null = null, bestD = Infinity;
  const xs = polys.flatMap((r) => r[0]);
  const [x0, x1] = [Math.min(...xs.map((p) => p[0])), Math.max(...xs.map((p) => p[0]))];
  const [y0, y1] = [Math.min(...xs.map((p) => p[1])), Math.max(...xs.map((p) => p[1]))];
  const step = Math.max(1, Math.max(x1 - x0, y1 - y0) / 40);
  for (let x = x0 + step / 2; x < x1; x += step) for (let y = y0 + step / 2; y < y1; y += step) {
    const dd = Math.hypot(x - target[0], y - target[1]);
    if (dd < bestD && pointInPolygonXY([x, y], polys)) { best = [x, y]; bestD = dd; }
  }
  return best ?? c;
}

export { polygonsXY, pointInPolygonXY, type PolygonsXY, type XY };
