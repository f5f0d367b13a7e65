/** 学苑社区 demo: cameras, lights, smart pole, chargers, facilities, 5G. */
import { pt, poly } from '../lib/emit.ts';
import { add, circle, dist, mul, perp, pointInPolygon, segDist, sub, unit, type V } from '../lib/geom.ts';
import { coverRect, stationsAlong } from '../lib/layout.ts';
import { lineCams, pointCams, throwingCams } from '../lib/place.ts';
import { CameraEmitter } from '../lib/devices.ts';
import { cnNumber } from '../lib/codes.ts';
import type { Cam } from '../lib/rules.ts';
import { xueyuan as C } from './config.ts';
import type { Layout } from './build.ts';

/** nearest point on any road, moved `side` metres off it */
function besideRoad(p: V, roads: V[][], side: number): V {
  let best = { d: Infinity, q: p, dir: [1, 0] as V };
  for (const r of roads) for (let i = 1; i < r.length; i++) {
    const s = segDist(p, r[i - 1], r[i]);
    if (s.d < best.d) best = { d: s.d, q: s.q, dir: unit(sub(r[i], r[i - 1])) };
  }
  return add(best.q, mul(perp(best.dir), side));
}

export function equip(L: Layout): void {
  const { tb, buildings, compoundId, roads } = L;
  const cams = new CameraEmitter(tb, C.cameraCentre, C.adminCode);
  const footprints = buildings.map((b) => b.ring);
  const pondRings = L.ponds.map((p) => p.ring);
  const avoid = [...footprints, ...pondRings];
  const placed: Cam[] = [];
  const cn = C.compoundName;

  // throwing: every residential building, every facade, floors 3+
  const throwSpec = C.throwing;
  let systems = 0;
  for (const b of buildings.filter((x) => x.residential)) {
    const others = buildings.filter((o) => o !== b).map((o) => ({ ring: o.ring, roofM: o.floors * 3 }));
    const list = throwingCams(b.ring, b.floors, 3, throwSpec, others, avoid);
    systems++;
    list.forEach((c, i) => cams.add('throwing', `${b.name}高空抛物${i + 1}号`, c));
  }

  // key locations: entrances (two cameras each), parking entrances, main roads and fire lanes
  const keySpec = C.keyCam;
  L.entrances.forEach((e, i) => {
    const inward = e[1] === C.compound.y1 ? 180 : e[1] === C.compound.y0 ? 0 : e[0] === C.compound.x0 ? 90 : 270;
    pointCams(e, [inward + 20, inward + 160], 8, keySpec, footprints)
      .forEach((c, k) => placed.push(cams.add('keyLocation', `${cn}${cnNumber(i + 1)}号门${k ? '外' : '内'}`, c)));
  });
  C.parkingEntrances.forEach((p, i) => pointCams([p[0], p[1]], [80, 280], 9, keySpec, footprints)
    .forEach((c, k) => placed.push(cams.add('keyLocation', `地下车库${cnNumber(i + 1)}号出入口${k ? '西' : '东'}`, c))));
  for (const l of L.lines) {
    const list = lineCams(l.pts, keySpec, footprints, placed);
    list.forEach((c, k) => placed.push(cams.add('keyLocation', `${l.name}${k + 1}号`, c)));
  }

  // perimeter video along the compound wall (1 m inside), looking along it
  const wall = [...L.compound, L.compound[0]];
  const pc = C.perimeterCam;
  stationsAlong([wall], Math.round(2 * (C.compound.x1 - C.compound.x0 + C.compound.y1 - C.compound.y0) / pc.spacingM), -1, avoid)
    .forEach(({ p, dir }, i) => cams.add('perimeter', `${cn}周界${i + 1}号`, { at: p, headingDeg: (Math.atan2(dir[0], dir[1]) * 180) / Math.PI, ...pc }));

  // unit doors (on the north wall, 0.3 m out) and lifts (inside) of residential buildings
  for (const b of buildings.filter((x) => x.residential)) {
    for (let u = 0; u < b.units; u++) {
      const ux = b.c[0] - b.w / 2 + (u + 0.5) * C.unitWidthM;
      cams.add('general', `${b.name}${u + 1}单元门口`, { at: [ux + 2, b.c[1] + b.d / 2 + 0.3], headingDeg: 0, hfovDeg: 90, vfovDeg: 60, tiltDeg: -30, rangeM: 15, mountHeightM: 2.8 });
      const lifts = b.floors >= 12 ? 2 : 1;
      for (let k = 0; k < lifts; k++) cams.add('general', `${b.name}${u + 1}单元${k + 1}号电梯`, { at: [ux - 1.5 + 3 * k, b.c[1]], headingDeg: 180, hfovDeg: 90, vfovDeg: 70, tiltDeg: -45, rangeM: 4, mountHeightM: 2.4 });
    }
  }
  // drowning prevention at the three ponds
  L.ponds.forEach((p) => pointCams(p.c, [45, 225], 16, { hfovDeg: 90, vfovDeg: 50, tiltDeg: -20, rangeM: 40, mountHeightM: 4 }, footprints)
    .forEach((c, k) => cams.add('general', `${p.name}防溺水${k + 1}号`, c)));
  // underground garage (under the lanes)
  const lanesYLines = C.lanesY.map((y) => [[C.compound.x0 + 20, y], [C.compound.x1 - 20, y]] as V[]);
  stationsAlong(lanesYLines, C.garageCameras, 6, footprints)
    .forEach(({ p }, i) => cams.add('general', `地下车库B1-${i + 1}号`, { at: p, headingDeg: (i * 90) % 360, hfovDeg: 100, vfovDeg: 60, tiltDeg: -20, rangeM: 30, mountHeightM: 2.6 }));
  // public-area cameras along the roads up to the published total
  const rest = C.cameras - tb.count('camera');
  if (rest < 0) throw new Error(`xueyuan: ${-rest} cameras too many`);
  stationsAlong(roads, rest, 4, avoid).forEach(({ p, dir }, i) => {
    const inside = pointInPolygon(p, L.compound);
    cams.add('general', `${inside ? cn : C.name}公共区域${i + 1}号`, { at: p, headingDeg: (Math.atan2(dir[0], dir[1]) * 180) / Math.PI + (i % 2 ? 180 : 0), hfovDeg: 90, vfovDeg: 50, tiltDeg: -15, rangeM: 40, mountHeightM: 4 });
  });

  // lights and the smart pole
  stationsAlong(roads, C.lights, 3.5, avoid).forEach(({ p }) => tb.add('light', { id: tb.nextId('light'), smart: true }, pt(p)));
  tb.add('smartPole', { id: 'pole-1', name: '中心广场智慧杆', functions: ['lighting', 'environment', 'emergencyHelp'] }, pt([-36, 125]));

  // chargers: four e-bike sheds in the compound, one EV charger at the public car park
  const sheds: [V, number][] = [[[-120, -102], 10], [[48, -54], 10], [[-36, 42], 9], [[132, -6], 9]];
  let n = 0;
  sheds.forEach(([at, k], s) => { for (let i = 0; i < k; i++) tb.add('charger', { id: `chg-${++n}`, type: 'ebike', name: `${cn}${s + 1}号车棚充电口${i + 1}`, timedCharging: true, autoPowerOff: true, faultAlarm: true, compoundId }, pt([at[0] + 1.2 * i, at[1]])); });
  tb.add('charger', { id: 'chg-ev-1', type: 'ev', name: '学苑社区共享电动汽车充电桩', provincialPlatform: true, timedCharging: true, autoPowerOff: true, faultAlarm: true, compoundId: null }, pt([-195, 105]));

  // facilities
  const fac = (type: string, name: string, at: V, cid: string | null = compoundId) => tb.add('facility', { id: tb.nextId(`f-${type}`), type, name, compoundId: cid }, pt(at));
  L.entrances.forEach((e, i) => {
    const inward: V = e[1] === C.compound.y1 ? [0, -1] : e[1] === C.compound.y0 ? [0, 1] : e[0] === C.compound.x0 ? [1, 0] : [-1, 0];
    fac('gate', `${cn}${cnNumber(i + 1)}号门智能门禁`, add(e, mul(inward, 1)));
  });
  const wallLen = 2 * (C.compound.x1 - C.compound.x0 + C.compound.y1 - C.compound.y0);
  stationsAlong([wall], C.perimeterDevices, -0.5, []).forEach(({ p }, i) => {
    let q = p;
    for (const e of L.entrances) if (dist(q, e) < 10) q = add(q, mul(unit(sub(q, e)), 12 - dist(q, e)));
    fac('perimeterSensor', `${cn}电子围栏${i + 1}号`, q);
  });
  void wallLen;
  const garbage: V[] = [[-60, -102], [60, -54], [-150, 42]];
  garbage.forEach((g, i) => { fac('garbagePoint', `${cn}垃圾分类点${i + 1}`, g); fac('garbageMonitor', `${cn}垃圾分类点${i + 1}监控`, add(g, [1.5, 0])); });
  const ri = C.ringRoadInset;
  const fl: V[] = [[C.compound.x0 + ri + 3, -60], [C.compound.x1 - ri - 3, -60], [0, C.compound.y0 + ri + 3], [0, C.compound.y1 - ri - 3]];
  fl.forEach((p, i) => fac('fireLaneMonitor', `消防通道占用监测${i + 1}`, p));
  ([[-123, 0], [45, -100], [129, 50]] as V[]).forEach((p, i) => fac('hydrantMonitor', `消防栓监测${i + 1}`, p));
  for (const b of buildings.filter((x) => x.residential)) {
    fac('fireDetection', `${b.name}火灾自动报警`, b.c);
    fac('elevatorEbikeDetection', `${b.name}电动车进电梯识别`, [b.c[0] - b.w / 2 + C.unitWidthM / 2 - 1.5, b.c[1] + 1]);
  }
  C.emergencyHelpAt.forEach((p, i) => fac('emergencyHelp', `一键求助${i + 1}号`, besideRoad([p[0], p[1]], roads, 2), pointInPolygon([p[0], p[1]], L.compound) ? compoundId : null));
  stationsAlong([wall], Math.round(wallLen / 60), -2, avoid).forEach(({ p }, i) => fac('patrolPoint', `${cn}周界巡更点${i + 1}`, p));
  for (const b of buildings.filter((x) => x.residential)) {
    fac('patrolPoint', `${b.name}东北巡更点`, add(b.c, [b.w / 2 + 2, b.d / 2 + 2]));
    fac('patrolPoint', `${b.name}西南巡更点`, add(b.c, [-b.w / 2 - 2, -b.d / 2 - 2]));
  }
  C.parkingEntrances.forEach((p, i) => fac('patrolPoint', `地下车库${i + 1}号巡更点`, [p[0] + 3, p[1]]));
  fac('patrolPoint', '水泵配电间巡更点', [-195, -150]);
  ([['locker', '智能快件箱', [-100, -6]], ['locker', '智能快件箱', [100, 42]], ['vending', '无人售卖机', [-20, -6]], ['vending', '无人售卖机', [150, -102]],
    ['water', '智能共享直饮水机', [20, -54]], ['water', '智能共享直饮水机', [-150, -54]]] as [string, string, V][])
    .forEach(([type, name, at], i) => fac(type, `${cn}${name}${i + 1}号`, at));

  // 5G: measured coverage, two operators, each strictly containing the community
  const xs = L.community.map((p) => p[0]), ys = L.community.map((p) => p[1]);
  const [gx, gy] = C.fiveG.grid;
  coverRect(Math.min(...xs) - 5, Math.min(...ys) - 5, Math.max(...xs) + 5, Math.max(...ys) + 5, gx, gy).forEach(({ c, r }, i) =>
    tb.add('fiveG', { id: `g-${i + 1}`, name: `${C.fiveG.operator}实测覆盖${i + 1}`, operator: C.fiveG.operator, band: C.fiveG.band, liftCovered: true, garageCovered: true }, poly(circle(c, r, 64))));
  const all = coverRect(Math.min(...xs) - 5, Math.min(...ys) - 5, Math.max(...xs) + 5, Math.max(...ys) + 5, 1, 1)[0];
  tb.add('fiveG', { id: 'g-t', name: `${C.fiveG.second.operator}实测覆盖`, operator: C.fiveG.second.operator, band: C.fiveG.second.band, liftCovered: true, garageCovered: true }, poly(circle(all.c, all.r, 64)));
  if (systems !== C.residentialBuildings) throw new Error('xueyuan: throwing systems');
}
