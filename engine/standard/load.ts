/**
 * Loading a standard (data/standards/*.json) — pure: takes the parsed JSON, returns a validated
 * `Standard` or throws an error naming the tier, row and field at fault.
 */
import type { CheckSpec, RowSpec, Standard, TierSpec } from './types.ts';

/** Check ids the engine computes from geodata (domain.md §2). Any other id must be `attested: true`. */
export const KNOWN_MEASURES = [
  'fibre', '5g', '5g-indoor', 'tv',
  'video-coverage', 'video-online', 'video-intact', 'video-imageout', 'video-compliance',
  'lighting', 'charging', 'energy', 'sports-walk', 'library', 'access', 'perimeter', 'throwing',
  'fire-ebike', 'fire-hazard', 'garbage', 'convenience', 'patrol', 'emergency', 'elderly',
] as const;
export type KnownMeasure = (typeof KNOWN_MEASURES)[number];

const KNOWN = new Set<string>(KNOWN_MEASURES);
const ID_RE = /^[a-z0-9][a-z0-9-]*$/;

export class StandardError extends Error {
  override name = 'StandardError';
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

function fail(where: string, msg: string): never {
  throw new StandardError(`${where}: ${msg}`);
}

function str(o: Obj, key: string, where: string, optional = false): string | undefined {
  const v = o[key];
  if (v === undefined && optional) return undefined;
  if (!nonEmpty(v)) fail(where, `"${key}" must be a non-empty string (got ${JSON.stringify(v)})`);
  return v;
}

function parseCheck(raw: unknown, where: string): CheckSpec {
  if (!isObj(raw)) fail(where, 'must be an object');
  const id = str(raw, 'id', where)!;
  if (!ID_RE.test(id)) fail(where, `id "${id}" must be lower-case letters, digits and "-"`);
  const out: CheckSpec = { id };
  if (raw.attested !== undefined) {
    if (typeof raw.attested !== 'boolean') fail(where, `"attested" must be a boolean`);
    if (raw.attested) out.attested = true;
  }
  if (out.attested) {
    out.what = str(raw, 'what', `${where} (attested "${id}")`);
    out.whatEn = str(raw, 'whatEn', `${where} (attested "${id}")`);
  } else {
    if (!KNOWN.has(id)) fail(where, `unknown measure "${id}" (not attested; known: ${KNOWN_MEASURES.join(', ')})`);
    if (raw.what !== undefined) out.what = str(raw, 'what', where);
    if (raw.whatEn !== undefined) out.whatEn = str(raw, 'whatEn', where);
  }
  if (raw.threshold !== undefined) {
    if (typeof raw.threshold !== 'number' || !Number.isFinite(raw.threshold)) fail(where, `"threshold" of "${id}" must be a finite number`);
    out.threshold = raw.threshold;
  }
  if (raw.params !== undefined) {
    if (!isObj(raw.params)) fail(where, `"params" of "${id}" must be an object`);
    const params: Record<string, number | string | boolean> = {};
    for (const [k, v] of Object.entries(raw.params)) {
      const ok = typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
      if (!ok) fail(where, `param "${k}" of "${id}" must be a number, string or boolean (got ${JSON.stringify(v)})`);
      params[k] = v as number | string | boolean;
    }
    out.params = params;
  }
  const known = new Set(['id', 'threshold', 'params', 'attested', 'what', 'whatEn']);
  for (const k of Object.keys(raw)) if (!known.has(k)) fail(where, `unknown field "${k}" in check "${id}"`);
  return out;
}

function parseRow(raw: unknown, where: string, expected: number): RowSpec {
  if (!isObj(raw)) fail(where, 'must be an object');
  if (!Number.isInteger(raw.row)) fail(where, `"row" must be an integer (got ${JSON.stringify(raw.row)})`);
  const n = raw.row as number;
  const label = `${where.replace(/rows\[\d+\]$/, '')}row ${n}${nonEmpty(raw.name) ? ` (${raw.name})` : ''}`;
  if (n !== expected) fail(label, `rows must be numbered 1..n in order: expected row ${expected}, got ${n}`);
  const row: RowSpec = {
    row: n,
    category: str(raw, 'category', label)!,
    name: str(raw, 'name', label)!,
    nameEn: str(raw, 'nameEn', label)!,
    requirement: str(raw, 'requirement', label)!,
    requirementEn: str(raw, 'requirementEn', label)!,
    checks: [],
  };
  const categoryEn = str(raw, 'categoryEn', label, true);
  if (categoryEn !== undefined) row.categoryEn = categoryEn;
  if (raw.requirement !== (raw.requirement as string).trim()) fail(label, '"requirement" must not have leading or trailing whitespace');
  if (!Array.isArray(raw.checks) || raw.checks.length === 0) fail(label, '"checks" must be a non-empty array');
  const seen = new Set<string>();
  raw.checks.forEach((c, i) => {
    const check = parseCheck(c, `${label}, checks[${i}]`);
    if (seen.has(check.id)) fail(`${label}, checks[${i}]`, `duplicate check id "${check.id}" in the row`);
    seen.add(check.id);
    row.checks.push(check);
  });
  return row;
}

function parseTier(raw: unknown, where: string): TierSpec {
  if (!isObj(raw)) fail(where, 'must be an object');
  const id = str(raw, 'id', where)!;
  const w = `${where.replace(/tiers\[\d+\]$/, '')}tier "${id}"`;
  const tier: TierSpec = { id, name: str(raw, 'name', w)!, nameEn: str(raw, 'nameEn', w)!, rows: [] };
  if (!Array.isArray(raw.rows) || raw.rows.length === 0) fail(w, '"rows" must be a non-empty array');
  raw.rows.forEach((r, i) => tier.rows.push(parseRow(r, `${w}, rows[${i}]`, i + 1)));
  if (raw.grading !== undefined) {
    if (!Array.isArray(raw.grading) || raw.grading.length === 0) fail(w, '"grading" must be a non-empty array');
    let prev = -1;
    tier.grading = raw.grading.map((g, i) => {
      const gw = `${w}, grading[${i}]`;
      if (!isObj(g)) fail(gw, 'must be an object');
      if (!(typeof g.level === 'number' || nonEmpty(g.level))) fail(gw, '"level" must be a number or non-empty string');
      if (!Number.isInteger(g.minMet) || (g.minMet as number) < 0 || (g.minMet as number) > tier.rows.length) {
        fail(gw, `"minMet" must be an integer in 0..${tier.rows.length}`);
      }
      if ((g.minMet as number) <= prev) fail(gw, '"minMet" must increase from one level to the next');
      prev = g.minMet as number;
      const out: NonNullable<TierSpec['grading']>[number] = { level: g.level as string | number, minMet: g.minMet as number };
      const cond = str(g, 'condition', gw, true);
      const condEn = str(g, 'conditionEn', gw, true);
      if (cond !== undefined) out.condition = cond;
      if (condEn !== undefined) out.conditionEn = condEn;
      return out;
    });
  }
  return tier;
}

/** Validate a parsed standard JSON; throws a StandardError naming the tier/row/check at fault. */
export function parseStandard(json: unknown): Standard {
  if (!isObj(json)) fail('standard', 'must be a JSON object');
  const id = str(json, 'id', 'standard')!;
  const w = `standard "${id}"`;
  const std: Standard = { id, name: str(json, 'name', w)!, nameEn: str(json, 'nameEn', w)!, source: str(json, 'source', w)!, tiers: [] };
  if (!Array.isArray(json.tiers) || json.tiers.length === 0) fail(w, '"tiers" must be a non-empty array');
  const ids = new Set<string>();
  json.tiers.forEach((t, i) => {
    const tier = parseTier(t, `${w}, tiers[${i}]`);
    if (ids.has(tier.id)) fail(w, `duplicate tier id "${tier.id}"`);
    ids.add(tier.id);
    std.tiers.push(tier);
  });
  return std;
}

/** The tier with that id; throws listing the available tiers if there is none. */
export function tierOf(standard: Standard, tierId: string): TierSpec {
  const tier = standard.tiers.find((t) => t.id === tierId);
  if (!tier) {
    throw new StandardError(`standard "${standard.id}" has no tier "${tierId}" (tiers: ${standard.tiers.map((t) => t.id).join(', ')})`);
  }
  return tier;
}
