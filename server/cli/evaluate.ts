/**
 * `communitytwin evaluate <twin.geojson> [--standard shandong-2022] [--tier basic|growth|benchmark]
 *   [--format json|md|csv|html|pdf|xlsx|acceptance-csv] [--lang zh|en] [--out FILE] [--param name=value …]`
 * Prints the report (domain.md §5) to stdout, or writes it to `--out`. Exit 0 when it ran, whatever
 * passed; 2 on bad input (unreadable file, invalid JSON or twin, unknown standard, tier, param or
 * format; a binary format for a terminal) with the error on stderr. `--standard` takes an id from
 * data/standards/ or a path to a JSON file; `--tier` defaults to the standard's first tier.
 *
 * Formats: json (the report), md, csv (one line per check, for machines: unchanged, no BOM) and the
 * acceptance report laid out like the published tables (server/report/): html, pdf, xlsx and
 * acceptance-csv (UTF-8 with BOM for Excel), Chinese unless `--lang en`. pdf and xlsx are binary:
 * they need `--out` unless stdout is a pipe or a file.
 *
 * @example
 * npx communitytwin evaluate data/real/nanjing-qinhuai-wulaocun/twin.geojson --tier growth --format md
 */
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { evaluate } from '../../engine/evaluate.ts';
import type { ParamValue } from '../../engine/measures/types.ts';
import type { CheckResult, Report } from '../../engine/report/types.ts';
import { parseStandard } from '../../engine/standard/load.ts';
import type { Standard } from '../../engine/standard/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { validateTwin } from '../../engine/twin/validate.ts';
import { parseLang, type Lang } from '../report/i18n.ts';
import { renderReport } from '../report/index.ts';

const USAGE = 'usage: communitytwin evaluate <twin.geojson> [--standard shandong-2022] [--tier basic|growth|benchmark] [--format json|md|csv|html|pdf|xlsx|acceptance-csv] [--lang zh|en] [--out FILE] [--param name=value …]';
const FORMATS = ['json', 'md', 'csv', 'html', 'pdf', 'xlsx', 'acceptance-csv'] as const;
const BINARY: readonly Format[] = ['pdf', 'xlsx'];
type Format = (typeof FORMATS)[number];
const STANDARDS_DIR = new URL('../../data/standards/', import.meta.url);

export class BadInput extends Error {}

export async function run(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args, allowPositionals: true,
      options: {
        standard: { type: 'string', default: 'shandong-2022' }, tier: { type: 'string' },
        format: { type: 'string', default: 'json' }, param: { type: 'string', multiple: true, default: [] },
        lang: { type: 'string', default: 'zh' }, out: { type: 'string' },
      },
    });
    if (positionals.length !== 1) throw new BadInput(USAGE);
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw new BadInput(`unknown format "${values.format}" (${FORMATS.join(', ')})`);
    const lang = parseLang(values.lang);
    if (!lang) throw new BadInput(`unknown language "${values.lang}" (zh, en)`);
    if (BINARY.includes(format) && values.out === undefined && process.stdout.isTTY) {
      throw new BadInput(`${format} is binary: write it with --out FILE or pipe stdout to a file`);
    }
    const params = parseParams(values.param);
    const standard = await loadStandard(values.standard);
    const twinFile = await readTwin(positionals[0]);
    const tier = values.tier ?? standard.tiers[0].id;
    let report: Report;
    try {
      report = evaluate(twinFile, standard, tier, { params });
    } catch (err) {
      throw new BadInput((err as Error).message);
    }
    const output = await renderAny(report, format, { twin: twinFile, standard, lang });
    if (values.out !== undefined) {
      try {
        await writeFile(values.out, output);
      } catch (err) {
        throw new BadInput(`cannot write ${values.out}: ${(err as Error).message}`);
      }
    } else {
      process.stdout.write(output);
    }
    return 0;
  } catch (err) {
    const message = err instanceof BadInput || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
      ? (err as Error).message : `unexpected error: ${(err as Error).stack ?? err}`;
    process.stderr.write(`communitytwin evaluate: ${message}\n`);
    return err instanceof BadInput || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
  }
}

/** `name=value` → { name: value }; true/false become booleans, numbers numbers (evaluate coerces further). */
export function parseParams(pairs: string[]): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new BadInput(`--param needs name=value (got "${pair}")`);
    const name = pair.slice(0, eq), raw = pair.slice(eq + 1);
    out[name] = raw === 'true' ? true : raw === 'false' ? false : raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return out;
}

