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

export function failingIdsOfRow(row: ReportRow | null): Set<string> {
  const ids = new Set<string>();
  for (const check of row?.checks ?? []) if (check.pass === false) for (const id of check.evidence?.failingIds ?? []) ids.add(id);
  return ids;
}

export function gapsOfRow(row: ReportRow | null): FeatureCollection {
  const features = (row?.checks ?? []).filter((c) => c.pass === false).flatMap((c) => gapsOf(c));
  return { type: 'FeatureCollection', features };
}
