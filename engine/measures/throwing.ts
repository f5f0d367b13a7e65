/**
 * `throwing` — high-rise throwing cameras (domain.md §3 "Throwing"): every window from floor 3 up of every
 * residential building with floors ≥ minFloors must lie in the 3D view of an online, intact throwing camera
 * standing in front of that facade. value = % of applicable buildings whose counted samples are all covered.
 *
 * Gaps: one Feature per uncovered facade — the facade's LineString (wall line, lon/lat, walk order) with
 * properties buildingId, facadeIndex, fromFloor, toFloor, floorHeightM, baseHeightM = (fromFloor − 1)·floorHeightM,
 * topHeightM = toFloor·floorHeightM, heightM and outwardDeg (bearing of the wall's outward normal): a deck.gl
 * SolidPolygonLayer draws it as a thin wall polygon at z = baseHeightM with `extruded: true`,
 * `getElevation: heightM` (client/layers/throwing.ts).
 */
import { booleanPointInPolygon } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { facadeColumns, footprintFacades, outerSideM, type Facade, type XY } from '../geo/facades.ts';
import type { LocalProjection } from '../geo/projection.ts';
import type { Twin } from '../twin/model.ts';
import type { TwinFeature } from '../twin/types.ts';
import { result } from './result.ts';
import type { Measure, MeasureContext, Params } from './types.ts';
import type { CheckResult } from '../report/types.ts';

const defaults = {
  minFloors: 7,
  floorHeightM: 3,
  facadeMergeDeg: 10,
  facadeMinWidthM: 3,
  facadeSampleSpacingM: 2,
  facadeOffsetM: 0.5,
  fromFloor: 3,
} satisfies Params;

export interface UncoveredFacade {
  index: number;
  fromFloor: number;
  toFloor: number;
  uncoveredSamples: number;
  uncoveredColumns: number[];
}

export interface ThrowingBuilding {
  id: string;
  floors: number;
  floorHeightM: number;
  facades: number;
  /** counted samples (not skipped) */
  samples: number;
  skippedSamples: number;
  coveredSamples: number;
  coveredShare: number | null;
  pass: boolean;
  uncoveredFacades: UncoveredFacade[];
  facadeList: FacadeRecord[];
}

export interface FacadeRecord {
  index: number;
  widthM: number;
  /** ring edges (start-vertex index in the stored ring) merged into this facade */
  edges: number[];
  columns: number;
  samples: number;
  skippedSamples: number;
  coveredSamples: number;
}

export interface ActiveCamera { id: string; xy: XY; headingDeg: number; hfovDeg: number; vfovDeg: number; tiltDeg: number; rangeM: number; mountHeightM: number }
export interface ProjectedFootprint { id: string; roofM: number | null; polygon: Polygon | MultiPolygon }

const num = (p: Params, k: keyof typeof defaults): number => Number(p[k] ?? defaults[k]);
const RAD = 180 / Math.PI;
const METHOD = 'per facade (merged ring edges ≥ facadeMinWidthM), samples every facadeSampleSpacingM from fromFloor up, '
  + 'covered by an online intact throwing camera in front of the wall: 3D range, horizontal and vertical field of view; '
  + 'value = % of residential buildings with floors ≥ minFloors whose samples are all covered';

function projectFootprint(g: Polygon | MultiPolygon, proj: LocalProjection): Polygon | MultiPolygon {
  const ring = (r: Position[]) => r.map((p) => proj.forward(p));
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
}

function exteriorRings(g: Polygon | MultiPolygon): XY[][] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.map((rings) => rings[0] as unknown as XY[]);
}

