/**
 * The twin file validator (domain.md §1): pure, no I/O. Every error names the feature
 * (index and id), the field and the reason; unknown properties are kept and reported as
 * warnings.
 *
 * @example
 * const v = validateTwin(JSON.parse(text));
 * if (!v.ok) console.error(v.errors); else store(v.twin);
 */
import type { Geometry, Position } from 'geojson';
import { FEATURE_KINDS, type Attestation, type FeatureKind, type TwinFile } from './types.ts';

export interface TwinIssue {
  /** index in `features`, null for file-level issues (collection, crs, attestations) */
  featureIndex: number | null;
  id: string | null;
  field: string;
  reason: string;
}
export interface TwinValidation {
  ok: boolean;
  /** the file, with attestation versions filled in; present when ok */
  twin?: TwinFile;
  errors: TwinIssue[];
  warnings: TwinIssue[];
}

const GEOMETRY_TYPES: Record<FeatureKind, readonly string[]> = {
  community: ['Polygon', 'MultiPolygon'], compound: ['Polygon', 'MultiPolygon'],
  building: ['Polygon', 'MultiPolygon'], keyLocation: ['Point', 'LineString'], camera: ['Point'],
  fiveG: ['Point', 'Polygon', 'MultiPolygon'], light: ['Point'], smartPole: ['Point'], charger: ['Point'],
  venue: ['Point', 'Polygon', 'MultiPolygon'], facility: ['Point'], path: ['LineString'],
};

type Rule =
  | { t: 'string'; required?: true; nullable?: true }
  | { t: 'number'; min?: number; max?: number; above?: number; integer?: true; orString?: true }
  | { t: 'boolean' }
  | { t: 'strings' };
const str: Rule = { t: 'string' };
const requiredStr: Rule = { t: 'string', required: true };
const bool: Rule = { t: 'boolean' };
const num: Rule = { t: 'number' };
const count: Rule = { t: 'number', min: 0, integer: true };
const ref: Rule = { t: 'string', nullable: true };

/** The attributes of domain.md §1, per kind; the spec's defaults make most optional. */
const RULES: Record<FeatureKind, Record<string, Rule>> = {
  community: {
    adminCode: str, population: count, households: count, agedShare: { t: 'number', min: 0, max: 1 },
    agedPopulation: count, elderlyServices: { t: 'strings' }, agedAlone: count, agedAloneWithAlarm: count,
    agedAloneWithSmartDevice: count,
  },
  compound: { closed: bool, hasEbikes: bool },
  building: {
    floors: { t: 'number', min: 1, integer: true }, floorHeightM: { t: 'number', above: 0 }, use: str,
    households: count, fibreHouseholds: count, tvHouseholds: count, energyMeters: count, compoundId: ref,
  },
  keyLocation: { type: requiredStr, compoundId: ref },
  camera: {
    code: str, adminCode: str, purpose: str, headingDeg: num, hfovDeg: { t: 'number', above: 0, max: 360 },
    vfovDeg: { t: 'number', above: 0, max: 180 }, tiltDeg: { t: 'number', min: -90, max: 90 },
    rangeM: { t: 'number', above: 0 }, mountHeightM: num, online: bool, intact: bool, imageOut: bool,
    compoundId: ref,
  },
  fiveG: {
    operator: str, band: { t: 'number', orString: true }, azimuthDeg: num,
    beamwidthDeg: { t: 'number', above: 0, max: 360 }, heightM: num, eirpDbm: num, liftCovered: bool,
    garageCovered: bool,
  },
  light: { smart: bool, compoundId: ref },
  smartPole: { functions: { t: 'strings' } },
  charger: {
    type: requiredStr, timedCharging: bool, autoPowerOff: bool, faultAlarm: bool, provincialPlatform: bool,
    compoundId: ref,
  },
  venue: { type: requiredStr, smartFitness: bool, compoundId: ref },
  facility: { type: requiredStr, compoundId: ref },
  path: { type: str },
};
/** `proposed` / `siting` mark features a suggestion added (engine/suggest) */
const COMMON_PROPS = new Set(['kind', 'id', 'name', 'type', 'proposed', 'siting']);
const KNOWN_TYPES: Partial<Record<FeatureKind, readonly string[]>> = {
  keyLocation: ['compoundEntrance', 'parkingEntrance', 'mainRoad', 'fireLane'],
  charger: ['ebike', 'ev'],
};
const WGS84_CRS = /^(urn:ogc:def:crs:OGC:1\.3:CRS84|urn:ogc:def:crs:OGC::CRS84|urn:ogc:def:crs:EPSG::4326|EPSG:4326|CRS84|WGS ?84)$/i;
const FAR_OUTSIDE_M = 5000;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const fmt = (p: readonly number[]) => `[${p.map((v) => (Number.isFinite(v) ? +v.toFixed(7) : String(v))).join(', ')}]`;

