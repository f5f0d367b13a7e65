/** Report and check results, in the JSON shape of domain.md §5. */
import type { FeatureCollection } from 'geojson';

export type Unit = '%' | 'count' | 'm' | 'bool' | 'm2';

export interface Evidence {
  /** counts that explain the value, e.g. { keyLocations: 22, covered: 19 } */
  counts: Record<string, number>;
  /** ids of the features that make the check fail (uncovered entrances, compounds without a charger, …) */
  failingIds: string[];
  /** where the gaps lie: holes, uncovered lines, unreached buildings, uncovered facades */
  gaps: FeatureCollection;
  /** free-form explanation per failing feature: id → reason */
  reasons?: Record<string, string>;
  [extra: string]: unknown;
}

export interface CheckResult {
  id: string;
  value: number | null;
  unit: Unit;
  /** pass when value ≥ threshold (in `unit`); null for checks that are yes/no by nature */
  threshold: number | null;
  /** null: attested check without attestation yet */
  pass: boolean | null;
  /** one sentence: why it failed or what it rests on (no cameras at all, no applicable building, …) */
  reason?: string;
  /** the method in one line, for the report */
  method?: string;
  evidence: Evidence;
}

export type RowKind = 'computed' | 'attested' | 'mixed';

export interface ReportRow {
  row: number;
  category: string;
  name: string;
  nameEn: string;
  requirement: string;
  requirementEn?: string;
  kind: RowKind;
  pass: boolean | null;
  checks: CheckResult[];
}

export interface Report {
  standard: string;
  standardSha256?: string;
  tier: string;
  engineVersion: string;
  inputSha256: string;
  params: Record<string, number | string | boolean>;
  community: { id: string; name: string; areaM2: number };
  summary: { passed: number; failed: number; attested: number; missing: number };
  rows: ReportRow[];
  /** tier-level outcome for standards that grade by count (e.g. Beijing stars) */
  grade?: { level: string | number; met: number; of: number } | null;
  generatedAt?: string;
}
