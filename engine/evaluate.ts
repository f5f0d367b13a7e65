/**
 * evaluate — one community against one tier of a standard → the Report of domain.md §5.
 * Pure: no I/O, no clock (pass `now` for `generatedAt`); runs in Node and in a browser worker.
 *
 * - One report row per standard row, in table order; one check per CheckSpec.
 * - Computed checks run their measure with params = measure defaults ⊕ the standard's check
 *   params ⊕ user params (user wins). A user param is `name` (every check that has it) or
 *   `checkId.name` (that check only); a name no measure or check knows is an error.
 * - Attested checks: pass null until the twin holds an attestation for that check id; the
 *   latest (by `at`, then `version`, then file order) decides, and is shown in the evidence.
 * - A measure that throws becomes a failing check with reason "error: …".
 * - Row pass: false if any check fails, else null if any is null, else true.
 * - summary partitions the rows: `passed` (passing, all checks computed), `attested` (passing,
 *   resting on at least one attestation), `failed`, `missing` (pass null) — they add up to rows.
 * - grade (tiers with `grading`): the highest level whose minMet ≤ rows met (passed + attested);
 *   a level with a `condition` also needs a passing attestation with checkId `grade-<level>`.
 *   No level reached → grade null.
 *
 * @example
 * const report = evaluate(twinFile, parseStandard(json), 'growth', { params: { emergencyRadiusM: 200 } });
 */
import { polygonAreaM2 } from './geo/area.ts';
import { measures as registry } from './measures/index.ts';
import { emptyGaps } from './measures/result.ts';
import type { Measure, ParamValue, Params } from './measures/types.ts';
import type { CheckResult, Report, ReportRow, RowKind } from './report/types.ts';
import type { CheckSpec, Standard } from './standard/types.ts';
import { canonicalSha256 } from './twin/canonical.ts';
import { buildTwin, type Twin } from './twin/model.ts';
import type { Attestation, TwinFile } from './twin/types.ts';
import { ENGINE_VERSION } from './version.ts';

/**
 * Resolves once the WASM polygon clipper is loaded. `evaluate` itself is synchronous: the
 * clipper loads with a top-level await when this module is imported, so awaiting `ready()`
 * is only needed to surface a load failure early or to time it.
 */
export { initEngine as ready } from './geo/clip.ts';

export interface EvaluateOptions {
  params?: Record<string, ParamValue>;
  measures?: Record<string, Measure>;
  /** ISO time stamped as `generatedAt` (omitted when absent, so reports are reproducible) */
  now?: string;
}

export class EvaluateError extends Error {
  override name = 'EvaluateError';
}

