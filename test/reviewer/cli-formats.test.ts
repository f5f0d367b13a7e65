/** `communitytwin evaluate --format html|pdf|xlsx|acceptance-csv [--lang] [--out]`. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { run } from '../../server/cli/evaluate.ts';
import { chromiumPath } from '../../server/report/pdf.ts';
import { runCli } from '../setup/cli.ts';
import { repoRoot } from './published.ts';

const xueyuan = join(repoRoot, 'data/demo/xueyuan/twin.geojson');
const tmp = mkdtempSync(join(tmpdir(), 'ct-cli-formats-'));

const cli = (...args: string[]) => runCli(run, args);
afterEach(() => vi.restoreAllMocks());

describe('communitytwin evaluate: acceptance formats', () => {
  test('html to stdout, Chinese by default, English with --lang en', async () => {
    const zh = await cli(xueyuan, '--tier', 'benchmark', '--format', 'html');
    expect(zh.code).toBe(0);
    expect(zh.out).toContain('<th>实际情况/计算结果</th>');
    const en = await cli(xueyuan, '--tier', 'benchmark', '--format', 'html', '--lang', 'en');
    expect(en.out).toContain('<th>Actual / computed result</th>');
  });

  test('xlsx --out writes a workbook of 32 data rows', async () => {
    const out = join(tmp, 'x.xlsx');
    const r = await cli(xueyuan, '--tier', 'benchmark', '--format', 'xlsx', '--out', out);
    expect(r).toMatchObject({ code: 0, out: '', err: '' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0].rowCount).toBe(33);
  });

  test('acceptance-csv has the BOM; csv stays the machine format', async () => {
    const out = join(tmp, 'x.csv');
    expect((await cli(xueyuan, '--tier', 'benchmark', '--format', 'acceptance-csv', '--out', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8').startsWith('\uFEFF序号,类别,指标名称')).toBe(true);
    expect((await cli(xueyuan, '--format', 'csv')).out.startsWith('row,category,')).toBe(true);
  });

  test.skipIf(!chromiumPath())('pdf --out', async () => {
    const out = join(tmp, 'x.pdf');
    expect((await cli(xueyuan, '--tier', 'benchmark', '--format', 'pdf', '--out', out)).code).toBe(0);
    expect(existsSync(out) && readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 120_000);

  test('a binary format for a terminal is exit 2; so is an unknown language', async () => {
    const tty = process.stdout.isTTY;
    Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true });
    try {
      const r = await cli(xueyuan, '--format', 'xlsx');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/xlsx is binary: write it with --out/);
    } finally {
      Object.defineProperty(process.stdout, 'isTTY', { value: tty, configurable: true });
    }
    const lang = await cli(xueyuan, '--format', 'html', '--lang', 'fr');
    expect(lang.code).toBe(2);
    expect(lang.err).toMatch(/unknown language "fr"/);
  });
});
