/** 南门社区 demo: cameras (with deliberate gaps), lights, chargers, facilities, 5G with a hole. */
import type { TwinBuilder } from '../lib/emit.ts';
import { line, poly, pt } from '../lib/emit.ts';
import { add, clipConvex, dist, segDist, signedArea, type Ring, type V } from '../lib/geom.ts';
import { stationsAlong } from '../lib/layout.ts';
import { lineCams, pointCams, throwingCams } from '../lib/place.ts';
import { CameraEmitter } from '../lib/devices.ts';
import { facades, type Cam } from '../lib/rules.ts';
import { nanmen as C } from './config.ts';
import type { Layout } from './build.ts';

const inList = (xs: readonly number[], k: number) => xs.includes(k);

export function equip(L: Layout): TwinBuilder {
  const { tb, compounds, buildings, rng } = L;
  const cams = new CameraEmitter(tb, C.cameraCentre, C.adminCode);
  const footprints = buildings.map((b) => b.ring);
  const placed: Cam[] = [];
  const G = C.grid;

  // throwing: towers only, as configured ('all' | 'front' facade | 'none')
  for (const b of buildings.filter((x) => x.tower && x.tower !== 'none')) {
    const others = buildings.filter((o) => o !== b).map((o) => ({ ring: o.ring, roofM: o.floors * 3 }));
    const front = facades(b.ring).filter((f) => Math.sign(f.outward[1]) === b.towerFront).map((f) => f.index);
    throwingCams(b.ring, b.floors, 3, C.throwing, others, footprints, b.tower === 'front' ? front : null)
      .forEach((c, i) => cams.add('throwing', `${b.name}高空抛物${i + 1}号`, c));
  }

  // key locations: entrances (two cameras each, except the configured gaps), parking entrances, lines
  const uncovered: V[] = [];
  for (const c of compounds) for (const e of c.entrances) {
    if (C.uncoveredEntrances.some(([k, s]) => k === c.i && s === e.side)) { uncovered.push(e.at); continue; }
    const inward = { W: 90, E: 270, S: 0 }[e.side]!;
    pointCams(e.at, [inward + 25, inward + 155], 8, C.keyCam, footprints)
      .forEach((cam, k) => placed.push(cams.add('keyLocation', `${c.name}${{ W: '西', E: '东', S: '南' }[e.side]}门${k ? '外' : '内'}`, cam)));
  }
  const market = C.publicBlocks.market, school = C.publicBlocks.school;
  const parking: [string, V][] = [
    ['古城商业街停车场出入口', [(G[market[0]] + G[market[0] + 1]) / 2 + 70, (G[market[1]] + G[market[1] + 1]) / 2]],
    ['南门小学停车场出入口', [(G[school[0]] + G[school[0] + 1]) / 2 - 60, (G[school[1]] + G[school[1] + 1]) / 2 - 20]],
    ...[1, 5].map((k) => [`${compounds[k].name}地下车库出入口`, [compounds[k].x1 - 20, compounds[k].cy + 3]] as [string, V]),
  ];
  parking.forEach(([name, at], i) => {
    tb.add('keyLocation', { id: `kl-park-${i + 1}`, type: 'parkingEntrance', name, compoundId: i >= 2 ? compounds[[1, 5][i - 2]].id : null }, pt(at));
    pointCams(at, [90, 270], 9, C.keyCam, footprints).forEach((cam, k) => placed.push(cams.add('keyLocation', `${name}${k ? '西' : '东'}`, cam)));
  });
  const lines: { type: string; name: string; pts: V[]; share: number; compoundId: string | null }[] = [
    { type: 'mainRoad', name: '南门大街', pts: [[G[2], G[0]], [G[2], G[4]]], share: C.mainRoadCoverage[0], compoundId: null },
    { type: 'mainRoad', name: '南关路', pts: [[G[0], G[2]], [G[4], G[2]]], share: C.mainRoadCoverage[1], compoundId: null },
    ...C.fireLaneCompounds.map((k, n) => { const c = compounds[k]; return { type: 'fireLane', name: `${c.name}北侧消防通道`, pts: [[c.x0 + 6, c.y1 - 6], [c.x1 - 6, c.y1 - 6]] as V[], share: C.fireLaneCoverage[n], compoundId: c.id }; }),
  ];
  lines.forEach((l, i) => {
    tb.add('keyLocation', { id: `kl-line-${i + 1}`, type: l.type, name: l.name, compoundId: l.compoundId }, line(l.pts));
    lineCams(l.pts, C.keyCam, footprints, placed, l.share).forEach((cam, k) => placed.push(cams.add('keyLocation', `${l.name}${k + 1}号`, cam)));
  });

  // general cameras along each compound's ring road, kept away from the deliberate gaps
  const gapLines = lines.filter((l) => l.share < 1).map((l) => l.pts);
  const general: number[] = [];
  for (const c of compounds) {
    stationsAlong([c.ringRoad], C.generalPerCompound, 2, footprints)
      .filter(({ p }) => uncovered.every((u) => dist(u, p) > 70) && gapLines.every((l) => segDist(p, l[0], l[1]).d > 45))
      .forEach(({ p, dir }, i) => {
        cams.add('general', `${c.name}公共区域${i + 1}号`, { at: p, headingDeg: (Math.atan2(dir[0], dir[1]) * 180) / Math.PI + (i % 2 ? 180 : 0), hfovDeg: 90, vfovDeg: 50, tiltDeg: -15, rangeM: 40, mountHeightM: 4 });
        general.push(tb.features.length - 1);
      });
  }
  // deliberate defects on general cameras: offline, damaged, no image output, legacy (non-compliant) codes
  const grng = rng.fork(7);
  const pickN = (n: number) => grng.shuffle([...general]).slice(0, n);
  for (const i of pickN(C.offlineCameras)) tb.features[i].props.online = false;
  for (const i of pickN(C.notIntactCameras)) tb.features[i].props.intact = false;
  for (const i of pickN(C.noImageOutCameras)) tb.features[i].props.imageOut = false;
  pickN(C.legacyCodeCameras).forEach((i, n) => { tb.features[i].props.code = `${C.legacyCameraCentre}00131${String(9000000 + n).padStart(7, '0')}`; });

  // lights (some smart), one smart pole with only two functions
  const lrng = rng.fork(8);
  const lights = stationsAlong([...L.streets, ...L.internal], C.lights, 3.5, footprints);
  const smart = new Set(lrng.shuffle(lights.map((_, i) => i)).slice(0, Math.round(C.lights * C.smartLightShare)));
  lights.forEach(({ p }, i) => tb.add('light', { id: tb.nextId('light'), smart: smart.has(i) }, pt(p)));
  const sc = C.publicBlocks.service;
  const scc: V = [(G[sc[0]] + G[sc[0] + 1]) / 2, (G[sc[1]] + G[sc[1] + 1]) / 2];
  tb.add('smartPole', { id: 'pole-1', name: '党群服务中心智慧杆', functions: ['lighting', 'video'] }, pt(add(scc, [-50, 30])));

  // chargers and facilities per compound
  const fac = (type: string, name: string, at: V, cid: string | null) => tb.add('facility', { id: tb.nextId(`f-${type}`), type, name, compoundId: cid }, pt(at));
  for (const c of compounds) {
    const k = c.i;
    if (inList(C.ebikeCompounds, k)) {
      const full = !inList(C.ebikeNoTimedCharging, k);
      for (let i = 0; i < 8; i++) tb.add('charger', { id: tb.nextId('chg'), type: 'ebike', name: `${c.name}车棚充电口${i + 1}`, timedCharging: full, autoPowerOff: true, faultAlarm: full, compoundId: c.id }, pt([c.x0 + 10 + 1.2 * i, c.cy + 6]));
    }
    if (c.closed) {
      for (const e of c.entrances) fac('gate', `${c.name}${{ W: '西', E: '东', S: '南' }[e.side]}门智能门禁`, add(e.at, { W: [1, 0], E: [-1, 0], S: [0, 1] }[e.side] as V), c.id);
      ([[c.x0 + 0.5, c.y0 + 0.5], [c.x1 - 0.5, c.y0 + 0.5], [c.x1 - 0.5, c.y1 - 0.5], [c.x0 + 0.5, c.y1 - 0.5]] as V[]).forEach((p, i) => fac('perimeterSensor', `${c.name}周界红外${i + 1}号`, p, c.id));
    }
    const first = buildings.find((b) => b.compound === k)!;
    if (inList(C.liftEbikeDetection, k)) fac('elevatorEbikeDetection', `${first.name}电动车进电梯识别`, first.c, c.id);
    fac('fireDetection', `${c.name}火灾自动报警主机`, add(first.c, [2, 0]), c.id);
    if (inList(C.fireLaneMonitors, k)) fac('fireLaneMonitor', `${c.name}消防通道占用监测`, [c.cx + 15, c.cy - 3], c.id);
    fac('garbagePoint', `${c.name}垃圾分类点`, [c.x1 - 15, c.cy + 5], c.id);
    if (inList(C.garbageMonitors, k)) fac('garbageMonitor', `${c.name}垃圾分类监控`, [c.x1 - 13.5, c.cy + 5], c.id);
    if (inList(C.lockers, k)) fac('locker', `${c.name}智能快件箱`, [c.x1 - 20, c.cy - 5], c.id);
    if (k % 3 === 0) fac('patrolPoint', `${c.name}巡更点`, [c.x0 + INSET_P, c.y1 - INSET_P], c.id);
  }
  ([[scc[0] - 52, scc[1] + 36], [G[3] + 40, G[2] + 4], [G[1] - 40, G[3] + 4]] as V[]).forEach((p, i) => fac('emergencyHelp', `一键求助${i + 1}号`, p, null));

  // 5G: one measured polygon over the whole area except a corner (north-east) hole
  const xs = L.community.map((p) => p[0]), ys = L.community.map((p) => p[1]);
  const X0 = Math.min(...xs) - 30, X1 = Math.max(...xs) + 30, Y0 = Math.min(...ys) - 30, Y1 = Math.max(...ys) + 30;
  const area = Math.abs(signedArea(L.community));
  const holeShare = (s: number) => Math.abs(signedArea(clipConvex(L.community, [[X1 - s, Y1 - s], [X1, Y1 - s], [X1, Y1], [X1 - s, Y1]]))) / area;
  let lo = 0, hi = X1 - X0;
  for (let it = 0; it < 60; it++) { const m = (lo + hi) / 2; if (holeShare(m) < 1 - C.fiveGCoverage) lo = m; else hi = m; }
  const s = Math.round(lo * 10) / 10;
  const ring: Ring = [[X0, Y0], [X1, Y0], [X1, Y1 - s], [X1 - s, Y1 - s], [X1 - s, Y1], [X0, Y1]];
  tb.add('fiveG', { id: 'g-1', name: `${C.fiveG.operator}实测覆盖`, operator: C.fiveG.operator, band: C.fiveG.band, liftCovered: true, garageCovered: false }, poly(ring));
  return tb;
}
const INSET_P = 3;
