/** The preview returned by POST /api/import/preview, drawn: counts, CRS, extent, notes, errors. */
import { html, svg, nothing, type TemplateResult } from 'lit';
import type { Feature } from 'geojson';
import { KIND_LABELS, say, type ImportLang } from './messages.ts';

export interface ImportIssue { featureIndex: number | null; id: string | null; field: string; reason: string }
export interface ImportPreview {
  format: string;
  crs: { assumed: string; source: 'stated' | 'detected' | 'guessed' | 'default'; description: string };
  warnings: string[];
  features: number;
  counts: Record<string, number>;
  extent: [number, number, number, number] | null;
  validation: { ok: boolean; errorCount: number; warningCount: number; errors: ImportIssue[]; warnings: ImportIssue[] };
  sample: Feature[];
  merge?: { added: number; replaced: number; renumbered: number };
}

const SHOWN = 8;
const issueText = (i: ImportIssue) => `${i.featureIndex === null ? '' : `#${i.featureIndex}${i.id ? ` (${i.id})` : ''} `}${i.field}: ${i.reason}`;

/** The extent as a box, with the sampled features' first positions as dots (north up, lon scaled by cos lat). */
function extentSvg(extent: [number, number, number, number], sample: Feature[]): TemplateResult {
  const [minLon, minLat, maxLon, maxLat] = extent;
  const k = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
  const w = Math.max((maxLon - minLon) * k, 1e-9), h = Math.max(maxLat - minLat, 1e-9);
  const scale = 110 / Math.max(w, h);
  const x = (lon: number) => 5 + (lon - minLon) * k * scale, y = (lat: number) => 5 + (maxLat - lat) * scale;
  const first = (f: Feature): number[] | null => {
    let c: unknown = f.geometry && 'coordinates' in f.geometry ? f.geometry.coordinates : null;
    while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
    return Array.isArray(c) ? (c as number[]) : null;
  };
  return html`<svg width="120" height="120" viewBox="0 0 120 120" role="img" aria-label="extent">
    ${svg`<rect x="5" y="5" width=${w * scale} height=${h * scale} fill="#eef2ff" stroke="#4f46e5"/>`}
    ${sample.map(first).filter((p): p is number[] => p !== null).map((p) => svg`<circle cx=${x(p[0])} cy=${y(p[1])} r="2" fill="#dc2626"/>`)}
  </svg>`;
}

export function previewTemplate(p: ImportPreview, lang: ImportLang): TemplateResult {
  const list = (items: string[], total: number) => html`<ul>${items.slice(0, SHOWN).map((t) => html`<li>${t}</li>`)}
    ${total > SHOWN ? html`<li>${say(lang, 'more', { n: total - SHOWN })}</li>` : nothing}</ul>`;
  return html`
    <section class="preview">
      <div class="row">
        <table>
          <caption>${say(lang, 'counts')} · ${p.format} · ${say(lang, 'total', { n: p.features })}</caption>
          ${Object.entries(p.counts).map(([kind, n]) => html`<tr><th>${KIND_LABELS[kind] ?? kind}</th><td>${n}</td></tr>`)}
        </table>
        ${p.extent ? html`<figure>${extentSvg(p.extent, p.sample)}
          <figcaption>${say(lang, 'extent')}: ${p.extent.map((v) => v.toFixed(5)).join(', ')}</figcaption></figure>` : nothing}
      </div>
      <p>${say(lang, 'crsUsed', { crs: p.crs.description, source: say(lang, `source_${p.crs.source}`) })}</p>
      ${p.merge ? html`<p>${say(lang, 'added', { added: p.merge.added, replaced: p.merge.replaced })}</p>` : nothing}
      ${p.warnings.length > 0 ? html`<h4>${say(lang, 'warnings')}</h4>${list(p.warnings, p.warnings.length)}` : nothing}
      ${p.validation.ok
        ? html`<p class="ok">✓ ${say(lang, 'noErrors')}</p>`
        : html`<h4 class="bad">${say(lang, 'errors', { n: p.validation.errorCount })}</h4>${list(p.validation.errors.map(issueText), p.validation.errorCount)}`}
    </section>`;
}
