/**
 * charging — every compound with e-bikes has an e-bike charger inside it with the required
 * safety functions (auto power-off; growth+: timed charging and fault alarm too); benchmark:
 * the community has an EV charger connected to the provincial platform.
 * value = % of e-bike compounds with a compliant charger; pass when all have one (or value ≥
 * the standard's threshold when it gives one) and, with `requireEv`, the EV charger exists.
 * A compound whose `hasEbikes` is missing counts as having e-bikes when
 * `unknownHasEbikes` is true (the default: a missing survey must not pass by silence).
 */
import { NO_COMPOUNDS_REASON, compoundIndex, groupByCompound } from './compounds.ts';
import { gapsOf, meets, percent, result } from './result.ts';
import type { Measure } from './types.ts';
import type { TwinFeature } from '../twin/types.ts';

const method = '% of compounds with e-bikes holding an e-bike charger with the required functions; benchmark: an EV charger on the provincial platform';
const FUNCTIONS = [
  ['requireAutoPowerOff', 'autoPowerOff'], ['requireTimedCharging', 'timedCharging'], ['requireFaultAlarm', 'faultAlarm'],
] as const;

export const measure: Measure = {
  id: 'charging', unit: '%', method,
  defaults: { requireAutoPowerOff: true, requireTimedCharging: false, requireFaultAlarm: false, requireEv: false, unknownHasEbikes: true },
  run(twin, ctx) {
    const { compounds } = compoundIndex(twin);
    const required = FUNCTIONS.filter(([param]) => ctx.params[param] === true).map(([, attr]) => attr);
    const compliant = (c: TwinFeature<'charger'>) => required.every((attr) => c.properties[attr] === true);
    const ebikeChargers = twin.features.charger.filter((c) => c.properties.type === 'ebike');
    const byCompound = groupByCompound(twin, ebikeChargers);
    const ev = twin.features.charger.filter((c) => c.properties.type === 'ev');
    const evOnPlatform = ev.filter((c) => c.properties.provincialPlatform === true);
    const needEv = ctx.params.requireEv === true;
    const withEbikes = compounds.filter((c) => c.properties.hasEbikes ?? ctx.params.unknownHasEbikes === true);
    const reasons: Record<string, string> = {};
    const failing = withEbikes.filter((c) => {
      const here = byCompound.get(c.properties.id) ?? [];
      if (here.length === 0) reasons[c.properties.id] = 'no e-bike charger inside';
      else if (!here.some(compliant)) reasons[c.properties.id] = `no e-bike charger with ${required.join(' + ')}`;
      return c.properties.id in reasons;
    });
    const counts = {
      compounds: compounds.length, compoundsWithEbikes: withEbikes.length, compliantCompounds: withEbikes.length - failing.length,
      ebikeChargers: ebikeChargers.length, ebikeChargersCompliant: ebikeChargers.filter(compliant).length,
      evChargers: ev.length, evChargersOnPlatform: evOnPlatform.length,
    };
    const evidence = {
      counts, failingIds: failing.map((c) => c.properties.id), reasons,
      gaps: gapsOf(failing.map((c) => ({ type: 'Feature' as const, geometry: c.geometry, properties: { id: c.properties.id, reason: reasons[c.properties.id] } }))),
    };
    const evReason = needEv && evOnPlatform.length === 0 ? `no EV charger on the provincial platform (${ev.length} EV chargers)` : null;
    if (compounds.length === 0) {
      return result('charging', '%', ctx, null, evidence, { pass: false, reason: NO_COMPOUNDS_REASON, method });
    }
    const value = percent(withEbikes.length - failing.length, withEbikes.length);
    const compoundsOk = value === null || meets(value, ctx.threshold ?? 100);
    const why: string[] = [];
    if (value === null) why.push('no compound has e-bikes: nothing to equip');
    if (!compoundsOk) why.push(`${failing.length} of ${withEbikes.length} compounds with e-bikes lack a compliant e-bike charger`);
    if (evReason) why.push(evReason);
    return result('charging', '%', ctx, value, evidence, {
      pass: compoundsOk && !evReason, method, ...(why.length ? { reason: why.join('; ') } : {}),
    });
  },
};
