import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Point, Polygon, Position } from 'geojson';
import {
  detectShift, distanceM, fromWgs84, gaussKruger, gaussKrugerByParameters, guessCrs, parseCrs, toWgs84, type CrsCode,
} from '../../engine/crs/index.ts';
import { openTestDatabase, type TestDatabase } from '../setup/db.ts';

const point = (coordinates: Position): Point => ({ type: 'Point', coordinates });
const at = (g: Point) => g.coordinates;

/** A grid over mainland China (and Hainan), 1.5° apart. */
const chinaGrid: Position[] = [];
for (let lon = 74; lon <= 134.5; lon += 1.5) for (let lat = 18.5; lat <= 53; lat += 1.5) chinaGrid.push([lon, lat]);

describe('parseCrs', () => {
  it.each([
    ['wgs84', 'EPSG:4326'], ['EPSG:4326', 'EPSG:4326'], ['gcj02', 'GCJ02'], ['GCJ-02', 'GCJ02'], ['amap', 'GCJ02'],
    ['bd09', 'BD09'], ['baidu', 'BD09'], ['cgcs2000', 'EPSG:4490'], ['epsg:4548', 'EPSG:4548'], ['EPSG::4527', 'EPSG:4527'],
    ['urn:ogc:def:crs:EPSG::4490', 'EPSG:4490'], ['epsg:900913', 'EPSG:3857'],
  ])('%s → %s', (text, code) => expect(parseCrs(text)).toBe(code));

  it('rejects an unknown name or an unsupported EPSG code, listing what is supported', () => {
    expect(() => parseCrs('xian80')).toThrow(/unknown coordinate system "xian80" \(supported: wgs84, gcj02/);
    expect(() => parseCrs('epsg:2436')).toThrow(/EPSG:2436 is not supported/);
  });
});

describe('Gauss-Krüger definitions', () => {
  it('match the EPSG parameters named in the brief', () => {
    expect(gaussKruger(4548)).toMatchObject({ zone: null, centralMeridianDeg: 117, falseEastingM: 500_000, zoneWidthDeg: 3 });
    expect(gaussKruger(4527)).toMatchObject({ zone: 39, centralMeridianDeg: 117, falseEastingM: 39_500_000, zoneWidthDeg: 3 });
    expect(gaussKruger(4513)).toMatchObject({ zone: 25, centralMeridianDeg: 75 });
    expect(gaussKruger(4554)).toMatchObject({ zone: null, centralMeridianDeg: 135 });
    expect(gaussKruger(4490)).toBeNull();
    expect(gaussKruger(4555)).toBeNull();
    expect(gaussKrugerByParameters(117, 39_500_000)?.epsg).toBe(4527);
    expect(gaussKrugerByParameters(117, 500_000)?.epsg).toBe(4548);
  });

  describe('against PostGIS', () => {
    let db: TestDatabase;
    beforeAll(async () => { db = await openTestDatabase(); });
    afterAll(async () => { await db?.close(); });

    it('every EPSG:4491–4554 has the central meridian, false easting and ellipsoid of spatial_ref_sys', async () => {
      const rows = await db.sql<{ srid: number; proj4text: string }[]>`
        SELECT srid, proj4text FROM spatial_ref_sys WHERE srid BETWEEN 4491 AND 4554 ORDER BY srid`;
      expect(rows).toHaveLength(64);
      for (const { srid, proj4text } of rows) {
        const param = (name: string) => Number(new RegExp(`\\+${name}=([-\\d.]+)`).exec(proj4text)?.[1]);
        const zone = gaussKruger(srid)!;
        expect({ srid, cm: zone.centralMeridianDeg, fe: zone.falseEastingM }).toEqual({ srid, cm: param('lon_0'), fe: param('x_0') });
        expect(proj4text).toMatch(/\+proj=tmerc .*\+k=1 .*\+ellps=GRS80/);
      }
    });

    it('projects points like ST_Transform to within 1 mm (zone 39, CM 117E, and a far-west zone)', async () => {
      const cases: [number, number, number][] = [[117.1, 36.6, 4527], [117.1, 36.6, 4548], [118.4, 35.2, 4527], [75.9, 39.5, 4513], [126.6, 45.75, 4543]];
      for (const [lon, lat, srid] of cases) {
        const [row] = await db.sql<{ x: number; y: number }[]>`
          SELECT ST_X(g) AS x, ST_Y(g) AS y FROM ST_Transform(ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326), ${srid}::int) AS g`;
        const [x, y] = at(fromWgs84(point([lon, lat]), `EPSG:${srid}`));
        expect(Math.hypot(x - row.x, y - row.y)).toBeLessThan(0.001);
        const back = at(toWgs84(point([row.x, row.y]), `EPSG:${srid}`));
        expect(distanceM(back, [lon, lat])).toBeLessThan(0.001);
      }
    });
  });

  it('round-trips WGS 84 → zone → WGS 84 within 1 mm across China (3° zones, with and without zone number)', () => {
    for (const [lon, lat] of chinaGrid) {
      const n = Math.round(lon / 3);
      for (const epsg of [4513 + n - 25, 4534 + n - 25]) {
        const code = `EPSG:${epsg}` as CrsCode;
        const projected = at(fromWgs84(point([lon, lat]), code));
        expect(distanceM(at(toWgs84(point(projected), code)), [lon, lat])).toBeLessThan(0.001);
      }
    }
  });

  it('a point on the central meridian has easting = false easting exactly', () => {
    const [x] = at(fromWgs84(point([117, 36.6]), 'EPSG:4527'));
    expect(x).toBeCloseTo(39_500_000, 6);
  });
});

describe('GCJ-02 and BD-09 (gcoord)', () => {
  it('round-trips WGS 84 → GCJ-02 → WGS 84 within 1 m across China, moving points by 100–700 m', () => {
    for (const p of chinaGrid) {
      const gcj = at(fromWgs84(point(p), 'GCJ02'));
      const shiftM = distanceM(gcj, p);
      expect(shiftM).toBeGreaterThan(20);
      expect(shiftM).toBeLessThan(1000);
      expect(distanceM(at(toWgs84(point(gcj), 'GCJ02')), p)).toBeLessThan(1);
    }
  });

  it('round-trips WGS 84 → BD-09 → WGS 84 within 1 m', () => {
    for (const p of chinaGrid) {
      expect(distanceM(at(toWgs84(fromWgs84(point(p), 'BD09'), 'BD09')), p)).toBeLessThan(1);
    }
  });

  it('reproduces the published known points (gcoord README)', () => {
    // GCJ-02 [123, 45] → WGS 84 [122.99395597, 44.99804071]; WGS 84 [116.403988, 39.914266] → BD-09 [116.41661560, 39.92196580]
    expect(distanceM(at(toWgs84(point([123, 45]), 'GCJ02')), [122.99395597, 44.99804071])).toBeLessThan(0.01);
    expect(distanceM(at(fromWgs84(point([116.403988, 39.914266]), 'BD09')), [116.4166156, 39.9219658])).toBeLessThan(0.01);
  });

  it('converts every position of a polygon and drops heights', () => {
    const polygon: Polygon = { type: 'Polygon', coordinates: [[[117, 36, 10], [117.01, 36, 10], [117.01, 36.01, 10], [117, 36, 10]]] };
    const out = toWgs84(polygon, 'GCJ02');
    expect(out.coordinates[0]).toHaveLength(4);
    expect(out.coordinates[0].every((p) => p.length === 2)).toBe(true);
    expect(out.coordinates[0][0]).toEqual(out.coordinates[0][3]);
    expect(polygon.coordinates[0][0]).toEqual([117, 36, 10]);
  });
});

describe('guessCrs', () => {
  it('reads the zone from an 8-digit easting', () => {
    const g = guessCrs([[39508947.6, 4052126.1], [39509000, 4052200]]);
    expect(g.likely).toBe('EPSG:4527');
    expect(g.looksLike).toMatch(/zone 39/);
    expect(g.warnings).toEqual([]);
  });

  it('says a 6-digit easting needs a central meridian', () => {
    const g = guessCrs([[508947.6, 4052126.1]]);
    expect(g.likely).toBeNull();
    expect(g.looksLike).toMatch(/without a zone number.*EPSG:4548/);
  });

  it('warns about swapped lon/lat and swapped easting/northing', () => {
    expect(guessCrs([[36.6, 117.1]]).warnings[0]).toMatch(/latitude and longitude look swapped/);
    expect(guessCrs([[4052126.1, 39508947.6]]).warnings[0]).toMatch(/easting and northing look swapped.*zone 39/);
  });

  it('warns when the stated CRS disagrees with the numbers', () => {
    expect(guessCrs([[39508947.6, 4052126.1]], 'EPSG:4326').warnings[0]).toMatch(/WGS 84 .* but the coordinates look like Gauss-Krüger metres with zone 39/);
    expect(guessCrs([[39508947.6, 4052126.1]], 'EPSG:4548').warnings[0]).toMatch(/eastings are about 500 000 m/);
    expect(guessCrs([[40508947.6, 4052126.1]], 'EPSG:4527').warnings[0]).toMatch(/another zone.*zone 40/);
    expect(guessCrs([[117.1, 36.6]], 'EPSG:4527').warnings[0]).toMatch(/\(metres\), but the coordinates look like lon\/lat/);
    expect(guessCrs([[117.1, 36.6]], 'GCJ02').warnings).toEqual([]);
  });
});

describe('detectShift', () => {
  const truth: [number, number] = [117.12, 36.65];
  it('recognises GCJ-02 and BD-09 from one known point', () => {
    const gcj = at(fromWgs84(point(truth), 'GCJ02')) as [number, number];
    const shift = detectShift(truth, gcj);
    expect(shift.likely).toBe('GCJ02');
    expect(shift.message).toMatch(/^looks like GCJ-02 \(offset ~\d+0 m\)$/);
    expect(shift.offsetM).toBeGreaterThan(100);
    expect(detectShift(truth, at(fromWgs84(point(truth), 'BD09')) as [number, number]).likely).toBe('BD09');
  });
  it('says WGS 84 for a match and nothing for an unrelated offset', () => {
    expect(detectShift(truth, [117.12001, 36.65001]).likely).toBe('EPSG:4326');
    const far = detectShift(truth, [117.13, 36.64]);
    expect(far.likely).toBeNull();
    expect(far.message).toMatch(/matches neither/);
  });
});
