/**
 * `sports-walk` — a sports venue within a 15-minute walk (domain.md §3 "15-minute walk").
 *
 * Walk = snap(building → network) + network distance + snap(network → venue), straight-line snaps to the
 * nearest point of the noded path network; building points are footprint area centroids (as PostGIS
 * ST_Centroid on lon/lat), venue points are Points or polygon area centroids. One multi-source Dijkstra from
 * every venue at once (venues outside the community count). value = % of residential households whose
 * building is reached within walkDistanceM (by buildings when no building has households).
 *
 * Isochrone (evidence.isochrone, lon/lat MultiPolygon): grid cells of isochroneCellM within isochroneBufferM of
 * the network stretches whose cost from a venue (venue snap included) is ≤ walkDistanceM.
 */
import type { Feature } from 'geojson';
import { anchorPoint } from '../graph/anchor.ts';
import { costToPoint, multiSourceDijkstra, type PointSource } from '../graph/dijkstra.ts';
import { isochronePolygon, reachedIntervals, reachedStretches } from '../graph/isochrone.ts';
import { buildWalkNetwork } from '../graph/network.ts';
import { snapToNetwork } from '../graph/snap.ts';
import type { Twin } from '../twin/model.ts';
import { result } from './result.ts';
import type { Measure, Params } from './types.ts';

const defaults = {
  walkDistanceM: 1000,
  walkSpeedKmh: 4,
  walkMinutes: 15,
  sportsWalkMinSharePct: 100,
  requireSmartFitness: false,
  venueType: 'sports',
  isochroneBufferM: 25,
  isochroneCellM: 5,
} satisfies Params;

const METHOD = 'noded walk network from paths; buildings (footprint centroid) and sports venues snapped to the nearest '
  + 'path point; multi-source Dijkstra from all venues; reached when snap + network + venue snap ≤ walkDistanceM; '
  + 'value = % of residential households reached';

export interface BuildingWalk {
  id: string;
  households: number;
  /** straight line from the footprint centroid to the network (null: no network) */
  buildingSnapM: number | null;
  nearestVenueId: string | null;
  networkM: number | null;
  venueSnapM: number | null;
  /** snap + network + venue snap to the nearest venue; null when no venue is reachable */
  totalM: number | null;
  reached: boolean;
}

