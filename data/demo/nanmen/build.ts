/** 南门社区 demo: layout (boundary, 13 compounds, buildings, streets, public blocks, key locations). Equipment: equip.ts. */
import { TwinBuilder, line, poly, pt } from '../lib/emit.ts';
import { rect, type Ring, type V } from '../lib/geom.ts';
import { apportion, ringWithArea, shareOf } from '../lib/layout.ts';
import { nodeLines, type PathLine } from '../lib/network.ts';
import { Rng } from '../lib/prng.ts';
import { equip } from './equip.ts';
import { nanmen as C } from './config.ts';

export interface Bldg { id: string; name: string; ring: Ring; c: V; w: number; d: number; floors: number; units: number; residential: boolean; compound: number; tower?: 'all' | 'front' | 'none'; towerFront?: number }
export interface Cpd { i: number; id: string; name: string; x0: number; x1: number; y0: number; y1: number; cx: number; cy: number; ring: Ring; closed: boolean;
  entrances: { side: string; at: V }[]; ringRoad: V[]; centralRoad: V[] }
export interface Layout { tb: TwinBuilder; rng: Rng; community: Ring; compounds: Cpd[]; buildings: Bldg[]; streets: V[][]; internal: V[][] }

const INSET = 6; // compound ring road, metres inside the wall

