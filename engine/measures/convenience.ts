/**
 * convenience — every compound has at least one smart convenience facility (parcel locker,
 * vending machine, drinking-water dispenser, …): a facility of a type in `convenienceTypes`.
 * value = % of compounds with one; pass at 100 % unless the standard gives a threshold.
 */
import { compoundFacilityShare } from './compounds.ts';
import type { Measure } from './types.ts';

export const measure: Measure = compoundFacilityShare({
  id: 'convenience',
  method: '% of compounds holding a smart convenience facility',
  defaults: { convenienceTypes: 'convenience,locker,parcelLocker,vending,water' },
  typesParam: 'convenienceTypes',
  lacking: 'no smart convenience facility',
});
