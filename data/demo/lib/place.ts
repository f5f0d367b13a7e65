/** Camera placement that is verified against the generator's own §3 rules (rules.ts). */
import { add, alongPolyline, bearing, dirOfBearing, mul, perp, pointInPolygon, polylineLength, samplePolyline, type Ring, type V } from './geom.ts';
import { STRICT, facades, facadeSamples, throwCovers, viewCovers, type Cam, type Footprint } from './rules.ts';

export interface ThrowingSpec { hfovDeg: number; vfovDeg: number; tiltDeg: number; rangeM: number; mountHeightM: number; longOffsetM: number; shortOffsetM: number }
export interface PlacedCam extends Cam { facade?: number; role?: string }

/**
 * Throwing cameras for one footprint: per facade the fewest cameras (evenly spread, on poles
 * `offset` metres out, aimed square at the facade) that cover every window sample with the
 * STRICT margin. `coverFacades` limits which facades get cameras (null = all).
 */
export function throwingCams(ring: Ring, floors: number, floorHeightM: number, spec: ThrowingSpec, others: readonly Footprint[],
  avoid: readonly Ring[], coverFacades: readonly number[] | null = null): PlacedCam[] {
  const out: PlacedCam[] = [];
  for (const f of facades(ring)) {
    if (coverFacades && !coverFacades.includes(f.index)) continue;
    const samples = facadeSamples(f, floors, floorHeightM, others);
    if (!samples.length) continue;
    const offset = f.width > 20 ? spec.longOffsetM : spec.shortOffsetM;
    const heading = bearing([0, 0], mul(f.outward, -1));
    let done = false;
    for (let n = 1; n <= 12 && !done; n++) {
      const cams: PlacedCam[] = [];
      for (let i = 0; i < n; i++) {
        const s = ((i + 0.5) * f.width) / n;
        const t: V = [(f.b[0] - f.a[0]) / f.width, (f.b[1] - f.a[1]) / f.width];
        const at = add(add(f.a, mul(t, s)), mul(f.outward, offset));
        cams.push({ at, headingDeg: heading, hfovDeg: spec.hfovDeg, vfovDeg: spec.vfovDeg, tiltDeg: spec.tiltDeg,
          rangeM: spec.rangeM, mountHeightM: spec.mountHeightM, facade: f.index });
      }
      if (cams.some((c) => avoid.some((r) => pointInPolygon(c.at, r)))) continue;
      if (samples.every((s) => cams.some((c) => throwCovers(c, s, f, STRICT)))) { out.push(...cams); done = true; }
    }
    if (!done) throw new Error(`throwing: cannot cover facade ${f.index} of a footprint`);
  }
  return out;
}

export interface ViewSpec { hfovDeg: number; vfovDeg: number; tiltDeg: number; rangeM: number; mountHeightM: number }

/** Cameras looking at a point from given bearings (camera placed `distM` away on each bearing). */
export function pointCams(p: V, fromBearings: readonly number[], distM: number, spec: ViewSpec, blockers: readonly Ring[]): PlacedCam[] {
  return fromBearings.map((b) => {
    const at = add(p, mul(dirOfBearing(b), distM));
    const c: PlacedCam = { at, headingDeg: bearing(at, p), ...spec };
    if (!viewCovers(c, p, blockers, STRICT)) throw new Error('pointCams: camera does not see its key location');
    return c;
  });
}

/**
 * Cover a line key location, sampled every metre: greedily put a camera a little behind and
 * to one side of the first uncovered sample, aimed along the line, until the covered share of
 * samples reaches `targetShare` (1 = every sample). `existing` cameras count as covering.
 */
export function lineCams(pts: V[], spec: ViewSpec, blockers: readonly Ring[], existing: readonly Cam[], targetShare = 1,
  opts: { backM?: number; sideM?: number; aheadM?: number } = {}): PlacedCam[] {
  const backM = opts.backM ?? 3, sideM = opts.sideM ?? 2.5, aheadM = opts.aheadM ?? 20;
  const samples = samplePolyline(pts, 1);
  const L = polylineLength(pts);
  const out: PlacedCam[] = [];
  const covered = samples.map((s) => existing.some((c) => viewCovers(c, s, blockers, STRICT)));
  const share = () => covered.filter(Boolean).length / covered.length;
  let guard = 0;
  while (share() < targetShare) {
    if (++guard > 500) throw new Error('lineCams: no progress');
    const i = covered.indexOf(false);
    const s = Math.min(i, L);
    const { dir } = alongPolyline(pts, s);
    let placed = false;
    for (const side of [sideM, -sideM, sideM * 0.5, -sideM * 0.5]) {
      const at = add(add(alongPolyline(pts, s).p, mul(dir, -backM)), mul(perp(dir), side));
      if (blockers.some((r) => pointInPolygon(at, r))) continue;
      const aim = alongPolyline(pts, Math.min(L, s + aheadM)).p;
      const c: PlacedCam = { at, headingDeg: bearing(at, aim), ...spec };
      if (!viewCovers(c, samples[i], blockers, STRICT)) continue;
      out.push(c);
      samples.forEach((q, k) => { if (!covered[k] && viewCovers(c, q, blockers, STRICT)) covered[k] = true; });
      placed = true;
      break;
    }
    if (!placed) throw new Error(`lineCams: cannot place a camera for sample ${i}`);
  }
  return out;
}
