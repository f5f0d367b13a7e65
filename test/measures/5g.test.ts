import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { buildTwin } from '../../engine/twin/model.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { CASCADE_MIN_PARTS, coverageUnion, measure as fiveG } from '../../engine/measures/5g.ts';
import { measure as fiveGIndoor } from '../../engine/measures/5g-indoor.ts';
import { maxRangeM, pathLossDb } from '../../engine/radio/pathLoss.ts';
import { bandInfo, perResourceElementDb } from '../../engine/radio/bands.ts';
import { areaM2, cascadedUnion, difference, intersection, union, type MultiPolygonM } from '../../engine/geo/clip.ts';
import { localProjection } from '../../engine/geo/projection.ts';
import { contextOf, expectedOutput, fixtureCases, roundNumbers, violations } from '../fixture-runner.ts';

const realDir = new URL('../../data/real/nanjing-qinhuai-wulaocun/', import.meta.url);
const ctx = { params: {}, threshold: 80, tier: 'basic' };

describe('5g fixtures', () => {
  const cases = fixtureCases('5g');
  test('has fixtures', () => expect(cases.length).toBeGreaterThan(0));
  test.each(cases)('$name', (c) => {
    const r = fiveG.run(buildTwin(c.file), contextOf(c));
    expect(violations(c, r)).toEqual([]);
    expect(roundNumbers(r)).toEqual(expectedOutput(c, r));
  });
});

describe('5g on the real OSM community (PostGIS oracle)', () => {
  const twin = buildTwin(JSON.parse(readFileSync(new URL('twin.geojson', realDir), 'utf8')) as TwinFile);
  const oracle = JSON.parse(readFileSync(new URL('oracle.json', realDir), 'utf8'));
  const r = fiveG.run(twin, ctx);
  test('rate within 0.05 pp of ST_Area(ST_Intersection(ST_Union(coverage), boundary)::geography)', () => {
    expect(Math.abs((r.value as number) - 100 * oracle.fiveG.rate)).toBeLessThan(0.05);
  });
  test('covered and uncovered areas within 0.1 % of PostGIS', () => {
    expect(Math.abs(r.evidence.counts.coveredM2 / oracle.fiveG.coveredM2 - 1)).toBeLessThan(1e-3);
    expect(Math.abs(r.evidence.counts.uncoveredM2 / oracle.fiveG.uncoveredM2 - 1)).toBeLessThan(1e-3);
    expect(Math.abs(r.evidence.counts.communityM2 / oracle.community.areaM2 - 1)).toBeLessThan(1e-3);
  });
  test('gap polygons are lon/lat and add up to the uncovered area', () => {
    const sum = r.evidence.gaps.features.reduce((s, f) => s + (f.properties?.areaM2 as number), 0);
    expect(Math.abs(sum - r.evidence.counts.uncoveredM2)).toBeLessThan(1);
    for (const f of r.evidence.gaps.features) {
      const [lon, lat] = (f.geometry as { coordinates: number[][][] }).coordinates[0][0];
      expect(lon).toBeGreaterThan(118.78); expect(lon).toBeLessThan(118.8);
      expect(lat).toBeGreaterThan(32.03); expect(lat).toBeLessThan(32.05);
    }
  });
  test('fails below the benchmark threshold', () => {
    expect(fiveG.run(twin, { ...ctx, threshold: 100 }).pass).toBe(false);
    expect(fiveG.run(twin, { ...ctx, threshold: 70 }).pass).toBe(true);
  });
});

