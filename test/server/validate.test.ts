import { describe, expect, test } from 'vitest';
import { findSelfIntersection, validateTwin, type TwinIssue } from '../../engine/twin/validate.ts';
import { readWulaocun, smallTwin, square } from './twins.ts';

type Twin = ReturnType<typeof smallTwin>;
type Props = Record<string, unknown>;
const props = (t: Twin, i: number) => t.features[i].properties as Props;
const geometry = (t: Twin, i: number) => t.features[i].geometry as unknown as { type: string; coordinates: unknown };

function errorsOf(twin: unknown): TwinIssue[] {
  const v = validateTwin(twin);
  expect(v.ok).toBe(false);
  expect(v.twin).toBeUndefined();
  return v.errors;
}

describe('validateTwin accepts', () => {
  test('the real OSM community, with the unknown property reported once', () => {
    const v = validateTwin(readWulaocun());
    expect(v.errors).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.warnings).toHaveLength(1);
    expect(v.warnings[0]).toMatchObject({ field: 'properties.highway', reason: expect.stringContaining('241 path features') });
  });

  test('a small twin, keeping unknown properties and filling attestation versions', () => {
    const twin = smallTwin();
    delete (twin.attestations![1] as { version?: number }).version;
    const v = validateTwin(twin);
    expect(v.ok).toBe(true);
    expect(v.warnings.map((w) => w.field)).toEqual(['properties.colour']);
    expect(v.twin!.attestations!.map((a) => a.version)).toEqual([1, 2]);
    expect(props(v.twin!, 3).colour).toBe('red');
  });

  test('a WGS 84 crs member', () => {
    const twin = { ...smallTwin(), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } } };
    expect(validateTwin(twin).ok).toBe(true);
  });
});

