/**
 * CRS from WKT (a shapefile's .prj, a GeoPackage's srs definition): ESRI and OGC spellings.
 * Projected CGCS2000 transverse Mercator is matched by its parameters (central meridian,
 * false easting), so "CGCS2000_3_Degree_GK_CM_117E", "…_Zone_39" and EPSG-style names
 * all work; Xi'an 1980 and Beijing 1954 are named and refused (their datum shifts are not
 * published parameters).
 */
import { gaussKrugerByParameters, type CrsCode } from '../../../engine/crs/index.ts';

export interface WktCrs { code: CrsCode | null; name: string; problem?: string }

const param = (wkt: string, name: string): number | null => {
  const m = new RegExp(`PARAMETER\\[\\s*"${name}"\\s*,\\s*([-+\\d.eE]+)`, 'i').exec(wkt);
  return m ? Number(m[1]) : null;
};

export function crsFromWkt(wkt: string): WktCrs {
  const text = wkt.trim();
  const name = /^\w+\[\s*"([^"]*)"/.exec(text)?.[1] ?? text.slice(0, 60);
  const flat = text.toLowerCase().replace(/[\s_-]/g, '');
  const legacy = /xian|xi'an|1980西安|beijing1954|beijing54|北京54/.test(flat);
  if (legacy) return { code: null, name, problem: `${name} uses the Xi'an 1980 or Beijing 1954 datum, which cannot be converted to WGS 84 without local parameters; reproject to CGCS2000 or WGS 84 first` };
  const cgcs = /cgcs2000|chinageodeticcoordinatesystem2000|china2000/.test(flat);
  const wgs = /wgs1984|wgs84|worldgeodeticsystem1984/.test(flat);
  if (/^(projcs|projcrs|projectedcrs)\[/.test(flat)) {
    if (/mercator(auxiliarysphere|1sp)|pseudomercator|webmercator|popularvisualisation/.test(flat) && wgs) return { code: 'EPSG:3857', name };
    if (cgcs && /transverse_?mercator|transversemercator|gauss_?kruger|gausskruger/.test(flat)) {
      const cm = param(text, 'Central_Meridian') ?? param(text, 'Longitude of natural origin');
      const fe = param(text, 'False_Easting') ?? param(text, 'False easting');
      const k = param(text, 'Scale_Factor') ?? param(text, 'Scale factor at natural origin') ?? 1;
      const fn = param(text, 'False_Northing') ?? param(text, 'False northing') ?? 0;
      const lat0 = param(text, 'Latitude_Of_Origin') ?? param(text, 'Latitude of natural origin') ?? 0;
      const zone = cm !== null && fe !== null && k === 1 && fn === 0 && lat0 === 0 ? gaussKrugerByParameters(cm, fe) : null;
      if (zone) return { code: `EPSG:${zone.epsg}`, name };
      return { code: null, name, problem: `${name}: a CGCS2000 transverse Mercator with central meridian ${cm}, false easting ${fe}, scale ${k} matches no EPSG:4491–4554 zone` };
    }
    return { code: null, name, problem: `projected CRS ${name} is not supported (supported: WGS 84, CGCS2000 and its Gauss-Krüger zones, Web Mercator)` };
  }
  if (cgcs) return { code: 'EPSG:4490', name };
  if (wgs) return { code: 'EPSG:4326', name };
  return { code: null, name, problem: `CRS ${name} is not supported (supported: WGS 84, CGCS2000 and its Gauss-Krüger zones, Web Mercator)` };
}
