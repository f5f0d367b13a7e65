import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildTwin } from '../../engine/twin/model.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { measure, type ThrowingBuilding } from '../../engine/measures/throwing.ts';
import { contextOf, expectedOutput, fixtureCases, roundNumbers, violations } from '../fixture-runner.ts';

const realDir = new URL('../../data/real/nanjing-qinhuai-wulaocun/', import.meta.url);

describe('throwing fixtures', () => {
  const cases = fixtureCases('throwing');
  test('has fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(7));
  test.each(cases)('$name', (c) => {
    const r = measure.run(buildTwin(c.file), contextOf(c));
    expect(violations(c, r)).toEqual([]);
    expect(roundNumbers(r)).toEqual(expectedOutput(c, r));
  });
});

describe('throwing: reasons and defaults', () => {
  const byName = Object.fromEntries(fixtureCases('throwing').map((c) => [c.name, c]));
  test('no throwing cameras fails with a reason that says so', () => {
    const c = byName['no-throwing-cameras'];
    const r = measure.run(buildTwin(c.file), contextOf(c));
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/no throwing cameras/);
  });
  test('no applicable building: value null, passes, says why', () => {
    const c = byName['no-applicable-building'];
    const r = measure.run(buildTwin(c.file), contextOf(c));
    expect(r).toMatchObject({ value: null, pass: true });
    expect(r.reason).toMatch(/no residential building with ≥ 7 floors/);
  });
  test('defaults list every (choice) of the rule', () => {
    expect(measure.defaults).toEqual({
      minFloors: 7, floorHeightM: 3, facadeMergeDeg: 10, facadeMinWidthM: 3, facadeSampleSpacingM: 2, facadeOffsetM: 0.5, fromFloor: 3,
    });
  });
  test('gaps are lon/lat facade lines with base and top heights', () => {
    const c = byName['floors-at-7-boundary'];
    const r = measure.run(buildTwin(c.file), contextOf(c));
    expect(r.evidence.gaps.features).toHaveLength(1);
    const g = r.evidence.gaps.features[0];
    expect(g.geometry.type).toBe('LineString');
    expect(g.properties).toMatchObject({ buildingId: 'B7', facadeIndex: 2, baseHeightM: 6, topHeightM: 21, heightM: 15 });
    // the north wall faces north
    const d = ((g.properties?.outwardDeg as number) + 180) % 360 - 180;
    expect(Math.abs(d)).toBeLessThan(0.01);
  });
});

describe('throwing on the real OSM community (PostGIS oracle_throwing.sql)', () => {
  const twin = buildTwin(JSON.parse(readFileSync(new URL('twin.geojson', realDir), 'utf8')) as TwinFile);
  const oracle = JSON.parse(readFileSync(new URL('oracle.json', realDir), 'utf8')).throwing;
  const tiers = Object.entries(oracle.checks.throwing) as [string, { minFloors: number; value: number; pass: boolean; passingIds: string[]; failingIds: string[]; applicable: number }][];

  test.each(tiers)('%s: value, pass, passing and failing ids exactly', (tier, o) => {
    const r = measure.run(twin, { params: { minFloors: o.minFloors }, tier, threshold: 100 });
    expect(r.value).toBe(o.value);
    expect(r.pass).toBe(o.pass);
    expect(r.evidence.passingIds).toEqual(o.passingIds);
    expect([...r.evidence.failingIds].sort()).toEqual(o.failingIds);
    expect(r.evidence.counts.applicableBuildings).toBe(o.applicable);
  });

  test('per building: counted, skipped, covered samples, facades and uncovered facades exactly', () => {
    const r = measure.run(twin, { params: { minFloors: 7 }, tier: 'benchmark', threshold: 100 });
    const mine = new Map((r.evidence.perBuilding as ThrowingBuilding[]).map((b) => [b.id, b]));
    expect(mine.size).toBe(oracle.perBuilding.length);
    for (const o of oracle.perBuilding) {
      const b = mine.get(o.id) as ThrowingBuilding;
      expect({ id: b.id, facades: b.facades, samples: b.samples, skipped: b.skippedSamples, covered: b.coveredSamples, uncovered: b.uncoveredFacades })
        .toEqual({ id: o.id, facades: o.facades, samples: o.samples, skipped: o.skippedSamples, covered: o.coveredSamples, uncovered: o.uncoveredFacades });
      expect(b.coveredShare).toBeCloseTo(o.coveredShare, 12);
    }
    expect(r.evidence.counts).toMatchObject({ samples: oracle.samples, skippedSamples: oracle.skippedSamples, coveredSamples: oracle.coveredSamples, activeThrowingCameras: oracle.cameras.active });
  });

  test('per facade: ring edges, width (±1 mm), columns and sample counts', () => {
    const r = measure.run(twin, { params: { minFloors: 7 }, tier: 'benchmark', threshold: 100 });
    const mine = new Map((r.evidence.perBuilding as ThrowingBuilding[]).map((b) => [b.id, b]));
    for (const o of oracle.perBuilding) {
      const list = (mine.get(o.id) as ThrowingBuilding).facadeList;
      expect(list.map((f) => ({ ...f, widthM: Math.round(f.widthM * 1000) })))
        .toEqual(o.facadeList.map((f: { widthM: number }) => ({ ...f, widthM: Math.round(f.widthM * 1000) })));
    }
  });

  test('uncovered facades are drawn: one gap feature per uncovered facade', () => {
    const r = measure.run(twin, { params: { minFloors: 7 }, tier: 'benchmark', threshold: 100 });
    const expected = oracle.perBuilding.flatMap((b: { id: string; uncoveredFacades: { index: number }[] }) => b.uncoveredFacades.map((u) => `${b.id}#${u.index}`));
    expect(r.evidence.gaps.features.map((f) => `${f.properties?.buildingId}#${f.properties?.facadeIndex}`)).toEqual(expected);
  });
});
