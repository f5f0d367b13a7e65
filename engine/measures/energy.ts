/** energy — households with a smart energy meter ÷ households, in % (same rules as fibre.ts). */
import { householdShareMeasure } from './fibre.ts';
import type { Measure } from './types.ts';

export const measure: Measure = householdShareMeasure('energy', 'energyMeters', 'an energy meter');
