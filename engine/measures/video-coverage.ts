/**
 * `video-coverage` — mean coverage of key locations by online, intact cameras (domain.md §3
 * "Camera view"): a point counts 0 or 1, a line the covered share of its samples every
 * `lineSampleSpacingM` (plus its end point). Every camera counts, whatever its purpose.
 */
import type { Feature, Geometry } from 'geojson';
import type { Measure, MeasureContext } from './types.ts';
import type { Twin } from '../twin/model.ts';
import type { TwinFeature } from '../twin/types.ts';
import { result } from './result.ts';
import { cameraSet, camerasNear, viewTest, type CameraM, type CameraSet, type ViewTest } from '../geo/cameraView.ts';
import { lineLengthM, sampleLine, subLine, type LineSample } from '../geo/lineSamples.ts';
import type { XY } from '../geo/clip.ts';

export interface KeyLocationCoverage {
  id: string;
  type: string;
  geometry: 'Point' | 'LineString';
  lengthM: number | null;
  samples: number;
  coveredSamples: number;
  coverage: number;
  coveringCameraIds: string[];
  uncoveredRangesM: [number, number][] | null;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function whyNot(cam: CameraM, t: ViewTest): string {
  const why: string[] = [];
  if (!cam.active) why.push('offline or not intact');
  if (!t.inRange) why.push(`${round(t.distM)} m away, rangeM ${cam.rangeM}`);
  if (!t.inAngle) why.push(`${round(Math.abs(t.deltaDeg))}° off its heading, half-angle ${cam.hfovDeg / 2}°`);
  if (t.blockedBy) why.push(`line of sight through ${t.blockedBy}`);
  return `${cam.id}: ${why.join('; ')}`;
}

interface SampleResult { covered: boolean; coveringIds: string[]; tests: [CameraM, ViewTest][] }

function testSample(set: CameraSet, p: XY, minBlockM: number, explain: boolean): SampleResult {
  const coveringIds: string[] = [];
  const tests: [CameraM, ViewTest][] = [];
  for (const cam of camerasNear(set, p, explain ? EXPLAIN_MARGIN_M : 0)) {
    if (!explain && !cam.active) continue;
    const t = viewTest(cam, p, set.footprints, minBlockM);
    if (t.sees && cam.active) coveringIds.push(cam.id);
    else if (explain) tests.push([cam, t]);
  }
  return { covered: coveringIds.length > 0, coveringIds, tests };
}

function coverKeyLocation(twin: Twin, kl: TwinFeature<'keyLocation'>, set: CameraSet, spacingM: number, minBlockM: number) {
  const g = kl.geometry;
  const base = { id: String(kl.properties.id), type: String(kl.properties.type ?? '') };
  if (g.type === 'Point') {
    const xy = twin.projection.forward(g.coordinates);
    const s = testSample(set, xy, minBlockM, true);
    const cov: KeyLocationCoverage = {
      ...base, geometry: 'Point', lengthM: null, samples: 1, coveredSamples: s.covered ? 1 : 0,
      coverage: s.covered ? 1 : 0, coveringCameraIds: s.coveringIds, uncoveredRangesM: null,
    };
    const tests = s.tests.sort((a, b) => a[1].distM - b[1].distM).slice(0, 4);
    const reason = s.covered ? '' : tests.length
      ? `not seen by any online, intact camera — ${tests.map(([c, t]) => whyNot(c, t)).join(' | ')}`
      : 'no camera within range';
    const gaps: Feature<Geometry, Record<string, unknown>>[] = s.covered ? [] : [{
      type: 'Feature', geometry: g, properties: { id: base.id, type: base.type, coverage: 0 },
    }];
    return { cov, gaps, reason };
  }
  const line = g.coordinates.map((p) => twin.projection.forward(p));
  const samples: LineSample[] = sampleLine(line, spacingM);
  const hits = samples.map((smp) => testSample(set, smp.xy, minBlockM, false).coveringIds);
  return { ...lineCoverage(twin, base, line, samples, hits), line: { xy: line, samples, hits } };
}

/** A line key location's samples and, per sample, the cameras covering it (kept to re-test only some samples). */
export interface LineSamplesState { xy: XY[]; samples: LineSample[]; hits: string[][] }

/** Re-test only the samples of a line for which `retest` holds; the others keep their covering cameras. */
export function retestLine(
  twin: Twin, kl: TwinFeature<'keyLocation'>, prev: LineSamplesState, set: CameraSet, p: CoverageParams, retest: (xy: XY) => boolean,
): KeyLocationOutcome {
  const hits = prev.samples.map((smp, i) => (retest(smp.xy) ? testSample(set, smp.xy, p.minBlockM, false).coveringIds : prev.hits[i]));
  const base = { id: String(kl.properties.id), type: String(kl.properties.type ?? '') };
  return { id: base.id, counted: true, ...lineCoverage(twin, base, prev.xy, prev.samples, hits), line: { xy: prev.xy, samples: prev.samples, hits } };
}

function lineCoverage(twin: Twin, base: { id: string; type: string }, line: XY[], samples: LineSample[], hits: string[][]) {
  const covering = new Set<string>();
  for (const h of hits) for (const id of h) covering.add(id);
  const coveredFlags = hits.map((h) => h.length > 0);
  const ranges: [number, number][] = [];
  coveredFlags.forEach((c, i) => {
    if (c) return;
    const last = ranges[ranges.length - 1];
    if (last && i > 0 && !coveredFlags[i - 1]) last[1] = samples[i].atM; else ranges.push([samples[i].atM, samples[i].atM]);
  });
  const coveredSamples = coveredFlags.filter(Boolean).length;
  const coverage = samples.length ? coveredSamples / samples.length : 0;
  const lengthM = lineLengthM(line);
  const order = twin.features.camera.map((c) => String(c.properties.id));
  const cov: KeyLocationCoverage = {
    ...base, geometry: 'LineString', lengthM, samples: samples.length, coveredSamples, coverage,
    coveringCameraIds: order.filter((id) => covering.has(id)), uncoveredRangesM: ranges.length ? ranges : null,
  };
  const gaps: Feature<Geometry, Record<string, unknown>>[] = ranges.map(([from, to]) => {
    const pts = from === to ? [] : subLine(line, from, to);
    const props = { id: base.id, type: base.type, coverage, fromM: from, toM: to };
    const geometry: Geometry = pts.length >= 2
      ? { type: 'LineString', coordinates: pts.map((p) => twin.projection.inverse(p)) }
      : { type: 'Point', coordinates: twin.projection.inverse(samples.find((s) => s.atM === from)?.xy ?? line[0]) };
    return { type: 'Feature', geometry, properties: props };
  });
  const reason = coverage < 1
    ? `${coveredSamples} of ${samples.length} samples covered; uncovered ${ranges.map(([a, b]) => (a === b ? `${round(a, 1)}` : `${round(a, 1)}–${round(b, 1)}`)).join(', ')} m`
    : '';
  return { cov, gaps, reason };
}

/** What one key location contributes: its coverage record and gaps, or why it is not counted. */
export type KeyLocationOutcome =
  | { id: string; counted: true; cov: KeyLocationCoverage; gaps: Feature<Geometry, Record<string, unknown>>[]; reason: string; line?: LineSamplesState }
  | { id: string; counted: false; reason: string };

export interface CoverageParams { spacingM: number; minBlockM: number }

export function coverageParams(ctx: MeasureContext): CoverageParams {
  const params = { ...measure.defaults, ...ctx.params };
  return { spacingM: Number(params.lineSampleSpacingM), minBlockM: Number(params.blockingMinLengthM) };
}

/** One key location against the camera set (the unit the incremental recompute redoes). */
export function keyLocationOutcome(twin: Twin, kl: TwinFeature<'keyLocation'>, set: CameraSet, p: CoverageParams): KeyLocationOutcome {
  const id = String(kl.properties.id);
  if (kl.geometry?.type !== 'Point' && kl.geometry?.type !== 'LineString') {
    return { id, counted: false, reason: 'key location is neither a Point nor a LineString: not counted' };
  }
  return { id, counted: true, ...coverKeyLocation(twin, kl, set, p.spacingM, p.minBlockM) };
}

/** The check result from every key location's outcome, in twin order. */
export function coverageResult(twin: Twin, ctx: MeasureContext, set: CameraSet, outcomes: readonly KeyLocationOutcome[]) {
  const perKl: KeyLocationCoverage[] = [];
  const gaps: Feature<Geometry, Record<string, unknown>>[] = [];
  const failingIds: string[] = [];
  const reasons: Record<string, string> = {};
  for (const o of outcomes) {
    if (!o.counted) { reasons[o.id] = o.reason; continue; }
    perKl.push(o.cov);
    gaps.push(...o.gaps);
    if (o.cov.coverage < 1) { failingIds.push(o.cov.id); reasons[o.cov.id] = o.reason; }
  }
  for (const u of set.unusable) reasons[u.id] = `camera not used: ${u.problem}`;
  const points = perKl.filter((k) => k.geometry === 'Point');
  const lines = perKl.filter((k) => k.geometry === 'LineString');
  const counts = {
    keyLocations: perKl.length, points: points.length, pointsCovered: points.filter((k) => k.coverage === 1).length,
    lines: lines.length, lineSamples: lines.reduce((s, k) => s + k.samples, 0),
    lineSamplesCovered: lines.reduce((s, k) => s + k.coveredSamples, 0),
    cameras: twin.features.camera.length, activeCameras: set.cameras.filter((c) => c.active).length,
    gaps: failingIds.length,
  };
  const value = perKl.length ? (100 * perKl.reduce((s, k) => s + k.coverage, 0)) / perKl.length : null;
  const reason = perKl.length === 0 ? 'no key locations (Point or LineString) in the twin'
    : twin.features.camera.length === 0 ? 'no cameras in the twin' : undefined;
  return result('video-coverage', '%', ctx, value, {
    counts, failingIds, gaps: { type: 'FeatureCollection', features: gaps }, reasons, keyLocations: perKl,
  }, { method: measure.method, ...(reason ? { reason, pass: false } : {}) });
}

/** How far beyond a camera's range box its state can change a key location's outcome (the explanation looks 20 m further). */
export const EXPLAIN_MARGIN_M = 20;

function run(twin: Twin, ctx: MeasureContext) {
  const p = coverageParams(ctx);
  const set = cameraSet(twin);
  const outcomes = twin.features.keyLocation.map((kl) => keyLocationOutcome(twin, kl, set, p));
  return coverageResult(twin, ctx, set, outcomes);
}

export const measure: Measure = {
  id: 'video-coverage',
  unit: '%',
  defaults: { lineSampleSpacingM: 1, blockingMinLengthM: 0.01 },
  method: 'mean over key locations of the share of samples (a point; a line every lineSampleSpacingM m plus its end) seen by an online, intact camera: within rangeM, within headingDeg ± hfovDeg/2, sight line not through a footprint interior for more than blockingMinLengthM; planar in the community-centred transverse Mercator',
  run,
};
