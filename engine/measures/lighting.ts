/**
 * lighting — smart lights ÷ public lights, in %. Every `light` feature is a public light;
 * it is smart when `smart` is true. With `requireSmartPoles` (benchmark) the community also
 * needs at least one smart pole carrying ≥ `smartPoleMinFunctions` functions.
 * No lights at all: value null, fail ("no public lights in the twin").
 */
import { gapsOf, percent, result } from './result.ts';
import type { Measure } from './types.ts';

const method = '100 × lights with smart = true ÷ all lights; benchmark: + a smart pole with ≥ N functions';

export const measure: Measure = {
  id: 'lighting', unit: '%', method,
  defaults: { requireSmartPoles: false, smartPoleMinFunctions: 3 },
  run(twin, ctx) {
    const lights = twin.features.light;
    const plain = lights.filter((l) => l.properties.smart !== true);
    const minFunctions = Number(ctx.params.smartPoleMinFunctions);
    const poles = twin.features.smartPole;
    const fullPoles = poles.filter((p) => new Set(p.properties.functions ?? []).size >= minFunctions);
    const value = percent(lights.length - plain.length, lights.length);
    const needPoles = ctx.params.requireSmartPoles === true;
    const evidence = {
      counts: { lights: lights.length, smartLights: lights.length - plain.length, smartPoles: poles.length, smartPolesWithMinFunctions: fullPoles.length },
      failingIds: plain.map((l) => l.properties.id),
      gaps: gapsOf(plain.map((l) => ({ type: 'Feature' as const, geometry: l.geometry, properties: { id: l.properties.id, reason: 'not smart' } }))),
    };
    if (value === null) return result('lighting', '%', ctx, null, evidence, { pass: false, reason: 'no public lights in the twin', method });
    const r = result('lighting', '%', ctx, value, evidence, { method });
    const reasons: string[] = [];
    if (!r.pass) reasons.push(`${plain.length} of ${lights.length} lights are not smart (${value.toFixed(1)} % < ${ctx.threshold} %)`);
    if (needPoles && fullPoles.length === 0) {
      reasons.push(`no smart pole with ≥ ${minFunctions} functions (${poles.length} smart poles)`);
      r.pass = false;
    }
    if (reasons.length) r.reason = reasons.join('; ');
    return r;
  },
};
