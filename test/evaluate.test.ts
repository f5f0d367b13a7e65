import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { evaluate, EvaluateError } from '../engine/evaluate.ts';
import { measures } from '../engine/measures/index.ts';
import type { Measure } from '../engine/measures/types.ts';
import { KNOWN_MEASURES, parseStandard } from '../engine/standard/load.ts';
import type { Standard } from '../engine/standard/types.ts';
import { canonicalJson, canonicalSha256, sha256Hex } from '../engine/twin/canonical.ts';
import type { Attestation, TwinFile } from '../engine/twin/types.ts';
import { ENGINE_VERSION } from '../engine/version.ts';
import { largeCommunity } from '../bench/large-community.ts';
import { buildTwin } from '../engine/twin/model.ts';

const read = (rel: string) => JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8'));
const shandong: Standard = parseStandard(read('../data/standards/shandong-2022.json'));
const beijing: Standard = parseStandard(read('../data/standards/beijing-2013.json'));
const realTwin = (): TwinFile => read('../data/real/nanjing-qinhuai-wulaocun/twin.geojson');
/** a small twin: the fixture community of the fibre measure */
const smallTwin = (): TwinFile => read('./fixtures/fibre/pass.in.geojson');

const attest = (checkId: string, pass: boolean, at: string, extra: Partial<Attestation> = {}): Attestation =>
  ({ checkId, pass, at, text: `${checkId} reviewed`, by: 'reviewer A', evidenceRef: 'doc-1', ...extra });

describe('registry', () => {
  test('holds a measure for every computed check id the standards know, under its own id', () => {
    expect(Object.keys(measures).sort()).toEqual([...KNOWN_MEASURES].sort());
    for (const [id, m] of Object.entries(measures)) expect(m.id).toBe(id);
  });
});

