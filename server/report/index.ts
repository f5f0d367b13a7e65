/**
 * One entry for every report format: `renderReport(report, format, { twin, standard, lang })`
 * → bytes, Content-Type and file extension. json and the acceptance formats (html, pdf, csv,
 * xlsx) come from the same Report, so they cannot disagree.
 */
import type { Report } from '../../engine/report/types.ts';
import type { Standard } from '../../engine/standard/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { renderCsv } from './csv.ts';
import { reportView } from './document.ts';
import { renderHtml } from './html.ts';
import type { Lang } from './i18n.ts';
import { renderPdf } from './pdf.ts';
import { renderXlsx } from './xlsx.ts';

export const REPORT_FORMATS = ['json', 'html', 'pdf', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface RenderOptions {
  lang?: Lang;
  twin?: TwinFile;
  standard?: Standard;
  /** the date printed when the report has no generatedAt */
  date?: string;
}

export async function renderReport(report: Report, format: ReportFormat, opts: RenderOptions = {}): Promise<Buffer> {
  if (format === 'json') return Buffer.from(`${JSON.stringify(report, null, 2)}\n`);
  const view = reportView(report, opts);
  switch (format) {
    case 'html': return Buffer.from(renderHtml(view, { ...(opts.twin ? { twin: opts.twin } : {}) }));
    case 'pdf': return renderPdf(renderHtml(view, { ...(opts.twin ? { twin: opts.twin } : {}), embedFont: true }));
    case 'csv': return Buffer.from(renderCsv(view));
    case 'xlsx': return renderXlsx(view);
  }
}

/** `communitytwin-<community id>-<standard>-<tier>.<ext>`, safe as a file name. */
export function reportFileName(communityId: string, report: Report, format: ReportFormat): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `communitytwin-${safe(communityId)}-${safe(report.standard)}-${safe(report.tier)}.${format}`;
}
