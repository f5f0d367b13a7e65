/** `communitytwin verify`: recompute a report from its twin; identical, or every difference. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { run as evaluateCli } from '../../server/cli/evaluate.ts';
import { run as verify } from '../../server/cli/verify.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { readFileSync } from 'node:fs';
import { runCli } from '../setup/cli.ts';
import { repoRoot } from './published.ts';

const twinPath = join(repoRoot, 'data/real/nanjing-qinhuai-wulaocun/twin.geojson');
const tmp = mkdtempSync(join(tmpdir(), 'ct-verify-'));

const cli = (run: (args: string[]) => Promise<number>, ...args: string[]) => runCli(run, args);
afterEach(() => vi.restoreAllMocks());

describe('communitytwin verify', () => {
  const reportPath = join(tmp, 'report.json');

  test('the unchanged twin (Wulaocun, benchmark, a non-default parameter) is identical', async () => {
    const made = await cli(evaluateCli, twinPath, '--tier', 'benchmark', '--param', 'emergencyRadiusM=200', '--out', reportPath);
    expect(made.code).toBe(0);
    const { code, out, err } = await cli(verify, reportPath, twinPath);
    expect(err).toBe('');
    expect(out).toBe('identical\n');
    expect(code).toBe(0);
  });

  test('one camera turned round: the video-coverage difference, row and check named, exit 1', async () => {
    // cam-3 (五老村东片西北门3号) watches an entrance of the eastern compound at 226.2°; turned to 46.2° it does not
    const twin = JSON.parse(readFileSync(twinPath, 'utf8')) as TwinFile;
    const camera = twin.features.find((f) => f.properties.id === 'cam-3')!;
    expect(camera.properties.headingDeg).toBe(226.2);
    camera.properties.headingDeg = 46.2;
    const changed = join(tmp, 'turned.geojson');
    writeFileSync(changed, JSON.stringify(twin));
    const { code, out } = await cli(verify, reportPath, changed);
    expect(code).toBe(1);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^\d+ differences?:$/);
    expect(out).toMatch(/report inputSha256: [0-9a-f]{64} → [0-9a-f]{64}/);
    expect(out).toMatch(/row 4 video-coverage value: 72\.29500214778831 → 67\.74954760233378/);
    expect(out).toMatch(/row 4 video-coverage evidence\.counts\.pointsCovered: 11 → 10/);
    expect(out).toMatch(/row 4 video-coverage evidence\.failingIds: {2}→ \+ kl-\S+/);
    // nothing else moved: every check line is video-coverage's
    const checkLines = lines.slice(1).filter((l) => /^\s+row /.test(l));
    expect(checkLines.length).toBeGreaterThan(0);
    for (const l of checkLines) expect(l).toMatch(/^\s+row 4 video-coverage /);
  });

  test.each([
    ['no arguments', [], /usage/],
    ['a missing report', ['NOPE', twinPath], /cannot read the report/],
    ['a JSON that is not a report', ['NOTREPORT', twinPath], /not a report JSON: missing standard/],
    ['a report of an unknown standard', ['OTHERSTD', twinPath], /unknown standard "atlantis-2030"/],
    ['an invalid twin', ['REPORT', join(tmp, 'bad.geojson')], /not a valid twin|cannot read/],
  ])('exit 2 on %s', async (_what, args, message) => {
    writeFileSync(join(tmp, 'notreport.json'), JSON.stringify({ hello: 'world' }));
    writeFileSync(join(tmp, 'other.json'), JSON.stringify({ standard: 'atlantis-2030', tier: 'basic', params: {}, rows: [], inputSha256: 'x' }));
    writeFileSync(join(tmp, 'bad.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [] }));
    const map: Record<string, string> = { NOPE: join(tmp, 'nope.json'), NOTREPORT: join(tmp, 'notreport.json'), OTHERSTD: join(tmp, 'other.json'), REPORT: reportPath };
    const { code, out, err } = await cli(verify, ...args.map((a) => map[a] ?? a));
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });
});
