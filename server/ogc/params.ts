/** Query parameters of the OGC API routes; unknown parameters are a 400, as Part 1 requires. */
import type { Request } from 'express';
import { badRequest } from '../errors.ts';
import { parseBBox } from '../routes/communities.ts';
import type { BBox } from '../store/communities.ts';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

function single(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw badRequest(`query parameter ${name} must be given once`);
  return v;
}

/** Reject parameters the route does not define, and any `f` other than json. */
export function checkParams(req: Request, allowed: readonly string[]): void {
  const unknown = Object.keys(req.query).filter((k) => k !== 'f' && !allowed.includes(k));
  if (unknown.length > 0) throw badRequest(`unknown query parameter ${unknown.join(', ')}`, { allowed: ['f', ...allowed] });
  const f = single(req, 'f');
  if (f !== undefined && f !== 'json' && f !== 'geojson') throw badRequest('f must be json (the only encoding served)', { f });
}

function integer(req: Request, name: string, min: number): number | undefined {
  const text = single(req, name);
  if (text === undefined) return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min) throw badRequest(`${name} must be an integer ≥ ${min}`, { [name]: text });
  return value;
}

export interface ItemsParams { limit: number; offset: number; bbox?: BBox; community?: string }

export function itemsParams(req: Request): ItemsParams {
  checkParams(req, ['limit', 'offset', 'bbox', 'bbox-crs', 'community']);
  const crs = single(req, 'bbox-crs');
  if (crs !== undefined && crs !== CRS84) throw badRequest(`bbox-crs must be ${CRS84}`, { 'bbox-crs': crs });
  const bbox = single(req, 'bbox');
  const community = single(req, 'community');
  return {
    // a limit above the maximum is not an error: the maximum is used (Part 1, /req/core/fc-limit-response)
    limit: Math.min(integer(req, 'limit', 1) ?? DEFAULT_LIMIT, MAX_LIMIT),
    offset: integer(req, 'offset', 0) ?? 0,
    ...(bbox === undefined ? {} : { bbox: parseBBox(bbox) }),
    ...(community === undefined || community === '' ? {} : { community }),
  };
}
