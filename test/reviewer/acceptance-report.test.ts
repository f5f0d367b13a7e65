/**
 * The acceptance report of the Xueyuan demo twin at benchmark, in every format, against the
 * table published in Tai'an's acceptance notice: same rows, same names, same order.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { evaluate } from '../../engine/evaluate.ts';
import type { Report } from '../../engine/report/types.ts';
import { parseStandard } from '../../engine/standard/load.ts';
import type { Standard } from '../../engine/standard/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { BOM } from '../../server/report/csv.ts';
import { reportView } from '../../server/report/document.ts';
import { renderHtml } from '../../server/report/html.ts';
import { renderReport } from '../../server/report/index.ts';
import { chromiumPath } from '../../server/report/pdf.ts';
import { mapFrame } from '../../server/report/svgMap.ts';
import { decodePng, inkShare } from './png.ts';
import { publishedRows, repoRoot } from './published.ts';

const read = <T>(p: string): T => JSON.parse(readFileSync(path.join(repoRoot, p), 'utf8')) as T;
const standard: Standard = parseStandard(read('data/standards/shandong-2022.json'));
const xueyuan = read<TwinFile>('data/demo/xueyuan/twin.geojson');
const nanmen = read<TwinFile>('data/demo/nanmen/twin.geojson');
const tmp = path.join(repoRoot, 'test/.tmp/reviewer');
mkdirSync(tmp, { recursive: true });

let report: Report;
let nanmenReport: Report;
beforeAll(() => {
  report = evaluate(xueyuan, standard, 'benchmark', { now: '2024-08-31T00:00:00.000Z' });
  nanmenReport = evaluate(nanmen, standard, 'benchmark');
});

const tableRows = (html: string) => [...html.matchAll(/<tr class="(?:met|notmet|pending)"><td class="no">(\d+)<\/td><td class="cat">([^<]*)<\/td><td class="name">([^<]*)<\/td>/g)]
  .map((m) => ({ row: Number(m[1]), category: m[2], name: m[3] }));

describe('rows as published (taian-xueyuan-2024-acceptance-benchmark.txt)', () => {
  const published = publishedRows('taian-xueyuan-2024-acceptance-benchmark.txt');

  test('the published table has 32 rows', () => {
    expect(published).toHaveLength(32);
  });

  test('report rows: same names, same order, numbered as printed, same categories', () => {
    expect(report.rows.map((r) => r.name)).toEqual(published.map((p) => p.name));
    expect(report.rows.map((r) => r.row)).toEqual(published.map((p) => p.row));
    for (const p of published) {
      if (p.printedNumber !== null) {
        expect(p.printedNumber).toBe(p.row);
        expect(report.rows[p.row - 1].category, `row ${p.row}`).toBe(p.category);
      }
    }
  });

  test('the HTML table lists the same rows in the same order', () => {
    const html = renderHtml(reportView(report, { twin: xueyuan, standard }), { twin: xueyuan });
    expect(tableRows(html).map((r) => r.name)).toEqual(published.map((p) => p.name));
  });
});

describe('HTML', () => {
  test('a self-contained page: header, summary, no scripts, no external resources, A4 landscape', () => {
    const html = renderHtml(reportView(report, { twin: xueyuan, standard }), { twin: xueyuan });
    expect(html).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
    expect(html).not.toMatch(/(?:src|href)=["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\((?!#|data:)/);
    expect(html).toContain('@page { size: A4 landscape');
    expect(html).toContain('Content-Security-Policy');
    for (const text of ['学苑社区', '山东省智慧社区建设指标', '标杆型', '2024-08-31', report.engineVersion, report.inputSha256, report.standardSha256!]) {
      expect(html).toContain(text);
    }
    for (const th of ['序号', '类别', '指标名称', '指标要求', '实际情况/计算结果', '是否达标']) expect(html).toContain(`<th>${th}</th>`);
    const s = report.summary;
    expect(html).toContain(`共 32 项：达标 ${s.passed} 项，认定达标 ${s.attested} 项，未达标 ${s.failed} 项，待认定 ${s.missing} 项`);
    // computed rows: method, parameters, value, threshold, evidence counts
    expect(html).toMatch(/家庭千兆光纤网络覆盖率 <code>fibre<\/code>: 100% <span class="thr">\(阈值 ≥ 90%\)<\/span>/);
    expect(html).toContain('<b>计算方法:</b>');
    expect(html).toMatch(/<b>参数:<\/b> [^<]*minFloors=7/);
    expect(html).toMatch(/<b>依据:<\/b> households 2813, fibreHouseholds 2813/);
    // attested rows without an attestation are pending
    expect(html).toMatch(/<td class="name">政务服务<\/td>.*待认定：/s);
  });

  test('attested rows show the attestation text, evidence, who and when', () => {
    const attested: TwinFile = {
      ...xueyuan,
      attestations: [{ checkId: 'platform', pass: true, text: '已接入市级平台', evidenceRef: 'doc/platform-2024.pdf', by: '泰山区大数据中心 张工', at: '2024-08-20', version: 1 }],
    };
    const r = evaluate(attested, standard, 'benchmark');
    const html = renderHtml(reportView(r, { twin: attested, standard }), { twin: attested });
    const row8 = html.slice(html.indexOf('<td class="no">8</td>'), html.indexOf('<td class="no">9</td>'));
    for (const text of ['已接入市级平台', 'doc/platform-2024.pdf', '泰山区大数据中心 张工', '2024-08-20', 'pass met']) {
      expect(row8).toContain(text === 'pass met' ? 'class="pass met">达标' : text);
    }
  });

  test('English on request', () => {
    const html = renderHtml(reportView(report, { twin: xueyuan, standard, lang: 'en' }), { twin: xueyuan });
    expect(html).toContain('<html lang="en">');
    for (const th of ['No.', 'Category', 'Indicator', 'Requirement', 'Actual / computed result', 'Met']) expect(html).toContain(`<th>${th}</th>`);
    expect(tableRows(html)[0]).toEqual({ row: 1, category: 'Infrastructure', name: 'Fixed broadband network' });
  });

  test('failing rows carry a gap map with the failing features by id; passing rows none', () => {
    const html = renderHtml(reportView(nanmenReport, { twin: nanmen, standard }), { twin: nanmen });
    const failingComputed = nanmenReport.rows.flatMap((r) => r.checks).filter((c) => c.pass === false);
    const maps = html.match(/<svg [^>]*class="gapmap"/g) ?? [];
    expect(maps.length).toBeGreaterThan(5);
    expect(maps.length).toBeLessThanOrEqual(failingComputed.length);
    expect(renderHtml(reportView(report, { twin: xueyuan, standard }), { twin: xueyuan })).not.toContain('class="gapmap"');
  });
});

describe('svgMap', () => {
  test('boundary, light buildings, hatched gap polygons and labelled failing ids, in local metres', () => {
    const lighting = nanmenReport.rows.flatMap((r) => r.checks).find((c) => c.id === 'charging')!;
    expect(lighting.pass).toBe(false);
    const svg = mapFrame(nanmen).gapMap(lighting, 'r6-charging')!;
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('stroke="#1f4e79"'); // community boundary
    expect(svg).toContain('fill="#e3e3e3"'); // buildings
    expect(svg).toContain('fill="url(#gap-r6-charging-red)"');
    for (const id of lighting.evidence.failingIds) expect(svg).toContain(`>${id}</text>`);
    // the community is ~1 km across: the view box is in metres around the centre
    const [, , w, h] = /viewBox="([^"]+)"/.exec(svg)![1].split(' ').map(Number);
    expect(w).toBeGreaterThan(800); expect(w).toBeLessThan(1600);
    expect(h).toBeGreaterThan(800); expect(h).toBeLessThan(1600);
  });

  test('failing features without gap geometry (offline cameras) are drawn as points', () => {
    const online = nanmenReport.rows.flatMap((r) => r.checks).find((c) => c.id === 'video-online')!;
    expect(online.evidence.gaps.features).toHaveLength(0);
    const svg = mapFrame(nanmen).gapMap(online, 'online')!;
    expect((svg.match(/<circle /g) ?? []).length).toBe(online.evidence.failingIds.length);
  });

  test('nothing to draw → null', () => {
    const fibre = report.rows[0].checks[0];
    expect(mapFrame(xueyuan).gapMap(fibre, 'x')).toBeNull();
  });
});

describe('CSV and XLSX', () => {
  test('CSV: UTF-8 with BOM, the published columns, one line per row', async () => {
    const csv = (await renderReport(report, 'csv', { twin: xueyuan, standard })).toString('utf8');
    expect(csv.startsWith(BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('序号,类别,指标名称,指标要求,实际情况/计算结果,是否达标');
    expect(lines.filter((l) => /^\d+,/.test(l)).map((l) => Number(l.split(',')[0]))).toEqual(report.rows.map((r) => r.row));
  });

  test('XLSX: one sheet, frozen header, column widths, 32 data rows that read back', async () => {
    const buf = await renderReport(report, 'xlsx', { twin: xueyuan, standard });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(1);
    const sheet = wb.worksheets[0];
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(5).width).toBeGreaterThan(40);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['序号', '类别', '指标名称', '指标要求', '实际情况/计算结果', '是否达标']);
    const data: unknown[][] = [];
    sheet.eachRow((row, n) => { if (n > 1) data.push((row.values as unknown[]).slice(1)); });
    expect(data).toHaveLength(32);
    expect(data.map((d) => d[2])).toEqual(report.rows.map((r) => r.name));
    expect(data[0][4]).toMatch(/fibre.*100%/);
    writeFileSync(path.join(tmp, 'xueyuan-benchmark.xlsx'), buf);
  });
});

const pdftoppm = ['/usr/bin/pdftoppm', '/usr/local/bin/pdftoppm'].find((p) => existsSync(p));
const chromium = chromiumPath();
const pdfSkip = !chromium ? `no Chromium at ${process.env.CHROMIUM_PATH || '/usr/bin/chromium'}` : !pdftoppm ? 'no pdftoppm (poppler-utils)' : null;
if (pdfSkip) console.warn(`skipping the PDF test: ${pdfSkip}`);

describe.skipIf(pdfSkip !== null)(`PDF${pdfSkip ? ` (skipped: ${pdfSkip})` : ''}`, () => {
  test('prints with the embedded CJK font; page 1 is not blank', async () => {
    const pdf = await renderReport(report, 'pdf', { twin: xueyuan, standard });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdfPath = path.join(tmp, 'xueyuan-benchmark.pdf');
    writeFileSync(pdfPath, pdf);
    // the embedded Noto Sans SC, not a system fallback
    expect(execFileSync('pdffonts', [pdfPath], { encoding: 'utf8' })).toMatch(/NotoSansSC/);
    execFileSync(pdftoppm!, ['-png', '-r', '60', '-f', '1', '-l', '1', pdfPath, path.join(tmp, 'page')]);
    const png = readFileSync(path.join(tmp, 'page-1.png'));
    const raster = decodePng(png);
    expect(raster.width).toBeGreaterThan(raster.height); // landscape
    expect(inkShare(raster)).toBeGreaterThan(0.01);
  }, 120_000);
});
