/**
 * OGC API – Features, Part 1 (core + GeoJSON), one collection per feature kind:
 *   GET /ogc                                     landing page
 *   GET /ogc/conformance                         conformance classes
 *   GET /ogc/collections                         the feature kinds, with extents from the data
 *   GET /ogc/collections/{kind}                  one collection
 *   GET /ogc/collections/{kind}/items            bbox, limit (≤ 10000), offset, community
 *   GET /ogc/collections/{kind}/items/{featureId}  featureId = <communityId>:<feature id>
 * A feature's properties are the twin's, with its id as `localId`, plus `community`.
 * Items are application/geo+json, everything else application/json; `f=json` is accepted.
 */
import { Router, type Request } from 'express';
import type { Sql } from 'postgres';
import { FEATURE_KINDS, type FeatureKind } from '../../engine/twin/types.ts';
import { notFound } from '../errors.ts';
import { checkParams, CRS84, itemsParams } from './params.ts';
import { countItems, getItem, kindExtents, listItems, parseFeatureId } from './query.ts';

const GEOJSON = 'application/geo+json';
const JSON_TYPE = 'application/json';
const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
];

interface Link { href: string; rel: string; type: string; title?: string }
type Extents = Awaited<ReturnType<typeof kindExtents>>;

const rootOf = (req: Request) => `${req.protocol}://${req.get('host')}${req.baseUrl}`;

function kindOf(name: string): FeatureKind {
  if (!(FEATURE_KINDS as readonly string[]).includes(name)) throw notFound(`collection "${name}"`);
  return name as FeatureKind;
}

/** The request's own URL with some query parameters replaced. */
function withQuery(req: Request, changes: Record<string, string | number>): string {
  const url = new URL(`${req.protocol}://${req.get('host')}${req.originalUrl}`);
  for (const [k, v] of Object.entries(changes)) url.searchParams.set(k, String(v));
  return url.href;
}

function collection(root: string, kind: FeatureKind, extents: Extents) {
  const extent = extents.get(kind);
  return {
    id: kind, title: kind, description: `twin features of kind ${kind}${extent ? ` (${extent.count})` : ' (none yet)'}`,
    itemType: 'feature', crs: [CRS84], storageCrs: CRS84,
    ...(extent ? { extent: { spatial: { bbox: [extent.bbox], crs: CRS84 } } } : {}),
    links: [
      { href: `${root}/collections/${kind}`, rel: 'self', type: JSON_TYPE, title: kind },
      { href: `${root}/collections/${kind}/items`, rel: 'items', type: GEOJSON, title: `${kind} features` },
    ] satisfies Link[],
  };
}

export function ogcRouter(sql: Sql): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*');
    next();
  });

  router.get('/', (req, res) => {
    checkParams(req, []);
    const root = rootOf(req);
    res.json({
      title: 'CommunityTwin', description: 'Smart-community twins as OGC API – Features: one collection per feature kind',
      links: [
        { href: root, rel: 'self', type: JSON_TYPE, title: 'this document' },
        { href: `${root}/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'conformance classes' },
        { href: `${root}/collections`, rel: 'data', type: JSON_TYPE, title: 'feature collections' },
      ] satisfies Link[],
    });
  });

  router.get('/conformance', (req, res) => {
    checkParams(req, []);
    res.json({ conformsTo: CONFORMANCE });
  });

  router.get('/collections', async (req, res) => {
    checkParams(req, []);
    const root = rootOf(req);
    const extents = await kindExtents(sql);
    res.json({
      links: [{ href: `${root}/collections`, rel: 'self', type: JSON_TYPE, title: 'collections' }] satisfies Link[],
      collections: FEATURE_KINDS.map((kind) => collection(root, kind, extents)),
    });
  });

  router.get('/collections/:kind', async (req, res) => {
    checkParams(req, []);
    const kind = kindOf(req.params.kind);
    res.json(collection(rootOf(req), kind, await kindExtents(sql)));
  });

  router.get('/collections/:kind/items', async (req, res) => {
    const kind = kindOf(req.params.kind);
    const { limit, offset, bbox, community } = itemsParams(req);
    const filter = { kind, community, bbox };
    const [numberMatched, features] = await Promise.all([countItems(sql, filter), listItems(sql, filter, { limit, offset })]);
    const links: Link[] = [
      { href: withQuery(req, {}), rel: 'self', type: GEOJSON, title: 'this page' },
      { href: `${rootOf(req)}/collections/${kind}`, rel: 'collection', type: JSON_TYPE, title: kind },
    ];
    if (offset + features.length < numberMatched) links.push({ href: withQuery(req, { offset: offset + limit, limit }), rel: 'next', type: GEOJSON, title: 'next page' });
    if (offset > 0) links.push({ href: withQuery(req, { offset: Math.max(0, offset - limit), limit }), rel: 'prev', type: GEOJSON, title: 'previous page' });
    res.type(GEOJSON).json({
      type: 'FeatureCollection', features, numberMatched, numberReturned: features.length,
      timeStamp: new Date().toISOString(), links,
    });
  });

  router.get('/collections/:kind/items/:featureId', async (req, res) => {
    checkParams(req, []);
    const kind = kindOf(req.params.kind);
    const parsed = parseFeatureId(req.params.featureId);
    const feature = parsed && (await getItem(sql, kind, parsed.communityId, parsed.id));
    if (!feature) throw notFound(`feature "${req.params.featureId}" in collection ${kind}`);
    const root = rootOf(req);
    res.type(GEOJSON).json({
      ...feature,
      links: [
        { href: `${root}/collections/${kind}/items/${encodeURIComponent(feature.id)}`, rel: 'self', type: GEOJSON, title: 'this feature' },
        { href: `${root}/collections/${kind}`, rel: 'collection', type: JSON_TYPE, title: kind },
      ] satisfies Link[],
    });
  });

  // no OpenAPI document (yet): /ogc/api and anything else here is a 404, not the client app
  router.use((req) => {
    throw notFound(`OGC API resource ${req.path}`);
  });
  return router;
}
