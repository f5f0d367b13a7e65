/**
 * Per-compound helpers shared by the per-compound measures (charging, access, perimeter,
 * fire-ebike, fire-hazard, garbage, convenience, patrol).
 *
 * Which compound a feature belongs to: its `compoundId` when that names a compound of the
 * twin; otherwise the first compound (file order) whose polygon contains the feature's
 * point (a Point itself, a polygon's area centroid, a line's middle vertex). All geometry
 * is done in metres in the community's local projection.
 */
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { Twin } from '../twin/model.ts';
import type { TwinFeature } from '../twin/types.ts';
import type { Measure, ParamValue, Params } from './types.ts';
import { gapsOf, meets, percent, result } from './result.ts';
import { pointIndex } from '../geo/pointIndex.ts';

export type XY = [number, number];
/** a (Multi)Polygon in metres: polygons → rings → vertices (rings closed as in GeoJSON) */
export type PolygonsXY = XY[][][];

export interface CompoundIndex {
  compounds: TwinFeature<'compound'>[];
  polygonsById: Map<string, PolygonsXY>;
  /** compound id of a feature, or null when it lies in none */
  compoundOf(f: TwinFeature): string | null;
}

const indexCache = new WeakMap<Twin, CompoundIndex>();

export const toXY = (twin: Twin, p: Position): XY => twin.projection.forward(p);

export function polygonsXY(twin: Twin, g: Polygon | MultiPolygon): PolygonsXY {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.map((rings) => rings.map((ring) => ring.map((p) => toXY(twin, p))));
}

/** Even-odd point in polygon (holes excluded); points on an edge may fall either way. */
export function pointInPolygonXY([x, y]: XY, polys: PolygonsXY): boolean {
  for (const rings of polys) {
    let inside = false;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i], [xj, yj] = ring[j];
        if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    if (inside) return true;
  }
  return false;
}

export function segmentDistanceM(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** Distance from a point to a polygon's boundary (0 when the point is inside, if `insideIsZero`). */
export function distanceToPolygonM(p: XY, polys: PolygonsXY, insideIsZero = true): number {
  if (insideIsZero && pointInPolygonXY(p, polys)) return 0;
  let best = Infinity;
  for (const rings of polys) for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) best = Math.min(best, segmentDistanceM(p, ring[i - 1], ring[i]));
  }
  return best;
}

/** Area centroid of polygons in metres (as ST_Centroid), falling back to the first vertex for degenerate rings. */
export function areaCentroidXY(polys: PolygonsXY): XY {
  let area = 0, mx = 0, my = 0;
  for (const rings of polys) rings.forEach((ring, r) => {
    let twiceA = 0, sx = 0, sy = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const [x0, y0] = ring[i], [x1, y1] = ring[i + 1];
      const cross = x0 * y1 - x1 * y0;
      twiceA += cross; sx += (x0 + x1) * cross; sy += (y0 + y1) * cross;
    }
    if (twiceA === 0) return;
    // ring centroid (sx/3A, sy/3A) is orientation-independent; outer rings add |A|, holes subtract it
    const weight = (r === 0 ? 1 : -1) * Math.abs(twiceA / 2);
    area += weight; mx += weight * (sx / (3 * twiceA)); my += weight * (sy / (3 * twiceA));
  });
  if (area === 0) return polys[0][0][0];
  return [mx / area, my / area];
}

/** The point that stands for a feature: the Point, a polygon's area centroid, a line's middle vertex. */
export function featurePointXY(twin: Twin, f: Feature<Geometry>): XY | null {
  const g = f.geometry;
  if (!g) return null;
  switch (g.type) {
    case 'Point': return toXY(twin, g.coordinates);
    case 'Polygon': case 'MultiPolygon': return areaCentroidXY(polygonsXY(twin, g));
    case 'LineString': return toXY(twin, g.coordinates[Math.floor(g.coordinates.length / 2)]);
    default: return null;
  }
}

export function compoundIndex(twin: Twin): CompoundIndex {
  const cached = indexCache.get(twin);
  if (cached) return cached;
  const compounds = twin.features.compound;
  const polygonsById = new Map<string, PolygonsXY>();
  for (const c of compounds) polygonsById.set(c.properties.id, polygonsXY(twin, c.geometry));
  const compoundOf = (f: TwinFeature): string | null => {
    const declared = (f.properties as { compoundId?: unknown }).compoundId;
    if (typeof declared === 'string' && polygonsById.has(declared)) return declared;
    const p = featurePointXY(twin, f);
    if (!p) return null;
    for (const c of compounds) if (pointInPolygonXY(p, polygonsById.get(c.properties.id)!)) return c.properties.id;
    return null;
  };
  const index = { compounds, polygonsById, compoundOf };
  indexCache.set(twin, index);
  return index;
}

/** Group features by the compound they belong to (features in no compound are dropped). */
export function groupByCompound<F extends TwinFeature>(twin: Twin, features: readonly F[]): Map<string, F[]> {
  const { compoundOf } = compoundIndex(twin);
  const groups = new Map<string, F[]>();
  for (const f of features) {
    const id = compoundOf(f);
    if (id === null) continue;
    const list = groups.get(id);
    if (list) list.push(f); else groups.set(id, [f]);
  }
  return groups;
}

