/**
 * fibre — gigabit-fibre households ÷ households (domain.md §2), in %.
 *
 * Numerator: Σ over buildings of `fibreHouseholds`, each capped at that building's
 * `households` (a building cannot have more connected than existing households).
 * Denominator (param `householdsFrom`): `buildings` (default) = Σ building `households`,
 * so numerator and denominator cover the same buildings; `community` = the community's
 * `households` attribute. Both sums are reported in the evidence either way.
 * A building with households but no attribute counts as 0 connected and is listed.
 *
 * @example evaluate(twin, shandong, 'growth') // row with check `fibre`: value 83.4, threshold 80
 */
import type { BuildingProps } from '../twin/types.ts';
import { gapsOf, percent, result } from './result.ts';
import type { Measure } from './types.ts';

type HouseholdAttribute = 'fibreHouseholds' | 'tvHouseholds' | 'energyMeters';

export function householdShareMeasure(id: string, attribute: HouseholdAttribute, what: string): Measure {
  const method = `100 × Σ building ${attribute} (capped at each building's households) ÷ Σ households`;
  return {
    id, unit: '%', method,
    defaults: { householdsFrom: 'buildings' },
    run(twin, ctx) {
      let households = 0, served = 0, capped = 0, missing = 0;
      const short: typeof twin.features.building = [];
      for (const b of twin.features.building) {
        const p: BuildingProps = b.properties;
        const h = typeof p.households === 'number' && p.households > 0 ? p.households : 0;
        if (h === 0) continue;
        households += h;
        const raw = p[attribute];
        if (typeof raw !== 'number') missing++;
        const n = typeof raw === 'number' ? Math.max(0, raw) : 0;
        if (n > h) capped++;
        served += Math.min(n, h);
        if (n < h) short.push(b);
      }
      const communityHouseholds = twin.community.properties.households;
      const fromCommunity = ctx.params.householdsFrom === 'community';
      const denominator = fromCommunity ? (communityHouseholds ?? 0) : households;
      const value = percent(served, denominator);
      const counts: Record<string, number> = {
        households: denominator, [attribute]: served, buildingHouseholds: households,
        buildingsShort: short.length, buildingsWithoutAttribute: missing, buildingsCapped: capped,
      };
      if (typeof communityHouseholds === 'number') counts.communityHouseholds = communityHouseholds;
      const evidence = {
        counts,
        failingIds: short.map((b) => b.properties.id),
        gaps: gapsOf(short.map((b) => ({
          type: 'Feature' as const, geometry: b.geometry,
          properties: { id: b.properties.id, households: b.properties.households ?? 0, [attribute]: b.properties[attribute] ?? null },
        }))),
      };
      if (value === null) {
        const reason = fromCommunity
          ? 'the community has no households attribute (householdsFrom=community)'
          : 'no building has households: the share cannot be computed';
        return result(id, '%', ctx, null, evidence, { pass: false, reason, method });
      }
      const r = result(id, '%', ctx, value, evidence, { method });
      if (!r.pass) {
        r.reason = `${served} of ${denominator} households have ${what} (${value.toFixed(1)} % < ${ctx.threshold} %)`;
      }
      return r;
    },
  };
}

export const measure: Measure = householdShareMeasure('fibre', 'fibreHouseholds', 'gigabit fibre');