function bboxOf(g: Polygon | MultiPolygon): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const ring of exteriorRings(g)) for (const [x, y] of ring) {
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

function isActiveThrowingCamera(c: TwinFeature<'camera'>): boolean {
  const p = c.properties;
  return p.purpose === 'throwing' && p.online === true && p.intact === true;
}

/** Does camera C see a sample at column xy, height hM, on facade f? (the four tests of §3, no occlusion) */
export function cameraSees(c: ActiveCamera, f: Facade, xy: XY, hM: number): boolean {
  const horizontalM = horizontalView(c, f, xy);
  return horizontalM !== null && seesAtHeight(c, horizontalM, hM);
}

/**
 * The tests of cameraSees that do not depend on the height (azimuth within hfov, camera in front of the wall):
 * the horizontal distance to the column when they pass, else null. Done once per column and camera.
 */
function horizontalView(c: ActiveCamera, f: Facade, xy: XY): number | null {
  const dx = xy[0] - c.xy[0], dy = xy[1] - c.xy[1];
  let azimuthDeg = Math.atan2(dx, dy) * RAD;
  if (azimuthDeg < 0) azimuthDeg += 360;
  const d = azimuthDeg - c.headingDeg;
  const delta = d - 360 * Math.floor((d + 180) / 360);
  if (Math.abs(delta) > c.hfovDeg / 2) return null;
  if (!(outerSideM(f, c.xy) > 0)) return null;
  return Math.hypot(dx, dy);
}

/** The tests of cameraSees that depend on the height: 3D range and vertical field of view. */
function seesAtHeight(c: ActiveCamera, horizontalM: number, hM: number): boolean {
  const dz = hM - c.mountHeightM;
  if (Math.hypot(horizontalM, dz) > c.rangeM) return false;
  const elevationDeg = Math.atan2(dz, horizontalM) * RAD;
  return !(Math.abs(elevationDeg - c.tiltDeg) > c.vfovDeg / 2);
}

function facadeGap(
  b: TwinFeature<'building'>, f: Facade, u: UncoveredFacade, floorHeightM: number, proj: LocalProjection,
): Feature {
  const baseHeightM = (u.fromFloor - 1) * floorHeightM, topHeightM = u.toFloor * floorHeightM;
  const ll = (p: XY): Position => { const [lon, lat] = proj.inverse(p); return [lon, lat]; };
  let outwardDeg = Math.atan2(f.normal[0], f.normal[1]) * RAD;
  if (outwardDeg < 0) outwardDeg += 360;
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: [ll(f.p0), ll(f.p1)] },
    properties: {
      buildingId: b.properties.id, facadeIndex: u.index, fromFloor: u.fromFloor, toFloor: u.toFloor, floorHeightM,
      uncoveredSamples: u.uncoveredSamples, uncoveredColumns: u.uncoveredColumns, widthM: f.widthM,
      baseHeightM, topHeightM, heightM: topHeightM - baseHeightM, outwardDeg,
    },
  };
}

/** Everything the per-building test needs, built once per twin (and reused by the incremental recompute). */
export interface ThrowingScene {
  minFloors: number;
  defaultFloorH: number;
  facadeOpts: { mergeDeg: number; minWidthM: number };
  spacingM: number;
  offsetM: number;
  fromFloor: number;
  footprints: ProjectedFootprint[];
  footprintById: Map<string, ProjectedFootprint>;
  footprintIndex: Flatbush;
  cameras: ActiveCamera[];
  cameraIndex: Flatbush;
}

/** One applicable building's outcome: its record, its gaps (uncovered facades) and warnings. */
export interface ThrowingBuildingOutcome { rec: ThrowingBuilding; gaps: Feature[]; warnings: string[] }

export function throwingScene(twin: Twin, p: Params, footprintsOf?: { footprints: ProjectedFootprint[]; index: Flatbush }): ThrowingScene {
  const minFloors = num(p, 'minFloors'), defaultFloorH = num(p, 'floorHeightM');
  const proj = twin.projection;
  const floorHeightOf = (b: TwinFeature<'building'>) => b.properties.floorHeightM ?? defaultFloorH;
  let footprints: ProjectedFootprint[], footprintIndex: Flatbush;
  if (footprintsOf) ({ footprints, index: footprintIndex } = footprintsOf);
  else {
    footprints = twin.features.building.map((b) => ({
      id: b.properties.id,
      roofM: typeof b.properties.floors === 'number' ? b.properties.floors * floorHeightOf(b) : null,
      polygon: projectFootprint(b.geometry, proj),
    }));
    footprintIndex = new Flatbush(Math.max(1, footprints.length));
    for (const fp of footprints) footprintIndex.add(...bboxOf(fp.polygon));
    if (footprints.length === 0) footprintIndex.add(0, 0, 0, 0);
    footprintIndex.finish();
  }
  const footprintById = new Map<string, ProjectedFootprint>();
  for (const fp of footprints) if (!footprintById.has(fp.id)) footprintById.set(fp.id, fp);

  const cameras: ActiveCamera[] = twin.features.camera.filter(isActiveThrowingCamera).map((c) => {
    const q = c.properties;
    return {
      id: q.id, xy: proj.forward(c.geometry.coordinates), headingDeg: Number(q.headingDeg), hfovDeg: Number(q.hfovDeg),
      vfovDeg: Number(q.vfovDeg), tiltDeg: Number(q.tiltDeg), rangeM: Number(q.rangeM), mountHeightM: Number(q.mountHeightM ?? 0),
    };
  });
  const cameraIndex = new Flatbush(Math.max(1, cameras.length));
  for (const c of cameras) cameraIndex.add(c.xy[0] - c.rangeM, c.xy[1] - c.rangeM, c.xy[0] + c.rangeM, c.xy[1] + c.rangeM);
  if (cameras.length === 0) cameraIndex.add(0, 0, 0, 0);
  cameraIndex.finish();
  return {
    minFloors, defaultFloorH, facadeOpts: { mergeDeg: num(p, 'facadeMergeDeg'), minWidthM: num(p, 'facadeMinWidthM') },
    spacingM: num(p, 'facadeSampleSpacingM'), offsetM: num(p, 'facadeOffsetM'), fromFloor: num(p, 'fromFloor'),
    footprints, footprintById, footprintIndex, cameras, cameraIndex,
  };
}

