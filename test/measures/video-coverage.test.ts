import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { buildTwin } from '../../engine/twin/model.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { measure as coverage, type KeyLocationCoverage } from '../../engine/measures/video-coverage.ts';
import { measure as online } from '../../engine/measures/video-online.ts';
import { measure as intact } from '../../engine/measures/video-intact.ts';
import { measure as imageOut } from '../../engine/measures/video-imageout.ts';
import { cameraSet, viewTest } from '../../engine/geo/cameraView.ts';
import { cameraViewPolygon } from '../../engine/geo/sector.ts';
import { classifyPoint } from '../../engine/geo/lineOfSight.ts';
import { localProjection } from '../../engine/geo/projection.ts';
import type { XY } from '../../engine/geo/clip.ts';
import { fixtureCases } from '../fixture-runner.ts';

const realDir = new URL('../../data/real/nanjing-qinhuai-wulaocun/', import.meta.url);
const ctx = { params: {}, threshold: 90, tier: 'basic' };

describe('video on the real OSM community (PostGIS oracle_video.sql)', () => {
  const twin = buildTwin(JSON.parse(readFileSync(new URL('twin.geojson', realDir), 'utf8')) as TwinFile);
  const oracle = JSON.parse(readFileSync(new URL('oracle.json', realDir), 'utf8')).video;
  const r = coverage.run(twin, ctx);
  const mine = new Map((r.evidence.keyLocations as KeyLocationCoverage[]).map((k) => [k.id, k]));

  test('video-coverage within 0.5 pp', () => {
    expect(Math.abs((r.value as number) - oracle.checks['video-coverage'])).toBeLessThan(0.5);
  });
  test('gap list exact', () => {
    expect(r.evidence.failingIds).toEqual(oracle.gaps);
  });
  test('point key locations: coverage and covering cameras exact', () => {
    for (const k of oracle.perKeyLocation.filter((x: { geometry: string }) => x.geometry === 'Point')) {
      expect({ id: k.id, coverage: mine.get(k.id)?.coverage, cams: mine.get(k.id)?.coveringCameraIds })
        .toEqual({ id: k.id, coverage: k.coverage, cams: k.coveringCameraIds });
    }
  });
  test('line key locations: samples within 2 of the oracle', () => {
    for (const k of oracle.perKeyLocation.filter((x: { geometry: string }) => x.geometry === 'LineString')) {
      const m = mine.get(k.id)!;
      expect(Math.abs(m.samples - k.samples)).toBeLessThanOrEqual(2);
      expect(Math.abs(m.coveredSamples - k.coveredSamples)).toBeLessThanOrEqual(2);
    }
  });
  test('every camera × point test: planar distance and bearing agree with geodesic ones, decisions exact', () => {
    const set = cameraSet(twin);
    const cams = new Map(set.cameras.map((c) => [c.id, c]));
    const kls = new Map(twin.features.keyLocation.map((k) => [String(k.properties.id), k]));
    expect(oracle.pointTests.length).toBeGreaterThan(100);
    let worstDistM = 0, worstAzDeg = 0;
    for (const t of oracle.pointTests) {
      const g = kls.get(t.keyLocation)!.geometry;
      if (g.type !== 'Point') continue;
      const v = viewTest(cams.get(t.camera)!, twin.projection.forward(g.coordinates), set.footprints, 0.01);
      worstDistM = Math.max(worstDistM, Math.abs(v.distM - t.distM));
      worstAzDeg = Math.max(worstAzDeg, Math.abs(v.deltaDeg - t.deltaDeg));
      expect({ pair: `${t.keyLocation}/${t.camera}`, inRange: v.inRange, inAngle: v.inAngle, blockedBy: v.blockedBy })
        .toEqual({ pair: `${t.keyLocation}/${t.camera}`, inRange: t.inRange, inAngle: t.inAngle, blockedBy: t.blockedBy });
    }
    expect(worstDistM).toBeLessThan(0.005);
    expect(worstAzDeg).toBeLessThan(0.01);
  });
  test('status rates exact (all cameras, any purpose)', () => {
    expect(online.run(twin, ctx).value).toBe(oracle.checks['video-online']);
    expect(intact.run(twin, ctx).value).toBe(oracle.checks['video-intact']);
    expect(imageOut.run(twin, ctx).value).toBe(oracle.checks['video-imageout']);
    expect(online.run(twin, ctx).evidence.failingIds).toEqual(oracle.cameras.offlineIds);
    expect(imageOut.run(twin, ctx).evidence.failingIds).toEqual(oracle.cameras.noImageOutIds);
  });
  test('gaps: uncovered points as Points, uncovered stretches as LineStrings', () => {
    const kinds = new Set(r.evidence.gaps.features.map((f) => f.geometry.type));
    expect(kinds).toEqual(new Set(['Point', 'LineString']));
  });
});

// ---------------------------------------------------------------- drawn views and properties
const proj = localProjection(118.79, 32.04);
const ll = (x: number, y: number) => proj.inverse([x, y]);
const rect = (x0: number, y0: number, w: number, h: number) =>
  [[x0, y0], [x0 + w, y0], [x0 + w, y0 + h], [x0, y0 + h], [x0, y0]].map(([x, y]) => ll(x, y));

