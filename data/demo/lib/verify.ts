/**
 * Independent re-reading of a generated twin file: projects it with the engine's own
 * buildTwin projection and recomputes the figures the demos are built to show.
 */
import type { LineString, Point, Polygon } from 'geojson';
import { buildTwin } from '../../../engine/twin/model.ts';
import { polygonAreaM2 } from '../../../engine/geo/area.ts';
import type { TwinFile } from '../../../engine/twin/types.ts';
import { centroid, convexOverlap, dist, distToRing, openRing, pointInPolygon, samplePolyline, type Ring, type V } from './geom.ts';
import { EXACT, buildingThrowing, viewCovers, type Cam, type Footprint } from './rules.ts';
import { WalkGraph } from './network.ts';

type P = Record<string, any>;
export interface Verified {
  areaM2: number;
  counts: Record<string, number>;
  households: number; fibre: number; tv: number; meters: number;
  overlaps: string[]; outsideCompound: string[]; duplicateIds: string[]; badCameras: string[];
  maxFloors: number;
  throwing: Record<number, { applicable: number; passing: number; failing: string[] }>;
  video: { coveragePct: number; gaps: { id: string; share: number }[]; onlinePct: number; intactPct: number; imageOutPct: number; compliancePct: number };
  fiveGPct: number;
  emergencyMaxM: number;
  walk: { components: number; maxToSportsM: number; maxToSmartSportsM: number };
}

