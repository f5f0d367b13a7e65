/**
 * The acceptance report as a document: the rows of the published tables (序号, 类别, 指标名称,
 * 指标要求, 实际情况/计算结果, 是否达标) with, per check, its method, the parameters it used,
 * value, threshold and evidence, or the attestation it rests on. HTML, CSV and XLSX all render
 * this one view, so the three say the same thing.
 */
import { measures } from '../../engine/measures/index.ts';
import type { ParamValue } from '../../engine/measures/types.ts';
import type { CheckResult, Report } from '../../engine/report/types.ts';
import type { Standard } from '../../engine/standard/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { formatThreshold, formatValue, LABELS, passLabel, type Labels, type Lang } from './i18n.ts';

export interface FailingFeature { id: string; name?: string; reason?: string }
export interface AttestationView { text: string; by: string; at: string; evidenceRef?: string; version?: number }

export interface CheckView {
  id: string;
  name: string;
  attested: boolean;
  method?: string;
  params: [string, ParamValue][];
  value: string;
  threshold: string;
  pass: boolean | null;
  passText: string;
  reason?: string;
  counts: [string, number][];
  failing: FailingFeature[];
  attestation?: AttestationView;
  /** what the reviewer has to attest, for a check still pending */
  awaiting?: string;
  result: CheckResult;
}

export interface RowView {
  row: number;
  category: string;
  name: string;
  requirement: string;
  pass: boolean | null;
  passText: string;
  checks: CheckView[];
}

export interface ReportView {
  lang: Lang;
  labels: Labels;
  title: string;
  header: [string, string][];
  summary: string;
  rows: RowView[];
  report: Report;
}

export interface ViewOptions {
  lang?: Lang;
  /** the twin the report was computed from: names of failing features */
  twin?: TwinFile;
  /** the standard: English categories, attested checks' wording, tier names */
  standard?: Standard;
  /** the date printed when the report carries no generatedAt (ISO) */
  date?: string;
}

export function reportView(report: Report, opts: ViewOptions = {}): ReportView {
  const lang = opts.lang ?? 'zh';
  const l = LABELS[lang];
  const en = lang === 'en';
  const tierSpec = opts.standard?.tiers.find((t) => t.id === report.tier);
  const names = new Map<string, string>();
  for (const f of opts.twin?.features ?? []) {
    const name = f.properties.name;
    if (typeof name === 'string' && name !== '') names.set(String(f.properties.id), name);
  }
  const rows = report.rows.map((row): RowView => {
    const spec = tierSpec?.rows.find((r) => r.row === row.row);
    return {
      row: row.row,
      category: en ? spec?.categoryEn ?? row.category : row.category,
      name: en ? row.nameEn : row.name,
      requirement: en ? row.requirementEn ?? row.requirement : row.requirement,
      pass: row.pass,
      passText: passLabel(row.pass, l),
      checks: row.checks.map((c) => checkView(c, report, spec?.checks.find((s) => s.id === c.id), names, l, en)),
    };
  });
  const standardName = opts.standard ? `${en ? opts.standard.nameEn : opts.standard.name} (${report.standard})` : report.standard;
  const tierName = tierSpec ? `${en ? tierSpec.nameEn : tierSpec.name} (${report.tier})` : report.tier;
  const date = (report.generatedAt ?? opts.date ?? new Date().toISOString()).slice(0, 10);
  const header: [string, string][] = [
    [l.community, `${report.community.name} (${report.community.id})`],
    [l.standard, standardName],
    [l.tier, tierName],
    [l.date, date],
    [l.area, `${report.community.areaM2.toFixed(2)} m²`],
    [l.engine, report.engineVersion],
    [l.inputSha, report.inputSha256],
    [l.standardSha, report.standardSha256 ?? '—'],
  ];
  return {
    lang, labels: l, title: `${report.community.name} · ${l.title}`, header,
    summary: l.summary({ rows: report.rows.length, ...report.summary }), rows, report,
  };
}

function checkView(
  c: CheckResult, report: Report, spec: { what?: string; whatEn?: string; params?: Record<string, ParamValue> } | undefined,
  names: Map<string, string>, l: Labels, en: boolean,
): CheckView {
  const what = en ? spec?.whatEn : spec?.what;
  const name = l.checkNames[c.id] ?? what ?? c.id;
  const ev = c.evidence;
  const reasons = (ev.reasons ?? {}) as Record<string, string>;
  const failing = (ev.failingIds ?? []).map((id) => ({
    id, ...(names.has(id) ? { name: names.get(id)! } : {}), ...(reasons[id] ? { reason: reasons[id] } : {}),
  }));
  const attestation = ev.attestation as AttestationView | undefined;
  return {
    id: c.id, name, attested: !measures[c.id],
    ...(c.method !== undefined && !c.method.startsWith('attested:') ? { method: c.method } : {}),
    params: paramsOf(c.id, report, spec?.params),
    value: formatValue(c, l), threshold: formatThreshold(c), pass: c.pass, passText: passLabel(c.pass, l),
    ...(c.reason !== undefined && c.pass !== true && !attestation ? { reason: c.reason } : {}),
    counts: Object.entries(ev.counts ?? {}).filter(([, v]) => typeof v === 'number'),
    failing,
    ...(attestation ? { attestation } : {}),
    ...(!attestation && c.pass === null ? { awaiting: what ?? c.reason ?? c.id } : {}),
    result: c,
  };
}

/** The parameters a computed check ran with, as listed in report.params (`check.name` wins over `name`). */
function paramsOf(checkId: string, report: Report, specParams: Record<string, ParamValue> | undefined): [string, ParamValue][] {
  const measure = measures[checkId];
  if (!measure) return [];
  const keys = new Set([...Object.keys(measure.defaults), ...Object.keys(specParams ?? {})]);
  const out: [string, ParamValue][] = [];
  for (const k of [...keys].sort()) {
    const v = report.params[`${checkId}.${k}`] ?? report.params[k];
    if (v !== undefined) out.push([k, v]);
  }
  return out;
}