/** A compound is closed when `closed` is true; when the attribute is missing, `unknownIsClosed` decides. */
export function isClosed(c: TwinFeature<'compound'>, unknownIsClosed: boolean): boolean {
  return c.properties.closed ?? unknownIsClosed;
}

/** A comma-separated type-list parameter as a set ("gate, smartGate" → {gate, smartGate}). */
export function typeList(param: ParamValue | undefined): Set<string> {
  return new Set(String(param ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

/** Points every `stepM` metres along each ring of the polygons, with the boundary length each stands for. */
export function boundarySamples(polys: PolygonsXY, stepM: number): { xy: XY; lengthM: number }[] {
  const out: { xy: XY; lengthM: number }[] = [];
  for (const rings of polys) for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1], b = ring[i];
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (len === 0) continue;
      const n = Math.max(1, Math.ceil(len / stepM));
      for (let k = 0; k < n; k++) {
        const t = (k + 0.5) / n;
        out.push({ xy: [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])], lengthM: len / n });
      }
    }
  }
  return out;
}

export const NO_COMPOUNDS_REASON =
  'no compounds in the twin: a per-compound requirement cannot be verified without mapped compounds (小区)';

export interface CompoundFacilityShareSpec {
  id: string;
  method: string;
  defaults: Params;
  /** name of the comma-separated list parameter holding the accepted facility types */
  typesParam: string;
  /** extra acceptance rule for a facility (e.g. a garbagePoint that is `smart`) */
  accepts?(f: TwinFeature<'facility'>, params: Params): boolean;
  /** what a compound lacks, for the reason line ("no e-bike-into-lift detection") */
  lacking: string;
}

/**
 * The common shape of fire-ebike, fire-hazard, garbage and convenience: value = % of compounds
 * holding at least one accepted facility; pass at value ≥ threshold (100 % when the standard
 * gives no threshold: "all compounds"). No compounds → value null, fail, with the reason.
 */
export function compoundFacilityShare(spec: CompoundFacilityShareSpec): Measure {
  return {
    id: spec.id, unit: '%', defaults: spec.defaults, method: spec.method,
    run(twin, ctx) {
      const { compounds } = compoundIndex(twin);
      const types = typeList(ctx.params[spec.typesParam]);
      const accepted = twin.features.facility.filter(
        (f) => types.has(f.properties.type) || (spec.accepts?.(f, ctx.params) ?? false));
      const byCompound = groupByCompound(twin, accepted);
      const threshold = ctx.threshold ?? 100;
      if (compounds.length === 0) {
        return result(spec.id, '%', ctx, null, { counts: { compounds: 0, facilities: accepted.length } },
          { pass: false, reason: NO_COMPOUNDS_REASON, method: spec.method });
      }
      const lacking = compounds.filter((c) => !byCompound.has(c.properties.id));
      const value = percent(compounds.length - lacking.length, compounds.length);
      const reasons = Object.fromEntries(lacking.map((c) => [c.properties.id, spec.lacking]));
      const pass = meets(value, threshold);
      return result(spec.id, '%', ctx, value, {
        counts: {
          compounds: compounds.length, compoundsWith: compounds.length - lacking.length,
          facilities: accepted.length, facilitiesOutsideCompounds: accepted.length - [...byCompound.values()].flat().length,
        },
        failingIds: lacking.map((c) => c.properties.id),
        gaps: gapsOf(lacking.map((c) => ({ type: 'Feature', geometry: c.geometry, properties: { id: c.properties.id, name: c.properties.name ?? null, reason: spec.lacking } }))),
        reasons,
      }, {
        pass, method: spec.method,
        ...(pass ? {} : { reason: `${lacking.length} of ${compounds.length} compounds have ${spec.lacking}` }),
      });
    },
  };
}

export interface BoundaryCoverage {
  lengthM: number;
  coveredM: number;
  /** uncovered stretches of the boundary, as polylines in metres */
  uncovered: XY[][];
}

/**
 * How much of the polygons' boundary lies within `radiusM` of any device: the boundary is cut
 * into pieces of ≤ `stepM`; a piece is covered when its middle is within reach.
 */
export function boundaryCoverage(polys: PolygonsXY, devices: readonly XY[], radiusM: number, stepM: number): BoundaryCoverage {
  const index = pointIndex(devices);
  let lengthM = 0, coveredM = 0;
  const uncovered: XY[][] = [];
  for (const rings of polys) for (const ring of rings) {
    let open: XY[] | null = null;
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1], b = ring[i];
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (len === 0) continue;
      const n = Math.max(1, Math.ceil(len / stepM));
      for (let k = 0; k < n; k++) {
        const at = (t: number): XY => [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
        const mid = at((k + 0.5) / n);
        const reached = index.some([mid[0], mid[1], mid[0], mid[1]], radiusM, (d) => Math.hypot(d[0] - mid[0], d[1] - mid[1]) <= radiusM);
        lengthM += len / n;
        if (reached) { coveredM += len / n; open = null; continue; }
        if (!open) { open = [at(k / n)]; uncovered.push(open); }
        open.push(at((k + 1) / n));
      }
    }
  }
  return { lengthM, coveredM, uncovered };
}