interface Cam { x: number; y: number; heading: number; hfov: number; range: number }
function twinOf(buildings: [number, number, number, number][], cams: Cam[], points: [number, number][]): TwinFile {
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { kind: 'community', id: 'c' }, geometry: { type: 'Polygon', coordinates: [rect(-100, -100, 200, 200)] } },
      ...buildings.map(([x, y, w, h], i) => ({ type: 'Feature' as const, properties: { kind: 'building' as const, id: `b-${i}` }, geometry: { type: 'Polygon' as const, coordinates: [rect(x, y, w, h)] } })),
      ...cams.map((c, i) => ({
        type: 'Feature' as const,
        properties: { kind: 'camera' as const, id: `cam-${i}`, headingDeg: c.heading, hfovDeg: c.hfov, rangeM: c.range, online: true, intact: true, imageOut: true },
        geometry: { type: 'Point' as const, coordinates: ll(c.x, c.y) },
      })),
      ...points.map(([x, y], i) => ({ type: 'Feature' as const, properties: { kind: 'keyLocation' as const, id: `kl-${i}`, type: 'compoundEntrance' }, geometry: { type: 'Point' as const, coordinates: ll(x, y) } })),
    ],
  };
}
const building = fc.tuple(fc.integer({ min: -80, max: 70 }), fc.integer({ min: -80, max: 70 }), fc.integer({ min: 3, max: 25 }), fc.integer({ min: 3, max: 25 }));
const camera = fc.record({
  x: fc.double({ min: -90, max: 90, noNaN: true }), y: fc.double({ min: -90, max: 90, noNaN: true }),
  heading: fc.double({ min: 0, max: 359.9, noNaN: true }), hfov: fc.integer({ min: 20, max: 360 }), range: fc.integer({ min: 5, max: 120 }),
});
const point = fc.tuple(fc.double({ min: -95, max: 95, noNaN: true }), fc.double({ min: -95, max: 95, noNaN: true }));

describe('video properties', () => {
  test('adding a camera never uncovers a key location', () => {
    fc.assert(fc.property(fc.array(building, { maxLength: 8 }), fc.array(camera, { maxLength: 6 }), camera, fc.array(point, { minLength: 1, maxLength: 12 }),
      (bs, cams, extra, pts) => {
        const cov = (cs: Cam[]) => (coverage.run(buildTwin(twinOf(bs, cs, pts)), ctx).evidence.keyLocations as KeyLocationCoverage[]).map((k) => k.coverage);
        const before = cov(cams), after = cov([...cams, extra]);
        before.forEach((b, i) => expect(after[i]).toBeGreaterThanOrEqual(b));
      }), { numRuns: 80 });
  });
  test('video-coverage lies in [0, 100]', () => {
    fc.assert(fc.property(fc.array(building, { maxLength: 6 }), fc.array(camera, { maxLength: 5 }), fc.array(point, { minLength: 1, maxLength: 8 }), (bs, cams, pts) => {
      const v = coverage.run(buildTwin(twinOf(bs, cams, pts)), ctx).value as number;
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(100);
    }), { numRuns: 50 });
  });
  test('the drawn view polygon agrees with the point rule (away from its outline)', () => {
    fc.assert(fc.property(fc.array(building, { maxLength: 8 }), camera, fc.array(point, { minLength: 1, maxLength: 30 }), (bs, cam, pts) => {
      const twin = buildTwin(twinOf(bs, [cam], pts));
      const set = cameraSet(twin);
      const view = cameraViewPolygon(twin, twin.features.camera[0]);
      const rings = view ? view.coordinates.map((r) => r.slice(0, -1).map((p) => twin.projection.forward(p))) : [];
      for (const [x, y] of pts) {
        const p = twin.projection.forward(ll(x, y)) as XY;
        if (Math.hypot(p[0] - set.cameras[0].xy[0], p[1] - set.cameras[0].xy[1]) < 0.1) continue;
        const sees = viewTest(set.cameras[0], p, set.footprints, 0.01).sees;
        const inside = rings.length ? classifyPoint(p, rings) >= 0 : false;
        if (sees !== inside) expect(distanceToRings(p, rings)).toBeLessThan(0.1);
      }
    }), { numRuns: 300 });
  });
});

function coverageOf(c: ReturnType<typeof fixtureCases>[number]) {
  const r = coverage.run(buildTwin(c.file), ctx);
  return Object.fromEntries((r.evidence.keyLocations as KeyLocationCoverage[]).map((k) => [k.id, k.coverage]));
}

function distanceToRings(p: XY, rings: XY[][]): number {
  let best = Infinity;
  for (const ring of rings) for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j], b = ring[i], dx = b[0] - a[0], dy = b[1] - a[1], l2 = dx * dx + dy * dy;
    const t = l2 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2)) : 0;
    best = Math.min(best, Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy));
  }
  return best;
}

describe('cameraViewPolygon on the hard fixtures', () => {
  const c = fixtureCases('video-coverage').find((x) => x.name === 'camera-behind-building')!;
  const twin = buildTwin(c.file);
  const view = cameraViewPolygon(twin, twin.features.camera[0])!;
  const rings = view.coordinates.map((r) => r.map((q) => twin.projection.forward(q)));
  const inView = (x: number, y: number) => classifyPoint(twin.projection.forward(proj.inverse([x, y])), rings) >= 0;
  test('the shadow behind the building excludes the hidden entrance, open ground stays in view', () => {
    expect(view.type).toBe('Polygon');
    expect(inView(0, 30)).toBe(false); // kl-behind
    expect(inView(25, 30)).toBe(true);
    expect(inView(3, 25)).toBe(false);
  });
  test('the point rule sees kl-beside, whose sight line only touches the corner (5, 10)', () => {
    expect(coverageOf(c)).toEqual({ 'kl-behind': 0, 'kl-beside': 1 });
  });
  test('a camera without heading, angle or range has no view', () => {
    const cam = structuredClone(twin.features.camera[0]);
    delete cam.properties.rangeM;
    expect(cameraViewPolygon(twin, cam)).toBeNull();
  });
});
