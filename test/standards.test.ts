import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { KNOWN_MEASURES, parseStandard, tierOf } from '../engine/standard/load.ts';
import type { Standard } from '../engine/standard/types.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// shared/ sits beside the repo clone (locally /work/shared, in CI a copy next to the clone)
const sourceDir = path.resolve(repoRoot, '../shared/standard');

function loadSources(): { file: string; text: string }[] {
  if (!existsSync(sourceDir)) {
    throw new Error(`published standard texts not found: expected the folder ${sourceDir} (shared/standard beside the repo clone)`);
  }
  const files = readdirSync(sourceDir).filter((f) => f.endsWith('.txt'));
  if (files.length === 0) throw new Error(`no .txt files in ${sourceDir}`);
  return files.map((file) => ({ file, text: readFileSync(path.join(sourceDir, file), 'utf8') }));
}

const readJson = (name: string): unknown => JSON.parse(readFileSync(path.join(repoRoot, 'data/standards', name), 'utf8'));
const shandong = parseStandard(readJson('shandong-2022.json'));
const beijing = parseStandard(readJson('beijing-2013.json'));
const ALL: Standard[] = [shandong, beijing];
const TIERS = ['basic', 'growth', 'benchmark'] as const;

describe('shandong-2022', () => {
  test('has the three tiers with 22 / 28 / 32 rows', () => {
    expect(shandong.id).toBe('shandong-2022');
    expect(shandong.tiers.map((t) => t.id)).toEqual([...TIERS]);
    expect(TIERS.map((t) => tierOf(shandong, t).rows.length)).toEqual([22, 28, 32]);
  });

  test('thresholds are non-decreasing from basic to growth to benchmark for the same check id', () => {
    const per = new Map<string, (number | undefined)[]>();
    TIERS.forEach((tierId, ti) => {
      for (const row of tierOf(shandong, tierId).rows) {
        for (const c of row.checks) {
          if (c.threshold === undefined) continue;
          const arr = per.get(c.id) ?? [undefined, undefined, undefined];
          if (arr[ti] !== undefined && arr[ti] !== c.threshold) {
            throw new Error(`${tierId}: check "${c.id}" has two thresholds (${arr[ti]}, ${c.threshold})`);
          }
          arr[ti] = c.threshold;
          per.set(c.id, arr);
        }
      }
    });
    for (const [id, arr] of per) {
      const present = arr.filter((x): x is number => x !== undefined);
      for (let i = 1; i < present.length; i++) {
        expect(present[i], `threshold of "${id}" across tiers: ${JSON.stringify(arr)}`).toBeGreaterThanOrEqual(present[i - 1]);
      }
    }
  });

  test('thresholds and tier parameters match the published requirement of each tier', () => {
    const th = (tierId: string, id: string) => tierOf(shandong, tierId).rows.flatMap((r) => r.checks).find((c) => c.id === id);
    const expected: Record<string, (number | undefined)[]> = {
      fibre: [70, 80, 90], '5g': [80, 90, 100], tv: [70, 80, 95],
      'video-coverage': [90, 95, 98], 'video-online': [90, 95, 98], 'video-intact': [90, 95, 98],
      'video-imageout': [80, 85, 90], 'video-compliance': [90, 95, 100],
      lighting: [undefined, 80, 100], energy: [undefined, 70, 100],
      'fire-ebike': [50, 80, 100], 'fire-hazard': [undefined, 80, 100], garbage: [undefined, 80, 100],
    };
    for (const [id, values] of Object.entries(expected)) {
      expect(TIERS.map((t) => th(t, id)?.threshold), id).toEqual(values);
    }
    expect(TIERS.map((t) => th(t, 'throwing')?.params?.minFloors)).toEqual([19, 12, 7]);
    expect(TIERS.map((t) => th(t, 'elderly')?.params?.minServices)).toEqual([2, 2, 4]);
    expect(th('growth', 'elderly')?.params?.requireAloneAlarm).toBe(true);
    expect(th('benchmark', 'elderly')?.params?.requireSmartDevices).toBe(true);
    expect(th('growth', 'charging')?.params).toMatchObject({ requireTimedCharging: true, requireFaultAlarm: true });
    expect(th('benchmark', 'charging')?.params).toMatchObject({ requireTimedCharging: true, requireFaultAlarm: true, requireEv: true });
    expect(th('growth', 'library')?.params?.rule).toBe('growth');
    expect(th('benchmark', 'library')?.params?.rule).toBe('benchmark');
    expect(th('benchmark', 'access')?.params?.includeOpenCompoundUnitDoors).toBe(true);
    expect(th('benchmark', 'perimeter')?.params?.openCompoundImageCapture).toBe(true);
    expect(th('benchmark', 'sports-walk')?.params?.requireSmartFitness).toBe(true);
    expect(th('benchmark', 'lighting')?.params?.requireSmartPoles).toBe(true);
    expect(th('benchmark', '5g-indoor')).toBeDefined();
    for (const id of ['convenience', 'patrol', 'emergency']) {
      expect(TIERS.map((t) => th(t, id) !== undefined), id).toEqual([false, false, true]);
    }
  });

  test('each threshold in % appears in its row\'s published requirement (or the row requires all compounds)', () => {
    for (const tier of shandong.tiers) {
      for (const row of tier.rows) {
        const text = row.requirement.replace(/\s+/g, '');
        for (const c of row.checks) {
          if (c.threshold === undefined) continue;
          const ok = text.includes(`${c.threshold}%`) || (c.threshold === 100 && /所有小区|全覆盖/.test(text));
          expect(ok, `${tier.id} row ${row.row} ${c.id} ${c.threshold}`).toBe(true);
        }
      }
    }
  });
});