export function verifyTwin(file: TwinFile, opts: { countyCode: string; gridM?: number }): Verified {
  const twin = buildTwin(file);
  const proj = twin.projection;
  const fwd = (p: number[]): V => proj.forward(p);
  const ringOf = (g: Polygon): Ring => openRing(g.coordinates[0].map(fwd));
  const F = twin.features;
  const counts: Record<string, number> = {};
  for (const f of file.features) {
    const p = f.properties as P;
    counts[p.kind] = (counts[p.kind] ?? 0) + 1;
    const sub = p.type ?? p.purpose;
    if (sub) counts[`${p.kind}/${sub}`] = (counts[`${p.kind}/${sub}`] ?? 0) + 1;
  }
  const ids = new Map<string, number>();
  for (const f of file.features) ids.set(String(f.properties?.id), (ids.get(String(f.properties?.id)) ?? 0) + 1);
  const duplicateIds = [...ids].filter(([, n]) => n > 1).map(([k]) => k);

  const community = ringOf(twin.community.geometry as Polygon);
  const compounds = new Map(F.compound.map((c) => [c.properties.id, ringOf(c.geometry as Polygon)]));
  const bl = F.building.map((b) => ({ p: b.properties as P, ring: ringOf(b.geometry as Polygon) }));
  const overlaps: string[] = [], outsideCompound: string[] = [];
  for (let i = 0; i < bl.length; i++) for (let j = i + 1; j < bl.length; j++)
    if (convexOverlap(bl[i].ring, bl[j].ring)) overlaps.push(`${bl[i].p.id}×${bl[j].p.id}`);
  for (const b of bl) {
    const c = b.p.compoundId ? compounds.get(b.p.compoundId) : community;
    if (!c || !b.ring.every((v) => pointInPolygon(v, c))) outsideCompound.push(b.p.id);
  }
  const sum = (k: string) => bl.reduce((s, b) => s + (b.p[k] ?? 0), 0);
  const blockers = bl.map((b) => b.ring);

  // cameras
  const cams = F.camera.map((c) => {
    const p = c.properties as P;
    return { p, lonlat: (c.geometry as Point).coordinates, cam: { at: fwd((c.geometry as Point).coordinates), headingDeg: p.headingDeg, hfovDeg: p.hfovDeg,
      vfovDeg: p.vfovDeg, tiltDeg: p.tiltDeg, rangeM: p.rangeM, mountHeightM: p.mountHeightM, online: p.online, intact: p.intact } as Cam };
  });
  const names = new Map<string, number>();
  for (const c of cams) names.set(c.p.name, (names.get(c.p.name) ?? 0) + 1);
  const decimals = (x: number) => (String(x).split('.')[1] ?? '').length;
  const badCameras = cams.filter(({ p, lonlat }) => !(typeof p.code === 'string' && /^\d{20}$/.test(p.code) && p.code.startsWith(opts.countyCode)
    && ['131', '132'].includes(p.code.slice(10, 13)) && p.name && names.get(p.name) === 1 && typeof p.adminCode === 'string'
    && p.adminCode.startsWith(opts.countyCode) && decimals(lonlat[0]) >= 6 && decimals(lonlat[1]) >= 6)).map((c) => c.p.id);

  // throwing, per threshold
  const fps: Footprint[] = bl.map((b) => ({ ring: b.ring, roofM: (b.p.floors ?? 1) * (b.p.floorHeightM ?? 3) }));
  const throwCams = cams.filter((c) => c.p.purpose === 'throwing').map((c) => c.cam);
  const throwing: Verified['throwing'] = {};
  for (const th of [19, 12, 7]) {
    const app = bl.filter((b) => b.p.use === 'residential' && (b.p.floors ?? 0) >= th);
    const failing = app.filter((b, i) => {
      const near = throwCams.filter((c) => distToRing(c.at, b.ring) < c.rangeM + 1);
      const r = buildingThrowing(b.ring, b.p.floors, b.p.floorHeightM ?? 3, near, fps.filter((f) => f.ring !== b.ring), EXACT);
      void i; return r.covered < r.samples;
    }).map((b) => b.p.id);
    throwing[th] = { applicable: app.length, passing: app.length - failing.length, failing };
  }

  // video coverage of key locations
  const live = cams.map((c) => c.cam);
  const gaps: { id: string; share: number }[] = [];
  let covSum = 0;
  for (const k of F.keyLocation) {
    const pts: V[] = k.geometry.type === 'Point' ? [fwd((k.geometry as Point).coordinates)] : samplePolyline((k.geometry as LineString).coordinates.map(fwd), 1);
    const near = live.filter((c) => pts.some((q) => dist(c.at, q) <= c.rangeM));
    const share = pts.filter((q) => near.some((c) => viewCovers(c, q, blockers, EXACT))).length / pts.length;
    covSum += share;
    if (share < 1) gaps.push({ id: k.properties.id, share });
  }
  const pct = (n: number, d: number) => (d ? (100 * n) / d : 100);
  const video = {
    coveragePct: pct(covSum, F.keyLocation.length), gaps,
    onlinePct: pct(cams.filter((c) => c.p.online).length, cams.length),
    intactPct: pct(cams.filter((c) => c.p.intact).length, cams.length),
    imageOutPct: pct(cams.filter((c) => c.p.imageOut).length, cams.length),
    compliancePct: pct(cams.length - badCameras.length, cams.length),
  };

  // grid over the community: 5G coverage, distance to emergency help
  const g = opts.gridM ?? 5;
  const xs = community.map((p) => p[0]), ys = community.map((p) => p[1]);
  const fiveG = F.fiveG.filter((f) => f.geometry.type === 'Polygon').map((f) => ringOf(f.geometry as Polygon));
  const help: V[] = [...F.facility.filter((f) => f.properties.type === 'emergencyHelp'),
    ...F.smartPole.filter((f) => (f.properties.functions ?? []).includes('emergencyHelp'))].map((f) => fwd((f.geometry as Point).coordinates));
  let inside = 0, covered = 0, emergencyMaxM = 0;
  for (let x = Math.min(...xs) + g / 2; x < Math.max(...xs); x += g) for (let y = Math.min(...ys) + g / 2; y < Math.max(...ys); y += g) {
    const q: V = [x, y];
    if (!pointInPolygon(q, community)) continue;
    inside++;
    if (fiveG.some((r) => pointInPolygon(q, r))) covered++;
    if (blockers.some((r) => pointInPolygon(q, r))) continue;
    emergencyMaxM = Math.max(emergencyMaxM, Math.min(Infinity, ...help.map((h) => dist(h, q))));
  }

  // walk network
  const graph = new WalkGraph(F.path.map((p) => (p.geometry as LineString).coordinates.map(fwd)));
  const venuePt = (v: (typeof F.venue)[number]): V => v.geometry.type === 'Point' ? fwd((v.geometry as Point).coordinates) : centroid(ringOf(v.geometry as Polygon));
  const sports = F.venue.filter((v) => v.properties.type === 'sports');
  const smart = sports.filter((v) => v.properties.smartFitness);
  let maxToSportsM = 0, maxToSmartSportsM = 0;
  for (const b of bl.filter((b) => b.p.use === 'residential')) {
    const c = centroid(b.ring);
    const ds = graph.walk(c, sports.map(venuePt));
    maxToSportsM = Math.max(maxToSportsM, Math.min(Infinity, ...ds));
    const dsm = ds.filter((_, i) => sports[i].properties.smartFitness);
    maxToSmartSportsM = Math.max(maxToSmartSportsM, smart.length ? Math.min(...dsm) : Infinity);
  }
  return {
    areaM2: polygonAreaM2(twin.community.geometry, proj), counts,
    households: sum('households'), fibre: sum('fibreHouseholds'), tv: sum('tvHouseholds'), meters: sum('energyMeters'),
    overlaps, outsideCompound, duplicateIds, badCameras, maxFloors: Math.max(...bl.map((b) => b.p.floors ?? 0)),
    throwing, video, fiveGPct: pct(covered, inside), emergencyMaxM,
    walk: { components: graph.components(), maxToSportsM, maxToSmartSportsM },
  };
}
