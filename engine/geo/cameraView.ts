/**
 * The camera-view rule of domain.md §3 for one camera and one target point, in the local
 * projection: within `rangeM`, within `headingDeg ± hfovDeg / 2` (bearing clockwise from
 * north), and a line of sight that no footprint blocks (lineOfSight.ts). The community-centred
 * transverse Mercator keeps grid distances and bearings true to ~1e-8 and ~0.003° over a
 * community, so they agree with geodesic ST_Distance / ST_Azimuth (see the oracle test).
 */
import Flatbush from 'flatbush';
import type { Twin } from '../twin/model.ts';
import type { TwinFeature } from '../twin/types.ts';
import { blockingFootprint, footprintIndex, type FootprintIndex } from './lineOfSight.ts';
import type { XY } from './clip.ts';

export interface CameraM {
  id: string;
  xy: XY;
  headingDeg: number;
  hfovDeg: number;
  rangeM: number;
  /** online and intact: only active cameras cover anything */
  active: boolean;
}

/** decisions closer than this to a threshold count as inside (a point exactly on a sector edge is seen) */
export const ANGLE_EPS_DEG = 1e-7;
export const DIST_EPS_M = 1e-6;

/** A camera feature in metres, or the reason it cannot be used for coverage. */
export function cameraInMetres(twin: Twin, cam: TwinFeature<'camera'>): CameraM | { id: string; problem: string } {
  const p = cam.properties;
  const id = String(p.id);
  const missing = (['headingDeg', 'hfovDeg', 'rangeM'] as const).filter((k) => typeof p[k] !== 'number' || !Number.isFinite(p[k]));
  if (missing.length) return { id, problem: `missing ${missing.join(', ')}` };
  if (cam.geometry?.type !== 'Point') return { id, problem: 'geometry is not a Point' };
  return {
    id,
    xy: twin.projection.forward(cam.geometry.coordinates),
    headingDeg: p.headingDeg as number,
    hfovDeg: p.hfovDeg as number,
    rangeM: p.rangeM as number,
    active: p.online === true && p.intact === true,
  };
}

/** grid bearing a→b in degrees clockwise from north, [0, 360) */
export function bearingDeg(a: XY, b: XY): number {
  const deg = (Math.atan2(b[0] - a[0], b[1] - a[1]) * 180) / Math.PI;
  return deg < 0 ? deg + 360 : deg;
}

/** signed angle difference wrapped to [−180, 180) */
export function wrapDeg(d: number): number {
  return d - 360 * Math.floor((d + 180) / 360);
}

export interface ViewTest {
  distM: number;
  deltaDeg: number;
  inRange: boolean;
  inAngle: boolean;
  /** id of the blocking footprint; only looked for when in range and in angle */
  blockedBy: string | null;
  /** in range, in angle and not blocked (whatever the camera's status) */
  sees: boolean;
}

export function viewTest(cam: CameraM, p: XY, footprints: FootprintIndex, blockingMinLengthM: number): ViewTest {
  const distM = Math.hypot(p[0] - cam.xy[0], p[1] - cam.xy[1]);
  const deltaDeg = distM > 0 ? wrapDeg(bearingDeg(cam.xy, p) - cam.headingDeg) : 0;
  const inRange = distM <= cam.rangeM + DIST_EPS_M;
  const inAngle = cam.hfovDeg >= 360 || Math.abs(deltaDeg) <= cam.hfovDeg / 2 + ANGLE_EPS_DEG;
  const blockedBy = inRange && inAngle ? blockingFootprint(footprints, cam.xy, p, blockingMinLengthM) : null;
  return { distM, deltaDeg, inRange, inAngle, blockedBy, sees: inRange && inAngle && blockedBy === null };
}

export interface CameraSet {
  cameras: CameraM[];
  unusable: { id: string; problem: string }[];
  footprints: FootprintIndex;
  /** boxes of every usable camera's range (any status) */
  tree: Flatbush | null;
}

/** The twin's cameras in metres; `footprints` may be passed when the buildings are known unchanged. */
export function cameraSet(twin: Twin, footprints: FootprintIndex = footprintIndex(twin)): CameraSet {
  const cameras: CameraM[] = [];
  const unusable: { id: string; problem: string }[] = [];
  for (const f of twin.features.camera) {
    const c = cameraInMetres(twin, f);
    if ('problem' in c) unusable.push(c); else cameras.push(c);
  }
  let tree: Flatbush | null = null;
  if (cameras.length) {
    tree = new Flatbush(cameras.length);
    for (const c of cameras) tree.add(c.xy[0] - c.rangeM, c.xy[1] - c.rangeM, c.xy[0] + c.rangeM, c.xy[1] + c.rangeM);
    tree.finish();
  }
  return { cameras, unusable, footprints, tree };
}

/** Cameras (any status) whose range box holds p, in twin order. */
export function camerasNear(set: CameraSet, p: XY, extraM = 0): CameraM[] {
  if (!set.tree) return [];
  return set.tree.search(p[0] - extraM, p[1] - extraM, p[0] + extraM, p[1] + extraM)
    .sort((a, b) => a - b).map((i) => set.cameras[i]);
}