describe.each(ALL.map((s) => [s.id, s] as const))('%s', (_id, standard) => {
  const sources = loadSources();

  test('rows are numbered 1..n in table order and carry a category', () => {
    for (const tier of standard.tiers) {
      expect(tier.rows.map((r) => r.row)).toEqual(tier.rows.map((_, i) => i + 1));
      for (const r of tier.rows) expect(r.category.length, `${tier.id} row ${r.row}`).toBeGreaterThan(0);
    }
  });

  test('every requirement is a verbatim substring of a published text', () => {
    for (const tier of standard.tiers) {
      for (const r of tier.rows) {
        const hit = sources.some((s) => s.text.includes(r.requirement));
        expect(hit, `${tier.id} row ${r.row} (${r.name}): requirement not found verbatim in ${sourceDir}`).toBe(true);
      }
    }
  });

  test('every row name appears in a published text', () => {
    for (const tier of standard.tiers) {
      for (const r of tier.rows) {
        const hit = sources.some((s) => s.text.includes(r.name));
        expect(hit, `${tier.id} row ${r.row}: name "${r.name}" not found`).toBe(true);
      }
    }
  });

  test('every check is either attested (with what/whatEn) or a known measure; ids mean the same thing everywhere', () => {
    const known = new Set<string>(KNOWN_MEASURES);
    const attestedIds = new Set<string>();
    const computedIds = new Set<string>();
    for (const tier of standard.tiers) {
      for (const r of tier.rows) {
        for (const c of r.checks) {
          if (c.attested) {
            expect(c.what && c.whatEn, `${tier.id} row ${r.row} ${c.id}`).toBeTruthy();
            expect(known.has(c.id), `${tier.id} row ${r.row}: attested check reuses measure id "${c.id}"`).toBe(false);
            attestedIds.add(c.id);
          } else {
            expect(known.has(c.id), `${tier.id} row ${r.row}: unknown measure "${c.id}"`).toBe(true);
            computedIds.add(c.id);
          }
        }
      }
      // a computed measure is used in at most one row per tier (so a report can find it by id)
      const ids = tier.rows.flatMap((r) => r.checks.filter((c) => !c.attested).map((c) => c.id));
      expect(new Set(ids).size, `${tier.id}: a measure appears in two rows`).toBe(ids.length);
    }
    expect([...attestedIds].filter((id) => computedIds.has(id))).toEqual([]);
  });

  test('English texts are present', () => {
    for (const tier of standard.tiers) {
      for (const r of tier.rows) {
        expect(r.nameEn.trim().length && r.requirementEn.trim().length, `${tier.id} row ${r.row}`).toBeTruthy();
      }
    }
  });
});

describe('beijing-2013', () => {
  test('parses, one tier of the 38 indicators, graded one to five stars by indicators met', () => {
    expect(beijing.id).toBe('beijing-2013');
    const tier = tierOf(beijing, 'star');
    expect(tier.rows).toHaveLength(38);
    expect(tier.grading?.map((g) => [g.level, g.minMet])).toEqual([[1, 10], [2, 15], [3, 20], [4, 25], [5, 30]]);
    // the HD digital TV access indicator is the one the engine computes (tv at 100 %)
    expect(tier.rows[0].checks.find((c) => !c.attested)).toEqual({ id: 'tv', threshold: 100 });
  });
});

describe('parseStandard / tierOf', () => {
  const raw = () => readJson('shandong-2022.json') as { tiers: { rows: Record<string, unknown>[] }[] };

  test('a missing requirement names the tier and row', () => {
    const bad = raw();
    delete bad.tiers[1].rows[9].requirement;
    expect(() => parseStandard(bad)).toThrow(/tier "growth", row 10 \(养老服务\).*"requirement"/);
  });

  test('an unknown, non-attested measure is rejected naming the row', () => {
    const bad = raw();
    (bad.tiers[0].rows[0].checks as unknown[]).push({ id: 'wifi', threshold: 50 });
    expect(() => parseStandard(bad)).toThrow(/tier "basic", row 1 \(有线宽带网络\).*unknown measure "wifi"/);
  });

  test('rows out of order are rejected', () => {
    const bad = raw();
    bad.tiers[2].rows[4].row = 7;
    expect(() => parseStandard(bad)).toThrow(/tier "benchmark".*expected row 5, got 7/);
  });

  test('an attested check needs what/whatEn', () => {
    const bad = raw();
    (bad.tiers[0].rows[5].checks as Record<string, unknown>[])[0].what = '';
    expect(() => parseStandard(bad)).toThrow(/row 6 .*attested "platform".*"what"/);
  });

  test('tierOf finds a tier or lists the available ones', () => {
    expect(tierOf(shandong, 'growth').rows).toHaveLength(28);
    expect(() => tierOf(shandong, 'gold')).toThrow(/no tier "gold" \(tiers: basic, growth, benchmark\)/);
  });
});
