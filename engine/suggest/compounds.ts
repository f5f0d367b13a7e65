/**
 * Per-compound suggestions: the missing facility of each failing compound, inside it near an
 * entrance (fire-ebike, fire-hazard, garbage, convenience, charging, perimeter), a gate at each
 * ungated entrance (access). Only as many compounds as the threshold needs, in table order.
 */
import type { Edit } from '../edit/types.ts';
import { compoundIndex, distanceToPolygonM, featurePointXY, typeList, type XY } from '../measures/compounds.ts';
import type { Twin } from '../twin/model.ts';
import { interiorPointNear, pointGeometry, proposedFeature, type Suggester } from './context.ts';

/** Where a new facility of the compound goes: inside, a few metres in from its first entrance (else from its centroid). */
export function placeInCompound(twin: Twin, compoundId: string): XY {
  const { polygonsById, compoundOf } = compoundIndex(twin);
  const polys = polygonsById.get(compoundId)!;
  const entrance = twin.features.keyLocation.find((k) => k.properties.type === 'compoundEntrance'
    && (k.properties.compoundId === compoundId || compoundOf(k) === compoundId || distanceToPolygonM(featurePointXY(twin, k)!, polys) <= 20));
  const target = entrance ? featurePointXY(twin, entrance)! : interiorPointNear(polys, polys[0][0][0]);
  return interiorPointNear(polys, target);
}

/** How many of the failing compounds need the facility for value ≥ threshold. */
function needed(check: { evidence: { counts: Record<string, number>; failingIds: string[] } }, total: number, have: number, threshold: number): number {
  const need = Math.ceil((threshold * total) / 100 - have - 1e-9);
  return Math.max(0, Math.min(check.evidence.failingIds.length, need));
}

export function compoundFacility(typesParam: string): Suggester {
  return ({ twin, check, ctx, newId }) => {
    const type = [...typeList(ctx.params[typesParam])][0];
    const counts = check.evidence.counts;
    const n = needed(check, counts.compounds ?? 0, counts.compoundsWith ?? 0, ctx.threshold ?? 100);
    return check.evidence.failingIds.slice(0, n).map((cid) =>
      proposedFeature('facility', newId(`proposed-${type}`), { type, compoundId: cid }, pointGeometry(twin, placeInCompound(twin, cid))));
  };
}

export const charging: Suggester = ({ twin, check, ctx, newId }) => {
  const counts = check.evidence.counts;
  const n = needed(check, counts.compoundsWithEbikes ?? 0, counts.compliantCompounds ?? 0, ctx.threshold ?? 100);
  const edits: Edit[] = check.evidence.failingIds.slice(0, n).map((cid) => proposedFeature('charger', newId('proposed-ebike-charger'),
    { type: 'ebike', autoPowerOff: true, timedCharging: true, faultAlarm: true, compoundId: cid }, pointGeometry(twin, placeInCompound(twin, cid))));
  const compounds = twin.features.compound;
  if (ctx.params.requireEv === true && (counts.evChargersOnPlatform ?? 0) === 0 && compounds.length) {
    const cid = compounds[0].properties.id;
    edits.push(proposedFeature('charger', newId('proposed-ev-charger'), { type: 'ev', provincialPlatform: true, compoundId: cid }, pointGeometry(twin, placeInCompound(twin, cid))));
  }
  return edits;
};

export const access: Suggester = ({ twin, check, ctx, newId }) => {
  const gateType = [...typeList(ctx.params.gateTypes)][0] ?? 'gate';
  const { polygonsById } = compoundIndex(twin);
  const edits: Edit[] = [];
  for (const id of check.evidence.failingIds) {
    const f = twin.byId.get(id);
    if (!f) continue;
    if (f.properties.kind === 'keyLocation') {
      edits.push(proposedFeature('facility', newId('proposed-gate'), { type: gateType }, pointGeometry(twin, featurePointXY(twin, f)!)));
    } else if (f.properties.kind === 'compound') {
      // a closed compound with no mapped entrance: an entrance on its boundary, with a gate
      const ring = polygonsById.get(id)![0][0];
      const at = ring[0];
      edits.push(proposedFeature('keyLocation', newId('proposed-entrance'), { type: 'compoundEntrance', compoundId: id }, pointGeometry(twin, at)));
      edits.push(proposedFeature('facility', newId('proposed-gate'), { type: gateType, compoundId: id }, pointGeometry(twin, interiorPointNear(polygonsById.get(id)!, at))));
    } else if (f.properties.kind === 'building') {
      edits.push({ op: 'update', id, props: { unitDoorAccess: true, proposed: true } });
    }
  }
  return edits;
};

export const perimeter: Suggester = ({ twin, check, ctx, newId }) => {
  const type = [...typeList(ctx.params.perimeterTypes)][0] ?? 'perimeterSensor';
  const edits: Edit[] = [];
  for (const id of check.evidence.failingIds) {
    const f = twin.byId.get(id);
    if (f?.properties.kind === 'compound') {
      edits.push(proposedFeature('facility', newId('proposed-perimeter'), { type, compoundId: id }, pointGeometry(twin, placeInCompound(twin, id))));
    } else if (f?.properties.kind === 'building') {
      const p = featurePointXY(twin, f)!;
      edits.push(proposedFeature('camera', newId('proposed-capture-camera'),
        { purpose: 'general', headingDeg: 0, hfovDeg: 90, rangeM: 30, online: true, intact: true, imageOut: true }, pointGeometry(twin, p)));
    }
  }
  return edits;
};
