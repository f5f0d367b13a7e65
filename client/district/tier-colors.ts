/** One colour per tier achieved, for the district map and table. */
import type { Rgba } from '../layers/types.ts';

export const TIER_COLORS: Record<string, Rgba> = {
  none: [214, 69, 65, 190],
  basic: [240, 173, 40, 200],
  growth: [62, 132, 214, 200],
  benchmark: [46, 168, 96, 210],
};

export const tierColor = (tier: string | null): Rgba => TIER_COLORS[tier ?? 'none'] ?? TIER_COLORS.none;
export const tierCss = (tier: string | null) => { const [r, g, b] = tierColor(tier); return `rgb(${r},${g},${b})`; };
