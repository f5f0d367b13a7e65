import type { CheckResult, ReportRow } from '../../engine/report/types.ts';
import type { Translate } from '../i18n/index.ts';

const trim = (v: number, digits: number) => Number(v.toFixed(digits)).toLocaleString('en');

/** A check value in its unit, as the report gives it. */
export function formatValue(value: number | null, unit: CheckResult['unit']): string {
  if (value === null) return '—';
  switch (unit) {
    case '%': return `${trim(value, 1)} %`;
    case 'count': return trim(value, 0);
    case 'bool': return value ? '✓' : '✗';
    case 'm': return `${trim(value, 0)} m`;
    case 'm2': return `${trim(value, 0)} m²`;
    default: return trim(value, 2);
  }
}

export function formatThreshold(check: CheckResult): string {
  if (check.threshold === null) return '—';
  return check.unit === 'bool' ? '✓' : `≥ ${formatValue(check.threshold, check.unit)}`;
}

export type Outcome = 'pass' | 'fail' | 'attestationNeeded' | 'attested';

export function rowOutcome(row: ReportRow): Outcome {
  if (row.pass === null) return 'attestationNeeded';
  if (!row.pass) return 'fail';
  return row.kind === 'attested' ? 'attested' : 'pass';
}

/** A single check's outcome: attested checks count as attested when they pass. */
export function checkOutcome(check: CheckResult): Outcome {
  if (check.pass === null) return 'attestationNeeded';
  if (!check.pass) return 'fail';
  return check.evidence?.attestation ? 'attested' : 'pass';
}

/** the outcome's glyph, shown beside its colour and word */
export const OUTCOME_GLYPH: Record<Outcome, string> = { pass: '✓', fail: '✗', attestationNeeded: '?', attested: '✓' };

export const outcomeLabel = (t: Translate, outcome: Outcome) => t(outcome);
