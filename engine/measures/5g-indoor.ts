/**
 * `5g-indoor` — benchmark tier's deep-coverage rider of the 5G row: lifts and underground
 * garages are covered (domain.md §2). Read from the fiveG features' indoor flags.
 * Rule (`indoorCoverageRule`, a choice):
 * - 'any' (default): lifts count as covered when at least one fiveG feature has
 *   `liftCovered: true`, garages when at least one has `garageCovered: true`;
 * - 'all': every fiveG feature must carry both flags true.
 * value 1 (bool) when lifts and garages are both covered.
 */
import type { Measure, MeasureContext } from './types.ts';
import type { Twin } from '../twin/model.ts';
import { result } from './result.ts';

function run(twin: Twin, ctx: MeasureContext) {
  const params = { ...measure.defaults, ...ctx.params };
  const rule = String(params.indoorCoverageRule) === 'all' ? 'all' : 'any';
  const fiveG = twin.features.fiveG;
  const lift = fiveG.filter((f) => f.properties.liftCovered === true);
  const garage = fiveG.filter((f) => f.properties.garageCovered === true);
  const reasons: Record<string, string> = {};
  const failingIds: string[] = [];
  let liftOk: boolean, garageOk: boolean;
  if (rule === 'any') {
    liftOk = lift.length > 0;
    garageOk = garage.length > 0;
  } else {
    for (const f of fiveG) {
      const missing = [f.properties.liftCovered !== true && 'liftCovered', f.properties.garageCovered !== true && 'garageCovered'].filter(Boolean);
      if (missing.length) { failingIds.push(String(f.properties.id)); reasons[String(f.properties.id)] = `${missing.join(' and ')} not true`; }
    }
    liftOk = fiveG.length > 0 && fiveG.every((f) => f.properties.liftCovered === true);
    garageOk = fiveG.length > 0 && fiveG.every((f) => f.properties.garageCovered === true);
  }
  const pass = liftOk && garageOk;
  const reason = fiveG.length === 0 ? 'no 5G sites or measured coverage (fiveG features) in the twin'
    : pass ? undefined
      : `${[!liftOk && 'lifts', !garageOk && 'underground garages'].filter(Boolean).join(' and ')} not 5G-covered (rule: ${rule})`;
  return result('5g-indoor', 'bool', ctx, pass ? 1 : 0, {
    counts: { fiveG: fiveG.length, liftCovered: lift.length, garageCovered: garage.length },
    failingIds, reasons,
  }, { pass, method: measure.method, ...(reason ? { reason } : {}) });
}

export const measure: Measure = {
  id: '5g-indoor',
  unit: 'bool',
  defaults: { indoorCoverageRule: 'any' },
  method: 'lifts and underground garages 5G-covered: liftCovered / garageCovered true on at least one fiveG feature (indoorCoverageRule any) or on every one (all)',
  run,
};
