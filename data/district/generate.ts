/**
 * A realistic district of N communities, seeded and deterministic:
 *   npm run district:generate -- --n 50 --out .data/district [--seed 7] [--api http://127.0.0.1:8080]
 * Each community is a part of the 南门 demo layout (data/demo/nanmen): a rectangle of 2–4 × 2–4
 * of its street blocks, so sizes vary from ≈ 0.2 to 1 km², moved to its own place on a grid
 * of 1.2 km cells; its devices and households vary (cameras offline or broken, fibre, TV and
 * meter shares, smart lights, charger features, full or partial 5G) so that the tiers achieved
 * vary too. Writes <out>/<id>.geojson (twin files); with --api, also imports them (replace).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bboxClip } from '@turf/turf';
import type { Feature, Geometry, LineString, Position } from 'geojson';
import { Rng } from '../demo/lib/prng.ts';
import type { BaseProps, TwinFile } from '../../engine/twin/types.ts';

const NANMEN = fileURLToPath(new URL('../demo/nanmen/twin.geojson', import.meta.url));
const LON0 = 118.48, LAT0 = 36.69;
const M_PER_DEG_LAT = 110_574, M_PER_DEG_LON = 111_320 * Math.cos((LAT0 * Math.PI) / 180);
/** block edges of the nanmen layout, metres from its centre (outer ones at the boundary) */
const EDGES = [-505, -240, 0, 240, 505];
const CELL_M = 1200;
/** camera code centres of the nanmen demo: the county's, and the old city-level one that fails compliance */
const CAMERA_CENTRE = '37078100', LEGACY_CAMERA_CENTRE = '37070000';
const NAMES_A = ['东关', '西关', '北城', '南城', '云门', '范公', '玲珑', '凤凰', '驼山', '阳河', '弥河', '仰天', '昭德', '万年', '青龙', '益都', '海岱', '古城', '偶园', '泰和'];
const NAMES_B = ['社区', '新村社区', '花园社区', '家园社区', '里社区'];

type TwinFeature = Feature<Geometry, BaseProps>;
type Box = [number, number, number, number];

const toLocal = ([lon, lat]: Position): [number, number] => [(lon - LON0) * M_PER_DEG_LON, (lat - LAT0) * M_PER_DEG_LAT];
const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

function mean(g: Geometry): [number, number] {
  const ring: Position[] = g.type === 'Point' ? [g.coordinates] : g.type === 'Polygon' ? g.coordinates[0].slice(0, -1)
    : g.type === 'LineString' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates[0][0].slice(0, -1) : [];
  const local = ring.map(toLocal);
  return [local.reduce((s, p) => s + p[0], 0) / local.length, local.reduce((s, p) => s + p[1], 0) / local.length];
}

const inside = ([x, y]: [number, number], [w, s, e, n]: Box) => x >= w && x <= e && y >= s && y <= n;

function moveGeometry(g: Geometry, dLon: number, dLat: number): Geometry {
  const move = (p: Position): Position => [round7(p[0] + dLon), round7(p[1] + dLat)];
  switch (g.type) {
    case 'Point': return { type: 'Point', coordinates: move(g.coordinates) };
    case 'LineString': return { type: 'LineString', coordinates: g.coordinates.map(move) };
    case 'Polygon': return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(move)) };
    case 'MultiPolygon': return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(move))) };
    default: return g;
  }
}

const lonLatBox = ([w, s, e, n]: Box): Box => [LON0 + w / M_PER_DEG_LON, LAT0 + s / M_PER_DEG_LAT, LON0 + e / M_PER_DEG_LON, LAT0 + n / M_PER_DEG_LAT];

