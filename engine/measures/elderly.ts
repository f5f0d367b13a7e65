/**
 * elderly — smart elderly care, from community attributes and mapped service facilities.
 * - Services: the distinct names in the community's `elderlyServices` (string array, e.g.
 *   meal, bath, cleaning, medical, mobility, emergency, recreation) and the `service` of each
 *   facility of a type in `elderlyServiceTypes`. When the share of residents aged ≥ 60
 *   (`agedShare` 0–1, else `agedPopulation` ÷ `population`) is over `minElderlySharePct`, at least
 *   `minServices` are needed (the standard's threshold, when it gives one, wins). An unknown
 *   share fails unless the services are there anyway.
 * - `requireAloneAlarm` (growth): every aged resident living alone (`agedAlone`) has an
 *   emergency call device (`agedAloneWithAlarm`).
 * - `requireSmartDevices` (benchmark): every one has a smart care product (`agedAloneWithSmartDevice`).
 * value = number of distinct services (unit count).
 */
import { typeList } from './compounds.ts';
import { result } from './result.ts';
import type { Measure } from './types.ts';

const method = 'aged share > 30 % → ≥ N distinct elderly services; growth: alarms for all aged living alone; benchmark: smart devices for them';

export const measure: Measure = {
  id: 'elderly', unit: 'count', method,
  defaults: { minElderlySharePct: 30, minServices: 2, requireAloneAlarm: false, requireSmartDevices: false, elderlyServiceTypes: 'elderlyService' },
  run(twin, ctx) {
    const c = twin.community.properties;
    const services = new Set<string>();
    if (Array.isArray(c.elderlyServices)) for (const s of c.elderlyServices) if (typeof s === 'string' && s.trim()) services.add(s.trim());
    const types = typeList(ctx.params.elderlyServiceTypes);
    const facilities = twin.features.facility.filter((f) => types.has(f.properties.type));
    for (const f of facilities) services.add(typeof f.properties.service === 'string' ? f.properties.service : f.properties.type);
    const sharePct = typeof c.agedShare === 'number' ? 100 * c.agedShare
      : typeof c.agedPopulation === 'number' && typeof c.population === 'number' && c.population > 0 ? (100 * c.agedPopulation) / c.population : null;
    const minServices = ctx.threshold ?? Number(ctx.params.minServices);
    const trigger = Number(ctx.params.minElderlySharePct);
    const why: string[] = [];
    if (services.size < minServices) {
      if (sharePct === null) why.push(`aged share unknown and only ${services.size} of ${minServices} services`);
      else if (sharePct > trigger) why.push(`aged share ${sharePct.toFixed(1)} % > ${trigger} %: needs ${minServices} services, found ${services.size}`);
    }
    const num = (v: unknown) => (typeof v === 'number' ? v : null);
    const alone = num(c.agedAlone);
    const aloneCheck = (param: string, attr: string, what: string) => {
      if (ctx.params[param] !== true) return;
      const equipped = num(c[attr]);
      if (alone === null) why.push(`agedAlone unknown: cannot verify ${what}`);
      else if (alone > 0 && (equipped === null || equipped < alone)) why.push(`${equipped ?? 0} of ${alone} aged living alone have ${what}`);
    };
    aloneCheck('requireAloneAlarm', 'agedAloneWithAlarm', 'an emergency call device');
    aloneCheck('requireSmartDevices', 'agedAloneWithSmartDevice', 'a smart care device');
    const counts: Record<string, number> = { services: services.size, minServices, serviceFacilities: facilities.length };
    if (sharePct !== null) counts.agedSharePct = Math.round(sharePct * 100) / 100;
    for (const k of ['agedAlone', 'agedAloneWithAlarm', 'agedAloneWithSmartDevice'] as const) { const v = num(c[k]); if (v !== null) counts[k] = v; }
    const pass = why.length === 0;
    return result('elderly', 'count', ctx, services.size, { counts, services: [...services].sort(), failingIds: pass ? [] : [c.id] },
      { pass, method, ...(pass ? {} : { reason: why.join('; ') }) });
  },
};
