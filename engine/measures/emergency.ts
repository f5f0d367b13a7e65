/**
 * emergency — one-key emergency help covers the community's public space.
 * Help points: facilities of a type in `emergencyTypes` and smart poles with a function in
 * `emergencyPoleFunctions`. Each reaches `emergencyRadiusM` (choice, default 150 m) around it,
 * drawn as a 64-gon (inscribed: the reach is under-, never over-estimated, by ≤ 0.16 % of area).
 * Public space = community polygon minus building footprints.
 * value = covered public area ÷ public area, in %; gaps = the uncovered public area.
 * Polygon booleans: Clipper (engine/geo/clip.ts) in metres of the local projection — exact to
 * a millimetre grid and synchronous once the module has loaded.
 */
import { areaM2, difference, polygonAreaM2OfM, projectPolygonal, union, unprojectPolygon, type MultiPolygonM, type XY } from '../geo/clip.ts';
import { featurePointXY, typeList } from './compounds.ts';
import { gapsOf, meets, result } from './result.ts';
import type { Measure } from './types.ts';

const method = '100 × area of public space (community − buildings) within emergencyRadiusM of a help point ÷ public area';
/** gap polygons below this area are clipping slivers, not gaps */
const SLIVER_M2 = 0.01;

function circle([cx, cy]: XY, r: number, segments = 64): MultiPolygonM {
  const ring: XY[] = [];
  for (let i = 0; i < segments; i++) {
    const a = (2 * Math.PI * i) / segments;
    ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return [[ring]];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export const measure: Measure = {
  id: 'emergency', unit: '%', method,
  defaults: { emergencyRadiusM: 150, emergencyTypes: 'emergencyHelp', emergencyPoleFunctions: 'emergency help,emergencyHelp,一键求助' },
  run(twin, ctx) {
    const radiusM = Number(ctx.params.emergencyRadiusM);
    const types = typeList(ctx.params.emergencyTypes), poleFunctions = typeList(ctx.params.emergencyPoleFunctions);
    const helpFacilities = twin.features.facility.filter((f) => types.has(f.properties.type));
    const helpPoles = twin.features.smartPole.filter((p) => (p.properties.functions ?? []).some((fn) => poleFunctions.has(fn)));
    const points = [...helpFacilities, ...helpPoles].map((f) => featurePointXY(twin, f)!);
    const community = projectPolygonal(twin.community.geometry, twin.projection);
    const footprints = union(twin.features.building.map((b) => projectPolygonal(b.geometry, twin.projection)));
    const publicSpace = difference(community, footprints);
    const publicM2 = areaM2(publicSpace);
    const reach = union(points.map((p) => circle(p, radiusM)));
    const gapPolys = difference(publicSpace, reach).filter((poly) => polygonAreaM2OfM(poly) >= SLIVER_M2);
    const uncoveredM2 = areaM2(gapPolys);
    const value = publicM2 > 0 ? (100 * (publicM2 - uncoveredM2)) / publicM2 : null;
    const counts = {
      helpPoints: points.length, helpFacilities: helpFacilities.length, helpPoles: helpPoles.length,
      publicAreaM2: round2(publicM2), uncoveredAreaM2: round2(uncoveredM2), gapPolygons: gapPolys.length,
    };
    const gaps = gapsOf(gapPolys.map((poly, i) => ({
      type: 'Feature' as const, geometry: unprojectPolygon(poly, twin.projection),
      properties: { id: `gap-${i + 1}`, areaM2: round2(polygonAreaM2OfM(poly)), reason: `farther than ${radiusM} m from any help point` },
    })));
    const evidence = { counts, failingIds: [], gaps };
    if (value === null) return result('emergency', '%', ctx, null, evidence, { pass: false, reason: 'no public space: buildings cover the whole community', method });
    const pass = meets(value, ctx.threshold ?? 100);
    const reason = points.length === 0 ? 'no emergency help points in the twin'
      : `${counts.uncoveredAreaM2} m² of public space farther than ${radiusM} m from a help point (${value.toFixed(2)} % covered)`;
    return result('emergency', '%', ctx, value, evidence, { pass, method, ...(pass ? {} : { reason }) });
  },
};
