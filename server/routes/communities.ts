/** /api/communities: list, read, features, twin export, import, delete. */
import { Router } from 'express';
import type { Sql } from 'postgres';
import { FEATURE_KINDS } from '../../engine/twin/types.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import { deleteCommunity, exportTwin, getCommunity, listCommunities, type BBox } from '../store/communities.ts';
import { FeatureListCache } from '../store/featureListCache.ts';
import { importTwin } from '../store/importTwin.ts';

/** A single query-string value, or undefined; repeated parameters are a client error. */
export function queryValue(query: Record<string, unknown>, name: string): string | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw badRequest(`query parameter ${name} must be given once`);
  return v;
}

export function parseBBox(text: string): BBox {
  const parts = text.split(',');
  const values = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
  if (values.length !== 4 || !values.every(Number.isFinite)) {
    throw badRequest('bbox must be minLon,minLat,maxLon,maxLat (four numbers)', { bbox: text });
  }
  const [minLon, minLat, maxLon, maxLat] = values;
  if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) {
    throw badRequest('bbox is outside lon [-180, 180] / lat [-90, 90]', { bbox: text });
  }
  if (minLon > maxLon || minLat > maxLat) throw badRequest('bbox minimum exceeds maximum', { bbox: text });
  return [minLon, minLat, maxLon, maxLat];
}

function parseKinds(text: string): string[] {
  const kinds = text.split(',').map((k) => k.trim()).filter((k) => k !== '');
  const unknown = kinds.filter((k) => !(FEATURE_KINDS as readonly string[]).includes(k));
  if (kinds.length === 0 || unknown.length > 0) {
    throw badRequest(`unknown kind ${unknown.join(', ') || '(empty)'}; expected one of ${FEATURE_KINDS.join(', ')}`, { kind: text });
  }
  return kinds;
}

function parseReplace(text: string | undefined): boolean {
  if (text === undefined || text === 'false' || text === '0') return false;
  if (text === 'true' || text === '1' || text === '') return true;
  throw badRequest('replace must be true or false', { replace: text });
}

export function communitiesRouter(sql: Sql): Router {
  const router = Router();
  const featureLists = new FeatureListCache(sql);

  router.get('/', async (_req, res) => {
    res.json(await listCommunities(sql));
  });

  router.post('/', async (req, res) => {
    if (req.body === undefined) {
      throw new ApiError(415, 'unsupported_media_type', 'send the twin file as JSON (Content-Type: application/json or application/geo+json)');
    }
    const replace = parseReplace(queryValue(req.query, 'replace'));
    const id = queryValue(req.query, 'id');
    const result = await importTwin(sql, req.body, { replace, ...(id === undefined ? {} : { id }) });
    res.status(result.replaced ? 200 : 201).location(`/api/communities/${encodeURIComponent(result.id)}`).json(result);
  });

  router.get('/:id', async (req, res) => {
    const community = await getCommunity(sql, req.params.id);
    if (!community) throw notFound(`community "${req.params.id}"`);
    res.json(community);
  });

  router.get('/:id/features', async (req, res) => {
    const kind = queryValue(req.query, 'kind');
    const bbox = queryValue(req.query, 'bbox');
    const filter = { kinds: kind === undefined ? undefined : parseKinds(kind), bbox: bbox === undefined ? undefined : parseBBox(bbox) };
    const list = await featureLists.get(req.params.id, filter);
    if (!list) throw notFound(`community "${req.params.id}"`);
    res.setHeader('etag', list.etag);
    if (req.fresh) return void res.status(304).end();
    res.type('application/geo+json').send(list.body);
  });

  router.get('/:id/twin', async (req, res) => {
    const twin = await exportTwin(sql, req.params.id);
    if (!twin) throw notFound(`community "${req.params.id}"`);
    res.type('application/geo+json').json(twin);
  });

  router.delete('/:id', async (req, res) => {
    if (!(await deleteCommunity(sql, req.params.id))) throw notFound(`community "${req.params.id}"`);
    res.status(204).end();
  });

  return router;
}
