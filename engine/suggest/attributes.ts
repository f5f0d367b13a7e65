/**
 * Attribute suggestions: household shares (fibre, tv, energy) and smart lighting are closed by
 * updating existing features (flagged `proposed: true`), largest shortfall first, until the share
 * reaches the threshold.
 */
import type { Edit } from '../edit/types.ts';
import { areaCentroidXY, polygonsXY } from '../measures/compounds.ts';
import { pointGeometry, proposedFeature, type Suggester } from './context.ts';

export function householdShare(attribute: 'fibreHouseholds' | 'tvHouseholds' | 'energyMeters'): Suggester {
  return ({ twin, check, ctx }) => {
    const threshold = ctx.threshold ?? 100;
    const denominator = check.evidence.counts.households ?? 0;
    let served = check.evidence.counts[attribute] ?? 0;
    const short = twin.features.building
      .map((b) => {
        const h = typeof b.properties.households === 'number' && b.properties.households > 0 ? b.properties.households : 0;
        const raw = b.properties[attribute];
        const n = typeof raw === 'number' ? Math.max(0, Math.min(raw, h)) : 0;
        return { id: b.properties.id, h, n };
      })
      .filter((b) => b.n < b.h)
      .sort((a, b) => (b.h - b.n) - (a.h - a.n));
    const edits: Edit[] = [];
    for (const b of short) {
      if (denominator > 0 && (100 * served) / denominator >= threshold - 1e-9) break;
      edits.push({ op: 'update', id: b.id, props: { [attribute]: b.h, proposed: true } });
      served += b.h - b.n;
    }
    return edits;
  };
}

export const lighting: Suggester = ({ twin, check, ctx, newId }) => {
  const threshold = ctx.threshold ?? 100;
  const lights = twin.features.light;
  let smart = lights.length - lights.filter((l) => l.properties.smart !== true).length;
  const edits: Edit[] = [];
  for (const l of lights) {
    if (lights.length > 0 && (100 * smart) / lights.length >= threshold - 1e-9) break;
    if (l.properties.smart === true) continue;
    edits.push({ op: 'update', id: l.properties.id, props: { smart: true, proposed: true } });
    smart++;
  }
  const minFunctions = Number(ctx.params.smartPoleMinFunctions);
  if (ctx.params.requireSmartPoles === true && (check.evidence.counts.smartPolesWithMinFunctions ?? 0) === 0) {
    const functions = ['lighting', 'video', 'environment', 'emergencyHelp', '5G'].slice(0, Math.max(3, minFunctions));
    const pole = twin.features.smartPole[0];
    if (pole) edits.push({ op: 'update', id: pole.properties.id, props: { functions: [...new Set([...(pole.properties.functions ?? []), ...functions])], proposed: true } });
    else edits.push(proposedFeature('smartPole', newId('proposed-pole'), { functions }, pointGeometry(twin, areaCentroidXY(polygonsXY(twin, twin.community.geometry)))));
  }
  return edits;
};
