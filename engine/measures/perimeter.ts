/**
 * perimeter — closed compounds have perimeter intrusion detection: at least one detection
 * device (a facility of a type in `perimeterTypes`, or an online, intact camera with purpose
 * `perimeter`) inside the compound or within `perimeterRadiusM` of its boundary.
 * value = % of closed compounds with detection; pass when all have it (or ≥ threshold).
 * The evidence also reports the boundary length within `perimeterRadiusM` of a device
 * (boundaryCoveredPct) and draws the uncovered stretches — a device's reach is a (choice).
 * Benchmark (`openCompoundImageCapture`): each residential building of a non-closed compound
 * has an online camera within `captureRadiusM` of its footprint.
 */
import type { Feature, Geometry } from 'geojson';
import {
  NO_COMPOUNDS_REASON, boundaryCoverage, compoundIndex, distanceToPolygonM, featurePointXY, isClosed, polygonsXY, typeList,
} from './compounds.ts';
import { gapsOf, meets, percent, result } from './result.ts';
import { boxOf, pointIndex } from '../geo/pointIndex.ts';
import type { Measure } from './types.ts';

const method = '% of closed compounds with a perimeter detection device on/near their boundary; boundary length within reach reported';

export const measure: Measure = {
  id: 'perimeter', unit: '%', method,
  defaults: {
    perimeterTypes: 'perimeterSensor', perimeterRadiusM: 50, sampleStepM: 2, unknownIsClosed: true,
    openCompoundImageCapture: false, captureRadiusM: 30,
  },
  run(twin, ctx) {
    const { compounds, polygonsById, compoundOf } = compoundIndex(twin);
    const radiusM = Number(ctx.params.perimeterRadiusM);
    const types = typeList(ctx.params.perimeterTypes);
    const working = (c: (typeof twin.features.camera)[number]) => c.properties.online !== false && c.properties.intact !== false;
    const devices = [
      ...twin.features.facility.filter((f) => types.has(f.properties.type)),
      ...twin.features.camera.filter((c) => c.properties.purpose === 'perimeter' && working(c)),
    ].map((f) => featurePointXY(twin, f)!);
    const closed = compounds.filter((c) => isClosed(c, ctx.params.unknownIsClosed === true));
    const gaps: Feature<Geometry, Record<string, unknown>>[] = [];
    const reasons: Record<string, string> = {};
    let lengthM = 0, coveredM = 0;
    for (const c of closed) {
      const polys = polygonsById.get(c.properties.id)!;
      const near = devices.filter((d) => distanceToPolygonM(d, polys) <= radiusM);
      const cover = boundaryCoverage(polys, near, radiusM, Number(ctx.params.sampleStepM));
      lengthM += cover.lengthM; coveredM += cover.coveredM;
      for (const line of cover.uncovered) {
        gaps.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: line.map((p) => twin.projection.inverse(p)) }, properties: { compoundId: c.properties.id, reason: 'boundary out of reach of detection' } });
      }
      if (near.length === 0) {
        reasons[c.properties.id] = 'closed compound without perimeter detection';
        gaps.push({ type: 'Feature', geometry: c.geometry, properties: { id: c.properties.id, reason: reasons[c.properties.id] } });
      }
    }
    const compoundsWith = closed.length - Object.keys(reasons).length;
    let captureBuildings = 0;
    if (ctx.params.openCompoundImageCapture === true) {
      const closedIds = new Set(closed.map((c) => c.properties.id));
      const cameras = pointIndex(twin.features.camera.filter(working).map((c) => featurePointXY(twin, c)!));
      const captureRadiusM = Number(ctx.params.captureRadiusM);
      for (const b of twin.features.building) {
        const cid = compoundOf(b);
        if (b.properties.use !== 'residential' || cid === null || closedIds.has(cid)) continue;
        captureBuildings++;
        const polys = polygonsXY(twin, b.geometry);
        if (!cameras.some(boxOf(polys), captureRadiusM, (p) => distanceToPolygonM(p, polys) <= captureRadiusM)) {
          reasons[b.properties.id] = 'residential building of a non-closed compound without image capture nearby';
          gaps.push({ type: 'Feature', geometry: b.geometry, properties: { id: b.properties.id, reason: reasons[b.properties.id] } });
        }
      }
    }
    const targets = closed.length + captureBuildings;
    const failing = Object.keys(reasons);
    const value = percent(targets - failing.length, targets);
    const counts = {
      compounds: compounds.length, closedCompounds: closed.length, closedCompoundsWithDetection: compoundsWith,
      detectionDevices: devices.length, boundaryLengthM: round(lengthM), boundaryCoveredM: round(coveredM),
      boundaryCoveredPct: lengthM > 0 ? round((100 * coveredM) / lengthM) : 0, captureBuildings,
    };
    const evidence = { counts, failingIds: failing, reasons, gaps: gapsOf(gaps) };
    if (compounds.length === 0) return result('perimeter', '%', ctx, null, evidence, { pass: false, reason: NO_COMPOUNDS_REASON, method });
    if (value === null) return result('perimeter', '%', ctx, null, evidence, { pass: true, reason: 'no closed compound: no perimeter to protect', method });
    const pass = meets(value, ctx.threshold ?? 100);
    return result('perimeter', '%', ctx, value, evidence, {
      pass, method, ...(pass ? {} : { reason: `${failing.length} of ${targets} closed compounds/buildings lack detection` }),
    });
  },
};

const round = (x: number) => Math.round(x * 100) / 100;