export async function loadStandard(idOrPath: string): Promise<Standard> {
  const isPath = idOrPath.endsWith('.json') || idOrPath.includes('/');
  if (!isPath && !/^[a-z0-9][a-z0-9-]*$/.test(idOrPath)) throw new BadInput(`unknown standard "${idOrPath}"`);
  const url = isPath ? pathToFileURL(idOrPath) : new URL(`${idOrPath}.json`, STANDARDS_DIR);
  let text: string;
  try {
    text = await readFile(url, 'utf8');
  } catch {
    throw new BadInput(`unknown standard "${idOrPath}" (no ${isPath ? 'file' : `data/standards/${idOrPath}.json`})`);
  }
  try {
    return parseStandard(JSON.parse(text));
  } catch (err) {
    throw new BadInput(`standard "${idOrPath}": ${(err as Error).message}`);
  }
}

export async function readTwin(path: string): Promise<TwinFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new BadInput(`cannot read ${path}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new BadInput(`${path} is not valid JSON: ${(err as Error).message}`);
  }
  const v = validateTwin(json);
  if (!v.ok || !v.twin) {
    const lines = v.errors.slice(0, 20).map((e) => `  feature ${e.featureIndex ?? '-'} (${e.id ?? '-'}) ${e.field}: ${e.reason}`);
    const more = v.errors.length > 20 ? [`  … and ${v.errors.length - 20} more`] : [];
    throw new BadInput(`${path} is not a valid twin (${v.errors.length} errors):\n${[...lines, ...more].join('\n')}`);
  }
  return v.twin;
}

/** The report in any CLI format: the text formats here, the acceptance report from server/report/. */
export async function renderAny(report: Report, format: Format, ctx: { twin: TwinFile; standard: Standard; lang: Lang }): Promise<string | Buffer> {
  switch (format) {
    case 'json': return `${JSON.stringify(report, null, 2)}\n`;
    case 'md': return markdown(report);
    case 'csv': return csv(report);
    case 'acceptance-csv': return renderReport(report, 'csv', ctx);
    case 'html': case 'pdf': case 'xlsx': return renderReport(report, format, ctx);
  }
}

const UNIT: Record<CheckResult['unit'], string> = { '%': ' %', count: '', m: ' m', m2: ' m²', bool: '' };
const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

function valueText(c: CheckResult): string {
  if (c.value === null) return c.pass === null ? '待认定 pending' : '—';
  if (c.unit === 'bool') return c.value === 1 ? '是 yes' : '否 no';
  return `${fmt(c.value)}${UNIT[c.unit]}`;
}
const thresholdText = (c: CheckResult) => (c.threshold === null ? '—' : `${fmt(c.threshold)}${UNIT[c.unit]}`);
const passText = (p: boolean | null) => (p === true ? '✅ 达标 met' : p === false ? '❌ 未达标 not met' : '⏳ 待认定 pending');

interface Line { row: number | ''; category: string; name: string; check: CheckResult }

function lines(report: Report): Line[] {
  return report.rows.flatMap((r) => r.checks.map((check, i) => ({
    row: i === 0 ? r.row : '', category: i === 0 ? r.category : '',
    name: `${r.name} ${r.nameEn}${r.checks.length > 1 ? ` · ${check.id}` : ''}`, check,
  })));
}

function markdown(report: Report): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const s = report.summary;
  const out = [
    `# ${report.community.name} — ${report.standard} · ${report.tier}`, '',
    `面积 area ${fmt(report.community.areaM2)} m² · 达标 passed ${s.passed} · 认定达标 attested ${s.attested} · 未达标 failed ${s.failed} · 待认定 missing ${s.missing}` +
      (report.grade !== undefined ? ` · 等级 grade ${report.grade ? report.grade.level : '—'}` : ''), '',
    '| 序号 | 类别 | 指标名称 | 计算结果 | 阈值 | 是否达标 |', '|---|---|---|---|---|---|',
    ...lines(report).map((l) => `| ${l.row} | ${cell(l.category)} | ${cell(l.name)} | ${valueText(l.check)} | ${thresholdText(l.check)} | ${passText(l.check.pass)}${l.check.reason && l.check.pass !== true ? ` — ${cell(l.check.reason)}` : ''} |`),
    '', `engine ${report.engineVersion} · input sha256 ${report.inputSha256}`,
    `params: ${Object.entries(report.params).map(([k, v]) => `${k}=${v}`).join(', ')}`, '',
  ];
  return out.join('\n');
}

function csv(report: Report): string {
  const q = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = ['row', 'category', 'name', 'nameEn', 'kind', 'check', 'value', 'unit', 'threshold', 'pass', 'rowPass', 'reason'];
  const body = report.rows.flatMap((r) => r.checks.map((c) =>
    [r.row, r.category, r.name, r.nameEn, r.kind, c.id, c.value, c.unit, c.threshold, c.pass, r.pass, c.reason].map(q).join(',')));
  return `${[header.join(','), ...body].join('\n')}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await run(process.argv.slice(2));
}
