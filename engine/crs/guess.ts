/**
 * What CRS do these numbers look like? Import states or detects a CRS; this checks the
 * coordinates against it and says, in words, when they look like something else:
 * metres (Gauss-Krüger, zone from an 8-digit easting; Web Mercator), lon/lat swapped,
 * easting/northing swapped, or outside China. GCJ-02 and BD-09 cannot be told from WGS 84
 * by the numbers alone (offsets of a few hundred metres): `detectShift` does it from one
 * point whose true position the caller knows.
 *
 * @example
 * guessCrs([[39508947, 4052126]]).likely          // 'EPSG:4527'
 * detectShift([116.397, 39.908], [116.403, 39.909]).message // 'looks like GCJ-02 (offset ~540 m)'
 */
import type { Position } from 'geojson';
import gcoord from 'gcoord';
import { describeCrs, isProjected, type CrsCode } from './codes.ts';
import { gaussKruger, gaussKrugerByZoneNumber } from './gaussKruger.ts';

export interface CrsGuess {
  /** the CRS the coordinates look like; null when they fit none, or could be several */
  likely: CrsCode | null;
  /** what the coordinates look like, in words */
  looksLike: string;
  /** disagreements with the stated CRS, swapped axes, data outside China */
  warnings: string[];
}

const inChina = (lon: number, lat: number) => lon >= 73 && lon <= 136 && lat >= 3 && lat <= 54;
const GEOGRAPHIC: readonly CrsCode[] = ['EPSG:4326', 'EPSG:4490', 'GCJ02', 'BD09'];
const round = (v: number) => +v.toFixed(v > 1000 ? 0 : 5);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor(s.length / 2)];
}

/** Classify by the median position (robust to a few stray points). */
function classify(x: number, y: number): { likely: CrsCode | null; looksLike: string; warning?: string } {
  const at = `median x ${round(x)}, y ${round(y)}`;
  if (Math.abs(x) <= 180 && Math.abs(y) <= 90 && inChina(x, y)) {
    return { likely: 'EPSG:4326', looksLike: `lon/lat in China (${at}); WGS 84, CGCS2000, GCJ-02 and BD-09 all look alike` };
  }
  if (inChina(y, x)) {
    return { likely: null, looksLike: `lat/lon (${at})`,
      warning: `latitude and longitude look swapped: x looks like a latitude and y like a longitude (${at}); put longitude first` };
  }
  if (Math.abs(x) <= 180 && Math.abs(y) <= 90) {
    return { likely: 'EPSG:4326', looksLike: `lon/lat outside China (${at})`, warning: `coordinates lie outside China (${at})` };
  }
  const northing = (v: number) => v > 3e5 && v < 6.2e6;
  const gkZoneOf = (easting: number) => {
    const zone = Math.floor(easting / 1e6);
    const gk = gaussKrugerByZoneNumber(zone);
    const rest = easting - zone * 1e6;
    return gk && rest > 1e5 && rest < 9e5 ? gk : null;
  };
  const zoned = gkZoneOf(x);
  if (zoned && northing(y)) {
    const mercatorToo = x >= 8e6 && x <= 1.55e7;
    return { likely: mercatorToo ? null : `EPSG:${zoned.epsg}`,
      looksLike: `Gauss-Krüger metres with zone ${zoned.zone} in the easting, ${describeCrs(`EPSG:${zoned.epsg}`)} (${at})${mercatorToo ? ', or Web Mercator' : ''}` };
  }
  if (gkZoneOf(y) && northing(x)) {
    return { likely: null, looksLike: `northing, easting (${at})`,
      warning: `easting and northing look swapped: y has an 8-digit Gauss-Krüger easting (zone ${Math.floor(y / 1e6)}) and x a northing (${at}); put the easting first` };
  }
  if (x > 1e5 && x < 1e6 && northing(y)) {
    return { likely: null,
      looksLike: `Gauss-Krüger metres without a zone number (${at}); the central meridian cannot be read from the numbers (EPSG:4534–4554 for 3° zones; near 117°E it is EPSG:4548)` };
  }
  if (x >= 8e6 && x <= 1.55e7 && y > 3e5 && y < 7.3e6) {
    return { likely: 'EPSG:3857', looksLike: `Web Mercator metres (${at}) (Baidu Mercator BD09MC looks alike)` };
  }
  return { likely: null, looksLike: `numbers that fit no supported CRS (${at})`, warning: `coordinates fit no supported CRS (${at})` };
}

