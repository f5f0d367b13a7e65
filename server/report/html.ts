/**
 * The acceptance report as one self-contained HTML page: the published table layout, a header
 * with the provenance (engine version, input and standard SHA-256), print CSS for A4 landscape,
 * and a small gap map for every failing computed check. No scripts, no external resources
 * (a CSP meta tag says so); the only styles are in one <style> element.
 */
import type { TwinFile } from '../../engine/twin/types.ts';
import type { CheckView, ReportView, RowView } from './document.ts';
import { embeddedFontCss, FONT_STACK } from './font.ts';
import { formatNumber } from './i18n.ts';
import { mapFrame, type MapFrame } from './svgMap.ts';

export interface HtmlOptions {
  /** the twin, for the gap maps (no maps without it) */
  twin?: TwinFile;
  /** embed the Noto Sans SC subsets the page needs as data: URLs (for PDF printing); default false */
  embedFont?: boolean;
  /** failing features listed per check before "and n more" */
  maxFailing?: number;
}

export const CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
const cls = (pass: boolean | null) => (pass === true ? 'met' : pass === false ? 'notmet' : 'pending');

const STYLE = `
@page { size: A4 landscape; margin: 10mm 9mm 12mm 9mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: ${FONT_STACK}; font-size: 9pt; line-height: 1.35; color: #1a1a1a; margin: 0 auto; max-width: 297mm; padding: 4mm; }
h1 { font-size: 15pt; margin: 0 0 2mm; }
table.meta { border-collapse: collapse; margin-bottom: 2mm; font-size: 8pt; }
table.meta th { text-align: left; font-weight: normal; color: #555; padding: 0 3mm 0 0; white-space: nowrap; }
table.meta td { padding: 0 6mm 0 0; font-family: ${FONT_STACK}; word-break: break-all; }
p.summary { font-size: 10pt; font-weight: bold; margin: 1mm 0 3mm; }
table.acceptance { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.acceptance thead { display: table-header-group; }
table.acceptance th { background: #dce6f1; border: 0.3mm solid #7f7f7f; padding: 1.2mm; font-size: 9pt; }
table.acceptance td { border: 0.3mm solid #7f7f7f; padding: 1.2mm; vertical-align: top; }
col.no { width: 5%; } col.cat { width: 8%; } col.name { width: 10%; } col.req { width: 24%; } col.res { width: 45%; } col.pass { width: 8%; }
td.no, td.pass { text-align: center; }
td.req { white-space: pre-line; font-size: 8pt; }
td.pass.met { color: #1a7f37; font-weight: bold; } td.pass.notmet { color: #c62828; font-weight: bold; } td.pass.pending { color: #b26a00; font-weight: bold; }
div.check { break-inside: avoid; page-break-inside: avoid; padding: 0.8mm 0; }
div.check + div.check { border-top: 0.2mm dashed #bbb; }
div.check .head { font-weight: bold; }
div.check .head .state.met { color: #1a7f37; } div.check .head .state.notmet { color: #c62828; } div.check .head .state.pending { color: #b26a00; }
div.check code { font-family: 'DejaVu Sans Mono', monospace; font-size: 7.5pt; color: #555; }
div.check .detail { font-size: 7.5pt; color: #333; margin-top: 0.4mm; word-break: break-word; }
div.check .detail b { font-weight: bold; color: #555; }
figure.gapmap { margin: 1mm 0 0; } figure.gapmap figcaption { font-size: 7pt; color: #666; }
svg.gapmap { border: 0.2mm solid #ccc; display: block; max-width: 100%; height: auto; }
footer { margin-top: 3mm; font-size: 7.5pt; color: #666; }
`;