/** The buildings the check applies to: residential with floors ≥ minFloors, in twin order. */
export function throwingApplicable(twin: Twin, minFloors: number): TwinFeature<'building'>[] {
  return twin.features.building.filter((b) =>
    b.properties.use === 'residential' && typeof b.properties.floors === 'number' && b.properties.floors >= minFloors);
}

/** The projected footprint's bounding box [minX, minY, maxX, maxY] in metres (what decides which cameras can matter). */
export function throwingFootprintBox(scene: ThrowingScene, buildingId: string): [number, number, number, number] | null {
  const fp = scene.footprintById.get(buildingId);
  return fp ? bboxOf(fp.polygon) : null;
}

export function throwingBuilding(twin: Twin, scene: ThrowingScene, b: TwinFeature<'building'>): ThrowingBuildingOutcome {
  const proj = twin.projection;
  const { footprints, footprintIndex, cameraIndex, cameras, fromFloor } = scene;
  const floors = b.properties.floors as number, floorH = b.properties.floorHeightM ?? scene.defaultFloorH;
  const own = scene.footprintById.get(b.properties.id) as ProjectedFootprint;
  const facades = footprintFacades(exteriorRings(own.polygon), scene.facadeOpts);
  const gaps: Feature[] = [];
  const warnings: string[] = [];
  const rec: ThrowingBuilding = {
    id: b.properties.id, floors, floorHeightM: floorH, facades: facades.length,
    samples: 0, skippedSamples: 0, coveredSamples: 0, coveredShare: null, pass: true, uncoveredFacades: [], facadeList: [],
  };
  for (const f of facades) {
    // uncovered samples: how many, lowest and highest floor, and the columns (visited in order, so sorted and unique)
    let uncoveredSamples = 0, uncoveredFrom = Infinity, uncoveredTo = -Infinity;
    const uncoveredColumns: number[] = [];
    const columns = facadeColumns(f, scene.spacingM, scene.offsetM);
    const fr: FacadeRecord = { index: f.index, widthM: f.widthM, edges: f.edges, columns: columns.length, samples: 0, skippedSamples: 0, coveredSamples: 0 };
    rec.facadeList.push(fr);
    columns.forEach((xy, col) => {
      // the highest roof among other footprints holding this column strictly inside
      let otherRoofM = -Infinity;
      for (const k of footprintIndex.search(xy[0], xy[1], xy[0], xy[1])) {
        const other = footprints[k];
        if (other.id === own.id || !booleanPointInPolygon([xy[0], xy[1]], other.polygon, { ignoreBoundary: true })) continue;
        if (other.roofM === null) { warnings.push(`building ${other.id} holds a facade sample of ${own.id} but has no floors: its wall counts`); continue; }
        otherRoofM = Math.max(otherRoofM, other.roofM);
      }
      // cameras whose range box holds the column and that pass the height-independent tests, with their horizontal distance
      const facing: ActiveCamera[] = [], facingM: number[] = [];
      for (const k of cameraIndex.search(xy[0], xy[1], xy[0], xy[1])) {
        const c = cameras[k];
        if (c === undefined) continue;
        const horizontalM = horizontalView(c, f, xy);
        if (horizontalM !== null) { facing.push(c); facingM.push(horizontalM); }
      }
      for (let floor = fromFloor; floor <= Math.floor(floors); floor++) {
        const hM = (floor - 0.5) * floorH;
        if (hM <= otherRoofM) { fr.skippedSamples++; continue; }
        fr.samples++;
        let seen = false;
        for (let i = 0; i < facing.length && !seen; i++) seen = seesAtHeight(facing[i], facingM[i], hM);
        if (seen) { fr.coveredSamples++; continue; }
        uncoveredSamples++;
        if (floor < uncoveredFrom) uncoveredFrom = floor;
        if (floor > uncoveredTo) uncoveredTo = floor;
        if (uncoveredColumns[uncoveredColumns.length - 1] !== col) uncoveredColumns.push(col);
      }
    });
    if (uncoveredSamples > 0) {
      const u: UncoveredFacade = { index: f.index, fromFloor: uncoveredFrom, toFloor: uncoveredTo, uncoveredSamples, uncoveredColumns };
      rec.uncoveredFacades.push(u);
      gaps.push(facadeGap(b, f, u, floorH, proj));
    }
  }
  for (const fr of rec.facadeList) {
    rec.samples += fr.samples; rec.skippedSamples += fr.skippedSamples; rec.coveredSamples += fr.coveredSamples;
  }
  rec.coveredShare = rec.samples > 0 ? rec.coveredSamples / rec.samples : null;
  rec.pass = rec.coveredSamples === rec.samples;
  return { rec, gaps, warnings };
}

