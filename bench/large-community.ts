/**
 * A large synthetic community for the engine benchmark (seeded, so every run is the same):
 * 1 km × 1 km near Jinan, 9 compounds on a 3 × 3 grid split by roads, 500 buildings,
 * 1 000 cameras, 60 5G sectors (20 three-sector sites), 5 km of paths, plus the lights,
 * chargers, gates, facilities and venues every measure looks at.
 *
 * @example
 * const twin = largeCommunity(); // TwinFile
 */
import type { Feature, Geometry, Position } from 'geojson';
import { localProjection } from '../engine/geo/projection.ts';
import type { TwinFile } from '../engine/twin/types.ts';

export interface LargeCommunityOptions { seed?: number; buildings?: number; cameras?: number; sites?: number }

/** mulberry32: a small, good-enough seeded PRNG */
export function prng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function largeCommunity(opts: LargeCommunityOptions = {}): TwinFile {
  const random = prng(opts.seed ?? 20240601);
  const between = (a: number, b: number) => a + random() * (b - a);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const proj = localProjection(117.12, 36.66);
  // metres with the community's centre at (500, 500)
  const ll = (x: number, y: number): Position => proj.inverse([x - 500, y - 500]).map((v) => Math.round(v * 1e8) / 1e8);
  const rect = (x0: number, y0: number, x1: number, y1: number): Geometry =>
    ({ type: 'Polygon', coordinates: [[ll(x0, y0), ll(x1, y0), ll(x1, y1), ll(x0, y1), ll(x0, y0)]] });
  const point = (x: number, y: number): Geometry => ({ type: 'Point', coordinates: ll(x, y) });
  const line = (pts: [number, number][]): Geometry => ({ type: 'LineString', coordinates: pts.map(([x, y]) => ll(x, y)) });
  const features: Feature<Geometry, Record<string, unknown>>[] = [];
  const add = (geometry: Geometry, properties: Record<string, unknown>) => features.push({ type: 'Feature', geometry, properties });
  let n = 0;
  const id = (prefix: string) => `${prefix}-${++n}`;

  add(rect(0, 0, 1000, 1000), {
    kind: 'community', id: 'community', name: '大型测试社区 (bench)', adminCode: '370102001001',
    population: 15000, households: 0, agedShare: 0.24, agedAlone: 40, agedAloneWithAlarm: 40, elderlyServices: ['meal', 'medical'],
  });
  // roads: two avenues each way plus a 1 km service road = 5 km of paths
  for (const c of [333, 666]) {
    add(line([[0, c], [250, c], [500, c], [750, c], [1000, c]]), { kind: 'path', id: id('p'), highway: 'residential' });
    add(line([[c, 0], [c, 250], [c, 500], [c, 750], [c, 1000]]), { kind: 'path', id: id('p'), highway: 'residential' });
  }
  add(line([[0, 10], [500, 10], [1000, 10]]), { kind: 'path', id: id('p'), highway: 'service' });
  for (const [x0, y0, x1, y1] of [[0, 333, 0, 666], [1000, 333, 1000, 666]]) {
    add(line([[x0, y0], [x1, y1]]), { kind: 'keyLocation', id: id('kl'), type: 'mainRoad' });
  }

  const wantBuildings = opts.buildings ?? 500;
  let households = 0, buildings = 0;
  for (let cx = 0; cx < 3; cx++) for (let cy = 0; cy < 3; cy++) {
    const x0 = cx * 333 + 20, y0 = cy * 333 + 20, x1 = x0 + 293, y1 = y0 + 293;
    const cid = `compound-${cx}-${cy}`;
    add(rect(x0, y0, x1, y1), { kind: 'compound', id: cid, name: `小区 ${cx}${cy}`, closed: random() < 0.8, hasEbikes: true });
    for (const [ex, ey] of [[(x0 + x1) / 2, y0], [x0, (y0 + y1) / 2]]) {
      add(point(ex, ey), { kind: 'keyLocation', id: id('kl'), type: 'compoundEntrance', compoundId: cid });
      if (random() < 0.9) add(point(ex + 3, ey + 3), { kind: 'facility', id: id('f'), type: 'gate', compoundId: cid });
    }
    add(point(x1 - 20, y0), { kind: 'keyLocation', id: id('kl'), type: 'parkingEntrance', compoundId: cid });
    add(line([[x0 + 10, y0 + 140], [x1 - 10, y0 + 140]]), { kind: 'keyLocation', id: id('kl'), type: 'fireLane', compoundId: cid });
    for (const type of ['perimeterSensor', 'patrolPoint', 'patrolPoint', 'elevatorEbikeDetection', 'hydrantMonitor', 'garbageMonitor', 'locker', 'emergencyHelp']) {
      if (random() < 0.85) add(point(between(x0, x1), between(y0, y1)), { kind: 'facility', id: id('f'), type, compoundId: cid });
    }
    add(point(x0 + 30, y0 + 30), { kind: 'charger', id: id('ch'), type: 'ebike', autoPowerOff: true, timedCharging: random() < 0.7, faultAlarm: true });
    // 7 × 8 blocks of 20 × 12 m, 36 × 34 m apart; leave a lane at the fire lane
    for (let i = 0; i < 7; i++) for (let j = 0; j < 8 && buildings < wantBuildings; j++) {
      const bx = x0 + 15 + i * 40, by = y0 + 10 + j * 36;
      if (Math.abs(by + 6 - (y0 + 140)) < 10) continue;
      const floors = pick([3, 5, 6, 6, 11, 18, 26, 33]);
      const h = floors * 4;
      households += h; buildings++;
      add(rect(bx, by, bx + 20, by + 12), {
        kind: 'building', id: id('b'), floors, use: 'residential', households: h, compoundId: cid,
        fibreHouseholds: Math.round(h * between(0.7, 1)), tvHouseholds: Math.round(h * between(0.7, 1)), energyMeters: Math.round(h * between(0.6, 1)),
      });
    }
  }
  (features[0].properties as { households: number }).households = households;
  const bBoxes = features.filter((f) => f.properties.kind === 'building');

  const cameras = opts.cameras ?? 1000;
  for (let k = 0; k < cameras; k++) {
    const purpose = k < 400 ? 'throwing' : k < 700 ? 'keyLocation' : k < 800 ? 'perimeter' : 'general';
    let x = between(5, 995), y = between(5, 995), heading = between(0, 360);
    if (purpose === 'throwing') { // in front of a building's long side, looking back at it
      const b = pick(bBoxes).geometry as { coordinates: Position[][] };
      const [sw] = b.coordinates[0].map((p) => proj.forward(p));
      x = sw[0] + 500 + 10; y = sw[1] + 500 - 15; heading = 0;
    }
    add(point(x, y), {
      kind: 'camera', id: id('cam'), code: `3701020011132${String(k).padStart(7, '0')}`, name: `摄像机 ${k}`, adminCode: '370102001001',
      purpose, headingDeg: heading, hfovDeg: between(60, 100), vfovDeg: between(40, 70), tiltDeg: purpose === 'throwing' ? 35 : between(-30, -5),
      rangeM: between(30, 90), mountHeightM: between(2.5, 6), online: random() < 0.97, intact: random() < 0.98, imageOut: random() < 0.9,
    });
  }
  const sites = opts.sites ?? 20;
  for (let s = 0; s < sites; s++) {
    const x = between(-100, 1100), y = between(-100, 1100);
    for (const azimuthDeg of [0, 120, 240]) {
      add(point(x, y), { kind: 'fiveG', id: id('g'), operator: pick(['CMCC', 'CUCC', 'CTCC']), band: 'n78', azimuthDeg, beamwidthDeg: 65, heightM: between(20, 35), eirpDbm: 60, liftCovered: true, garageCovered: random() < 0.9 });
    }
  }
  for (let k = 0; k < 300; k++) add(point(between(0, 1000), pick([330, 336, 663, 669])), { kind: 'light', id: id('l'), smart: random() < 0.85 });
  add(point(500, 500), { kind: 'smartPole', id: id('pole'), functions: ['lighting', 'video', 'environment', 'emergency help'] });
  add(point(510, 500), { kind: 'charger', id: id('ch'), type: 'ev', provincialPlatform: true });
  add(rect(340, 340, 400, 400), { kind: 'venue', id: id('v'), type: 'sports', smartFitness: true });
  add(point(680, 680), { kind: 'venue', id: id('v'), type: 'smartBookCabinet' });
  add(point(690, 680), { kind: 'venue', id: id('v'), type: 'smartBookCabinet' });
  return { type: 'FeatureCollection', features } as TwinFile;
}
