/**
 * Sector shapes in the local projection, and each camera's drawn view: the sector
 * `headingDeg ± hfovDeg / 2`, radius `rangeM`, minus the shadow every footprint casts from the
 * camera — the same rule as the coverage test (cameraView.ts), as a polygon for the map.
 */
import type { Polygon } from 'geojson';
import type { Twin } from '../twin/model.ts';
import type { TwinFeature } from '../twin/types.ts';
import { areaM2, difference, polygonAreaM2OfM, unprojectPolygon, type MultiPolygonM, type PolygonM, type RingM, type XY } from './clip.ts';
import { cameraInMetres } from './cameraView.ts';
import { classifyPoint, footprintIndex } from './lineOfSight.ts';

/** chord tolerance of arcs drawn as polygons, m */
export const DEFAULT_ARC_TOLERANCE_M = 0.05;

const rad = (deg: number) => (deg * Math.PI) / 180;

/** point at a bearing (clockwise from north) and distance from c */
export function pointAt(c: XY, bearingDeg: number, distM: number): XY {
  return [c[0] + distM * Math.sin(rad(bearingDeg)), c[1] + distM * Math.cos(rad(bearingDeg))];
}

function arcSteps(spanDeg: number, radiusM: number, toleranceM: number): number {
  const maxStep = 2 * Math.acos(Math.max(-1, 1 - Math.min(toleranceM, radiusM) / radiusM));
  return Math.max(2, Math.ceil(rad(spanDeg) / Math.max(maxStep, 1e-6)));
}

/**
 * A sector (or a full disc when widthDeg ≥ 360) as one ring in metres: the apex, then the arc
 * clockwise from `headingDeg − widthDeg/2` to `headingDeg + widthDeg/2`, vertices on the arc.
 *
 * @example sectorRing([0, 0], 90, 60, 100) // wedge pointing east
 */
export function sectorRing(c: XY, headingDeg: number, widthDeg: number, radiusM: number,
  toleranceM = DEFAULT_ARC_TOLERANCE_M): RingM {
  if (radiusM <= 0) return [];
  if (widthDeg >= 360) {
    const n = Math.max(8, arcSteps(360, radiusM, toleranceM));
    return Array.from({ length: n }, (_, k) => pointAt(c, (360 * k) / n, radiusM));
  }
  const n = arcSteps(widthDeg, radiusM, toleranceM);
  const start = headingDeg - widthDeg / 2;
  const ring: RingM = [c];
  for (let k = 0; k <= n; k++) ring.push(pointAt(c, start + (widthDeg * k) / n, radiusM));
  return ring;
}

/** Region behind edge a→b as seen from c, out to beyond `reachM` (empty when c is on the edge's line). */
function edgeShadow(c: XY, a: XY, b: XY, reachM: number): RingM | null {
  const ax = a[0] - c[0], ay = a[1] - c[1], bx = b[0] - c[0], by = b[1] - c[1];
  const cross = ax * by - ay * bx;
  if (Math.abs(cross) < 1e-9 * Math.hypot(ax, ay) * Math.hypot(bx, by) || Math.hypot(ax, ay) < 1e-9 || Math.hypot(bx, by) < 1e-9) return null;
  const ta = Math.atan2(ay, ax), tb = Math.atan2(by, bx);
  let span = tb - ta;
  span -= 2 * Math.PI * Math.round(span / (2 * Math.PI));
  const n = Math.max(1, Math.ceil(Math.abs(span) / (Math.PI / 16)));
  const far = reachM / Math.cos(Math.PI / 32);
  const ring: RingM = [a, b];
  for (let k = 0; k <= n; k++) {
    const t = tb - (span * k) / n;
    ring.push([c[0] + far * Math.cos(t), c[1] + far * Math.sin(t)]);
  }
  return ring;
}

/** The camera's view in metres: its sector minus footprint shadows (possibly empty). */
export function cameraViewM(twin: Twin, camera: TwinFeature<'camera'>, toleranceM = DEFAULT_ARC_TOLERANCE_M): MultiPolygonM {
  const cam = cameraInMetres(twin, camera);
  if ('problem' in cam) return [];
  const sector = sectorRing(cam.xy, cam.headingDeg, cam.hfovDeg, cam.rangeM, toleranceM);
  if (sector.length < 3) return [];
  const index = footprintIndex(twin);
  const shadows: MultiPolygonM = [];
  const r = cam.rangeM, [cx, cy] = cam.xy;
  const reach = r + 1;
  for (const i of index.tree?.search(cx - r, cy - r, cx + r, cy + r) ?? []) {
    for (const poly of index.footprints[i].polygons) {
      // a camera inside a footprint sees nothing beyond 1 cm (the point rule blocks it)
      if (classifyPoint(cam.xy, poly) === 1) return [];
      for (const ring of poly) {
        for (let k = 0, n = ring.length, j = n - 1; k < n; j = k++) {
          const s = edgeShadow(cam.xy, ring[j], ring[k], reach);
          if (s) shadows.push([s]);
        }
      }
    }
  }
  return difference([[sector]], shadows);
}

/**
 * The camera's occluded view as a lon/lat Polygon for the map (the part holding the camera,
 * else the largest part), or null when the camera lacks heading, angle or range or sees nothing.
 */
export function cameraViewPolygon(twin: Twin, camera: TwinFeature<'camera'>, toleranceM = DEFAULT_ARC_TOLERANCE_M): Polygon | null {
  const view = cameraViewM(twin, camera, toleranceM);
  if (view.length === 0 || areaM2(view) <= 0) return null;
  const cam = cameraInMetres(twin, camera);
  const holding = 'problem' in cam ? undefined : view.find((p) => classifyPoint(cam.xy, p) >= 0);
  const best: PolygonM = holding ?? view.reduce((a, b) => (polygonAreaM2OfM(b) > polygonAreaM2OfM(a) ? b : a));
  return unprojectPolygon(best, twin.projection);
}