describe('TR 38.901 path loss', () => {
  test('UMa NLOS at 3.5 GHz, 200 m, hBS 25 m, hUT 1.5 m: hand-computed 114.46 dB', () => {
    expect(pathLossDb('UMa', 'NLOS', { d2D: 200, hBS: 25, hUT: 1.5, fGHz: 3.5 })).toBeCloseTo(114.46, 1);
  });
  test('UMa LOS before the breakpoint: 28 + 22 log10(d3D) + 20 log10(fc)', () => {
    const d3D = Math.hypot(100, 23.5);
    expect(pathLossDb('UMa', 'LOS', { d2D: 100, hBS: 25, hUT: 1.5, fGHz: 3.5 })).toBeCloseTo(28 + 22 * Math.log10(d3D) + 20 * Math.log10(3.5), 9);
  });
  test('UMi NLOS is never below UMi LOS, and loss grows with distance', () => {
    fc.assert(fc.property(fc.double({ min: 10, max: 5000, noNaN: true }), fc.double({ min: 1, max: 500, noNaN: true }), (d, dd) => {
      const link = { hBS: 10, hUT: 1.5, fGHz: 2.6 };
      const nlos = pathLossDb('UMi', 'NLOS', { ...link, d2D: d });
      expect(nlos).toBeGreaterThanOrEqual(pathLossDb('UMi', 'LOS', { ...link, d2D: d }));
      expect(pathLossDb('UMi', 'NLOS', { ...link, d2D: d + dd })).toBeGreaterThanOrEqual(nlos - 1e-9);
    }));
  });
  test('max range solves RSRP = threshold', () => {
    const link = { hBS: 25, hUT: 1.5, fGHz: 3.5 };
    const eirpRe = 60 - perResourceElementDb(bandInfo('n78')!);
    const r = maxRangeM('UMa', 'NLOS', link, eirpRe, -105);
    expect(eirpRe - pathLossDb('UMa', 'NLOS', { ...link, d2D: r })).toBeCloseTo(-105, 2);
    expect(maxRangeM('UMa', 'NLOS', link, -80, -105)).toBe(0);
  });
  test('bands: names and GHz', () => {
    expect(bandInfo('n78')?.fGHz).toBe(3.5);
    expect(bandInfo('N41')?.fGHz).toBeCloseTo(2.595);
    expect(bandInfo(0.7)?.fGHz).toBe(0.7);
    expect(bandInfo('3.5 GHz')?.fGHz).toBe(3.5);
    expect(bandInfo('lte')).toBeNull();
  });
});

describe('clipper wrapper', () => {
  const sq = (x0: number, y0: number, s: number): MultiPolygonM => [[[[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s]]]];
  test('union / intersection / difference areas', () => {
    expect(areaM2(union([sq(0, 0, 10), sq(5, 5, 10)]))).toBeCloseTo(175, 6);
    expect(areaM2(intersection(sq(0, 0, 10), sq(5, 5, 10)))).toBeCloseTo(25, 6);
    expect(areaM2(difference(sq(0, 0, 10), sq(5, 5, 10)))).toBeCloseTo(75, 6);
    const donut = difference(sq(0, 0, 10), sq(3, 3, 4));
    expect(donut).toHaveLength(1);
    expect(donut[0]).toHaveLength(2);
    expect(areaM2(donut)).toBeCloseTo(84, 6);
  });
  test('clockwise input rings are read as outer rings', () => {
    const cw: MultiPolygonM = [[[[0, 0], [0, 10], [10, 10], [10, 0]]]];
    expect(areaM2(union([cw]))).toBeCloseTo(100, 6);
  });
  test('the 5G measure unions many parts as a tree: same area as one operation, within 1e-9 relative', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const disc = (): MultiPolygonM => {
      const cx = (random() - 0.5) * 1500, cy = (random() - 0.5) * 1500, r = 20 + random() * 130;
      return [[Array.from({ length: 48 }, (_, k): [number, number] => [cx + r * Math.sin((2 * Math.PI * k) / 48), cy + r * Math.cos((2 * Math.PI * k) / 48)])]];
    };
    const many = Array.from({ length: CASCADE_MIN_PARTS + 72 }, disc);
    const single = areaM2(union(many));
    expect(areaM2(coverageUnion(many))).toBe(areaM2(cascadedUnion(many)));
    expect(Math.abs(areaM2(coverageUnion(many)) / single - 1)).toBeLessThan(1e-9);
    // below the threshold the measure keeps the single operation (reports stay bit-identical)
    const few = many.slice(0, CASCADE_MIN_PARTS - 1);
    expect(coverageUnion(few)).toEqual(union(few));
  });
});