/** One community: the base layout cropped to `box` (local metres), varied by `rng`, moved by (dLon, dLat). */
function community(base: TwinFile, index: number, rng: Rng, box: Box, dLon: number, dLat: number): TwinFile {
  const id = `d${String(index + 1).padStart(3, '0')}`;
  const all = base.features as TwinFeature[];
  const baseCommunity = all.find((f) => f.properties.kind === 'community')!;
  const compounds = new Set(all.filter((f) => f.properties.kind === 'compound' && inside(mean(f.geometry), box)).map((f) => f.properties.id));
  const clipBox = lonLatBox(box);
  const kept: TwinFeature[] = [];
  for (const f of all) {
    const p = f.properties;
    if (p.kind === 'community') continue;
    const compoundId = typeof p.compoundId === 'string' ? p.compoundId : null;
    if (compoundId && !compounds.has(compoundId)) continue;
    if (f.geometry.type === 'LineString') {
      const clipped = bboxClip(f as Feature<LineString>, clipBox).geometry;
      if (clipped.type !== 'LineString' || clipped.coordinates.length < 2) continue;
      kept.push({ ...f, geometry: clipped });
    } else if (p.kind === 'fiveG' || inside(mean(f.geometry), box)) {
      kept.push(f);
    }
  }
  // devices and households vary per community
  const offline = rng.range(0, 0.1), broken = rng.range(0, 0.04), noImage = rng.range(0, 0.2);
  const fibre = rng.range(0.68, 1), tv = rng.range(0.72, 1), meters = rng.range(0.6, 1), smartLights = rng.range(0.4, 1);
  const full5g = rng.chance(0.45), chargerFaults = rng.chance(0.35);
  // some communities re-registered their old city-level camera codes, some fitted lift detection everywhere
  const codesFixed = rng.chance(0.6), liftDetectionEverywhere = rng.chance(0.5);
  const varied = kept.map((f): TwinFeature => {
    const p = { ...f.properties };
    if (p.kind === 'camera') Object.assign(p, { online: !rng.chance(offline), intact: !rng.chance(broken), imageOut: !rng.chance(noImage) });
    if (p.kind === 'camera' && codesFixed && typeof p.code === 'string' && p.code.startsWith(LEGACY_CAMERA_CENTRE)) p.code = CAMERA_CENTRE + p.code.slice(8);
    if (p.kind === 'building' && typeof p.households === 'number') {
      Object.assign(p, { fibreHouseholds: Math.round(p.households * fibre), tvHouseholds: Math.round(p.households * tv), energyMeters: Math.round(p.households * meters) });
    }
    if (p.kind === 'light') p.smart = rng.chance(smartLights);
    if (p.kind === 'charger' && chargerFaults && rng.chance(0.5)) p.autoPowerOff = false;
    if (p.kind === 'fiveG' && full5g) {
      const [w, s, e, n] = clipBox;
      return { ...f, properties: p, geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } };
    }
    return { ...f, properties: p };
  });
  if (liftDetectionEverywhere) {
    const detected = new Set(varied.filter((f) => f.properties.kind === 'facility' && f.properties.type === 'elevatorEbikeDetection').map((f) => f.properties.compoundId));
    for (const f of varied) {
      if (f.properties.kind !== 'compound' || detected.has(f.properties.id)) continue;
      const [x, y] = mean(f.geometry);
      varied.push({ type: 'Feature', properties: { kind: 'facility', id: `fac-lift-${f.properties.id}`, type: 'elevatorEbikeDetection', name: `${f.properties.name ?? ''}电动车进电梯识别`, compoundId: f.properties.id },
        geometry: { type: 'Point', coordinates: [round7(LON0 + x / M_PER_DEG_LON), round7(LAT0 + y / M_PER_DEG_LAT)] } });
    }
  }
  const households = varied.reduce((sum, f) => sum + (f.properties.kind === 'building' && typeof f.properties.households === 'number' ? f.properties.households : 0), 0);
  const baseProps = baseCommunity.properties;
  const share = households / Number(baseProps.households ?? households);
  const population = Math.round(Number(baseProps.population ?? 0) * share);
  const [w, s, e, n] = clipBox;
  const communityFeature: TwinFeature = {
    type: 'Feature',
    properties: { ...baseProps, id, name: `${NAMES_A[index % NAMES_A.length]}${NAMES_B[Math.floor(index / NAMES_A.length) % NAMES_B.length]}${index >= NAMES_A.length * NAMES_B.length ? index + 1 : ''}`,
      households, population, agedPopulation: Math.round(population * Number(baseProps.agedShare ?? 0.2)) },
    geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
  };
  return {
    type: 'FeatureCollection', demo: true, note: `generated district community ${index + 1} (data/district/generate.ts), cropped from the 南门 demo layout`,
    features: [communityFeature, ...varied].map((f) => ({ ...f, geometry: moveGeometry(f.geometry, dLon, dLat) })),
  } as TwinFile;
}

export function generateDistrict(n = 50, seed = 20250801): TwinFile[] {
  const base = JSON.parse(readFileSync(NANMEN, 'utf8')) as TwinFile;
  const columns = Math.ceil(Math.sqrt(n));
  const twins: TwinFile[] = [];
  for (let i = 0; i < n; i++) {
    const rng = new Rng(seed).fork(i);
    const cols = rng.int(2, 4), rows = rng.int(2, 4);
    const x0 = rng.int(0, 4 - cols), y0 = rng.int(0, 4 - rows);
    const box: Box = [EDGES[x0], EDGES[y0], EDGES[x0 + cols], EDGES[y0 + rows]];
    // the cell centre, metres from the district's south-west cell, minus the crop's own centre
    const cx = (i % columns) * CELL_M - ((box[0] + box[2]) / 2), cy = Math.floor(i / columns) * CELL_M - ((box[1] + box[3]) / 2);
    twins.push(community(base, i, rng.fork(99), box, cx / M_PER_DEG_LON, cy / M_PER_DEG_LAT));
  }
  return twins;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const n = Number(arg('n') ?? 50), seed = Number(arg('seed') ?? 20250801);
  const out = resolve(arg('out') ?? '.data/district');
  const api = arg('api');
  mkdirSync(out, { recursive: true });
  const twins = generateDistrict(n, seed);
  for (const twin of twins) {
    const id = String(twin.features[0].properties.id);
    writeFileSync(join(out, `${id}.geojson`), JSON.stringify(twin));
    if (api) {
      const res = await fetch(`${api}/api/communities?id=${id}&replace=true`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(twin) });
      if (!res.ok) throw new Error(`import ${id}: HTTP ${res.status} ${(await res.text()).slice(0, 500)}`);
    }
  }
  console.log(`wrote ${twins.length} communities to ${out}${api ? ` and imported them into ${api}` : ''}`);
}