export function renderHtml(view: ReportView, opts: HtmlOptions = {}): string {
  const l = view.labels;
  const frame = opts.twin ? mapFrame(opts.twin) : null;
  const header = view.header.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('');
  const rows = view.rows.map((r) => rowHtml(r, view, frame, opts.maxFailing ?? 15)).join('\n');
  const body = `<h1>${esc(view.title)}</h1>
<table class="meta">${header}</table>
<p class="summary">${esc(view.summary)}</p>
<table class="acceptance">
<colgroup><col class="no"><col class="cat"><col class="name"><col class="req"><col class="res"><col class="pass"></colgroup>
<thead><tr><th>${esc(l.columns.row)}</th><th>${esc(l.columns.category)}</th><th>${esc(l.columns.name)}</th><th>${esc(l.columns.requirement)}</th><th>${esc(l.columns.result)}</th><th>${esc(l.columns.pass)}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<footer>${esc(`${view.report.standard} · ${view.report.tier} · engine ${view.report.engineVersion} · input sha256 ${view.report.inputSha256}`)}</footer>`;
  const fontCss = opts.embedFont ? embeddedFontCss(body + view.title) : '';
  return `<!doctype html>
<html lang="${view.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(view.title)}</title>
<style>${fontCss}${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function rowHtml(r: RowView, view: ReportView, frame: MapFrame | null, maxFailing: number): string {
  const checks = r.checks.map((c) => checkHtml(c, r, view, frame, maxFailing)).join('');
  return `<tr class="${cls(r.pass)}"><td class="no">${r.row}</td><td class="cat">${esc(r.category)}</td><td class="name">${esc(r.name)}</td>` +
    `<td class="req">${esc(r.requirement)}</td><td class="res">${checks}</td><td class="pass ${cls(r.pass)}">${esc(r.passText)}</td></tr>`;
}

function checkHtml(c: CheckView, r: RowView, view: ReportView, frame: MapFrame | null, maxFailing: number): string {
  const l = view.labels;
  const state = `<span class="state ${cls(c.pass)}">${esc(c.passText)}</span>`;
  const out: string[] = [];
  if (c.attested) {
    out.push(`<div class="head">${esc(c.name)} <code>${esc(c.id)}</code> — ${state}</div>`);
    if (c.attestation) {
      const a = c.attestation;
      out.push(`<div class="detail"><b>${esc(l.attestation)}:</b> ${esc(a.text)}</div>`);
      out.push(`<div class="detail"><b>${esc(l.evidenceRef)}:</b> ${esc(a.evidenceRef ?? '—')} · <b>${esc(l.attestedBy)}:</b> ${esc(a.by)} · <b>${esc(l.attestedAt)}:</b> ${esc(a.at)}${a.version !== undefined ? ` · v${a.version}` : ''}</div>`);
    } else {
      out.push(`<div class="detail">${esc(l.awaiting)}${esc(c.awaiting ?? '')}</div>`);
    }
    return `<div class="check">${out.join('')}</div>`;
  }
  out.push(`<div class="head">${esc(c.name)} <code>${esc(c.id)}</code>: ${esc(c.value)} <span class="thr">(${esc(l.threshold)} ${esc(c.threshold)})</span> — ${state}</div>`);
  if (c.reason) out.push(`<div class="detail"><b>${esc(l.reason)}:</b> ${esc(c.reason)}</div>`);
  if (c.method) out.push(`<div class="detail"><b>${esc(l.method)}:</b> ${esc(c.method)}</div>`);
  if (c.params.length) out.push(`<div class="detail"><b>${esc(l.params)}:</b> ${esc(c.params.map(([k, v]) => `${k}=${v}`).join(', '))}</div>`);
  if (c.counts.length) out.push(`<div class="detail"><b>${esc(l.evidence)}:</b> ${esc(c.counts.map(([k, v]) => `${k} ${formatNumber(v)}`).join(', '))}</div>`);
  if (c.failing.length) {
    const items = c.failing.slice(0, maxFailing).map((f) => `<span class="f"><code>${esc(f.id)}</code>${f.name ? ` ${esc(f.name)}` : ''}${f.reason ? ` (${esc(f.reason)})` : ''}</span>`);
    if (c.failing.length > maxFailing) items.push(`<span class="f">${esc(l.andMore(c.failing.length - maxFailing))}</span>`);
    out.push(`<div class="detail"><b>${esc(l.failing)} (${c.failing.length}):</b> ${items.join('; ')}</div>`);
  }
  if (c.pass === false && frame) {
    const svg = frame.gapMap(c.result, `r${r.row}-${c.id}`);
    if (svg) out.push(`<figure class="gapmap">${svg}<figcaption>${esc(l.mapCaption)}</figcaption></figure>`);
  }
  return `<div class="check">${out.join('')}</div>`;
}
