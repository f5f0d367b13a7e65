/**
 * GET /api/communities/:id/report?tier=&standard=&format=json|html|csv|xlsx|pdf&lang=zh|en&param.name=value
 * Evaluates the stored twin — with its attestations as stored, so the latest attestation per
 * check (POSTed or imported) decides — and renders the report. JSON is the report of domain.md
 * §5; html, pdf, csv and xlsx are the acceptance report (server/report/), Chinese unless lang=en.
 * Every format carries a Content-Disposition whose filename names the community, standard and tier.
 */
import { Router } from 'express';
import type { Sql } from 'postgres';
import { parseStandard } from '../../engine/standard/load.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import { CSP } from '../report/html.ts';
import { parseLang } from '../report/i18n.ts';
import { CONTENT_TYPES, REPORT_FORMATS, renderReport, reportFileName, type ReportFormat } from '../report/index.ts';
import { PdfUnavailableError } from '../report/pdf.ts';
import { ReportCache, type EvaluatedReport } from '../report/cache.ts';
import { queryValue } from './communities.ts';
import { DEFAULT_STANDARD, DEFAULT_TIER, loadStandard, reportParams } from './report.ts';

export function reportsRouter(sql: Sql, standardsDir: string): Router {
  const cache = new ReportCache(sql);
  return Router({ mergeParams: true }).get('/', async (req, res) => {
    const { id } = req.params as { id: string };
    const format = (queryValue(req.query, 'format') ?? 'json') as ReportFormat;
    if (!REPORT_FORMATS.includes(format)) throw badRequest(`unknown format "${format}" (${REPORT_FORMATS.join(', ')})`, { format });
    const lang = parseLang(queryValue(req.query, 'lang'));
    if (!lang) throw badRequest(`unknown lang "${queryValue(req.query, 'lang')}" (zh, en)`, { lang: queryValue(req.query, 'lang') });
    const standardId = queryValue(req.query, 'standard') ?? DEFAULT_STANDARD;
    const tier = queryValue(req.query, 'tier') ?? DEFAULT_TIER;
    const standard = parseStandard(await loadStandard(standardsDir, standardId));
    if (!standard.tiers.some((t) => t.id === tier)) {
      throw badRequest(`unknown tier "${tier}" for ${standardId} (tiers: ${standard.tiers.map((t) => t.id).join(', ')})`, { tier });
    }
    const params = reportParams(req.query);
    let evaluated: EvaluatedReport | null;
    try {
      evaluated = await cache.get(id, standard, tier, params);
    } catch (err) {
      // the engine's own input errors (unknown param, …) are the client's to fix
      if ((err as Error).name === 'EvaluateError') throw badRequest((err as Error).message, { params });
      throw err;
    }
    if (!evaluated) throw notFound(`community "${id}"`);
    const { report, twin } = evaluated;
    const filename = reportFileName(id, report, format);
    const disposition = format === 'json' || format === 'html' ? 'inline' : 'attachment';
    res.setHeader('Content-Disposition', `${disposition}; filename="${filename}"`);
    if (format === 'json') {
      res.json(report);
      return;
    }
    let body: Buffer;
    try {
      body = await renderReport(report, format, { twin, standard, lang });
    } catch (err) {
      if (err instanceof PdfUnavailableError) throw new ApiError(501, 'not_implemented', err.message);
      throw err;
    }
    if (format === 'html') res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Content-Type', CONTENT_TYPES[format]);
    res.setHeader('Content-Language', lang === 'zh' ? 'zh-CN' : 'en');
    res.send(body);
  });
}
