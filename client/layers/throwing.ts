import { SolidPolygonLayer } from 'deck.gl';
import type { Feature, Position } from 'geojson';
import type { CheckResult } from '../../engine/report/types.ts';
import { DEFAULT_FLOOR_HEIGHT_M } from './building.ts';
import { COLORS } from './colors.ts';
import { gapsOf } from './report-lookup.ts';

/** One uncovered facade drawn as a thin wall from its lowest to its highest uncovered floor. */
export interface FacadeWall { feature: Feature; ring: Position[]; baseM: number; heightM: number }

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const WALL_THICKNESS_M = 0.6;

/**
 * A facade segment → a thin rectangle standing just outside the wall (on its `outwardDeg`
 * side, so it is not hidden inside the extruded building); centred on the line when unknown.
 */
function wallRing(a: Position, b: Position, outwardDeg: number | undefined): Position[] {
  const mPerDegLat = 111_195;
  const mPerDegLon = mPerDegLat * Math.cos((a[1] * Math.PI) / 180);
  const dx = (b[0] - a[0]) * mPerDegLon, dy = (b[1] - a[1]) * mPerDegLat;
  const len = Math.hypot(dx, dy) || 1;
  let [nx, ny] = [-dy / len, dx / len];
  if (outwardDeg !== undefined) {
    const [ox, oy] = [Math.sin((outwardDeg * Math.PI) / 180), Math.cos((outwardDeg * Math.PI) / 180)];
    if (nx * ox + ny * oy < 0) [nx, ny] = [-nx, -ny];
  }
  const [inner, outer] = outwardDeg === undefined ? [-WALL_THICKNESS_M / 2, WALL_THICKNESS_M / 2] : [0.1, 0.1 + WALL_THICKNESS_M];
  const at = (p: Position, d: number): Position => [p[0] + (nx * d) / mPerDegLon, p[1] + (ny * d) / mPerDegLat];
  return [at(a, outer), at(b, outer), at(b, inner), at(a, inner), at(a, outer)];
}

/** Reads the throwing check's gap features (LineString facades with a floor range). */
export function facadeWalls(check: CheckResult | undefined): FacadeWall[] {
  const walls: FacadeWall[] = [];
  for (const f of gapsOf(check)) {
    if (f.geometry?.type !== 'LineString') continue;
    const p = f.properties ?? {};
    const floorHeightM = num(p.floorHeightM) ?? DEFAULT_FLOOR_HEIGHT_M;
    const fromFloor = num(p.fromFloor) ?? 3;
    const toFloor = num(p.toFloor) ?? fromFloor;
    const baseM = num(p.baseHeightM) ?? (fromFloor - 1) * floorHeightM;
    const heightM = num(p.heightM) ?? (toFloor - fromFloor + 1) * floorHeightM;
    const outwardDeg = num(p.outwardDeg);
    const coords = f.geometry.coordinates;
    for (let i = 0; i + 1 < coords.length; i++) {
      walls.push({ feature: f, ring: wallRing(coords[i], coords[i + 1], outwardDeg), baseM, heightM });
    }
  }
  return walls;
}

/** Uncovered facades from the `throwing` check, drawn in 3D over the buildings. */
export function throwingLayer(check: CheckResult | undefined) {
  return new SolidPolygonLayer<FacadeWall>({
    id: 'throwing-facades',
    data: facadeWalls(check),
    getPolygon: (w) => w.ring.map((p): [number, number, number] => [p[0], p[1], w.baseM + 0.2]),
    extruded: true,
    getElevation: (w) => w.heightM,
    getFillColor: COLORS.uncoveredFacade,
    pickable: true,
  });
}
