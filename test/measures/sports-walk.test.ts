import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { booleanPointInPolygon, booleanValid } from '@turf/turf';
import { buildTwin } from '../../engine/twin/model.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { measure, type BuildingWalk } from '../../engine/measures/sports-walk.ts';
import { nodeLines } from '../../engine/graph/noding.ts';
import { contextOf, expectedOutput, fixtureCases, roundNumbers, violations } from '../fixture-runner.ts';

const realDir = new URL('../../data/real/nanjing-qinhuai-wulaocun/', import.meta.url);

describe('sports-walk fixtures', () => {
  const cases = fixtureCases('sports-walk');
  test('has fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(6));
  test.each(cases)('$name', (c) => {
    const r = measure.run(buildTwin(c.file), contextOf(c));
    expect(violations(c, r)).toEqual([]);
    expect(roundNumbers(r)).toEqual(expectedOutput(c, r));
  });
});

describe('sports-walk: reasons, gaps, isochrone', () => {
  const byName = Object.fromEntries(fixtureCases('sports-walk').map((c) => [c.name, c]));
  test('no venues fails with a reason that says so', () => {
    const c = byName['no-venues'];
    const r = measure.run(buildTwin(c.file), contextOf(c));
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/no sports venues/);
    expect(r.evidence.isochrone).toBeNull();
  });
  test('unreached buildings are gaps with their footprints and a reason', () => {
    const c = byName['two-network-parts-venue-outside'];
    const r = measure.run(buildTwin(c.file), contextOf(c));
    expect(r.evidence.gaps.features.map((f) => [f.properties?.id, f.geometry.type])).toEqual([['C', 'Polygon']]);
    expect(r.evidence.reasons?.C).toMatch(/no venue reachable/);
  });
  test('the isochrone is a valid lon/lat polygon around the reached paths, not the unreached part', () => {
    const c = byName['two-network-parts-venue-outside'];
    const twin = buildTwin(c.file);
    const r = measure.run(twin, contextOf(c));
    const iso = (r.evidence.isochrone as { geometry: GeoJSON.MultiPolygon }).geometry;
    expect(booleanValid(iso)).toBe(true);
    const at = (x: number, y: number) => twin.projection.inverse([x, y]);
    expect(booleanPointInPolygon(at(0, 100), iso)).toBe(true); // on P2, 10 + 100 + 350 m from V1
    expect(booleanPointInPolygon(at(-100, -150), iso)).toBe(false); // P3: no venue on that part
    expect(booleanPointInPolygon(at(0, 60), iso)).toBe(true);
  });
  test('the isochrone stops at the walk limit along a path', () => {
    const c = byName['two-network-parts-venue-outside'];
    const twin = buildTwin(c.file);
    const r = measure.run(twin, { ...contextOf(c), params: { walkDistanceM: 400 } });
    const iso = (r.evidence.isochrone as { geometry: GeoJSON.MultiPolygon }).geometry;
    const at = (x: number, y: number) => twin.projection.inverse([x, y]);
    // V1 snaps to x = 350 at 10 m: 390 m of walk left reaches x = −40 on P1; the polygon is 25 m around it
    expect(booleanPointInPolygon(at(-20, 0), iso)).toBe(true);
    expect(booleanPointInPolygon(at(-80, 0), iso)).toBe(false);
  });
  test('threshold falls back to sportsWalkMinSharePct', () => {
    const c = byName['two-network-parts-venue-outside'];
    const r = measure.run(buildTwin(c.file), { params: { sportsWalkMinSharePct: 50 }, tier: 'growth' });
    expect(r).toMatchObject({ value: 50, threshold: 50, pass: true });
  });
});

