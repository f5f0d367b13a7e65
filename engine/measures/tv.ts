/** tv — TV/IPTV-capable households ÷ households, in % (same rules as fibre.ts). */
import { householdShareMeasure } from './fibre.ts';
import type { Measure } from './types.ts';

export const measure: Measure = householdShareMeasure('tv', 'tvHouseholds', 'TV/IPTV');
