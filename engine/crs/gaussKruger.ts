/**
 * CGCS2000 Gauss-Krüger (transverse Mercator, k0 = 1, GRS80) definitions generated from
 * the EPSG parameters rather than copied one by one:
 *
 * | EPSG | zones | central meridian | false easting |
 * |---|---|---|---|
 * | 4491–4501 | 6° zones 13–23 | 6·zone − 3 | zone·10⁶ + 500 000 |
 * | 4502–4512 | 6° "CM 75E" … "CM 135E" | 75 + 6·i | 500 000 |
 * | 4513–4533 | 3° zones 25–45 | 3·zone | zone·10⁶ + 500 000 |
 * | 4534–4554 | 3° "CM 75E" … "CM 135E" | 75 + 3·i | 500 000 |
 *
 * e.g. EPSG:4527 = 3° zone 39, CM 117°E, false easting 39 500 000; EPSG:4548 = CM 117°E,
 * false easting 500 000. (The test compares every one with PostGIS's spatial_ref_sys.)
 * EPSG gives these CRSs the axis order northing, easting; files (shapefile, GeoPackage,
 * CSV x/y) store easting first, and so does this module.
 */
export interface GaussKrugerZone {
  epsg: number;
  name: string;
  zoneWidthDeg: 3 | 6;
  /** zone number when the false easting carries it (EPSG:4491–4501, 4513–4533), else null */
  zone: number | null;
  centralMeridianDeg: number;
  falseEastingM: number;
  proj4: string;
}

const proj4Def = (cm: number, fe: number) =>
  `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=${fe} +y_0=0 +ellps=GRS80 +units=m +no_defs`;

function zone(epsg: number, zoneWidthDeg: 3 | 6, zoneNumber: number | null, cm: number): GaussKrugerZone {
  const falseEastingM = zoneNumber === null ? 500_000 : zoneNumber * 1_000_000 + 500_000;
  const name = zoneNumber === null
    ? `CGCS2000 / ${zoneWidthDeg === 3 ? '3-degree ' : ''}Gauss-Kruger CM ${cm}E`
    : `CGCS2000 / ${zoneWidthDeg === 3 ? '3-degree ' : ''}Gauss-Kruger zone ${zoneNumber}`;
  return { epsg, name, zoneWidthDeg, zone: zoneNumber, centralMeridianDeg: cm, falseEastingM, proj4: proj4Def(cm, falseEastingM) };
}

/** The zone definition for an EPSG code in 4491–4554, or null. */
export function gaussKruger(epsg: number): GaussKrugerZone | null {
  if (!Number.isInteger(epsg)) return null;
  if (epsg >= 4491 && epsg <= 4501) { const n = epsg - 4491 + 13; return zone(epsg, 6, n, 6 * n - 3); }
  if (epsg >= 4502 && epsg <= 4512) return zone(epsg, 6, null, 75 + 6 * (epsg - 4502));
  if (epsg >= 4513 && epsg <= 4533) { const n = epsg - 4513 + 25; return zone(epsg, 3, n, 3 * n); }
  if (epsg >= 4534 && epsg <= 4554) return zone(epsg, 3, null, 75 + 3 * (epsg - 4534));
  return null;
}

/** EPSG code of a 3° (zone 25–45) or 6° (zone 13–23) zone given by its number, or null. */
export function gaussKrugerByZoneNumber(zoneNumber: number): GaussKrugerZone | null {
  if (zoneNumber >= 25 && zoneNumber <= 45) return gaussKruger(4513 + zoneNumber - 25);
  if (zoneNumber >= 13 && zoneNumber <= 23) return gaussKruger(4491 + zoneNumber - 13);
  return null;
}

/** The EPSG code whose central meridian and false easting match (e.g. from a .prj), or null. */
export function gaussKrugerByParameters(centralMeridianDeg: number, falseEastingM: number, zoneWidthDeg?: 3 | 6): GaussKrugerZone | null {
  // 3° zones first: a CM shared by a 6° zone (e.g. 117°E) gives the identical projection
  const codes = [...range(4513, 4554), ...range(4491, 4512)];
  for (const epsg of codes) {
    const z = gaussKruger(epsg)!;
    if (Math.abs(z.centralMeridianDeg - centralMeridianDeg) < 1e-9 && Math.abs(z.falseEastingM - falseEastingM) < 1e-3
      && (zoneWidthDeg === undefined || z.zoneWidthDeg === zoneWidthDeg)) return z;
  }
  return null;
}

/** The 3° zone around a longitude (the one a surveyor near there would use). */
export function threeDegreeZoneFor(lonDeg: number): { withZone: GaussKrugerZone | null; withoutZone: GaussKrugerZone | null } {
  const n = Math.round(lonDeg / 3);
  return { withZone: gaussKrugerByZoneNumber(n), withoutZone: gaussKruger(4534 + n - 25) };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