describe('validateTwin rejects, naming feature, field and reason', () => {
  test.each([
    ['null', null],
    ['a Feature', { type: 'Feature', properties: {}, geometry: null }],
    ['features not an array', { type: 'FeatureCollection', features: {} }],
  ])('not a FeatureCollection: %s', (_name, input) => {
    expect(errorsOf(input)).toEqual([{ featureIndex: null, id: null, field: 'type', reason: expect.stringContaining('not a GeoJSON FeatureCollection') }]);
  });

  test('unknown kind', () => {
    const t = smallTwin(); props(t, 4).kind = 'cctv';
    expect(errorsOf(t)).toEqual([{ featureIndex: 4, id: 'cam1', field: 'properties.kind', reason: expect.stringContaining('unknown kind "cctv"') }]);
  });

  test('duplicate id', () => {
    const t = smallTwin(); props(t, 3).id = 'b1';
    expect(errorsOf(t)).toEqual([{ featureIndex: 3, id: 'b1', field: 'properties.id', reason: 'duplicate id "b1", first used by feature 2' }]);
  });

  test('missing id', () => {
    const t = smallTwin(); delete props(t, 5).id;
    expect(errorsOf(t)).toEqual([{ featureIndex: 5, id: null, field: 'properties.id', reason: 'missing id' }]);
  });

  test.each([
    [5, 'type', 'keyLocation'], [7, 'type', 'venue'],
  ])('missing required attribute: feature %i %s', (index, field, kind) => {
    const t = smallTwin(); delete props(t, index)[field];
    expect(errorsOf(t)).toEqual([{ featureIndex: index, id: props(t, index).id, field: `properties.${field}`, reason: `missing required attribute ${field} for a ${kind}` }]);
  });

  test.each([
    ['rangeM', 'thirty', 'must be a finite number'],
    ['hfovDeg', 0, 'must be > 0'],
    ['tiltDeg', -120, 'must be ≥ -90'],
    ['online', 'yes', 'must be true or false'],
  ])('bad camera attribute %s = %j', (field, value, reason) => {
    const t = smallTwin(); props(t, 4)[field] = value;
    expect(errorsOf(t)).toEqual([{ featureIndex: 4, id: 'cam1', field: `properties.${field}`, reason: expect.stringContaining(reason) }]);
  });

  test('wrong geometry type for the kind', () => {
    const t = smallTwin(); t.features[4].geometry = square(117.099, 36.648, 0.0001);
    expect(errorsOf(t)).toEqual([{ featureIndex: 4, id: 'cam1', field: 'geometry.type', reason: 'a camera must be a Point, got "Polygon"' }]);
  });

  test('missing geometry', () => {
    const t = smallTwin(); (t.features[6] as { geometry: unknown }).geometry = null;
    expect(errorsOf(t)[0]).toMatchObject({ featureIndex: 6, id: 'p1', field: 'geometry' });
  });

  test.each([
    ['NaN', [NaN, 36.648], 'is not finite'],
    ['Infinity', [117.099, Infinity], 'is not finite'],
    ['a string', ['117.099', 36.648], 'is not finite'],
    ['out of range', [217.099, 36.648], 'is out of range'],
    ['one number', [117.099], 'is not a position'],
  ])('bad coordinate: %s', (_name, position, reason) => {
    const t = smallTwin(); geometry(t, 4).coordinates = position;
    expect(errorsOf(t)).toEqual([{ featureIndex: 4, id: 'cam1', field: 'geometry.coordinates', reason: expect.stringContaining(reason) }]);
  });

  test('lat/lon swapped on one feature (latitude beyond 90)', () => {
    const t = smallTwin(); geometry(t, 4).coordinates = [36.648, 117.099];
    expect(errorsOf(t)[0]).toMatchObject({ featureIndex: 4, field: 'geometry.coordinates', reason: expect.stringContaining('latitude and longitude look swapped') });
  });

  test('lat/lon swapped for the whole file (China as [lat, lon] with lat 73–90)', () => {
    const swap = (c: unknown): unknown => (typeof (c as number[])[0] === 'number' ? [(c as number[])[1], (c as number[])[0]] : (c as unknown[]).map(swap));
    const t = smallTwin();
    for (const f of t.features) (f.geometry as { coordinates: unknown }).coordinates = swap((f.geometry as { coordinates: unknown }).coordinates);
    // shift north-west so latitudes stay below 90: Heilongjiang-ish longitudes read as latitudes
    const shifted = JSON.parse(JSON.stringify(t).replaceAll('117.', '87.')) as Twin;
    expect(errorsOf(shifted)).toEqual([{ featureIndex: 0, id: 'jinan-test', field: 'geometry.coordinates', reason: expect.stringContaining('latitude and longitude look swapped') }]);
  });

  test('self-intersecting polygon, naming where it crosses', () => {
    const t = smallTwin();
    geometry(t, 2).coordinates = [[[117.099, 36.649], [117.1, 36.65], [117.1, 36.649], [117.099, 36.65], [117.099, 36.649]]];
    expect(errorsOf(t)).toEqual([{ featureIndex: 2, id: 'b1', field: 'geometry.coordinates', reason: 'self-intersecting polygon: outer ring edges 0 and 2 cross at [117.0995, 36.6495]' }]);
  });

  test('unclosed ring', () => {
    const t = smallTwin();
    geometry(t, 2).coordinates = [[[117.099, 36.649], [117.1, 36.649], [117.1, 36.65], [117.099, 36.65]]];
    expect(errorsOf(t)[0].reason).toContain('not closed');
  });

  test('zero community features', () => {
    const t = smallTwin(); t.features.shift();
    expect(errorsOf(t)).toEqual([{ featureIndex: null, id: null, field: 'features', reason: expect.stringContaining('no community feature') }]);
  });

  test('two community features', () => {
    const t = smallTwin();
    t.features.push({ type: 'Feature', properties: { kind: 'community', id: 'other' }, geometry: square(117.2, 36.6, 0.001) } as never);
    expect(errorsOf(t)).toEqual([{ featureIndex: 8, id: 'other', field: 'properties.kind', reason: expect.stringContaining('a second community feature') }]);
  });

  test('a crs other than WGS 84, naming it', () => {
    const t = { ...smallTwin(), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4548' } } };
    expect(errorsOf(t)).toEqual([{ featureIndex: null, id: null, field: 'crs', reason: expect.stringContaining('urn:ogc:def:crs:EPSG::4548') }]);
  });

  test('an attestation without checkId, and a duplicate version', () => {
    const t = smallTwin();
    delete (t.attestations![0] as { checkId?: string }).checkId;
    t.attestations!.push({ ...t.attestations![1] });
    expect(errorsOf(t).map((e) => e.field)).toEqual(['attestations[0].checkId', 'attestations[2].version']);
  });
});

describe('validateTwin warns', () => {
  test('a feature more than 5 km outside the community', () => {
    const t = smallTwin(); geometry(t, 4).coordinates = [117.2, 36.65];
    const v = validateTwin(t);
    expect(v.ok).toBe(true);
    expect(v.warnings).toContainEqual({ featureIndex: 4, id: 'cam1', field: 'geometry', reason: expect.stringMatching(/lies about 8\.\d km outside/) });
  });

  test('a compoundId that names no compound', () => {
    const t = smallTwin(); props(t, 2).compoundId = 'c9';
    expect(validateTwin(t).warnings).toContainEqual({ featureIndex: 2, id: 'b1', field: 'properties.compoundId', reason: 'no compound with id "c9"' });
  });
});

describe('findSelfIntersection', () => {
  const ring = (...p: number[][]) => [...p, p[0]];
  test.each([
    ['a square', [ring([0, 0], [1, 0], [1, 1], [0, 1])], null],
    ['a bow tie', [ring([0, 0], [1, 1], [1, 0], [0, 1])], 'outer ring edges 0 and 2 cross at [0.5, 0.5]'],
    ['a ring touching itself', [ring([0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1])], 'outer ring edges 1 and 4 touch at [1, 1]'],
    ['a spike', [ring([0, 0], [2, 0], [1, 0], [1, 1])], 'outer ring edges 0 and 1 overlap from [2, 0] to [1, 0]'],
    ['a repeated vertex', [ring([0, 0], [1, 0], [1, 0], [1, 1], [0, 1])], null],
    ['a hole inside', [ring([0, 0], [4, 0], [4, 4], [0, 4]), ring([1, 1], [1, 2], [2, 2], [2, 1])], null],
    ['a hole touching the shell at a point', [ring([0, 0], [4, 0], [4, 4], [0, 4]), ring([0, 2], [1, 3], [1, 1])], null],
    ['a hole crossing the shell', [ring([0, 0], [4, 0], [4, 4], [0, 4]), ring([3, 1], [5, 1], [5, 2], [3, 2])], 'outer ring edge 1 and hole 1 edge 0 cross at [4, 1]'],
  ])('%s', (_name, rings, expected) => {
    expect(findSelfIntersection(rings)).toBe(expected);
  });
});

test('a third coordinate is a warning (the twin is 2D)', () => {
  const t = smallTwin();
  (t.features[4].geometry as { coordinates: number[] }).coordinates = [117.099, 36.648, 12];
  const v = validateTwin(t);
  expect(v.ok).toBe(true);
  expect(v.warnings).toContainEqual({ featureIndex: 4, id: 'cam1', field: 'geometry.coordinates', reason: expect.stringContaining('third coordinate') });
});
