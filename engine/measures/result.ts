/** Small helpers shared by measures to build CheckResults consistently. */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { CheckResult, Evidence, Unit } from '../report/types.ts';
import type { MeasureContext } from './types.ts';

export const emptyGaps = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

export function gapsOf(features: Feature<Geometry, Record<string, unknown>>[]): FeatureCollection {
  return { type: 'FeatureCollection', features };
}

/** value ≥ threshold, with a small epsilon so 89.99999999 from floating area maths is not a fail of 90 */
export function meets(value: number | null, threshold: number | undefined): boolean {
  if (threshold === undefined) return true;
  if (value === null) return false;
  return value >= threshold - 1e-9;
}

export function percent(part: number, whole: number): number | null {
  return whole > 0 ? (100 * part) / whole : null;
}

export function result(
  id: string, unit: Unit, ctx: MeasureContext, value: number | null,
  evidence: Partial<Evidence> & { counts: Record<string, number> },
  opts: { pass?: boolean; reason?: string; method?: string } = {},
): CheckResult {
  const full: Evidence = { failingIds: [], gaps: emptyGaps(), ...evidence };
  const pass = opts.pass ?? meets(value, ctx.threshold);
  return {
    id, value, unit, threshold: ctx.threshold ?? null, pass,
    ...(opts.reason ? { reason: opts.reason } : {}),
    ...(opts.method ? { method: opts.method } : {}),
    evidence: full,
  };
}
