import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { run } from '../server/cli/evaluate.ts';
import { runCli } from './setup/cli.ts';
import type { Report } from '../engine/report/types.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const real = join(root, 'data/real/nanjing-qinhuai-wulaocun/twin.geojson');
const small = join(root, 'test/fixtures/fibre/pass.in.geojson');
const tmp = mkdtempSync(join(tmpdir(), 'ct-cli-'));

/** run() with stdout and stderr captured */
const cli = (...args: string[]) => runCli(run, args);

afterEach(() => vi.restoreAllMocks());

describe('communitytwin evaluate', () => {
  test('prints the JSON report; default standard shandong-2022, first tier', async () => {
    const { code, out, err } = await cli(small);
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out) as Report;
    expect(report).toMatchObject({ standard: 'shandong-2022', tier: 'basic' });
    expect(report.rows).toHaveLength(22);
    expect(report.rows[0].checks[0]).toMatchObject({ id: 'fibre', value: 90, pass: true });
  });

  test('exit 0 whatever passed, with --tier and repeated --param', async () => {
    const { code, out } = await cli(real, '--tier', 'benchmark', '--param', 'emergencyRadiusM=200', '--param', 'requireEv=false');
    expect(code).toBe(0);
    const report = JSON.parse(out) as Report;
    expect(report.rows).toHaveLength(32);
    expect(report.params).toMatchObject({ emergencyRadiusM: 200, requireEv: false });
    expect(report.summary.failed).toBeGreaterThan(0);
  });

  test('md: a Chinese-first table with English names', async () => {
    const { code, out } = await cli(small, '--tier', 'growth', '--format', 'md');
    expect(code).toBe(0);
    expect(out).toContain('| 序号 | 类别 | 指标名称 | 计算结果 | 阈值 | 是否达标 |');
    expect(out).toMatch(/\| 1 \| 基础设施 \| 有线宽带网络 Fixed broadband network \| 90 % \| 80 % \| ✅ 达标/);
    expect(out.split('\n').filter((l) => /^\| (\d+|) \|/.test(l))).toHaveLength(
      (JSON.parse((await cli(small, '--tier', 'growth')).out) as Report).rows.flatMap((r) => r.checks).length);
  });

  test('csv: a header row and one line per check', async () => {
    const { code, out } = await cli(small, '--format', 'csv');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('row,category,name,nameEn,kind,check,value,unit,threshold,pass,rowPass,reason');
    expect(lines[1]).toMatch(/^1,基础设施,有线宽带网络,Fixed broadband network,computed,fibre,90,%,70,true,true,/);
    const report = JSON.parse((await cli(small)).out) as Report;
    expect(lines).toHaveLength(1 + report.rows.flatMap((r) => r.checks).length);
  });

  test('another standard by id: Beijing stars, with a grade', async () => {
    const { code, out } = await cli(small, '--standard', 'beijing-2013');
    expect(code).toBe(0);
    const report = JSON.parse(out) as Report;
    expect(report).toMatchObject({ standard: 'beijing-2013', tier: 'star', grade: null });
  });

  test.each([
    ['a missing file', [join(tmp, 'nope.geojson')], /cannot read/],
    ['invalid JSON', ['BADJSON'], /not valid JSON/],
    ['an invalid twin', ['BADTWIN'], /not a valid twin/],
    ['an unknown tier', [small, '--tier', 'gold'], /unknown tier "gold"/],
    ['an unknown standard', [small, '--standard', 'atlantis-2030'], /unknown standard "atlantis-2030"/],
    ['an unknown param', [small, '--param', 'radiusOfEverything=3'], /unknown param "radiusOfEverything"/],
    ['a malformed param', [small, '--param', 'emergencyRadiusM'], /name=value/],
    ['an unknown format', [small, '--format', 'docx'], /unknown format "docx"/],
    ['no twin argument', [], /usage/],
    ['an unknown option', [small, '--colour'], /colour/],
  ])('exit 2 on %s, error on stderr, nothing on stdout', async (_what, args, message) => {
    writeFileSync(join(tmp, 'bad.json'), '{ "type": "FeatureCollection", ');
    writeFileSync(join(tmp, 'badtwin.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [200, 95] }, properties: { kind: 'camera', id: 'c1' } }] }));
    const resolved = args.map((a) => (a === 'BADJSON' ? join(tmp, 'bad.json') : a === 'BADTWIN' ? join(tmp, 'badtwin.geojson') : a));
    const { code, out, err } = await cli(...resolved);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });

  test('runs as a script (main guard) and through the communitytwin dispatcher', async () => {
    const exec = promisify(execFile);
    const direct = await exec(process.execPath, ['--import', 'tsx', 'server/cli/evaluate.ts', small, '--format', 'csv'], { cwd: root });
    expect(direct.stdout.split('\n')[0]).toMatch(/^row,category/);
    const viaBin = await exec(process.execPath, ['bin/communitytwin.js', 'evaluate', small, '--tier', 'growth'], { cwd: root });
    expect((JSON.parse(viaBin.stdout) as Report).rows).toHaveLength(28);
    await expect(exec(process.execPath, ['bin/communitytwin.js', 'evaluate', small, '--tier', 'gold'], { cwd: root }))
      .rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown tier/) });
  });
});