/** The check result from the outcomes of the applicable buildings, in twin order. */
export function throwingResult(twin: Twin, ctx: MeasureContext, scene: ThrowingScene, outcomes: readonly ThrowingBuildingOutcome[]): CheckResult {
  const { minFloors } = scene;
  const threshold = ctx.threshold ?? 100;
  const buildings: ThrowingBuilding[] = [];
  const gaps: Feature[] = [];
  const reasons: Record<string, string> = {};
  const warnings: string[] = [];
  let samplesTotal = 0, skippedTotal = 0, coveredTotal = 0;
  for (const { rec, gaps: g, warnings: w } of outcomes) {
    gaps.push(...g);
    warnings.push(...w);
    if (!rec.pass) {
      reasons[rec.id] = `${rec.samples - rec.coveredSamples} of ${rec.samples} window samples uncovered on facade(s) `
        + rec.uncoveredFacades.map((u) => `${u.index} (floors ${u.fromFloor}–${u.toFloor})`).join(', ');
    }
    samplesTotal += rec.samples; skippedTotal += rec.skippedSamples; coveredTotal += rec.coveredSamples;
    buildings.push(rec);
  }
  const throwingCameras = twin.features.camera.filter((c) => c.properties.purpose === 'throwing');
  const passing = buildings.filter((r) => r.pass);
  const counts = {
    applicableBuildings: buildings.length, passingBuildings: passing.length,
    throwingCameras: throwingCameras.length, activeThrowingCameras: scene.cameras.length,
    samples: samplesTotal, skippedSamples: skippedTotal, coveredSamples: coveredTotal,
  };
  const failingIds = buildings.filter((r) => !r.pass).map((r) => r.id);
  const evidence = {
    counts, failingIds, gaps: { type: 'FeatureCollection' as const, features: gaps }, reasons,
    perBuilding: buildings, passingIds: passing.map((r) => r.id), minFloors,
    ...(warnings.length ? { warnings: [...new Set(warnings)] } : {}),
  };
  if (buildings.length === 0) {
    return result('throwing', '%', ctx, null, evidence, {
      pass: true, reason: `no residential building with ≥ ${minFloors} floors: nothing to cover`, method: METHOD,
    });
  }
  const value = (100 * passing.length) / buildings.length;
  const pass = value >= threshold - 1e-9;
  let reason: string | undefined;
  if (throwingCameras.length === 0) reason = `no throwing cameras (purpose "throwing") for ${buildings.length} residential building(s) with ≥ ${minFloors} floors`;
  else if (scene.cameras.length === 0) reason = `none of the ${throwingCameras.length} throwing cameras is online and intact`;
  else if (!pass) reason = `${failingIds.length} of ${buildings.length} buildings with ≥ ${minFloors} floors have uncovered windows`;
  return result('throwing', '%', { ...ctx, threshold }, value, evidence, { pass, reason, method: METHOD });
}

export const measure: Measure = {
  id: 'throwing',
  unit: '%',
  defaults,
  method: METHOD,
  run(twin: Twin, ctx) {
    const scene = throwingScene(twin, ctx.params);
    const outcomes = throwingApplicable(twin, scene.minFloors).map((b) => throwingBuilding(twin, scene, b));
    return throwingResult(twin, ctx, scene, outcomes);
  },
};
