import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';
import { applyEdits } from '../../engine/edit/index.ts';
import { evaluate } from '../../engine/evaluate.ts';
import { SUGGESTERS, suggest } from '../../engine/suggest/index.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { validateTwin } from '../../engine/twin/validate.ts';
import { run } from '../../server/cli/suggest.ts';
import { NANMEN, WULAOCUN, readTwin, shandong } from './helpers.ts';

const checksOf = (report: ReturnType<typeof evaluate>) => report.rows.flatMap((r) => r.checks);
const dir = mkdtempSync(join(tmpdir(), 'ct-suggest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('suggestions make nanmen pass every growth row they target, checked by a full evaluate of the planned twin', () => {
  const twin = readTwin(NANMEN);
  const baseline = evaluate(twin, shandong, 'growth');
  const failing = checksOf(baseline).filter((c) => c.pass === false && SUGGESTERS[c.id]).map((c) => c.id);
  expect(failing).toEqual(expect.arrayContaining(['fibre', '5g', 'video-coverage', 'lighting', 'charging', 'energy', 'sports-walk', 'garbage', 'throwing', 'fire-ebike']));
  const s = suggest(twin, shandong, 'growth');
  expect(Object.keys(s.before).sort()).toEqual([...failing].sort());
  expect(s.unresolved).toEqual({});

  const planned = applyEdits(twin, s.edits);
  expect(validateTwin(planned).ok).toBe(true);
  const report = evaluate(planned, shandong, 'growth');
  for (const id of failing) expect(checksOf(report).find((c) => c.id === id)?.pass, id).toBe(true);
  for (const row of report.rows) {
    if (row.checks.every((c) => failing.includes(c.id) || baseline.rows.find((r) => r.row === row.row)!.checks.find((b) => b.id === c.id)!.pass)) {
      expect(row.pass, `row ${row.row}`).toBe(true);
    }
  }
  // nothing that passed before fails now (e.g. cameras added for coverage keep compliance and status rates)
  for (const c of checksOf(baseline).filter((x) => x.pass === true)) expect(checksOf(report).find((x) => x.id === c.id)?.pass, c.id).toBe(true);
  for (const e of s.edits) {
    if (e.op === 'add') expect(e.feature.properties.proposed).toBe(true);
    if (e.op === 'update') expect(e.props?.proposed).toBe(true);
    expect(e.op).not.toBe('delete');
  }
  expect(s.report.summary).toEqual(report.summary);
  // few additions: one site or so for a 15 % hole, not a carpet
  expect(s.added['5g']).toBeLessThanOrEqual(3);
  expect(s.added['sports-walk']).toBeLessThanOrEqual(3);
});

test('on the real OSM community: 5G sites and key-location cameras close their gaps', () => {
  const twin = readTwin(WULAOCUN);
  const s = suggest(twin, shandong, 'growth', { checks: ['5g', 'video-coverage'] });
  const report = evaluate(applyEdits(twin, s.edits), shandong, 'growth');
  for (const id of ['5g', 'video-coverage']) expect(checksOf(report).find((c) => c.id === id)?.pass, id).toBe(true);
  expect(s.edits.every((e) => e.op === 'add' && ['fiveG', 'camera'].includes(e.feature.properties.kind))).toBe(true);
});

test('CLI: writes the planned twin and prints what it added; 2 on bad input', async () => {
  const out = join(dir, 'planned.geojson');
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(await run([NANMEN, '--tier', 'growth', '--checks', '5g,lighting', '--out', out])).toBe(0);
    const printed = stdout.mock.calls.map((c) => String(c[0])).join('');
    expect(printed).toMatch(/5g\s+\d+ added/);
    expect(printed).toMatch(/lighting\s+\d+ updated/);
    const planned = JSON.parse(readFileSync(out, 'utf8')) as TwinFile;
    const report = evaluate(planned, shandong, 'growth');
    expect(checksOf(report).find((c) => c.id === '5g')?.pass).toBe(true);
    expect(planned.features.some((f) => f.properties.kind === 'fiveG' && f.properties.proposed === true)).toBe(true);
    expect(await run([NANMEN, '--tier', 'growth', '--checks', 'no-such-check', '--out', out])).toBe(2);
    expect(await run([join(dir, 'missing.geojson'), '--tier', 'growth', '--out', out])).toBe(2);
    expect(await run([NANMEN, '--tier', 'platinum', '--out', out])).toBe(2);
    expect(await run([NANMEN, '--tier', 'growth'])).toBe(2);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
});