export function validateTwin(input: unknown): TwinValidation {
  const errors: TwinIssue[] = [];
  const warnings: TwinIssue[] = [];
  const fileError = (field: string, reason: string) => errors.push({ featureIndex: null, id: null, field, reason });
  if (!isObject(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    fileError('type', 'not a GeoJSON FeatureCollection (expected {"type": "FeatureCollection", "features": [...]})');
    return { ok: false, errors, warnings };
  }
  if (input.crs !== undefined && input.crs !== null) {
    const name = isObject(input.crs) && isObject(input.crs.properties) ? input.crs.properties.name : undefined;
    if (typeof name !== 'string' || !WGS84_CRS.test(name.trim())) {
      fileError('crs', `coordinates are in ${typeof name === 'string' ? name : JSON.stringify(input.crs)}, not WGS 84 lon/lat; convert the file to WGS 84 (EPSG:4326) first`);
    }
  }

  const firstIndexOfId = new Map<string, number>();
  const communities: number[] = [];
  const compoundIds = new Set<string>();
  const unknownProps = new Map<string, { kind: string; prop: string; count: number; index: number; id: string | null }>();
  const compoundRefs: { index: number; id: string | null; value: string }[] = [];
  const located: { index: number; id: string | null; geometry: Geometry }[] = [];

  input.features.forEach((feature: unknown, index: number) => {
    const issue = (id: string | null, field: string, reason: string) => errors.push({ featureIndex: index, id, field, reason });
    if (!isObject(feature) || feature.type !== 'Feature') return issue(null, 'type', 'not a GeoJSON Feature');
    const props = feature.properties;
    if (!isObject(props)) return issue(null, 'properties', 'has no properties object');
    const id = typeof props.id === 'string' && props.id.trim() !== '' ? props.id : null;
    if (id === null) {
      issue(null, 'properties.id', props.id === undefined || props.id === null || props.id === ''
        ? 'missing id' : `id must be a non-empty string, got ${JSON.stringify(props.id)}`);
    } else if (firstIndexOfId.has(id)) {
      issue(id, 'properties.id', `duplicate id "${id}", first used by feature ${firstIndexOfId.get(id)}`);
    } else firstIndexOfId.set(id, index);

    const kind = props.kind;
    if (typeof kind !== 'string' || !(FEATURE_KINDS as readonly string[]).includes(kind)) {
      return issue(id, 'properties.kind', kind === undefined
        ? `missing kind (one of ${FEATURE_KINDS.join(', ')})`
        : `unknown kind ${JSON.stringify(kind)} (expected one of ${FEATURE_KINDS.join(', ')})`);
    }
    const k = kind as FeatureKind;
    if (k === 'community') communities.push(index);
    if (k === 'compound' && id) compoundIds.add(id);

    for (const [prop, value] of Object.entries(props)) {
      const rule = RULES[k][prop];
      if (!rule) {
        if (COMMON_PROPS.has(prop)) continue;
        const key = `${k}\u0000${prop}`;
        const seen = unknownProps.get(key);
        if (seen) seen.count++;
        else unknownProps.set(key, { kind: k, prop, count: 1, index, id });
        continue;
      }
      const reason = checkAttribute(rule, value);
      if (reason) issue(id, `properties.${prop}`, reason);
      if (prop === 'compoundId' && typeof value === 'string') compoundRefs.push({ index, id, value });
    }
    for (const [prop, rule] of Object.entries(RULES[k])) {
      if (rule.t === 'string' && rule.required && (props[prop] === undefined || props[prop] === null)) {
        issue(id, `properties.${prop}`, `missing required attribute ${prop} for a ${k}`);
      }
    }
    const known = KNOWN_TYPES[k];
    if (known && typeof props.type === 'string' && !known.includes(props.type)) {
      warnings.push({ featureIndex: index, id, field: 'properties.type', reason: `unknown ${k} type "${props.type}" (known: ${known.join(', ')})` });
    }

    const geometry = feature.geometry;
    if (!isObject(geometry)) return issue(id, 'geometry', `a ${k} needs a geometry (${GEOMETRY_TYPES[k].join(' or ')})`);
    if (typeof geometry.type !== 'string' || !GEOMETRY_TYPES[k].includes(geometry.type)) {
      return issue(id, 'geometry.type', `a ${k} must be a ${GEOMETRY_TYPES[k].join(' or ')}, got ${JSON.stringify(geometry.type)}`);
    }
    const reason = checkGeometry(geometry.type, geometry.coordinates);
    if (reason) return issue(id, 'geometry.coordinates', reason);
    if (hasThirdCoordinate(geometry.coordinates)) {
      warnings.push({ featureIndex: index, id, field: 'geometry.coordinates', reason: 'has a third coordinate; the twin is 2D lon/lat, so it is dropped (heights go in properties)' });
    }
    located.push({ index, id, geometry: geometry as unknown as Geometry });
  });

  if (communities.length === 0) fileError('features', 'no community feature (exactly one feature needs properties.kind "community")');
  if (communities.length > 1) {
    for (const index of communities.slice(1)) {
      const f = input.features[index] as { properties: { id?: unknown } };
      errors.push({ featureIndex: index, id: typeof f.properties.id === 'string' ? f.properties.id : null, field: 'properties.kind',
        reason: `a second community feature (features ${communities.join(', ')} are all communities; exactly one is allowed)` });
    }
  }
  for (const u of unknownProps.values()) {
    warnings.push({ featureIndex: u.index, id: u.id, field: `properties.${u.prop}`,
      reason: `unknown property "${u.prop}" on ${u.count} ${u.kind} feature${u.count > 1 ? 's' : ''} (kept)` });
  }
  for (const r of compoundRefs) {
    if (!compoundIds.has(r.value)) {
      warnings.push({ featureIndex: r.index, id: r.id, field: 'properties.compoundId', reason: `no compound with id "${r.value}"` });
    }
  }

  const community = located.find((l) => communities.length === 1 && l.index === communities[0]);
  if (community) checkPlacement(community, located, errors, warnings);
  const attestations = checkAttestations(input.attestations, fileError);

  if (errors.length > 0) return { ok: false, errors, warnings };
  const twin = { ...input, features: input.features } as TwinFile;
  if (attestations) twin.attestations = attestations;
  return { ok: true, twin, errors, warnings };
}

function checkAttribute(rule: Rule, value: unknown): string | null {
  if (value === undefined || value === null) {
    return rule.t === 'string' && rule.required ? 'must not be null' : null;
  }
  switch (rule.t) {
    case 'string':
      if (typeof value !== 'string') return `must be a string, got ${JSON.stringify(value)}`;
      return rule.required && value.trim() === '' ? 'must not be empty' : null;
    case 'boolean':
      return typeof value === 'boolean' ? null : `must be true or false, got ${JSON.stringify(value)}`;
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? null : 'must be an array of strings';
    case 'number': {
      if (rule.orString && typeof value === 'string') return null;
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a finite number, got ${JSON.stringify(value) ?? String(value)}`;
      if (rule.integer && !Number.isInteger(value)) return `must be a whole number, got ${value}`;
      if (rule.min !== undefined && value < rule.min) return `must be ≥ ${rule.min}, got ${value}`;
      if (rule.above !== undefined && value <= rule.above) return `must be > ${rule.above}, got ${value}`;
      if (rule.max !== undefined && value > rule.max) return `must be ≤ ${rule.max}, got ${value}`;
      return null;
    }
  }
}

/** Structure, finite in-range positions, closed rings, no self-intersection. Null when valid. */
function checkGeometry(type: string, coordinates: unknown): string | null {
  const depth = { Point: 0, LineString: 1, Polygon: 2, MultiPolygon: 3 }[type] ?? -1;
  const positions: { p: unknown; path: string }[] = [];
  const walk = (c: unknown, d: number, path: string): string | null => {
    if (d === 0) { positions.push({ p: c, path }); return null; }
    if (!Array.isArray(c)) return `coordinates${path} must be an array`;
    for (let i = 0; i < c.length; i++) { const r = walk(c[i], d - 1, `${path}[${i}]`); if (r) return r; }
    return null;
  };
  const structural = walk(coordinates, depth, '');
  if (structural) return structural;
  for (const { p, path } of positions) {
    const reason = checkPosition(p);
    if (reason) return `coordinate${path ? ` at ${path}` : ''} ${reason}`;
  }
  const c = coordinates as number[][][] | number[][][][] | number[][];
  if (type === 'LineString' && c.length < 2) return 'a LineString needs at least 2 positions';
  const polygons = type === 'Polygon' ? [c as number[][][]] : type === 'MultiPolygon' ? (c as number[][][][]) : [];
  for (const [pi, rings] of polygons.entries()) {
    const where = type === 'MultiPolygon' ? `polygon ${pi}: ` : '';
    if (rings.length === 0) return `${where}a polygon needs an outer ring`;
    for (const [ri, ring] of rings.entries()) {
      if (ring.length < 4) return `${where}ring ${ri} has ${ring.length} positions; a closed ring needs at least 4`;
      const a = ring[0], b = ring[ring.length - 1];
      if (a[0] !== b[0] || a[1] !== b[1]) return `${where}ring ${ri} is not closed (first ${fmt(a)} ≠ last ${fmt(b)})`;
    }
    const crossing = findSelfIntersection(rings);
    if (crossing) return `${where}self-intersecting polygon: ${crossing}`;
  }
  return null;
}

function hasThirdCoordinate(c: unknown): boolean {
  if (!Array.isArray(c)) return false;
  return typeof c[0] === 'number' ? c.length > 2 : c.some(hasThirdCoordinate);
}

function checkPosition(p: unknown): string | null {
  if (!Array.isArray(p) || p.length < 2) return `${JSON.stringify(p)} is not a position [lon, lat]`;
  if (!p.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return `${fmt(p.map((v) => (typeof v === 'number' ? v : NaN)))} is not finite (NaN, Infinity or not a number)`;
  }
  const [lon, lat] = p as number[];
  const lonOk = lon >= -180 && lon <= 180, latOk = lat >= -90 && lat <= 90;
  if (lonOk && latOk) return null;
  if (!latOk && Math.abs(lon) <= 90 && Math.abs(lat) <= 180) {
    return `${fmt(p)} has latitude ${lat} beyond ±90: latitude and longitude look swapped (GeoJSON is [lon, lat])`;
  }
  return `${fmt(p)} is out of range (longitude must be in [-180, 180], latitude in [-90, 90])`;
}

type Segment = { ring: number; edge: number; a: number[]; b: number[] };
const cross = (o: number[], a: number[], b: number[]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
const within = (a: number[], b: number[], p: number[]) =>
  Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);

/**
 * Edges of the rings that cross or overlap (or, within one ring, touch away from their
 * shared vertex). Returns a sentence naming the rings, edges and where, or null.
 */
export function findSelfIntersection(rings: number[][][]): string | null {
  const segments: Segment[] = [];
  const ringEdges: number[] = [];
  rings.forEach((ring, r) => {
    let n = 0;
    for (let i = 0; i + 1 < ring.length; i++) {
      if (ring[i][0] === ring[i + 1][0] && ring[i][1] === ring[i + 1][1]) continue;
      segments.push({ ring: r, edge: n++, a: ring[i], b: ring[i + 1] });
    }
    ringEdges[r] = n;
  });
  const ringName = (r: number) => (r === 0 ? 'outer ring' : `hole ${r}`);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    for (let j = i + 1; j < segments.length; j++) {
      const t = segments[j];
      if (Math.max(s.a[0], s.b[0]) < Math.min(t.a[0], t.b[0]) || Math.max(t.a[0], t.b[0]) < Math.min(s.a[0], s.b[0])
        || Math.max(s.a[1], s.b[1]) < Math.min(t.a[1], t.b[1]) || Math.max(t.a[1], t.b[1]) < Math.min(s.a[1], s.b[1])) continue;
      const sameRing = s.ring === t.ring;
      const adjacent = sameRing && (t.edge === s.edge + 1 || (s.edge === 0 && t.edge === ringEdges[s.ring] - 1));
      const d1 = cross(t.a, t.b, s.a), d2 = cross(t.a, t.b, s.b), d3 = cross(s.a, s.b, t.a), d4 = cross(s.a, s.b, t.b);
      const where = sameRing ? `${ringName(s.ring)} edges ${s.edge} and ${t.edge}` : `${ringName(s.ring)} edge ${s.edge} and ${ringName(t.ring)} edge ${t.edge}`;
      if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
        const u = d1 / (d1 - d2);
        const p = [s.a[0] + u * (s.b[0] - s.a[0]), s.a[1] + u * (s.b[1] - s.a[1])];
        return `${where} cross at ${fmt(p)}`;
      }
      if (d1 === 0 && d2 === 0) {
        // collinear: an overlap longer than a shared point is a spike or a doubled edge
        const shared = [s.a, s.b].filter((p) => within(t.a, t.b, p)).concat([t.a, t.b].filter((p) => within(s.a, s.b, p)));
        const distinct = shared.filter((p, k) => shared.findIndex((q) => q[0] === p[0] && q[1] === p[1]) === k);
        if (distinct.length >= 2) return `${where} overlap from ${fmt(distinct[0])} to ${fmt(distinct[1])}`;
        if (distinct.length === 1 && sameRing && !adjacent) return `${where} touch at ${fmt(distinct[0])}`;
        continue;
      }
      if (!sameRing || adjacent) continue;
      const touch = [[d1, s.a, t], [d2, s.b, t], [d3, t.a, s], [d4, t.b, s]] as const;
      for (const [d, p, other] of touch) {
        if (d === 0 && within(other.a, other.b, p)) return `${where} touch at ${fmt(p)}`;
      }
    }
  }
  return null;
}

/** Lat/lon swapped as a whole (a China dataset stored [lat, lon]) and features far outside. */
function checkPlacement(
  community: { index: number; id: string | null; geometry: Geometry },
  located: { index: number; id: string | null; geometry: Geometry }[],
  errors: TwinIssue[], warnings: TwinIssue[],
): void {
  const box = bboxOf(community.geometry);
  const [cx, cy] = [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
  const inChina = (lon: number, lat: number) => lon >= 73 && lon <= 136 && lat >= 3 && lat <= 54;
  if (!inChina(cx, cy) && inChina(cy, cx)) {
    errors.push({ featureIndex: community.index, id: community.id, field: 'geometry.coordinates',
      reason: `latitude and longitude look swapped: the community lies at lon ${+cx.toFixed(5)}, lat ${+cy.toFixed(5)}; swapped it would be in China (GeoJSON is [lon, lat])` });
    return;
  }
  const mPerDegLat = 111_320, mPerDegLon = 111_320 * Math.cos((cy * Math.PI) / 180);
  for (const f of located) {
    if (f === community) continue;
    const b = bboxOf(f.geometry);
    const dx = Math.max(box[0] - b[2], b[0] - box[2], 0) * mPerDegLon;
    const dy = Math.max(box[1] - b[3], b[1] - box[3], 0) * mPerDegLat;
    const distanceM = Math.hypot(dx, dy);
    if (distanceM > FAR_OUTSIDE_M) {
      warnings.push({ featureIndex: f.index, id: f.id, field: 'geometry',
        reason: `lies about ${(distanceM / 1000).toFixed(1)} km outside the community (more than ${FAR_OUTSIDE_M / 1000} km from its bounding box)` });
    }
  }
}

function bboxOf(g: Geometry): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (typeof (c as Position)[0] === 'number') {
      const [x, y] = c as Position;
      b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.max(b[2], x); b[3] = Math.max(b[3], y);
    } else for (const d of c as unknown[]) visit(d);
  };
  if ('coordinates' in g) visit(g.coordinates);
  return b;
}

/** Attestations: required fields, versions filled in per check (1, 2, …), no duplicate versions. */
function checkAttestations(value: unknown, fileError: (field: string, reason: string) => void): Attestation[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) { fileError('attestations', 'must be an array'); return undefined; }
  const latest = new Map<string, Set<number>>();
  return value.map((a: unknown, i: number) => {
    const field = (f: string) => `attestations[${i}]${f ? `.${f}` : ''}`;
    if (!isObject(a)) { fileError(field(''), 'must be an object'); return a as Attestation; }
    for (const f of ['checkId', 'text', 'by', 'at'] as const) {
      if (typeof a[f] !== 'string' || (f !== 'text' && (a[f] as string).trim() === '')) fileError(field(f), `missing or not a string: ${f}`);
    }
    if (typeof a.pass !== 'boolean') fileError(field('pass'), 'must be true or false');
    if (typeof a.at === 'string' && Number.isNaN(Date.parse(a.at))) fileError(field('at'), `not a date: ${JSON.stringify(a.at)}`);
    if (a.evidenceRef !== undefined && typeof a.evidenceRef !== 'string') fileError(field('evidenceRef'), 'must be a string');
    if (a.version !== undefined && (!Number.isInteger(a.version) || (a.version as number) < 1)) {
      fileError(field('version'), 'must be a whole number ≥ 1');
      return a as unknown as Attestation;
    }
    const versions = latest.get(String(a.checkId)) ?? new Set<number>();
    latest.set(String(a.checkId), versions);
    const version = (a.version as number | undefined) ?? Math.max(0, ...versions) + 1;
    if (versions.has(version)) fileError(field('version'), `duplicate version ${version} for check "${String(a.checkId)}"`);
    versions.add(version);
    return { ...a, version } as unknown as Attestation;
  });
}
