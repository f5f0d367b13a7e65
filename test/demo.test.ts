/**
 * The committed demo twins (data/demo/*) against the published acceptance-report figures
 * (domain.md §4), their geometric plausibility, and byte-for-byte reproducibility.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { TwinFile } from '../engine/twin/types.ts';
import { generate } from '../data/demo/generate.ts';
import { verifyTwin, type Verified } from '../data/demo/lib/verify.ts';

const demoDir = new URL('../data/demo/', import.meta.url);
const load = (slug: string) => JSON.parse(readFileSync(new URL(`${slug}/twin.geojson`, demoDir), 'utf8')) as TwinFile;
const props = (f: TwinFile, kind: string, pred: (p: Record<string, any>) => boolean = () => true) =>
  f.features.map((x) => x.properties as Record<string, any>).filter((p) => p.kind === kind && pred(p));
const NOTE = 'synthetic demo modelled on the published acceptance report figures';

function common(f: TwinFile, v: Verified): void {
  expect(f.demo).toBe(true);
  expect(f.note).toBe(NOTE);
  expect(v.duplicateIds).toEqual([]);
  expect(v.overlaps).toEqual([]);
  expect(v.outsideCompound).toEqual([]);
  expect(v.walk.components).toBe(1);
  for (const x of f.features) for (const c of JSON.stringify(x.geometry).match(/-?\d+\.\d+/g) ?? [])
    expect(c.split('.')[1].length).toBeLessThanOrEqual(7);
}

describe('xueyuan demo (Tai\'an 学苑社区, benchmark)', () => {
  const f = load('xueyuan');
  const v = verifyTwin(f, { countyCode: '370902' });
  const community = props(f, 'community')[0];
  test('published figures', () => {
    common(f, v);
    expect(Math.abs(v.areaM2 / 152714 - 1)).toBeLessThan(0.005);
    expect(community.name).toBe('学苑社区');
    expect(community.adminCode).toMatch(/^370902\d{6}$/);
    expect(community.population).toBe(5814);
    expect(community.agedPopulation).toBe(630);
    expect(community.households).toBe(2813);
    expect(v.households).toBe(2813);
    expect([v.fibre, v.tv, v.meters]).toEqual([2813, 2813, 2813]);
    const res = props(f, 'building', (p) => p.use === 'residential');
    expect(res.length).toBe(25);
    expect(res.every((p) => p.floors >= 7 && p.floors <= 18)).toBe(true);
    expect(props(f, 'camera').length).toBe(883);
    const lights = props(f, 'light');
    expect(lights.length).toBe(329);
    expect(lights.every((p) => p.smart === true)).toBe(true);
    const poles = props(f, 'smartPole');
    expect(poles.length).toBe(1);
    expect(poles[0].functions).toEqual(['lighting', 'environment', 'emergencyHelp']);
    const ebike = props(f, 'charger', (p) => p.type === 'ebike');
    expect(ebike.length).toBe(38);
    expect(ebike.every((p) => p.timedCharging && p.autoPowerOff && p.faultAlarm)).toBe(true);
    expect(props(f, 'charger', (p) => p.type === 'ev' && p.provincialPlatform).length).toBe(1);
    const compounds = props(f, 'compound');
    expect(compounds.length).toBe(1);
    expect(compounds[0]).toMatchObject({ name: '天竹佳苑', closed: true, hasEbikes: true });
    expect(props(f, 'keyLocation', (p) => p.type === 'compoundEntrance').length).toBe(9);
    expect(props(f, 'facility', (p) => p.type === 'gate').length).toBe(9);
    expect(props(f, 'facility', (p) => p.type === 'perimeterSensor').length).toBe(10);
    expect(props(f, 'facility', (p) => p.type === 'garbagePoint').length).toBe(3);
    expect(props(f, 'facility', (p) => p.type === 'fireLaneMonitor').length).toBe(4);
    expect(props(f, 'facility', (p) => p.type === 'hydrantMonitor').length).toBe(3);
    expect(props(f, 'venue', (p) => p.type === 'pond').length).toBe(3);
    expect(props(f, 'venue', (p) => p.type === 'smartLibrary').length).toBe(1);
    expect(props(f, 'venue', (p) => p.type === 'sports' && p.smartFitness).length).toBe(2);
  });
  test('computed indicators reach the benchmark (generator\'s own §3 rules)', () => {
    expect(v.throwing[7]).toMatchObject({ applicable: 25, passing: 25 });
    expect(v.video.coveragePct).toBe(100);
    expect(v.video.gaps).toEqual([]);
    expect(v.badCameras).toEqual([]);
    expect(v.fiveGPct).toBe(100);
    expect(v.emergencyMaxM).toBeLessThanOrEqual(150);
    expect(v.walk.maxToSmartSportsM).toBeLessThanOrEqual(1000);
    const codes = props(f, 'camera').map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => /^37090200\d{2}13[12]\d{7}$/.test(c))).toBe(true);
  });
});

describe('nanmen demo (Qingzhou 南门社区, basic)', () => {
  const f = load('nanmen');
  const v = verifyTwin(f, { countyCode: '370781' });
  const community = props(f, 'community')[0];
  test('published figures', () => {
    common(f, v);
    expect(Math.abs(v.areaM2 / 1_010_000 - 1)).toBeLessThan(0.005);
    expect(community.adminCode).toMatch(/^370781\d{6}$/);
    expect(community.households).toBe(3517);
    expect(v.households).toBe(3517);
    const compounds = props(f, 'compound');
    expect(compounds.length).toBe(13);
    expect(compounds.filter((p) => p.closed).length).toBe(12);
    expect(compounds.filter((p) => p.hasEbikes).length).toBe(7);
    expect(v.maxFloors).toBeLessThan(19);
    expect(community.agedShare).toBeCloseTo(0.22, 2);
  });
  test('passes the computed basic thresholds, not all growth ones', () => {
    const pct = (n: number, d: number) => (100 * n) / d;
    const fibre = pct(v.fibre, v.households), tv = pct(v.tv, v.households);
    expect(fibre).toBeGreaterThanOrEqual(70); expect(fibre).toBeLessThan(80);
    expect(tv).toBeGreaterThanOrEqual(70);
    expect(v.fiveGPct).toBeGreaterThanOrEqual(82); expect(v.fiveGPct).toBeLessThan(89);
    expect(v.video.coveragePct).toBeGreaterThanOrEqual(91); expect(v.video.coveragePct).toBeLessThan(95);
    expect(v.video.gaps.filter((g) => g.share === 0).length).toBe(2);
    for (const x of [v.video.onlinePct, v.video.intactPct, v.video.compliancePct]) expect(x).toBeGreaterThanOrEqual(90);
    expect(v.video.compliancePct).toBeLessThan(95);
    expect(v.video.imageOutPct).toBeGreaterThanOrEqual(80);
    expect(v.throwing[19].applicable).toBe(0);
    expect(v.throwing[12].applicable).toBeGreaterThan(0);
    expect(v.throwing[12].passing).toBeLessThan(v.throwing[12].applicable);
    // charging: every e-bike compound has an auto power-off charger inside; some lack timed charging
    const chargers = props(f, 'charger', (p) => p.type === 'ebike');
    for (const c of props(f, 'compound', (p) => p.hasEbikes)) expect(chargers.some((x) => x.compoundId === c.id && x.autoPowerOff)).toBe(true);
    expect(chargers.some((x) => !x.timedCharging)).toBe(true);
    // access and perimeter on every closed compound
    const entrances = props(f, 'keyLocation', (p) => p.type === 'compoundEntrance');
    const gates = props(f, 'facility', (p) => p.type === 'gate');
    for (const c of props(f, 'compound', (p) => p.closed)) {
      expect(gates.filter((g) => g.compoundId === c.id).length).toBe(entrances.filter((e) => e.compoundId === c.id).length);
      expect(props(f, 'facility', (p) => p.type === 'perimeterSensor' && p.compoundId === c.id).length).toBeGreaterThan(0);
    }
    const lift = new Set(props(f, 'facility', (p) => p.type === 'elevatorEbikeDetection').map((p) => p.compoundId));
    expect(lift.size / 13).toBeGreaterThanOrEqual(0.5);
    expect(lift.size / 13).toBeLessThan(0.8);
  });
});

describe('generator', () => {
  const out = mkdtempSync(join(tmpdir(), 'ct-demo-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  test('re-running reproduces the committed files byte for byte', () => {
    generate(out);
    for (const slug of ['xueyuan', 'nanmen']) for (const name of ['twin.geojson', 'README.md']) {
      const committed = readFileSync(new URL(`${slug}/${name}`, demoDir), 'utf8');
      expect(readFileSync(join(out, slug, name), 'utf8') === committed, `${slug}/${name}`).toBe(true);
    }
  });
});
