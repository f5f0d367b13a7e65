/**
 * access — every entrance of a closed compound has a smart gate: a facility whose type is in
 * `gateTypes` within `gateDistanceM` of the entrance (keyLocation type compoundEntrance).
 * An entrance belongs to its `compoundId`, else to the compound containing it, else to the
 * nearest compound boundary within `entranceSnapM` (entrances usually sit on the fence line).
 * A closed compound with no mapped entrance fails (its gates cannot be verified).
 * Benchmark (`includeOpenCompoundUnitDoors`): every residential building of a non-closed compound has
 * unit-door access control: `unitDoorAccess: true` on the building or a facility of a type in
 * `unitDoorTypes` within `gateDistanceM` of its footprint.
 * value = % of entrances (and, when required, unit-door buildings) equipped.
 */
import type { Feature, Geometry } from 'geojson';
import { NO_COMPOUNDS_REASON, compoundIndex, distanceToPolygonM, featurePointXY, isClosed, polygonsXY, typeList, type XY } from './compounds.ts';
import { gapsOf, meets, percent, result } from './result.ts';
import type { Measure } from './types.ts';
import type { Twin } from '../twin/model.ts';
import type { TwinFeature } from '../twin/types.ts';

const method = '% of closed-compound entrances with a gate facility within gateDistanceM (benchmark: + unit doors of residential buildings in non-closed compounds)';

function entranceCompound(twin: Twin, e: TwinFeature<'keyLocation'>, snapM: number): string | null {
  const { compoundOf, polygonsById } = compoundIndex(twin);
  const inside = compoundOf(e);
  if (inside) return inside;
  const p = featurePointXY(twin, e);
  if (!p) return null;
  let best: string | null = null, bestD = snapM;
  for (const [id, polys] of polygonsById) {
    const d = distanceToPolygonM(p, polys);
    if (d <= bestD) { best = id; bestD = d; }
  }
  return best;
}

const nearest = (p: XY, points: XY[]) => points.reduce((m, q) => Math.min(m, Math.hypot(q[0] - p[0], q[1] - p[1])), Infinity);

export const measure: Measure = {
  id: 'access', unit: '%', method,
  defaults: { gateTypes: 'gate', gateDistanceM: 15, entranceSnapM: 20, includeOpenCompoundUnitDoors: false, unitDoorTypes: 'unitDoorAccess', unknownIsClosed: true },
  run(twin, ctx) {
    const { compounds } = compoundIndex(twin);
    const maxM = Number(ctx.params.gateDistanceM);
    const gateTypes = typeList(ctx.params.gateTypes), doorTypes = typeList(ctx.params.unitDoorTypes);
    const gates = twin.features.facility.filter((f) => gateTypes.has(f.properties.type)).map((f) => featurePointXY(twin, f)!);
    const doors = twin.features.facility.filter((f) => doorTypes.has(f.properties.type)).map((f) => featurePointXY(twin, f)!);
    const closed = new Set(compounds.filter((c) => isClosed(c, ctx.params.unknownIsClosed === true)).map((c) => c.properties.id));
    const entrances = twin.features.keyLocation.filter((k) => k.properties.type === 'compoundEntrance')
      .filter((e) => closed.has(entranceCompound(twin, e, Number(ctx.params.entranceSnapM)) ?? ''));
    const failing: Feature<Geometry, Record<string, unknown>>[] = [];
    const reasons: Record<string, string> = {};
    const fail = (f: Feature<Geometry>, id: string, reason: string) => {
      reasons[id] = reason; failing.push({ type: 'Feature', geometry: f.geometry, properties: { id, reason } });
    };
    for (const e of entrances) {
      const d = nearest(featurePointXY(twin, e)!, gates);
      if (!(d <= maxM)) fail(e, e.properties.id, gates.length ? `nearest gate ${d.toFixed(1)} m away (> ${maxM} m)` : 'no gate facility in the twin');
    }
    const withEntrance = new Set(entrances.map((e) => entranceCompound(twin, e, Number(ctx.params.entranceSnapM))));
    const closedWithout = compounds.filter((c) => closed.has(c.properties.id) && !withEntrance.has(c.properties.id));
    for (const c of closedWithout) fail(c, c.properties.id, 'closed compound with no mapped entrance');
    let doorBuildings = 0;
    if (ctx.params.includeOpenCompoundUnitDoors === true) {
      const { compoundOf } = compoundIndex(twin);
      for (const b of twin.features.building) {
        const cid = compoundOf(b);
        if (b.properties.use !== 'residential' || cid === null || closed.has(cid)) continue;
        doorBuildings++;
        const polys = polygonsXY(twin, b.geometry);
        const ok = b.properties.unitDoorAccess === true || doors.some((p) => distanceToPolygonM(p, polys) <= maxM);
        if (!ok) fail(b, b.properties.id, 'residential building of a non-closed compound without unit-door access control');
      }
    }
    const targets = entrances.length + closedWithout.length + doorBuildings;
    const value = percent(targets - failing.length, targets);
    const counts = {
      compounds: compounds.length, closedCompounds: closed.size, entrances: entrances.length,
      entrancesWithGate: entrances.filter((e) => !(e.properties.id in reasons)).length,
      closedWithoutEntrance: closedWithout.length, gates: gates.length, unitDoorBuildings: doorBuildings,
    };
    const evidence = { counts, failingIds: Object.keys(reasons), reasons, gaps: gapsOf(failing) };
    if (compounds.length === 0) return result('access', '%', ctx, null, evidence, { pass: false, reason: NO_COMPOUNDS_REASON, method });
    if (value === null) return result('access', '%', ctx, null, evidence, { pass: true, reason: 'no closed compound (and no unit doors required): nothing to equip', method });
    const pass = meets(value, ctx.threshold ?? 100);
    return result('access', '%', ctx, value, evidence, {
      pass, method, ...(pass ? {} : { reason: `${failing.length} of ${targets} entrances/buildings lack access control` }),
    });
  },
};
