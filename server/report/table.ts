/**
 * The report as a plain table for spreadsheets: the published columns (序号, 类别, 指标名称,
 * 指标要求, 实际情况/计算结果, 是否达标), one line per row of the standard; the result cell
 * says, per check, value and threshold, the evidence and failing features, or the attestation.
 */
import type { CheckView, ReportView } from './document.ts';
import { formatNumber } from './i18n.ts';

export type Cell = string | number;

export function tableHeader(view: ReportView): string[] {
  const c = view.labels.columns;
  return [c.row, c.category, c.name, c.requirement, c.result, c.pass];
}

export function tableRows(view: ReportView, maxFailing = 20): Cell[][] {
  return view.rows.map((r) => [
    r.row, r.category, r.name, r.requirement,
    r.checks.map((c) => checkText(c, view, maxFailing)).join('\n'),
    r.passText,
  ]);
}

function checkText(c: CheckView, view: ReportView, maxFailing: number): string {
  const l = view.labels;
  const sep = view.lang === 'zh' ? '：' : ': ';
  if (c.attested) {
    if (!c.attestation) return `${c.name} [${c.id}]${sep}${l.awaiting}${c.awaiting ?? ''}`;
    const a = c.attestation;
    return `${c.name} [${c.id}]${sep}${c.passText} — ${l.attestation}${sep}${a.text}; ${l.evidenceRef}${sep}${a.evidenceRef ?? '—'}; ${l.attestedBy}${sep}${a.by}; ${l.attestedAt}${sep}${a.at}`;
  }
  const lines = [`${c.name} [${c.id}]${sep}${c.value} (${l.threshold} ${c.threshold}) ${c.passText}`];
  if (c.reason) lines.push(`  ${l.reason}${sep}${c.reason}`);
  if (c.counts.length) lines.push(`  ${l.evidence}${sep}${c.counts.map(([k, v]) => `${k} ${formatNumber(v)}`).join(', ')}`);
  if (c.failing.length) {
    const listed = c.failing.slice(0, maxFailing).map((f) => (f.name ? `${f.id} ${f.name}` : f.id));
    const more = c.failing.length > maxFailing ? `, ${l.andMore(c.failing.length - maxFailing)}` : '';
    lines.push(`  ${l.failing} (${c.failing.length})${sep}${listed.join(', ')}${more}`);
  }
  return lines.join('\n');
}