const num = (p: Params, k: keyof typeof defaults): number => Number(p[k] ?? defaults[k]);
const flag = (v: unknown): boolean => v === true || v === 'true' || v === 1 || v === '1';
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const measure: Measure = {
  id: 'sports-walk',
  unit: '%',
  defaults,
  method: METHOD,
  run(twin: Twin, ctx) {
    const p = ctx.params;
    const limitM = num(p, 'walkDistanceM');
    const speedKmh = num(p, 'walkSpeedKmh');
    const requireSmart = flag(p.requireSmartFitness);
    const venueType = String(p.venueType ?? defaults.venueType);
    const threshold = ctx.threshold ?? num(p, 'sportsWalkMinSharePct');
    const proj = twin.projection;

    const net = buildWalkNetwork(twin.features.path.map((f) => f.geometry.coordinates), proj);
    const venues = twin.features.venue
      .filter((v) => v.properties.type === venueType && (!requireSmart || v.properties.smartFitness === true))
      .sort((a, b) => (a.properties.id < b.properties.id ? -1 : a.properties.id > b.properties.id ? 1 : 0));
    const venueSnaps = venues.map((v) => snapToNetwork(net, proj.forward(anchorPoint(v.geometry))));
    const sources: PointSource[] = [];
    venueSnaps.forEach((snap, label) => { if (snap) sources.push({ snap, costM: snap.distM, label }); });
    const dist = multiSourceDijkstra(net, sources);

    const residential = twin.features.building.filter((b) => b.properties.use === 'residential');
    const perBuilding: BuildingWalk[] = residential.map((b) => {
      const households = Number(b.properties.households ?? 0) || 0;
      const snap = snapToNetwork(net, proj.forward(anchorPoint(b.geometry)));
      const rec: BuildingWalk = { id: b.properties.id, households, buildingSnapM: snap?.distM ?? null, nearestVenueId: null, networkM: null, venueSnapM: null, totalM: null, reached: false };
      if (!snap) return rec;
      const best = costToPoint(net, dist, snap);
      if (best.label < 0 || !Number.isFinite(best.costM)) return rec;
      const venueSnapM = (venueSnaps[best.label] as { distM: number }).distM;
      rec.nearestVenueId = venues[best.label].properties.id;
      rec.venueSnapM = venueSnapM;
      rec.networkM = best.costM - venueSnapM;
      rec.totalM = snap.distM + best.costM;
      rec.reached = rec.totalM <= limitM;
      return rec;
    });

    const households = perBuilding.reduce((s, r) => s + r.households, 0);
    const householdsReached = perBuilding.reduce((s, r) => s + (r.reached ? r.households : 0), 0);
    const reachedCount = perBuilding.filter((r) => r.reached).length;
    const byHouseholds = households > 0;
    const value = residential.length === 0 ? null
      : byHouseholds ? (100 * householdsReached) / households : (100 * reachedCount) / residential.length;

    const stretches = reachedStretches(net, reachedIntervals(net, dist, limitM));
    const isochrone = isochronePolygon(stretches, num(p, 'isochroneBufferM'), num(p, 'isochroneCellM'), proj);
    const unreached = perBuilding.filter((r) => !r.reached);
    const reasons: Record<string, string> = {};
    for (const r of unreached) {
      reasons[r.id] = r.buildingSnapM === null ? 'no walk network to snap to'
        : r.totalM === null ? 'no venue reachable on its part of the network'
          : `nearest venue ${r.nearestVenueId} is ${round(r.totalM, 1)} m away (limit ${limitM} m)`;
    }
    const gaps: Feature[] = unreached.map((r) => ({
      type: 'Feature',
      geometry: (twin.byId.get(r.id) as Feature).geometry,
      properties: { id: r.id, households: r.households, totalM: r.totalM, nearestVenueId: r.nearestVenueId, reason: reasons[r.id] },
    }));
    const totals = perBuilding.flatMap((r) => (r.totalM === null ? [] : [r.totalM]));
    const usedComponents = new Set(sources.map((s) => net.componentOf[net.edges[s.snap.edge].source]));
    const counts = {
      venues: venues.length, residentialBuildings: residential.length, reachedBuildings: reachedCount,
      households, householdsReached, pathFeatures: twin.features.path.length, edges: net.edges.length,
      vertices: net.vertices.length, components: net.components, componentsWithVenue: usedComponents.size,
      buildingsWithoutRoute: perBuilding.filter((r) => r.totalM === null).length,
    };
    const evidence = {
      counts, failingIds: unreached.map((r) => r.id), gaps: { type: 'FeatureCollection' as const, features: gaps }, reasons,
      perBuilding, weighting: byHouseholds ? 'households' : 'buildings',
      walkDistanceM: limitM, walkMinutesAtSpeed: limitM / ((speedKmh * 1000) / 60),
      walkDistanceToNearestVenueM: { min: totals.length ? Math.min(...totals) : null, median: median(totals), max: totals.length ? Math.max(...totals) : null },
      networkLengthM: net.lengthM,
      isochrone: isochrone ? { type: 'Feature', geometry: isochrone, properties: { walkDistanceM: limitM, bufferM: num(p, 'isochroneBufferM'), cellM: num(p, 'isochroneCellM') } } : null,
    };
    const ctxOut = { ...ctx, threshold };
    if (value === null) {
      return result('sports-walk', '%', ctxOut, null, evidence, { pass: true, reason: 'no residential buildings: nobody to reach a venue', method: METHOD });
    }
    const pass = value >= threshold - 1e-9;
    let reason: string | undefined;
    if (venues.length === 0) {
      reason = requireSmart ? `no ${venueType} venue with smart fitness (smartFitness true) in the twin` : `no ${venueType} venues in the twin`;
    } else if (net.edges.length === 0) reason = 'no walkable paths: no building can reach a venue';
    else if (!pass) {
      reason = `${unreached.length} of ${residential.length} residential buildings (${round(100 - value)} % of ${byHouseholds ? 'households' : 'buildings'}) have no ${venueType} venue within ${limitM} m`;
    }
    return result('sports-walk', '%', ctxOut, value, evidence, { pass, reason, method: METHOD });
  },
};
