/**
 * patrol — electronic patrol covers compound perimeters, the surroundings of residential
 * buildings, car parks and plant rooms. A patrol point (facility of a type in `patrolTypes`)
 * covers what lies within `patrolRadiusM` (choice, default 50 m) of it.
 * value = % of compound boundary length within reach of a patrol point; pass when value ≥
 * threshold (100 % by default) and every residential building in a compound, every parking
 * entrance and every facility of a type in `patrolTargetTypes` is within reach too.
 */
import type { Feature, Geometry } from 'geojson';
import {
  NO_COMPOUNDS_REASON, boundaryCoverage, compoundIndex, distanceToPolygonM, featurePointXY, polygonsXY, typeList, type XY,
} from './compounds.ts';
import { gapsOf, meets, result } from './result.ts';
import { boxOf, pointIndex } from '../geo/pointIndex.ts';
import type { Measure } from './types.ts';

const method = '% of compound boundary within patrolRadiusM of a patrol point; + residential buildings, parking entrances, plant rooms all within reach';

export const measure: Measure = {
  id: 'patrol', unit: '%', method,
  defaults: { patrolTypes: 'patrolPoint', patrolRadiusM: 50, sampleStepM: 2, patrolTargetTypes: 'pumpRoom,powerRoom,carPark,parking' },
  run(twin, ctx) {
    const { compounds, polygonsById, compoundOf } = compoundIndex(twin);
    const radiusM = Number(ctx.params.patrolRadiusM);
    const patrolTypes = typeList(ctx.params.patrolTypes), targetTypes = typeList(ctx.params.patrolTargetTypes);
    const points = twin.features.facility.filter((f) => patrolTypes.has(f.properties.type)).map((f) => featurePointXY(twin, f)!);
    const pointsIndex = pointIndex(points);
    const within = (p: XY) => points.some((q) => Math.hypot(q[0] - p[0], q[1] - p[1]) <= radiusM);
    const gaps: Feature<Geometry, Record<string, unknown>>[] = [];
    const reasons: Record<string, string> = {};
    let lengthM = 0, coveredM = 0;
    for (const c of compounds) {
      const cover = boundaryCoverage(polygonsById.get(c.properties.id)!, points, radiusM, Number(ctx.params.sampleStepM));
      lengthM += cover.lengthM; coveredM += cover.coveredM;
      if (cover.uncovered.length) reasons[c.properties.id] = `${(cover.lengthM - cover.coveredM).toFixed(0)} m of boundary out of patrol reach`;
      for (const line of cover.uncovered) {
        gaps.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: line.map((p) => twin.projection.inverse(p)) }, properties: { compoundId: c.properties.id, reason: 'boundary out of patrol reach' } });
      }
    }
    const missTarget = (f: Feature<Geometry>, id: string, reason: string) => {
      reasons[id] = reason; gaps.push({ type: 'Feature', geometry: f.geometry, properties: { id, reason } });
    };
    let buildings = 0, pointTargets = 0;
    for (const b of twin.features.building) {
      if (b.properties.use !== 'residential' || compoundOf(b) === null) continue;
      buildings++;
      const polys = polygonsXY(twin, b.geometry);
      if (!pointsIndex.some(boxOf(polys), radiusM, (q) => distanceToPolygonM(q, polys) <= radiusM)) missTarget(b, b.properties.id, 'residential building out of patrol reach');
    }
    const targets = [
      ...twin.features.keyLocation.filter((k) => k.properties.type === 'parkingEntrance'),
      ...twin.features.facility.filter((f) => targetTypes.has(f.properties.type)),
    ];
    for (const t of targets) {
      pointTargets++;
      if (!within(featurePointXY(twin, t)!)) missTarget(t, t.properties.id, `${t.properties.type} out of patrol reach`);
    }
    const value = lengthM > 0 ? (100 * coveredM) / lengthM : null;
    const failingIds = Object.keys(reasons);
    const targetsMissed = failingIds.filter((id) => !polygonsById.has(id)).length;
    const counts = {
      compounds: compounds.length, patrolPoints: points.length, boundaryLengthM: Math.round(lengthM * 100) / 100,
      boundaryCoveredM: Math.round(coveredM * 100) / 100, residentialBuildings: buildings, otherTargets: pointTargets, targetsMissed,
    };
    const evidence = { counts, failingIds, reasons, gaps: gapsOf(gaps) };
    if (compounds.length === 0) return result('patrol', '%', ctx, null, evidence, { pass: false, reason: NO_COMPOUNDS_REASON, method });
    const boundaryOk = meets(value, ctx.threshold ?? 100);
    const why: string[] = [];
    if (points.length === 0) why.push('no patrol points in the twin');
    else {
      if (!boundaryOk) why.push(`${value!.toFixed(1)} % of compound boundaries within ${radiusM} m of a patrol point`);
      if (targetsMissed) why.push(`${targetsMissed} buildings/parking/plant targets out of reach`);
    }
    return result('patrol', '%', ctx, value, evidence, {
      pass: boundaryOk && targetsMissed === 0, method, ...(why.length ? { reason: why.join('; ') } : {}),
    });
  },
};
