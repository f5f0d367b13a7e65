/**
 * The coordinate reference systems import understands, by one canonical code each:
 * `EPSG:4326` (WGS 84), `GCJ02` (Amap / Tencent / Google China), `BD09` (Baidu lon/lat),
 * `BD09MC` (Baidu Mercator metres), `EPSG:3857` (Web Mercator), `EPSG:4490` (CGCS2000
 * geographic) and the CGCS2000 Gauss-Krüger zones EPSG:4491–4554.
 *
 * CGCS2000 vs WGS 84: both are ITRF-aligned geocentric datums on near-identical ellipsoids
 * (GRS80 vs WGS84 differ by 0.1 mm in the semi-minor axis); their realisations agree to a
 * few centimetres, far below anything this twin measures. So CGCS2000 lon/lat is taken as
 * WGS 84 lon/lat unchanged, and Gauss-Krüger zones are inverted on GRS80 straight to WGS 84.
 *
 * @example
 * parseCrs('gcj02')      // 'GCJ02'
 * parseCrs('epsg:4548')  // 'EPSG:4548'
 * parseCrs('CGCS2000')   // 'EPSG:4490'
 */
import { gaussKruger } from './gaussKruger.ts';

export type CrsCode = 'EPSG:4326' | 'GCJ02' | 'BD09' | 'BD09MC' | 'EPSG:3857' | 'EPSG:4490' | `EPSG:${number}`;

export class CrsError extends Error {}

const ALIASES: Record<string, CrsCode> = {
  wgs84: 'EPSG:4326', 'wgs-84': 'EPSG:4326', wgs1984: 'EPSG:4326', crs84: 'EPSG:4326', gps: 'EPSG:4326',
  'urn:ogc:def:crs:ogc:1.3:crs84': 'EPSG:4326', 'urn:ogc:def:crs:ogc::crs84': 'EPSG:4326',
  gcj02: 'GCJ02', 'gcj-02': 'GCJ02', amap: 'GCJ02', gaode: 'GCJ02', tencent: 'GCJ02', qq: 'GCJ02', mars: 'GCJ02',
  bd09: 'BD09', 'bd-09': 'BD09', bd09ll: 'BD09', baidu: 'BD09', bd09mc: 'BD09MC', 'bd09-mercator': 'BD09MC',
  webmercator: 'EPSG:3857', 'web-mercator': 'EPSG:3857', 'epsg:900913': 'EPSG:3857', 'epsg:102100': 'EPSG:3857',
  cgcs2000: 'EPSG:4490', 'cgcs-2000': 'EPSG:4490',
};

/** Codes accepted by `--from` and `options.crs`, for error messages. */
export const CRS_HELP = 'wgs84, gcj02, bd09, bd09mc, cgcs2000, epsg:4326, epsg:4490, epsg:3857, epsg:4491–4554 (CGCS2000 Gauss-Krüger)';

/** Canonical code for a user-given name; throws CrsError naming the accepted forms. */
export function parseCrs(text: string): CrsCode {
  const key = text.trim().toLowerCase().replace(/\s+/g, '');
  const alias = ALIASES[key];
  if (alias) return alias;
  const epsg = /^(?:epsg:{1,2}|urn:ogc:def:crs:epsg:[\d.]*:)(\d+)$/.exec(key);
  if (epsg) {
    const code = Number(epsg[1]);
    if (code === 4326 || code === 4490 || code === 3857) return `EPSG:${code}`;
    if (code === 900913 || code === 102100) return 'EPSG:3857';
    if (gaussKruger(code)) return `EPSG:${code}`;
    throw new CrsError(`EPSG:${code} is not supported (supported: ${CRS_HELP})`);
  }
  throw new CrsError(`unknown coordinate system "${text}" (supported: ${CRS_HELP})`);
}

/** A human name for a code, e.g. "CGCS2000 / 3-degree Gauss-Krüger zone 39 (EPSG:4527)". */
export function describeCrs(code: CrsCode): string {
  switch (code) {
    case 'EPSG:4326': return 'WGS 84 lon/lat (EPSG:4326)';
    case 'GCJ02': return 'GCJ-02 (Amap/Tencent, offset lon/lat)';
    case 'BD09': return 'BD-09 (Baidu lon/lat)';
    case 'BD09MC': return 'BD-09 Mercator (Baidu metres)';
    case 'EPSG:3857': return 'Web Mercator (EPSG:3857)';
    case 'EPSG:4490': return 'CGCS2000 lon/lat (EPSG:4490, taken as WGS 84 to within centimetres)';
    default: {
      const gk = gaussKruger(Number(code.slice(5)));
      return gk ? `${gk.name} (${code})` : code;
    }
  }
}

/** True for systems whose coordinates are metres (x easting, y northing). */
export function isProjected(code: CrsCode): boolean {
  return code === 'BD09MC' || code === 'EPSG:3857' || gaussKruger(Number(code.slice(5))) !== null;
}