describe('5g properties', () => {
  const proj = localProjection(118.79, 32.04);
  const ring = (cx: number, cy: number, r: number) => {
    const pts = Array.from({ length: 32 }, (_, k) => proj.inverse([cx + r * Math.sin((2 * Math.PI * k) / 32), cy + r * Math.cos((2 * Math.PI * k) / 32)]));
    return [...pts, pts[0]];
  };
  const square = [[-100, -100], [100, -100], [100, 100], [-100, 100], [-100, -100]].map(([x, y]) => proj.inverse([x, y]));
  const twinOf = (circles: [number, number, number][]): TwinFile => ({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { kind: 'community', id: 'c' }, geometry: { type: 'Polygon', coordinates: [square] } },
      ...circles.map(([x, y, r], i) => ({
        type: 'Feature' as const, properties: { kind: 'fiveG' as const, id: `g-${i}` },
        geometry: { type: 'Polygon' as const, coordinates: [ring(x, y, r)] },
      })),
    ],
  });
  const circle = fc.tuple(fc.integer({ min: -200, max: 200 }), fc.integer({ min: -200, max: 200 }), fc.integer({ min: 1, max: 150 }));
  test('rate lies in [0, 100]', () => {
    fc.assert(fc.property(fc.array(circle, { maxLength: 12 }), (cs) => {
      const v = fiveG.run(buildTwin(twinOf(cs)), ctx).value as number;
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(100 + 1e-9);
    }), { numRuns: 60 });
  });
  test('adding coverage never lowers the rate', () => {
    fc.assert(fc.property(fc.array(circle, { minLength: 1, maxLength: 10 }), circle, (cs, extra) => {
      const before = fiveG.run(buildTwin(twinOf(cs)), ctx).value as number;
      const after = fiveG.run(buildTwin(twinOf([...cs, extra])), ctx).value as number;
      // up to the 0.1 mm integer grid: re-noding moves vertices by ≤ 0.05 mm (≪ 0.01 m² here)
      expect(after).toBeGreaterThanOrEqual(before - 1e-5);
    }), { numRuns: 300 });
  });
});

describe('5g-indoor', () => {
  const base = (flags: Record<string, unknown>[]): TwinFile => ({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { kind: 'community', id: 'c' }, geometry: { type: 'Polygon', coordinates: [[[118.79, 32.04], [118.791, 32.04], [118.791, 32.041], [118.79, 32.04]]] } },
      ...flags.map((f, i) => ({ type: 'Feature' as const, properties: { kind: 'fiveG' as const, id: `g-${i}`, band: 'n78', ...f }, geometry: { type: 'Point' as const, coordinates: [118.7905, 32.0405] } })),
    ],
  });
  const run = (flags: Record<string, unknown>[], rule?: string) =>
    fiveGIndoor.run(buildTwin(base(flags)), { params: rule ? { indoorCoverageRule: rule } : {}, tier: 'benchmark' });
  test('any: lifts on one site, garages on another pass', () => {
    const r = run([{ liftCovered: true }, { garageCovered: true }]);
    expect([r.value, r.pass]).toEqual([1, true]);
  });
  test('any: no garage coverage fails with a reason', () => {
    const r = run([{ liftCovered: true, garageCovered: false }]);
    expect([r.value, r.pass]).toEqual([0, false]);
    expect(r.reason).toContain('underground garages');
  });
  test('all: every feature needs both flags', () => {
    const r = run([{ liftCovered: true, garageCovered: true }, { liftCovered: true }], 'all');
    expect(r.pass).toBe(false);
    expect(r.evidence.failingIds).toEqual(['g-1']);
  });
  test('no fiveG features fails', () => {
    const r = run([]);
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/no 5G/);
  });
});