describe('evaluate on the Shandong standard', () => {
  test.each([['basic', 22], ['growth', 28], ['benchmark', 32]] as const)('%s: %i rows in table order', (tier, n) => {
    const report = evaluate(smallTwin(), shandong, tier);
    expect(report.rows).toHaveLength(n);
    expect(report.rows.map((r) => r.row)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const spec = shandong.tiers.find((t) => t.id === tier)!;
    expect(report.rows.map((r) => r.checks.map((c) => c.id))).toEqual(spec.rows.map((r) => r.checks.map((c) => c.id)));
    const s = report.summary;
    expect(s.passed + s.failed + s.attested + s.missing).toBe(n);
    expect(report.tier).toBe(tier);
    expect(report.standard).toBe('shandong-2022');
  });

  test.each(['basic', 'growth', 'benchmark'])('the real Nanjing community evaluates at %s without a measure error', (tier) => {
    const report = evaluate(realTwin(), shandong, tier);
    const checks = report.rows.flatMap((r) => r.checks);
    expect(checks.filter((c) => c.reason?.startsWith('error:')).map((c) => `${c.id}: ${c.reason}`)).toEqual([]);
    for (const c of checks) {
      if (c.pass === false) expect(c.reason, `${c.id} says why it fails`).toBeTruthy();
      expect(c.evidence.gaps.type).toBe('FeatureCollection');
    }
    expect(report.community.id).toBe('community');
    const oracle = read('../data/real/nanjing-qinhuai-wulaocun/oracle.json');
    expect(Math.abs(report.community.areaM2 / oracle.community.areaM2 - 1)).toBeLessThan(1e-4);
    // the real twin has no fibre attributes: 0 % of its 8 044 households
    const fibre = checks.find((c) => c.id === 'fibre')!;
    expect(fibre.value).toBe(0);
    expect(fibre.evidence.counts.households).toBe(8044);
  });

  test('row kinds and passes: computed rows pass/fail, attested rows await an attestation', () => {
    const report = evaluate(smallTwin(), shandong, 'growth');
    const fibre = report.rows[0];
    expect(fibre).toMatchObject({ kind: 'computed', pass: true });
    expect(fibre.checks[0]).toMatchObject({ id: 'fibre', value: 90, unit: '%', threshold: 80, pass: true });
    const platform = report.rows.find((r) => r.checks[0].id === 'platform')!;
    expect(platform).toMatchObject({ kind: 'attested', pass: null });
    expect(platform.checks[0].reason).toMatch(/^awaiting attestation/);
    const mixed = report.rows.find((r) => r.kind === 'mixed')!;
    expect(mixed.checks.some((c) => c.pass === null)).toBe(true);
  });
});

describe('attestations', () => {
  test('an attestation turns a pending row into a passing one; the latest by time wins', () => {
    const twin = smallTwin();
    const before = evaluate(twin, shandong, 'basic');
    const row = (r: typeof before) => r.rows.find((x) => x.checks[0].id === 'gov-services')!;
    expect(row(before).pass).toBeNull();

    twin.attestations = [attest('gov-services', true, '2024-05-01T10:00:00Z')];
    const after = evaluate(twin, shandong, 'basic');
    expect(row(after).pass).toBe(true);
    expect(row(after).checks[0]).toMatchObject({ value: 1, unit: 'bool', pass: true });
    expect(row(after).checks[0].evidence.attestation).toEqual({ text: 'gov-services reviewed', by: 'reviewer A', at: '2024-05-01T10:00:00Z', evidenceRef: 'doc-1' });
    expect(after.summary.attested).toBe(before.summary.attested + 1);
    expect(after.summary.missing).toBe(before.summary.missing - 1);

    // a later "not met" replaces it, whatever the array order
    twin.attestations = [attest('gov-services', false, '2024-06-01T00:00:00Z', { text: 'window closed' }), attest('gov-services', true, '2024-05-01T10:00:00Z')];
    const revoked = evaluate(twin, shandong, 'basic');
    expect(row(revoked).pass).toBe(false);
    expect(row(revoked).checks[0].reason).toContain('window closed');
    expect(revoked.summary.failed).toBe(before.summary.failed + 1);

    // same time: the higher version wins
    twin.attestations = [attest('gov-services', true, '2024-06-01T00:00:00Z', { version: 2 }), attest('gov-services', false, '2024-06-01T00:00:00Z', { version: 1 })];
    expect(row(evaluate(twin, shandong, 'basic')).pass).toBe(true);
  });

  test('a mixed row needs both its computed and its attested checks', () => {
    const twin = smallTwin();
    const charging = (t: TwinFile) => evaluate(t, shandong, 'basic').rows.find((r) => r.checks[0].id === 'charging')!;
    expect(charging(twin).kind).toBe('mixed');
    twin.attestations = [attest('ebike-parking-safety', true, '2024-01-01T00:00:00Z')];
    // the fixture has no compounds: the computed charging check fails, so the row fails
    expect(charging(twin).checks[0].pass).toBe(false);
    expect(charging(twin).pass).toBe(false);
  });
});

describe('parameters', () => {
  test('report.params lists the effective parameters of the measures used, standard params applied', () => {
    const report = evaluate(smallTwin(), shandong, 'benchmark');
    expect(report.params).toMatchObject({ emergencyRadiusM: 150, requireSmartPoles: true, requireEv: true, rule: 'benchmark', minFloors: 7 });
    expect(evaluate(smallTwin(), shandong, 'growth').params).toMatchObject({ requireEv: false, rule: 'growth', minFloors: 12 });
  });

  test('user params override (coerced to the default type), by name or scoped to one check', () => {
    const report = evaluate(smallTwin(), shandong, 'benchmark', { params: { emergencyRadiusM: '300', 'library.populationSplit': 10 } });
    expect(report.params.emergencyRadiusM).toBe(300);
    expect(report.params.populationSplit).toBe(10);
    const emergency = report.rows.flatMap((r) => r.checks).find((c) => c.id === 'emergency')!;
    expect(emergency.reason).toBe('no emergency help points in the twin');
  });

  test('user params change the outcome', () => {
    const twin = smallTwin();
    const fibre = (params: Record<string, string | number | boolean>) =>
      evaluate(twin, shandong, 'basic', { params }).rows[0].checks[0];
    expect(fibre({}).value).toBe(90);
    (twin.features[0].properties as Record<string, unknown>).households = 300;
    expect(fibre({ householdsFrom: 'community' }).value).toBe(45);
  });

  test('unknown parameter names and tiers are errors', () => {
    expect(() => evaluate(smallTwin(), shandong, 'basic', { params: { emergencyRadiusMm: 100 } })).toThrow(EvaluateError);
    expect(() => evaluate(smallTwin(), shandong, 'basic', { params: { emergencyRadiusMm: 100 } })).toThrow(/unknown param "emergencyRadiusMm"/);
    expect(() => evaluate(smallTwin(), shandong, 'basic', { params: { 'nosuchcheck.minFloors': 1 } })).toThrow(/no check "nosuchcheck"/);
    expect(() => evaluate(smallTwin(), shandong, 'gold')).toThrow(/unknown tier "gold"/);
    expect(() => evaluate(smallTwin(), shandong, 'basic', { params: { requireEv: 'maybe' } })).toThrow(/must be a boolean/);
  });
});

describe('robustness', () => {
  test('a measure that throws becomes a failing check, not a crash', () => {
    const boom: Measure = { ...measures.fibre, run: () => { throw new Error('boom'); } };
    const report = evaluate(smallTwin(), shandong, 'basic', { measures: { ...measures, fibre: boom } });
    expect(report.rows[0].checks[0]).toMatchObject({ id: 'fibre', value: null, pass: false, reason: 'error: boom' });
    expect(report.rows[0].pass).toBe(false);
    expect(report.rows).toHaveLength(22);
  });

  test('engineVersion is package.json version', () => {
    const pkg = read('../package.json');
    expect(ENGINE_VERSION).toBe(pkg.version);
    expect(evaluate(smallTwin(), shandong, 'basic').engineVersion).toBe(pkg.version);
  });

  test('generatedAt only when a clock is given, so reports are reproducible', () => {
    expect(evaluate(smallTwin(), shandong, 'basic').generatedAt).toBeUndefined();
    expect(evaluate(smallTwin(), shandong, 'basic', { now: '2024-01-01T00:00:00Z' }).generatedAt).toBe('2024-01-01T00:00:00Z');
    expect(JSON.stringify(evaluate(smallTwin(), shandong, 'growth'))).toBe(JSON.stringify(evaluate(smallTwin(), shandong, 'growth')));
  });
});

describe('grading (Beijing stars)', () => {
  const bj = (n: number, extra: Attestation[] = []): TwinFile => {
    const twin = smallTwin();
    const ids = beijing.tiers[0].rows.filter((r) => r.checks.every((c) => c.attested)).map((r) => r.checks[0].id);
    twin.attestations = [...ids.slice(0, n).map((id) => attest(id, true, '2024-01-01T00:00:00Z')), ...extra];
    return twin;
  };
  test('the highest level whose minMet is reached; conditional levels need their attestation', () => {
    expect(evaluate(bj(0), beijing, 'star').grade).toBeNull();
    expect(evaluate(bj(12), beijing, 'star').grade).toEqual({ level: 1, met: 12, of: 38 });
    expect(evaluate(bj(27), beijing, 'star').grade).toEqual({ level: 3, met: 27, of: 38 });
    expect(evaluate(bj(27, [attest('grade-4', true, '2024-01-01T00:00:00Z')]), beijing, 'star').grade).toEqual({ level: 4, met: 27, of: 38 });
    expect(evaluate(smallTwin(), shandong, 'basic').grade).toBeUndefined();
  });
});

describe('input hash', () => {
  test('stable under feature and key reordering, changes with a coordinate', () => {
    const twin = realTwin();
    const base = evaluate(twin, shandong, 'basic').inputSha256;
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    const shuffled: TwinFile = { ...twin, features: [...twin.features].reverse().map((f) => ({ properties: f.properties, geometry: f.geometry, type: f.type })) };
    expect(canonicalSha256(shuffled)).toBe(base);
    const moved = structuredClone(twin);
    const building = moved.features.find((f) => f.properties.kind === 'building')!;
    (building.geometry as { coordinates: number[][][] }).coordinates[0][0][0] += 1e-7;
    expect(canonicalSha256(moved)).not.toBe(base);
  });

  test('standardSha256 is the hash of the canonical standard', () => {
    expect(evaluate(smallTwin(), shandong, 'basic').standardSha256).toBe(canonicalSha256(shandong));
  });

  test('canonical JSON sorts keys, keeps array order, writes numbers as JSON', () => {
    expect(canonicalJson({ b: [2, 1], a: { d: -0, c: 0.1 }, u: undefined })).toBe('{"a":{"c":0.1,"d":0},"b":[2,1]}');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow();
  });

  test('SHA-256 equals node:crypto for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => sha256Hex(s) === createHash('sha256').update(s).digest('hex')));
    for (const n of [0, 55, 56, 63, 64, 65, 1000]) {
      const s = 'x'.repeat(n);
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s).digest('hex'));
    }
  });
});

describe('the generated benchmark community', () => {
  test('has the advertised size, is seeded, and evaluates without a measure error', () => {
    const twin = largeCommunity();
    const count = (kind: string) => twin.features.filter((f) => f.properties.kind === kind).length;
    expect([count('building'), count('camera'), count('fiveG')]).toEqual([500, 1000, 60]);
    const t = buildTwin(twin);
    const pathM = t.features.path.reduce((s, p) => s + p.geometry.coordinates.slice(1).reduce((a, q, i) => {
      const [x0, y0] = t.projection.forward(p.geometry.coordinates[i]), [x1, y1] = t.projection.forward(q);
      return a + Math.hypot(x1 - x0, y1 - y0);
    }, 0), 0);
    expect(pathM).toBeCloseTo(5000, -1);
    expect(canonicalSha256(largeCommunity())).toBe(canonicalSha256(twin));
    const report = evaluate(twin, shandong, 'benchmark');
    expect(report.community.areaM2).toBeCloseTo(1e6, -2);
    expect(report.rows.flatMap((r) => r.checks).filter((c) => c.reason?.startsWith('error:'))).toEqual([]);
  });
});