describe('noding', () => {
  test('crossing lines are split at the crossing, shared vertices split both lines, duplicates kept once', () => {
    const pieces = nodeLines([
      [[0, 0], [10, 0]], [[5, -5], [5, 5]], // cross at (5, 0)
      [[10, 0], [10, 10], [20, 10]], [[0, 10], [10, 10], [10, 20]], // share (10, 10)
      [[10, 0], [10, 10]], // duplicate of a piece
    ]);
    const keys = pieces.map((p) => JSON.stringify(p.coords)).sort();
    expect(keys).toEqual([
      '[[0,0],[5,0]]', '[[0,10],[10,10]]', '[[10,0],[10,10]]', '[[10,10],[10,20]]', '[[10,10],[20,10]]', '[[5,-5],[5,0]]', '[[5,0],[10,0]]', '[[5,0],[5,5]]',
    ]);
  });
  test('a T-junction on a segment interior (no shared vertex) splits the through line', () => {
    const pieces = nodeLines([[[0, 0], [10, 0]], [[4, 0], [4, 7]]]);
    expect(pieces.map((p) => JSON.stringify(p.coords)).sort()).toEqual(['[[0,0],[4,0]]', '[[4,0],[10,0]]', '[[4,0],[4,7]]']);
  });
});

describe('sports-walk on the real OSM community (PostGIS + pgRouting oracle.sql)', () => {
  const twin = buildTwin(JSON.parse(readFileSync(new URL('twin.geojson', realDir), 'utf8')) as TwinFile);
  const oracle = JSON.parse(readFileSync(new URL('oracle.json', realDir), 'utf8')).sportsWalk;
  const run = (walkDistanceM: number) => measure.run(twin, { params: { walkDistanceM }, tier: 'growth', threshold: 100 });

  test.each([500, 800, 1000])('reached buildings and household share at %i m', (m) => {
    const r = run(m);
    const o = oracle.byThresholdM[String(m)];
    expect(r.evidence.counts.reachedBuildings).toBe(o.reached);
    expect(r.value as number).toBeCloseTo(100 * o.householdShareReached, 9);
    const unreached = oracle.perBuilding.filter((b: { totalM: number | null }) => b.totalM === null || b.totalM > m).map((b: { id: string }) => b.id);
    expect([...r.evidence.failingIds].sort()).toEqual(unreached);
  });

  test('1000 m: value, pass and the unreached ids of the oracle', () => {
    const r = run(1000);
    expect(r.value).toBe(100 * oracle.householdShareReached);
    expect(r.pass).toBe(true);
    expect(r.evidence.failingIds).toEqual(oracle.unreachedBuildingIds);
    expect(r.evidence.counts).toMatchObject({ residentialBuildings: oracle.residentialBuildings, households: oracle.households, venues: oracle.venues });
  });

  test('network: 483 noded edges, 379 vertices, 22 components, length within 1 m', () => {
    const r = run(1000);
    expect(r.evidence.counts).toMatchObject({ edges: oracle.network.edges, vertices: oracle.network.vertices, components: oracle.network.components });
    expect(Math.abs((r.evidence.networkLengthM as number) - oracle.network.lengthM)).toBeLessThan(1);
  });

  test('walk distance min / median / max within 1 m', () => {
    const d = run(1000).evidence.walkDistanceToNearestVenueM as Record<string, number>;
    for (const k of ['min', 'median', 'max']) expect(Math.abs(d[k] - oracle.walkDistanceToNearestVenueM[k])).toBeLessThan(1);
  });

  test('per building: snap, network and total metres within 1 m, same nearest venue', () => {
    const mine = new Map((run(1000).evidence.perBuilding as BuildingWalk[]).map((b) => [b.id, b]));
    let worst = 0;
    for (const o of oracle.perBuilding) {
      const b = mine.get(o.id) as BuildingWalk;
      expect(b.nearestVenueId).toBe(o.nearestVenueId);
      for (const k of ['buildingSnapM', 'networkM', 'venueSnapM', 'totalM'] as const) worst = Math.max(worst, Math.abs((b[k] as number) - o[k]));
    }
    expect(worst).toBeLessThan(1);
  });
});