/**
 * Look at positions (x, y as stored) and, when `stated` is given, say where they disagree.
 * Warnings are sentences meant for the user.
 */
export function guessCrs(positions: readonly Position[], stated?: CrsCode | null): CrsGuess {
  const finite = positions.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  if (finite.length === 0) return { likely: null, looksLike: 'no coordinates', warnings: [] };
  const step = Math.max(1, Math.floor(finite.length / 10_000));
  const sample = finite.filter((_, i) => i % step === 0);
  const x = median(sample.map((p) => p[0])), y = median(sample.map((p) => p[1]));
  const c = classify(x, y);
  const warnings = c.warning ? [c.warning] : [];
  if (stated) {
    const disagreement = compare(stated, c.likely, c.looksLike, x);
    if (disagreement) warnings.push(disagreement);
  }
  return { likely: c.likely, looksLike: c.looksLike, warnings };
}

function compare(stated: CrsCode, likely: CrsCode | null, looksLike: string, x: number): string | null {
  const name = describeCrs(stated);
  const looksProjected = likely === null ? Math.abs(x) > 1e5 : isProjected(likely);
  if (GEOGRAPHIC.includes(stated)) {
    return looksProjected ? `the CRS is ${name}, but the coordinates look like ${looksLike}` : null;
  }
  if (!looksProjected) return `the CRS is ${name} (metres), but the coordinates look like ${looksLike}`;
  const gk = gaussKruger(Number(stated.slice(5)));
  if (!gk) return null;
  const eightDigit = x >= 1e7;
  if (gk.zone === null && eightDigit) {
    return `the CRS is ${name}, whose eastings are about 500 000 m, but the coordinates look like ${looksLike}`;
  }
  if (gk.zone !== null && !eightDigit) {
    return `the CRS is ${name}, whose eastings start with the zone number ${gk.zone}, but the coordinates look like ${looksLike}`;
  }
  if (gk.zone !== null && likely !== null && likely !== stated) {
    return `the CRS is ${name}, but the eastings carry another zone: they look like ${looksLike}`;
  }
  return null;
}

/** Great-circle distance in metres (spherical, mean radius): good to 0.5 % for offsets. */
export function distanceM(a: Position, b: Position): number {
  const rad = Math.PI / 180, R = 6_371_008.8;
  const dLat = (b[1] - a[1]) * rad, dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface ShiftGuess {
  /** distance from the known (true WGS 84) position to the observed one */
  offsetM: number;
  /** the CRS the observed point is in, judging by this offset; null when none fits */
  likely: 'EPSG:4326' | 'GCJ02' | 'BD09' | null;
  message: string;
}

/**
 * Compare a point whose true WGS 84 position is known (a surveyed corner, a GPS fix) with
 * the same point as it appears in the data: GCJ-02 and BD-09 shift it by a known field.
 */
export function detectShift(known: [number, number], observed: [number, number]): ShiftGuess {
  const offsetM = distanceM(known, observed);
  const approx = offsetM < 100 ? Math.round(offsetM) : Math.round(offsetM / 10) * 10;
  const tolerance = Math.max(15, 0.05 * offsetM);
  if (offsetM <= 15) return { offsetM, likely: 'EPSG:4326', message: `looks like WGS 84 (offset ~${approx} m)` };
  const gcj = gcoord.transform(known, gcoord.WGS84, gcoord.GCJ02) as [number, number];
  const bd = gcoord.transform(known, gcoord.WGS84, gcoord.BD09) as [number, number];
  if (distanceM(gcj, observed) <= tolerance) return { offsetM, likely: 'GCJ02', message: `looks like GCJ-02 (offset ~${approx} m)` };
  if (distanceM(bd, observed) <= tolerance) return { offsetM, likely: 'BD09', message: `looks like BD-09 (offset ~${approx} m)` };
  return { offsetM, likely: null, message: `offset ~${approx} m, which matches neither GCJ-02 nor BD-09` };
}