export function buildNanmen(): TwinBuilder {
  const rng = new Rng(C.seed);
  const tb = new TwinBuilder(C.lon0, C.lat0);
  const community = ringWithArea(C.boundary.map(([x, y]) => [x, y] as V), C.areaM2);
  tb.add('community', { id: 'community', name: C.name, adminCode: C.adminCode, population: C.population, households: C.households,
    agedPopulation: Math.round(C.population * C.agedShare), agedShare: C.agedShare, elderlyServices: [...C.elderlyServices] }, poly(community));

  // blocks → compounds
  const G = C.grid, crng = rng.fork(1);
  const pub = Object.values(C.publicBlocks).map(([i, j]) => `${i},${j}`);
  const compounds: Cpd[] = [];
  for (let j = 0; j < 4; j++) for (let i = 0; i < 4; i++) {
    if (pub.includes(`${i},${j}`)) continue;
    const k = compounds.length;
    const bx0 = G[i] + 12, bx1 = G[i + 1] - 12, by0 = G[j] + 12, by1 = G[j + 1] - 12;
    const W = Math.round(crng.range(150, 200)), H = Math.round(crng.range(120, 200));
    const x0 = Math.round(bx0 + crng.range(0, bx1 - bx0 - W)), y0 = Math.round(by0 + crng.range(0, by1 - by0 - H));
    const x1 = x0 + W, y1 = y0 + H, cx = (x0 + x1) / 2, cy = Math.round((y0 + y1) / 2);
    const ring: Ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
    const closed = k !== C.openCompound;
    const ncol = W >= 170 ? 3 : 2, laneX = x0 + W / ncol;
    const entrances = [{ side: 'W', at: [x0, cy] as V }, { side: 'E', at: [x1, cy] as V }];
    if (k % 2 === 0 || k === 3) entrances.push({ side: 'S', at: [laneX, y0] });
    const rr: V[] = [[x0 + INSET, y0 + INSET], [x1 - INSET, y0 + INSET], [x1 - INSET, y1 - INSET], [x0 + INSET, y1 - INSET], [x0 + INSET, y0 + INSET]];
    compounds.push({ i: k, id: `compound-${k + 1}`, name: C.compoundNames[k], x0, x1, y0, y1, cx, cy, ring, closed, entrances, ringRoad: rr,
      centralRoad: [[x0 + INSET, cy], [x1 - INSET, cy]] });
    tb.add('compound', { id: `compound-${k + 1}`, name: C.compoundNames[k], closed, hasEbikes: (C.ebikeCompounds as readonly number[]).includes(k) }, poly(ring));
  }

  // buildings: inner rows at ±22 m from the central road, outer rows at ±50 m where the compound is deep enough
  const brng = rng.fork(2);
  const specs: Omit<Bldg, 'id' | 'name' | 'ring'>[] = [];
  for (const c of compounds) {
    const W = c.x1 - c.x0, H = c.y1 - c.y0, ncol = W >= 170 ? 3 : 2, cellW = W / ncol;
    const offsets = H / 2 - INSET - 55.5 >= 8 ? [-50, -22, 22, 50] : [-22, 22];
    let slot = 0;
    for (const dy of offsets) for (let col = 0; col < ncol; col++) {
      const cxb = c.x0 + (col + 0.5) * cellW;
      const here = Math.abs(dy) === 22 && col === 0 ? slot++ : -1;
      const tower = C.towers.find((t) => t[0] === c.i && t[1] === here);
      if (tower) {
        specs.push({ c: [cxb, c.cy + dy], w: 2 * 14, d: 16, floors: tower[2], units: 2, residential: true, compound: c.i, tower: tower[3], towerFront: dy < 0 ? 1 : -1 });
        continue;
      }
      const units = Math.max(2, Math.min(Math.floor((cellW - 20) / C.unitWidthM), brng.int(2, 4)));
      const w = units * C.unitWidthM;
      specs.push({ c: [cxb + brng.range(-2, 2), c.cy + dy], w, d: 11, floors: brng.pick(C.floorsMix), units, residential: true, compound: c.i });
    }
  }
  const hh = apportion(C.households, specs.map((s) => s.units * s.floors * 2));
  const fibre = shareOf(hh, C.fibreShare), tv = shareOf(hh, C.tvShare), meters = shareOf(hh, C.energyShare);
  const buildings: Bldg[] = [];
  const perCompound = new Map<number, number>();
  specs.forEach((s, n) => {
    const no = (perCompound.get(s.compound) ?? 0) + 1;
    perCompound.set(s.compound, no);
    const id = `b-${n + 1}`, name = `${C.compoundNames[s.compound]}${no}号楼`, ring = rect(s.c, s.w, s.d);
    tb.add('building', { id, name, floors: s.floors, floorHeightM: 3, use: 'residential', households: hh[n], fibreHouseholds: fibre[n], tvHouseholds: tv[n],
      energyMeters: meters[n], compoundId: `compound-${s.compound + 1}` }, poly(ring));
    buildings.push({ ...s, id, name, ring });
  });
  // public blocks
  const blockCentre = ([i, j]: [number, number]): V => [(G[i] + G[i + 1]) / 2, (G[j] + G[j + 1]) / 2];
  const sc = blockCentre(C.publicBlocks.service), school = blockCentre(C.publicBlocks.school), market = blockCentre(C.publicBlocks.market);
  const publicB: [string, string, V, number, number, number][] = [
    ['南门社区党群服务中心', 'public', [sc[0] - 50, sc[1] + 50], 50, 20, 3], ['青州市南门小学', 'education', [school[0], school[1] + 40], 90, 18, 4],
    ['南门古城商业街东段', 'commercial', [market[0], market[1] + 30], 120, 14, 2], ['南门古城商业街西段', 'commercial', [market[0], market[1] - 30], 120, 14, 2],
  ];
  publicB.forEach(([name, use, c, w, d, floors], n) => {
    const id = `b-p${n + 1}`, ring = rect(c, w, d);
    tb.add('building', { id, name, floors, floorHeightM: 3.6, use, households: 0, compoundId: null }, poly(ring));
    buildings.push({ id, name, ring, c, w, d, floors, units: 0, residential: false, compound: -1 });
  });

  // paths: street grid, compound ring roads, central roads, south lanes, entrance stubs, footways
  const streets: V[][] = [...G.map((x) => [[x, G[0]], [x, G[4]]] as V[]), ...G.map((y) => [[G[0], y], [G[4], y]] as V[])];
  const paths: PathLine[] = streets.map((s, n) => ({ pts: s, type: n === 2 || n === 7 ? 'secondary' : 'residential', name: n === 2 ? '南门大街' : n === 7 ? '南关路' : undefined }));
  const internal: V[][] = [];
  const near = (v: number, gs: readonly number[]) => gs.reduce((b, g) => (Math.abs(g - v) < Math.abs(b - v) ? g : b), gs[0]);
  for (const c of compounds) {
    internal.push(c.ringRoad, c.centralRoad);
    for (const e of c.entrances) {
      const [x, y] = e.at;
      internal.push(e.side === 'S' ? [[x, c.cy], [x, G.filter((g) => g < y).at(-1)!]] : e.side === 'W' ? [[x + INSET, y], [G.filter((g) => g < x).at(-1)!, y]] : [[x - INSET, y], [G.filter((g) => g > x)[0], y]]);
    }
  }
  paths.push(...internal.map((pts) => ({ pts, type: 'living_street' })));
  for (const b of buildings) {
    if (!b.residential) { const y = near(b.c[1], G); paths.push({ type: 'footway', pts: [[b.c[0], b.c[1] + (y > b.c[1] ? b.d / 2 : -b.d / 2)], [b.c[0], y]] }); continue; }
    const c = compounds[b.compound];
    const dy = b.c[1] - c.cy, toY = Math.abs(dy) < 30 ? c.cy : dy > 0 ? c.y1 - INSET : c.y0 + INSET;
    paths.push({ type: 'footway', pts: [[b.c[0], b.c[1] + (toY > b.c[1] ? b.d / 2 : -b.d / 2)], [b.c[0], toY]] });
  }
  // park with the sports venue in the service block
  paths.push({ type: 'footway', pts: [[sc[0] + 40, G[C.publicBlocks.service[1]]], [sc[0] + 40, sc[1]], [G[C.publicBlocks.service[0] + 1], sc[1]]] });
  for (const p of nodeLines(paths)) tb.add('path', { id: tb.nextId('path'), type: p.type, ...(p.name ? { name: p.name } : {}) }, line(p.pts));
  tb.add('venue', { id: 'v-park', type: 'green', name: '南门游园' }, poly(rect([sc[0] + 40, sc[1] - 10], 110, 120)));
  tb.add('venue', { id: 'v-sports-1', type: 'sports', name: '南门全民健身广场', smartFitness: false }, poly(rect([sc[0] + 60, sc[1] - 40], 30, 24)));
  tb.add('venue', { id: 'v-bookcorner', type: 'bookCorner', name: '党群服务中心共享图书角' }, pt([sc[0] - 55, sc[1] + 50]));

  // key locations
  compounds.forEach((c) => c.entrances.forEach((e) =>
    tb.add('keyLocation', { id: `kl-${c.id}-${e.side}`, type: 'compoundEntrance', name: `${c.name}${{ W: '西', E: '东', S: '南' }[e.side]}门`, compoundId: c.id }, pt(e.at))));
  return equip({ tb, rng, community, compounds, buildings, streets, internal });
}
