/** Web Mercator tile addressing (XYZ, y down from the north), as in ST_TileEnvelope. */
import { badRequest } from '../errors.ts';

export interface TileAddress { z: number; x: number; y: number }

/** geojson-vt works up to zoom 24; the PostGIS encoder is held to the same range. */
export const MAX_ZOOM = 24;
export const EXTENT = 4096;
export const BUFFER = 64;

const INTEGER = /^(0|[1-9][0-9]{0,9})$/;

/** z/x/y from URL segments; 400 unless 0 ≤ z ≤ 24 and 0 ≤ x, y < 2^z. */
export function parseTileAddress(zText: string, xText: string, yText: string): TileAddress {
  const given = { z: zText, x: xText, y: yText };
  if (![zText, xText, yText].every((t) => INTEGER.test(t))) throw badRequest('tile z/x/y must be non-negative integers', given);
  const [z, x, y] = [zText, xText, yText].map(Number);
  if (z > MAX_ZOOM) throw badRequest(`tile zoom must be between 0 and ${MAX_ZOOM}`, given);
  const n = 2 ** z;
  if (x >= n || y >= n) throw badRequest(`tile x and y must be below 2^z = ${n} at zoom ${z}`, given);
  return { z, x, y };
}

const lonOf = (x: number, n: number) => (x / n) * 360 - 180;
const latOf = (y: number, n: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;

/**
 * The tile's lon/lat box, grown by `bufferUnits` of the 4096-unit extent on each side
 * (what ST_AsMVTGeom keeps): [minLon, minLat, maxLon, maxLat].
 */
export function tileBoundsLonLat({ z, x, y }: TileAddress, bufferUnits = BUFFER): [number, number, number, number] {
  const n = 2 ** z;
  const m = bufferUnits / EXTENT;
  return [lonOf(x - m, n), latOf(Math.min(y + 1 + m, n), n), lonOf(x + 1 + m, n), latOf(Math.max(y - m, 0), n)];
}

/** The tile containing a lon/lat point at zoom z. */
export function tileAt(lon: number, lat: number, z: number): TileAddress {
  const n = 2 ** z;
  const latRad = (lat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n);
  return { z, x: Math.min(Math.max(x, 0), n - 1), y: Math.min(Math.max(y, 0), n - 1) };
}
