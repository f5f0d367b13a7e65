/**
 * throwing — throwing cameras for the uncovered facades of failing buildings: per facade (split
 * into 1…8 stretches when it is too wide for one view) a camera 5–20 m out in front of the wall,
 * not inside a footprint, aimed at the stretch, with the horizontal and vertical field of view,
 * tilt and range that take in every window sample from fromFloor up — checked sample by sample
 * with the throwing measure's own rule (cameraSees).
 */
import type { Edit } from '../edit/types.ts';
import { facadeColumns, footprintFacades, type Facade } from '../geo/facades.ts';
import { classifyPoint, footprintIndex } from '../geo/lineOfSight.ts';
import { cameraSees, type ActiveCamera, type ThrowingBuilding } from '../measures/throwing.ts';
import { polygonsXY, type XY } from '../measures/compounds.ts';
import type { TwinFeature } from '../twin/types.ts';
import { cameraIdentity, pointGeometry, proposedFeature, type Suggester } from './context.ts';

const RAD = 180 / Math.PI;
const MOUNT_M = 3;
const DISTANCES_M = [10, 12, 8, 15, 18, 20, 6, 5];


function aim(xy: XY, columns: XY[], heightsM: number[]): Omit<ActiveCamera, 'id'> {
  const centre: XY = [(columns[0][0] + columns[columns.length - 1][0]) / 2, (columns[0][1] + columns[columns.length - 1][1]) / 2];
  let heading = Math.atan2(centre[0] - xy[0], centre[1] - xy[1]) * RAD;
  if (heading < 0) heading += 360;
  let maxDelta = 0, minElev = Infinity, maxElev = -Infinity, range = 0;
  for (const c of columns) {
    const dx = c[0] - xy[0], dy = c[1] - xy[1], horizontal = Math.hypot(dx, dy);
    const d = Math.atan2(dx, dy) * RAD - heading;
    maxDelta = Math.max(maxDelta, Math.abs(d - 360 * Math.floor((d + 180) / 360)));
    for (const h of heightsM) {
      const e = Math.atan2(h - MOUNT_M, horizontal) * RAD;
      minElev = Math.min(minElev, e); maxElev = Math.max(maxElev, e);
      range = Math.max(range, Math.hypot(horizontal, h - MOUNT_M));
    }
  }
  return {
    xy, headingDeg: +heading.toFixed(2), hfovDeg: Math.ceil(2 * maxDelta + 4), vfovDeg: Math.ceil(maxElev - minElev + 4),
    tiltDeg: +((minElev + maxElev) / 2).toFixed(2), rangeM: Math.ceil(range + 2), mountHeightM: MOUNT_M,
  };
}

export const throwing: Suggester = ({ twin, check, ctx, newId }) => {
  const p = ctx.params;
  const opts = { mergeDeg: Number(p.facadeMergeDeg), minWidthM: Number(p.facadeMinWidthM) };
  const spacingM = Number(p.facadeSampleSpacingM), offsetM = Number(p.facadeOffsetM), fromFloor = Number(p.fromFloor);
  const fp = footprintIndex(twin);
  const inside = (q: XY) => (fp.tree?.search(q[0], q[1], q[0], q[1]) ?? []).some((i) => fp.footprints[i].polygons.some((poly) => classifyPoint(q, poly) >= 0));
  const perBuilding = (check.evidence.perBuilding ?? []) as ThrowingBuilding[];
  const edits: Edit[] = [];
  for (const rec of perBuilding.filter((r) => !r.pass)) {
    const b = twin.byId.get(rec.id) as TwinFeature<'building'> | undefined;
    if (!b) continue;
    const rings = polygonsXY(twin, b.geometry).map((poly) => poly[0]);
    const facades = footprintFacades(rings, opts);
    const floorH = rec.floorHeightM;
    const heights: number[] = [];
    for (let k = fromFloor; k <= Math.floor(rec.floors); k++) heights.push((k - 0.5) * floorH);
    for (const u of rec.uncoveredFacades) {
      const f = facades.find((x) => x.index === u.index) as Facade | undefined;
      if (!f) continue;
      const columns = facadeColumns(f, spacingM, offsetM).map((c): XY => [c[0], c[1]]);
      const cams = coverFacade(f, columns, heights, inside);
      for (const c of cams) {
        const id = newId('proposed-throwing-camera');
        edits.push(proposedFeature('camera', id, {
          ...cameraIdentity(twin, id), purpose: 'throwing', headingDeg: c.headingDeg, hfovDeg: c.hfovDeg, vfovDeg: c.vfovDeg,
          tiltDeg: c.tiltDeg, rangeM: c.rangeM, mountHeightM: c.mountHeightM, online: true, intact: true, imageOut: true,
        }, pointGeometry(twin, c.xy)));
      }
    }
  }
  return edits;
};

/** The fewest stretches (1…8) of the facade each seen whole by one camera in front of it. */
function coverFacade(f: Facade, columns: XY[], heights: number[], inside: (q: XY) => boolean): Omit<ActiveCamera, 'id'>[] {
  for (let k = 1; k <= 8; k++) {
    const size = Math.ceil(columns.length / k);
    const cams: Omit<ActiveCamera, 'id'>[] = [];
    for (let g = 0; g < columns.length; g += size) {
      const group = columns.slice(g, g + size);
      const centre: XY = [(group[0][0] + group[group.length - 1][0]) / 2, (group[0][1] + group[group.length - 1][1]) / 2];
      // straight out in front first; then shifted along the wall (a notch or a neighbour may stand in front)
      const along: XY = [f.normal[1], -f.normal[0]];
      const spots = [0, -0.5, 0.5, -1, 1].flatMap((s) => DISTANCES_M.map((d): XY => [
        centre[0] + f.normal[0] * d + along[0] * s * f.widthM, centre[1] + f.normal[1] * d + along[1] * s * f.widthM]));
      const cam = spots.map((xy) => aim(xy, group, heights))
        .find((c) => c.hfovDeg <= 140 && c.vfovDeg <= 110 && !inside([c.xy[0], c.xy[1]])
          && group.every((col) => heights.every((h) => cameraSees({ ...c, id: 'candidate' }, f, col, h))));
      if (!cam) break;
      cams.push(cam);
    }
    if (cams.length === Math.ceil(columns.length / size)) return cams;
  }
  return [];
}
