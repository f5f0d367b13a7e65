/** fire-ebike — % of compounds with e-bike-into-lift detection (a facility of a type in `ebikeDetectionTypes`). */
import { compoundFacilityShare } from './compounds.ts';
import type { Measure } from './types.ts';

export const measure: Measure = compoundFacilityShare({
  id: 'fire-ebike',
  method: '% of compounds holding an e-bike-into-lift detection facility',
  defaults: { ebikeDetectionTypes: 'elevatorEbikeDetection' },
  typesParam: 'ebikeDetectionTypes',
  lacking: 'no e-bike-into-lift detection',
});
