/**
 * fire-hazard — % of compounds with automatic fire-hazard detection: at least one facility of
 * a type in `fireHazardTypes` (blocked fire lane, hydrant fault, open fire door, electrical
 * fault monitors, or a generic fireDetection). The accepted list is a (choice) parameter.
 */
import { compoundFacilityShare } from './compounds.ts';
import type { Measure } from './types.ts';

export const measure: Measure = compoundFacilityShare({
  id: 'fire-hazard',
  method: '% of compounds holding an automatic fire-hazard detection facility',
  defaults: { fireHazardTypes: 'fireDetection,fireLaneMonitor,hydrantMonitor,fireDoorMonitor,electricalMonitor' },
  typesParam: 'fireHazardTypes',
  lacking: 'no automatic fire-hazard detection',
});
