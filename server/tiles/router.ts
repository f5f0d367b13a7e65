/**
 * Vector tiles in the pg_tileserv / martin URL scheme:
 *   GET /tiles/index.json                 the layers, with links to their TileJSON
 *   GET /tiles/{layer}.json               TileJSON 3.0.0
 *   GET /tiles/{layer}/{z}/{x}/{y}.pbf    a Mapbox Vector Tile (also .mvt)
 * `?community=<id>` limits a layer to one community (default: all). Tiles are served with
 * `Cache-Control: no-cache` and an ETag, so clients revalidate and get 304 until an edit.
 * A tile without features is `204 No Content`.
 */
import { Router, type Request } from 'express';
import type { Sql } from 'postgres';
import type { FeatureKind } from '../../engine/twin/types.ts';
import { communityExists } from '../store/communities.ts';
import type { DbMode } from '../db/types.ts';
import { badRequest, notFound } from '../errors.ts';
import { isLayer, LAYERS, layerFields } from './layers.ts';
import { layerBounds } from './query.ts';
import { tileRenderer, type TileEncoder } from './render.ts';
import { parseTileAddress } from './tileMath.ts';

export const TILE_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';
/** zooms advertised in TileJSON; tiles are served up to MAX_ZOOM */
const TILEJSON_MAXZOOM = 22;
const WORLD: [number, number, number, number] = [-180, -85.0511, 180, 85.0511];

export interface TilesOptions { encoder?: TileEncoder; cacheSize?: number }

function layerOf(name: string): FeatureKind {
  if (!isLayer(name)) throw notFound(`tile layer "${name}" (layers: ${LAYERS.join(', ')})`);
  return name;
}

function communityParam(req: Request): string | undefined {
  const v = req.query.community;
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '') throw badRequest('query parameter community must be given once, non-empty');
  return v;
}

const baseUrl = (req: Request) => `${req.protocol}://${req.get('host')}${req.baseUrl}`;

export function tilesRouter(sql: Sql, mode: DbMode, options: TilesOptions = {}): Router {
  const router = Router();
  const renderer = tileRenderer(sql, { mode, ...options });
  router.use((_req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*');
    next();
  });

  router.get('/index.json', (req, res) => {
    res.json(Object.fromEntries(LAYERS.map((layer) => [layer, {
      id: layer, name: layer, type: 'table', description: `twin features of kind ${layer}`,
      detailurl: `${baseUrl(req)}/${layer}.json`,
    }])));
  });

  router.get('/:file', async (req, res) => {
    const match = /^(.+)\.json$/.exec(req.params.file);
    if (!match) throw notFound(`tile resource "${req.params.file}"`);
    const layer = layerOf(match[1]);
    const community = communityParam(req);
    if (community !== undefined && !(await communityExists(sql, community))) throw notFound(`community "${community}"`);
    const bounds = (await layerBounds(sql, layer, community)) ?? WORLD;
    const query = community === undefined ? '' : `?community=${encodeURIComponent(community)}`;
    res.json({
      tilejson: '3.0.0', name: layer, description: `twin features of kind ${layer}`, scheme: 'xyz',
      tiles: [`${baseUrl(req)}/${layer}/{z}/{x}/{y}.pbf${query}`],
      minzoom: 0, maxzoom: TILEJSON_MAXZOOM, bounds,
      center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, 16],
      vector_layers: [{ id: layer, description: `twin features of kind ${layer}`, minzoom: 0, maxzoom: TILEJSON_MAXZOOM, fields: layerFields(layer) }],
    });
  });

  router.get('/:layer/:z/:x/:tile', async (req, res) => {
    const layer = layerOf(req.params.layer);
    const yMatch = /^(.*)\.(pbf|mvt)$/.exec(req.params.tile);
    if (!yMatch) throw badRequest('a tile URL ends in {z}/{x}/{y}.pbf', { tile: req.params.tile });
    const tile = parseTileAddress(req.params.z, req.params.x, yMatch[1]);
    const community = communityParam(req);
    const rendered = await renderer.render({ layer, tile, community }, req.get('if-none-match'));
    if (rendered.body.length === 0 && !rendered.notModified && community !== undefined && !(await communityExists(sql, community))) {
      throw notFound(`community "${community}"`);
    }
    res.set({ ETag: rendered.etag, 'Cache-Control': 'no-cache' });
    if (rendered.notModified) return void res.status(304).end();
    if (rendered.body.length === 0) return void res.status(204).end();
    res.status(200).set({ 'Content-Type': TILE_CONTENT_TYPE, 'Content-Length': String(rendered.body.length) }).end(Buffer.from(rendered.body.buffer, rendered.body.byteOffset, rendered.body.length));
  });

  router.use((req) => {
    throw notFound(`tile resource ${req.path}`);
  });
  return router;
}
