/**
 * A community's standing in a standard: the tier achieved — the highest tier whose computed
 * rows all pass, tiers taken in order (a tier counts only when every tier below it does too)
 * — and what blocks the next one. Tiers are evaluated bottom up and evaluation stops at the
 * first tier that fails: that tier is the `targetTier`, its report is the one kept.
 * Attested checks do not decide the tier (they pass with a reviewer, not with geodata).
 * Pure; runs in a worker thread (server/district/worker.ts) and in the bench.
 */
import type { Report, ReportRow, Unit } from '../../engine/report/types.ts';
import type { Standard } from '../../engine/standard/types.ts';
import type { CameraProps, TwinFile } from '../../engine/twin/types.ts';

export type Evaluate = (twin: TwinFile, standard: Standard, tier: string) => Report;

/** the checks a wall shows as tiles; values come from the target tier's report */
export const KEY_CHECKS = ['5g', 'video-coverage', 'video-online', 'throwing', 'sports-walk', 'charging', 'fibre'] as const;

export interface KeyValue { value: number | null; unit: Unit; threshold: number | null; pass: boolean | null; rowName: string; rowNameEn: string }

export interface FailingRow { row: number; name: string; nameEn: string; checks: string[] }

export interface CommunityStatus {
  communityId: string;
  name: string;
  /** the stored community version evaluated (null: a file, not the database) */
  version: number | null;
  standard: string;
  engineVersion: string;
  inputSha256: string;
  tierAchieved: string | null;
  /** the first tier not achieved, or the top tier when all are */
  targetTier: string;
  tiersEvaluated: { tier: string; computedPass: boolean; failingRows: number }[];
  /** computed rows failing in the target tier: what stands between the community and it */
  failingRows: FailingRow[];
  keyValues: Partial<Record<(typeof KEY_CHECKS)[number], KeyValue>>;
  devices: { cameras: number; online: number; intact: number; imageOut: number };
  evaluateMs: number;
}

/** Computed checks (not attested) that fail, per row of one tier. */
export function failingComputedRows(report: Report, standard: Standard): FailingRow[] {
  const tier = standard.tiers.find((t) => t.id === report.tier);
  const attested = new Set<string>();
  for (const row of tier?.rows ?? []) for (const c of row.checks) if (c.attested) attested.add(`${row.row}:${c.id}`);
  const failing = (row: ReportRow) => row.checks.filter((c) => !attested.has(`${row.row}:${c.id}`) && c.pass === false).map((c) => c.id);
  return report.rows.map((row) => ({ row: row.row, name: row.name, nameEn: row.nameEn, checks: failing(row) })).filter((r) => r.checks.length > 0);
}

export function deviceCounts(twin: TwinFile): CommunityStatus['devices'] {
  const devices = { cameras: 0, online: 0, intact: 0, imageOut: 0 };
  for (const f of twin.features) {
    if (f.properties?.kind !== 'camera') continue;
    const p = f.properties as CameraProps;
    devices.cameras++;
    if (p.online === true) devices.online++;
    if (p.intact === true) devices.intact++;
    if (p.imageOut === true) devices.imageOut++;
  }
  return devices;
}

export interface StatusMeta {
  /** the database id (a twin's community feature id can differ) */
  communityId?: string;
  version?: number | null;
}

export function communityStatus(twin: TwinFile, standard: Standard, evaluate: Evaluate, meta: StatusMeta = {}): { status: CommunityStatus; report: Report } {
  const started = performance.now();
  const tiersEvaluated: CommunityStatus['tiersEvaluated'] = [];
  let tierAchieved: string | null = null;
  let report: Report | null = null;
  let failingRows: FailingRow[] = [];
  for (const tier of standard.tiers) {
    report = evaluate(twin, standard, tier.id);
    failingRows = failingComputedRows(report, standard);
    tiersEvaluated.push({ tier: tier.id, computedPass: failingRows.length === 0, failingRows: failingRows.length });
    if (failingRows.length > 0) break;
    tierAchieved = tier.id;
  }
  if (!report) throw new Error(`standard ${standard.id} has no tiers`);
  const keyValues: CommunityStatus['keyValues'] = {};
  for (const row of report.rows) {
    for (const c of row.checks) {
      if (!(KEY_CHECKS as readonly string[]).includes(c.id) || c.id in keyValues) continue;
      keyValues[c.id as (typeof KEY_CHECKS)[number]] = { value: c.value, unit: c.unit, threshold: c.threshold, pass: c.pass, rowName: row.name, rowNameEn: row.nameEn };
    }
  }
  const status: CommunityStatus = {
    communityId: meta.communityId ?? report.community.id, name: report.community.name, version: meta.version ?? null, standard: report.standard, engineVersion: report.engineVersion,
    inputSha256: report.inputSha256, tierAchieved, targetTier: report.tier, tiersEvaluated, failingRows, keyValues,
    devices: deviceCounts(twin), evaluateMs: Math.round(performance.now() - started),
  };
  return { status, report };
}

/**
 * District order: higher tier achieved first; within a tier, fewer failing rows toward the next
 * tier first; then name, then id.
 */
export function rankStatuses<T extends Pick<CommunityStatus, 'tierAchieved' | 'failingRows' | 'name' | 'communityId'>>(statuses: T[], standard: Standard): T[] {
  const level = (tier: string | null) => (tier === null ? -1 : standard.tiers.findIndex((t) => t.id === tier));
  return [...statuses].sort((a, b) =>
    level(b.tierAchieved) - level(a.tierAchieved)
    || a.failingRows.length - b.failingRows.length
    || a.name.localeCompare(b.name, 'zh-CN')
    || (a.communityId < b.communityId ? -1 : a.communityId > b.communityId ? 1 : 0));
}
