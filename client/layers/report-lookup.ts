/** Finding checks and their evidence in a report (check ids are the same in every tier). */
import type { CheckResult, Report, ReportRow } from '../../engine/report/types.ts';
import type { Feature, FeatureCollection } from 'geojson';

export function findCheck(report: Report | null, checkId: string): CheckResult | undefined {
  for (const row of report?.rows ?? []) {
    const check = row.checks.find((c) => c.id === checkId);
    if (check) return check;
  }
  return undefined;
}

export const gapsOf = (check: CheckResult | undefined): Feature[] => check?.evidence?.gaps?.features ?? [];

/** The checks a selection shows: one check of the row when `checkId` names it, else all of them. */
export function selectedChecks(row: ReportRow | null, checkId: string | null = null): CheckResult[] {
  const checks = row?.checks ?? [];
  const one = checkId === null ? undefined : checks.find((c) => c.id === checkId);
  return one ? [one] : checks;
}

/** The features that make the selection fail: evidence.failingIds of its failing checks. */
export function failingIdsOfRow(row: ReportRow | null, checkId: string | null = null): Set<string> {
  const ids = new Set<string>();
  for (const check of selectedChecks(row, checkId)) if (check.pass === false) for (const id of check.evidence?.failingIds ?? []) ids.add(id);
  return ids;
}

/** Where the selection's gaps lie: evidence.gaps of its failing checks. */
export function gapsOfRow(row: ReportRow | null, checkId: string | null = null): FeatureCollection {
  const features = selectedChecks(row, checkId).filter((c) => c.pass === false).flatMap((c) => gapsOf(c));
  return { type: 'FeatureCollection', features };
}
