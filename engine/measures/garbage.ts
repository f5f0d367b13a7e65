/**
 * garbage — % of compounds with garbage-sorting monitoring or smart sorting: a facility of a
 * type in `garbageTypes`, or (when `smartGarbagePointCounts`) a `garbagePoint` with smart = true.
 * A plain garbagePoint does not count.
 */
import { compoundFacilityShare } from './compounds.ts';
import type { Measure } from './types.ts';

export const measure: Measure = compoundFacilityShare({
  id: 'garbage',
  method: '% of compounds holding a garbage-sorting monitor or a smart sorting point',
  defaults: { garbageTypes: 'garbageMonitor,smartGarbagePoint', smartGarbagePointCounts: true },
  typesParam: 'garbageTypes',
  accepts: (f, params) => params.smartGarbagePointCounts === true && f.properties.type === 'garbagePoint' && f.properties.smart === true,
  lacking: 'no garbage-sorting monitoring or smart sorting',
});
