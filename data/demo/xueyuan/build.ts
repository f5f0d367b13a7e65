/** 学苑社区 demo: layout (boundary, compound, buildings, paths, venues, key locations). Equipment: equip.ts. */
import { TwinBuilder, line, poly, pt } from '../lib/emit.ts';
import { ellipse, rect, type Ring, type V } from '../lib/geom.ts';
import { apportion, ringWithArea } from '../lib/layout.ts';
import { nodeLines, type PathLine } from '../lib/network.ts';
import { Rng } from '../lib/prng.ts';
import { cnNumber } from '../lib/codes.ts';
import { equip } from './equip.ts';
import { xueyuan as C } from './config.ts';

export interface Bldg { id: string; name: string; ring: Ring; c: V; w: number; d: number; floors: number; units: number; residential: boolean }
export interface Layout {
  tb: TwinBuilder; rng: Rng; community: Ring; compound: Ring; compoundId: string; buildings: Bldg[];
  roads: V[][]; ponds: { ring: Ring; c: V; name: string }[]; entrances: V[]; lines: { type: string; name: string; pts: V[] }[];
}

export function buildXueyuan(): TwinBuilder {
  const rng = new Rng(C.seed);
  const tb = new TwinBuilder(C.lon0, C.lat0);
  const community = ringWithArea(C.boundary.map(([x, y]) => [x, y] as V), C.areaM2);
  tb.add('community', { id: 'community', name: C.name, adminCode: C.adminCode, population: C.population,
    households: C.households, agedPopulation: C.agedPopulation, elderlyServices: [...C.elderlyServices],
    agedAlone: C.agedAlone, agedAloneWithAlarm: C.agedAlone, agedAloneWithSmartDevice: C.agedAlone, agedShare: Math.round((C.agedPopulation / C.population) * 1e4) / 1e4 }, poly(community));
  const { x0, x1, y0, y1 } = C.compound;
  const compound: Ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
  const compoundId = 'compound-1';
  tb.add('compound', { id: compoundId, name: C.compoundName, closed: true, hasEbikes: true }, poly(compound));

  // residential buildings: 5 × 5 grid, households apportioned to the published total
  const brng = rng.fork(1);
  const specs = C.floors.map((floors, i) => {
    const col = i % 5, row = Math.floor(i / 5);
    const units = Math.max(2, C.maxUnits[col] - (brng.chance(0.35) ? 1 : 0));
    const w = units * C.unitWidthM, d = floors >= 15 ? 14 : 12;
    const c: V = [C.colsX[col] + brng.range(-3, 3), C.rowsY[row]];
    return { floors, units, w, d, c, perFloor: floors >= 15 ? 3 : 2 };
  });
  const hh = apportion(C.households, specs.map((s) => s.units * s.floors * s.perFloor));
  const buildings: Bldg[] = [];
  specs.forEach((s, i) => {
    const id = `b-${i + 1}`, name = `${C.compoundName}${i + 1}号楼`, ring = rect(s.c, s.w, s.d);
    tb.add('building', { id, name, floors: s.floors, floorHeightM: 3, use: 'residential', households: hh[i], fibreHouseholds: hh[i],
      tvHouseholds: hh[i], energyMeters: hh[i], compoundId }, poly(ring));
    buildings.push({ id, name, ring, c: s.c, w: s.w, d: s.d, floors: s.floors, units: s.units, residential: true });
  });
  const publicB: [string, string, V, number, number, number][] = [
    ['学苑社区服务中心', 'public', [-165, 135], 40, 18, 3], ['学苑幼儿园', 'education', [-105, 140], 30, 20, 2], ['诚金物业服务中心', 'public', [190, 150], 20, 12, 2],
  ];
  publicB.forEach(([name, use, c, w, d, floors], i) => {
    const id = `b-p${i + 1}`, ring = rect(c, w, d);
    tb.add('building', { id, name, floors, floorHeightM: 3.6, use, households: 0, compoundId: null }, poly(ring));
    buildings.push({ id, name, ring, c, w, d, floors, units: 0, residential: false });
  });

  // paths
  const ri = C.ringRoadInset, rx0 = x0 + ri, rx1 = x1 - ri, ry0 = y0 + ri, ry1 = y1 - ri;
  const roads: PathLine[] = [
    { pts: [[rx0, ry0], [rx1, ry0], [rx1, ry1], [rx0, ry1], [rx0, ry0]], type: 'residential', name: '天竹佳苑环路' },
    ...C.lanesY.map((y) => ({ pts: [[rx0, y], [rx1, y]] as V[], type: y === C.mainRoadY ? 'residential' : 'living_street' })),
    ...C.lanesX.map((x) => ({ pts: [[x, ry0], [x, ry1]] as V[], type: x === C.mainRoadX ? 'residential' : 'living_street' })),
    { pts: [[-216, -165], [216, -165]], type: 'footway' }, { pts: [[-216, -165], [-216, 160]], type: 'footway' },
    { pts: [[216, -165], [216, 160]], type: 'footway' }, { pts: [[-216, 93], [216, 93]], type: 'footway' },
    { pts: [[-216, 160], [216, 160]], type: 'residential', name: '学苑路' },
    ...[-132, -40, 42, 115, 160].map((x) => ({ pts: [[x, 93], [x, 160]] as V[], type: 'footway' })),
  ];
  const entrances: V[] = C.entranceAt.map(([side, t]) => side === 'N' ? [t, y1] : side === 'S' ? [t, y0] : side === 'W' ? [x0, t] : [x1, t]);
  const stubs: PathLine[] = entrances.map(([x, y]) => ({ type: 'residential', pts:
    y === y1 ? [[x, ry1], [x, 93]] : y === y0 ? [[x, ry0], [x, -165]] : x === x0 ? [[rx0, y], [-216, y]] : [[rx1, y], [216, y]] }));
  const laneAbove = (y: number) => [...C.lanesY, ry1].filter((l) => l > y).sort((a, b) => a - b)[0];
  const foot: PathLine[] = buildings.map((b) => b.residential
    ? { type: 'footway', pts: [[b.c[0], b.c[1] + b.d / 2], [b.c[0], laneAbove(b.c[1])]] as V[] }
    : { type: 'footway', pts: b.c[1] > 145 ? [[b.c[0], b.c[1] + b.d / 2], [b.c[0], 160]] as V[] : [[b.c[0], b.c[1] - b.d / 2], [b.c[0], 93]] as V[] });
  for (const p of nodeLines([...roads, ...stubs, ...foot])) tb.add('path', { id: tb.nextId('path'), type: p.type, ...(p.name ? { name: p.name } : {}) }, line(p.pts));

  // venues
  const ponds = [
    { c: [-55, 145] as V, rx: 9, ry: 5, name: '中心广场喷泉水池' }, { c: [20, 135] as V, rx: 12, ry: 8, name: '锦鲤池' }, { c: [80, 140] as V, rx: 12, ry: 7, name: '东园水池' },
  ].map((p) => ({ ...p, ring: ellipse(p.c, p.rx, p.ry, 32) }));
  tb.add('venue', { id: 'v-plaza', type: 'plaza', name: '中心广场' }, poly(rect([-40, 130], 60, 50)));
  tb.add('venue', { id: 'v-park', type: 'green', name: '学苑游园' }, poly(rect([55, 130], 110, 60)));
  ponds.forEach((p, i) => tb.add('venue', { id: `v-pond-${i + 1}`, type: 'pond', name: p.name }, poly(p.ring)));
  tb.add('venue', { id: 'v-sports-1', type: 'sports', name: '学苑篮球场', smartFitness: true }, poly(rect([139, 117.5], 28, 15)));
  tb.add('venue', { id: 'v-sports-2', type: 'sports', name: '智能健身广场', smartFitness: true }, poly(rect([182.5, 120], 35, 20)));
  tb.add('venue', { id: 'v-library', type: 'smartLibrary', name: '学苑社区智慧图书馆' }, pt([-170, 135]));
  tb.add('venue', { id: 'v-bookcorner', type: 'bookCorner', name: '中心广场共享图书角' }, pt([-25, 150]));
  tb.add('venue', { id: 'v-bookcabinet', type: 'smartBookCabinet', name: '智能共享图书柜' }, pt([-129, 110]));

  // key locations
  entrances.forEach((e, i) => tb.add('keyLocation', { id: `kl-gate-${i + 1}`, type: 'compoundEntrance', name: `${C.compoundName}${cnNumber(i + 1)}号门`, compoundId }, pt(e)));
  C.parkingEntrances.forEach((p, i) => tb.add('keyLocation', { id: `kl-park-${i + 1}`, type: 'parkingEntrance', name: `地下车库${cnNumber(i + 1)}号出入口`, compoundId }, pt([p[0], p[1]])));
  const lines = [
    { type: 'mainRoad', name: '天竹佳苑东西主干道', pts: [[x0, C.mainRoadY], [x1, C.mainRoadY]] as V[] },
    { type: 'mainRoad', name: '天竹佳苑南北主干道', pts: [[C.mainRoadX, ry0], [C.mainRoadX, y1]] as V[] },
    { type: 'fireLane', name: '消防通道（西、南）', pts: [[rx0, ry1], [rx0, ry0], [rx1, ry0]] as V[] },
    { type: 'fireLane', name: '消防通道（东）', pts: [[rx1, ry0], [rx1, ry1]] as V[] },
    { type: 'fireLane', name: '消防通道（北）', pts: [[rx1, ry1], [rx0, ry1]] as V[] },
  ];
  lines.forEach((l, i) => tb.add('keyLocation', { id: `kl-line-${i + 1}`, type: l.type, name: l.name, compoundId }, line(l.pts)));

  const L: Layout = { tb, rng, community, compound, compoundId, buildings, roads: [...roads, ...stubs].map((r) => r.pts), ponds, entrances, lines };
  equip(L);
  return tb;
}