export function evaluate(twinFile: TwinFile, standard: Standard, tier: string, opts: EvaluateOptions = {}): Report {
  const tierSpec = standard.tiers.find((t) => t.id === tier);
  if (!tierSpec) throw new EvaluateError(`unknown tier "${tier}" for ${standard.id} (tiers: ${standard.tiers.map((t) => t.id).join(', ')})`);
  const measures = opts.measures ?? registry;
  const userParams = opts.params ?? {};
  checkUserParams(userParams, measures, tierSpec.rows.flatMap((r) => r.checks));
  const twin = buildTwin(twinFile);
  const reportParams: Record<string, ParamValue> = {};
  const rows: ReportRow[] = tierSpec.rows.map((row) => {
    const checks = row.checks.map((spec) => spec.attested
      ? attestedCheck(spec, twin.attestations)
      : computedCheck(spec, measures[spec.id], twin, tier, userParams, reportParams));
    const attestedCount = row.checks.filter((c) => c.attested).length;
    const kind: RowKind = attestedCount === 0 ? 'computed' : attestedCount === row.checks.length ? 'attested' : 'mixed';
    const pass = checks.some((c) => c.pass === false) ? false : checks.some((c) => c.pass === null) ? null : true;
    return {
      row: row.row, category: row.category, name: row.name, nameEn: row.nameEn,
      requirement: row.requirement, requirementEn: row.requirementEn, kind, pass, checks,
    };
  });
  const summary = { passed: 0, failed: 0, attested: 0, missing: 0 };
  for (const r of rows) {
    if (r.pass === null) summary.missing++;
    else if (!r.pass) summary.failed++;
    else if (r.kind === 'computed') summary.passed++;
    else summary.attested++;
  }
  const { community } = twin;
  const report: Report = {
    standard: standard.id,
    standardSha256: canonicalSha256(standard),
    tier,
    engineVersion: ENGINE_VERSION,
    inputSha256: canonicalSha256(twinFile),
    params: Object.fromEntries(Object.entries(reportParams).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    community: {
      id: community.properties.id,
      name: community.properties.name ?? community.properties.id,
      areaM2: Math.round(polygonAreaM2(community.geometry, twin.projection) * 100) / 100,
    },
    summary,
    rows,
  };
  if (tierSpec.grading?.length) {
    const met = summary.passed + summary.attested;
    // a level with a precondition (Beijing: "already recognised as three-star") needs a passing attestation `grade-<level>`
    const conditionMet = (g: { level: string | number; condition?: string }) =>
      !g.condition || latestAttestation(twin.attestations, `grade-${g.level}`)?.pass === true;
    const reached = tierSpec.grading.filter((g) => g.minMet <= met && conditionMet(g)).sort((a, b) => b.minMet - a.minMet)[0];
    report.grade = reached ? { level: reached.level, met, of: rows.length } : null;
  }
  if (opts.now) report.generatedAt = opts.now;
  return report;
}

function checkUserParams(user: Record<string, ParamValue>, measures: Record<string, Measure>, specs: CheckSpec[]): void {
  const known = new Set<string>();
  for (const m of Object.values(measures)) for (const k of Object.keys(m.defaults)) known.add(k);
  for (const s of specs) if (!s.attested) for (const k of Object.keys(s.params ?? {})) known.add(k);
  const checkIds = new Set(specs.map((s) => s.id));
  for (const key of Object.keys(user)) {
    const dot = key.indexOf('.');
    const [check, name] = dot > 0 ? [key.slice(0, dot), key.slice(dot + 1)] : [null, key];
    if (check !== null && !checkIds.has(check)) throw new EvaluateError(`unknown param "${key}": no check "${check}" in this tier`);
    if (!known.has(name)) {
      throw new EvaluateError(`unknown param "${key}" (known: ${[...known].sort().join(', ')})`);
    }
  }
}

/** A user value coerced to the type of the value it replaces ("200" → 200 for a number param). */
function coerce(name: string, value: ParamValue, like: ParamValue | undefined): ParamValue {
  if (like === undefined || typeof value === typeof like) return value;
  if (typeof like === 'number' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (typeof like === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if (typeof like === 'string') return String(value);
  throw new EvaluateError(`param "${name}" must be a ${typeof like} (got ${JSON.stringify(value)})`);
}

function effectiveParams(spec: CheckSpec, measure: Measure, user: Record<string, ParamValue>): Params {
  const params: Params = { ...measure.defaults, ...(spec.params ?? {}) };
  for (const [key, value] of Object.entries(user)) {
    const scoped = key.startsWith(`${spec.id}.`);
    const name = scoped ? key.slice(spec.id.length + 1) : key;
    if (!scoped && key.includes('.')) continue;
    if (scoped || name in params) params[name] = coerce(key, value, params[name]);
  }
  return params;
}

function computedCheck(
  spec: CheckSpec, measure: Measure | undefined, twin: Twin, tier: string,
  user: Record<string, ParamValue>, reportParams: Record<string, ParamValue>,
): CheckResult {
  if (!measure) return failed(spec, 'bool', `error: no measure "${spec.id}" in the engine`);
  const params = effectiveParams(spec, measure, user);
  for (const [name, value] of Object.entries(params)) {
    if (!(name in reportParams) || reportParams[name] === value) reportParams[name] = value;
    else reportParams[`${spec.id}.${name}`] = value;
  }
  try {
    const r = measure.run(twin, { params, tier, ...(spec.threshold !== undefined ? { threshold: spec.threshold } : {}) });
    const reason = r.reason ?? (r.pass === false ? shortfall(r) : undefined);
    return { ...r, id: spec.id, method: r.method ?? measure.method, ...(reason ? { reason } : {}) };
  } catch (e) {
    return failed(spec, measure.unit, `error: ${e instanceof Error ? e.message : String(e)}`, measure.method);
  }
}

/** The default reason of a failing check whose measure gave none. */
function shortfall(r: CheckResult): string {
  if (r.value === null) return 'no value could be computed';
  const unit = r.unit === '%' ? ' %' : r.unit === 'bool' || r.unit === 'count' ? '' : ` ${r.unit}`;
  const value = Number.isInteger(r.value) ? String(r.value) : r.value.toFixed(2);
  return r.threshold !== null && r.value < r.threshold ? `${value}${unit} below the threshold ${r.threshold}${unit}` : 'requirement not met';
}

function failed(spec: CheckSpec, unit: CheckResult['unit'], reason: string, method?: string): CheckResult {
  return {
    id: spec.id, value: null, unit, threshold: spec.threshold ?? null, pass: false, reason,
    ...(method ? { method } : {}),
    evidence: { counts: {}, failingIds: [], gaps: emptyGaps() },
  };
}

/** The attestation that speaks for a check: the latest by `at`, then `version`, then file order. */
export function latestAttestation(attestations: readonly Attestation[], checkId: string): Attestation | null {
  let best: Attestation | null = null;
  for (const a of attestations) {
    if (a.checkId !== checkId) continue;
    if (!best) { best = a; continue; }
    const dt = Date.parse(a.at) - Date.parse(best.at);
    if (dt > 0 || (dt === 0 && (a.version ?? 0) >= (best.version ?? 0)) || (Number.isNaN(dt) && a.at >= best.at)) best = a;
  }
  return best;
}

function attestedCheck(spec: CheckSpec, attestations: readonly Attestation[]): CheckResult {
  const a = latestAttestation(attestations, spec.id);
  const what = spec.whatEn ?? spec.what ?? spec.id;
  const base = { id: spec.id, unit: 'bool' as const, threshold: null, method: `attested: ${what}` };
  const context = spec.params ? { params: spec.params } : {};
  if (!a) {
    return {
      ...base, value: null, pass: null, reason: `awaiting attestation: ${what}`,
      evidence: { counts: {}, failingIds: [], gaps: emptyGaps(), ...context },
    };
  }
  const attestation = {
    text: a.text, by: a.by, at: a.at,
    ...(a.evidenceRef !== undefined ? { evidenceRef: a.evidenceRef } : {}),
    ...(a.version !== undefined ? { version: a.version } : {}),
  };
  return {
    ...base, value: a.pass ? 1 : 0, pass: a.pass,
    ...(a.pass ? {} : { reason: `attested as not met by ${a.by} (${a.at}): ${a.text}` }),
    evidence: { counts: {}, failingIds: [], gaps: emptyGaps(), attestation, ...context },
  };
}
