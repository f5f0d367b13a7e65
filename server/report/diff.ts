/**
 * Field-by-field differences between two reports of the same community, standard and tier:
 * what `communitytwin verify` prints. Numbers compare exactly — the engine is deterministic, so
 * the same input, standard, parameters and engine give the same bits.
 */
import type { CheckResult, Report } from '../../engine/report/types.ts';
import { canonicalJson } from '../../engine/twin/canonical.ts';

export interface Difference {
  /** the row number, or null for a report-level field */
  row: number | null;
  /** the check id, or null for a row- or report-level field */
  checkId: string | null;
  field: string;
  old: string;
  new: string;
}

const show = (v: unknown): string => (v === undefined ? '(none)' : typeof v === 'string' ? v : canonicalJson(v));
const same = (a: unknown, b: unknown) => (a === undefined || b === undefined ? a === b : canonicalJson(a) === canonicalJson(b));
const EVIDENCE_KEYS_DONE = new Set(['counts', 'failingIds', 'gaps']);

export function diffReports(old: Report, fresh: Report): Difference[] {
  const out: Difference[] = [];
  const top = (field: string, a: unknown, b: unknown) => { if (!same(a, b)) out.push({ row: null, checkId: null, field, old: show(a), new: show(b) }); };
  top('standard', old.standard, fresh.standard);
  top('tier', old.tier, fresh.tier);
  top('engineVersion', old.engineVersion, fresh.engineVersion);
  top('inputSha256', old.inputSha256, fresh.inputSha256);
  if (old.standardSha256 !== undefined) top('standardSha256', old.standardSha256, fresh.standardSha256);
  for (const k of union(Object.keys(old.params ?? {}), Object.keys(fresh.params))) top(`params.${k}`, old.params?.[k], fresh.params[k]);
  top('community', old.community, fresh.community);
  for (const k of ['passed', 'failed', 'attested', 'missing'] as const) top(`summary.${k}`, old.summary?.[k], fresh.summary[k]);
  if (old.grade !== undefined || fresh.grade !== undefined) top('grade', old.grade, fresh.grade);

  const n = Math.max(old.rows?.length ?? 0, fresh.rows.length);
  for (let i = 0; i < n; i++) {
    const a = old.rows?.[i], b = fresh.rows[i];
    if (!a || !b) { out.push({ row: (a ?? b)!.row, checkId: null, field: 'row', old: a ? a.name : '(none)', new: b ? b.name : '(none)' }); continue; }
    if (a.name !== b.name) out.push({ row: a.row, checkId: null, field: 'name', old: a.name, new: b.name });
    if (a.pass !== b.pass) out.push({ row: a.row, checkId: null, field: 'pass', old: show(a.pass), new: show(b.pass) });
    const ids = union(a.checks.map((c) => c.id), b.checks.map((c) => c.id));
    for (const id of ids) {
      const ca = a.checks.find((c) => c.id === id), cb = b.checks.find((c) => c.id === id);
      if (!ca || !cb) { out.push({ row: a.row, checkId: id, field: 'check', old: ca ? 'present' : '(none)', new: cb ? 'present' : '(none)' }); continue; }
      out.push(...diffCheck(a.row, ca, cb));
    }
  }
  return out;
}

function diffCheck(row: number, a: CheckResult, b: CheckResult): Difference[] {
  const out: Difference[] = [];
  const d = (field: string, x: unknown, y: unknown) => { if (!same(x, y)) out.push({ row, checkId: a.id, field, old: show(x), new: show(y) }); };
  d('value', a.value, b.value);
  d('pass', a.pass, b.pass);
  d('threshold', a.threshold, b.threshold);
  d('unit', a.unit, b.unit);
  d('reason', a.reason, b.reason);
  d('method', a.method, b.method);
  const ea = a.evidence ?? { counts: {}, failingIds: [], gaps: { type: 'FeatureCollection', features: [] } };
  const eb = b.evidence;
  for (const k of union(Object.keys(ea.counts ?? {}), Object.keys(eb.counts ?? {}))) d(`evidence.counts.${k}`, ea.counts?.[k], eb.counts?.[k]);
  const fa = new Set(ea.failingIds ?? []), fb = new Set(eb.failingIds ?? []);
  const removed = [...fa].filter((x) => !fb.has(x)), added = [...fb].filter((x) => !fa.has(x));
  if (removed.length || added.length) {
    out.push({ row, checkId: a.id, field: 'evidence.failingIds', old: removed.length ? `− ${removed.join(', ')}` : '', new: added.length ? `+ ${added.join(', ')}` : '' });
  } else {
    d('evidence.failingIds (order)', ea.failingIds, eb.failingIds);
  }
  if (!same(ea.gaps, eb.gaps)) {
    out.push({ row, checkId: a.id, field: 'evidence.gaps', old: `${ea.gaps?.features?.length ?? 0} features`, new: `${eb.gaps?.features?.length ?? 0} features (geometry or properties changed)` });
  }
  for (const k of union(Object.keys(ea), Object.keys(eb))) {
    if (EVIDENCE_KEYS_DONE.has(k)) continue;
    const x = (ea as Record<string, unknown>)[k], y = (eb as Record<string, unknown>)[k];
    if (!same(x, y)) out.push({ row, checkId: a.id, field: `evidence.${k}`, old: summarise(x), new: summarise(y) });
  }
  return out;
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

/** Long evidence (per-building tables, isochrones) shown by size, short values as they are. */
function summarise(v: unknown): string {
  const text = show(v);
  return text.length <= 80 ? text : `${text.slice(0, 60)}… (${text.length} chars)`;
}

export function formatDifference(d: Difference): string {
  const where = d.row === null ? 'report' : `row ${d.row}${d.checkId ? ` ${d.checkId}` : ''}`;
  return `${where} ${d.field}: ${d.old} → ${d.new}`;
}
