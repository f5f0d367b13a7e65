/** /ogc: OGC API – Features Part 1 core + GeoJSON, on two small communities with the same local ids. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FEATURE_KINDS } from '../../engine/twin/types.ts';
import { smallTwin } from '../server/twins.ts';
import { importTwin, openInterfaceApp, type InterfaceApp } from './app.ts';

let env: InterfaceApp;
beforeAll(async () => {
  env = await openInterfaceApp();
  await importTwin(env.url, smallTwin('ogc-a'), 'ogc-a');
  await importTwin(env.url, smallTwin('ogc-b'), 'ogc-b');
});
afterAll(async () => env?.close());

interface Link { href: string; rel: string; type: string }
interface Page { type: string; features: { id: string; properties: Record<string, unknown> }[]; numberMatched: number; numberReturned: number; links: Link[] }

async function getJson<T>(path: string, type = 'application/json'): Promise<T> {
  const res = await fetch(path.startsWith('http') ? path : `${env.url}/ogc${path}`);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type'), path).toMatch(new RegExp(`^${type.replace('+', '\\+')}`));
  return res.json() as Promise<T>;
}
const link = (links: Link[], rel: string) => links.find((l) => l.rel === rel);

test('landing page links self, conformance and data', async () => {
  const landing = await getJson<{ links: Link[] }>('');
  expect(link(landing.links, 'self')?.href).toBe(`${env.url}/ogc`);
  expect(link(landing.links, 'conformance')?.href).toBe(`${env.url}/ogc/conformance`);
  expect(link(landing.links, 'data')?.href).toBe(`${env.url}/ogc/collections`);
  await getJson('?f=json');
});

test('conformance: core and GeoJSON', async () => {
  const { conformsTo } = await getJson<{ conformsTo: string[] }>('/conformance');
  expect(conformsTo).toEqual([
    'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
    'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  ]);
});

test('one collection per feature kind, with CRS84 extents from the data', async () => {
  const { collections } = await getJson<{ collections: { id: string; itemType: string; crs: string[]; extent?: { spatial: { bbox: number[][]; crs: string } }; links: Link[] }[] }>('/collections');
  expect(collections.map((c) => c.id)).toEqual([...FEATURE_KINDS]);
  const building = collections.find((c) => c.id === 'building')!;
  expect(building).toMatchObject({ itemType: 'feature', crs: ['http://www.opengis.net/def/crs/OGC/1.3/CRS84'] });
  const [[minLon, minLat, maxLon, maxLat]] = building.extent!.spatial.bbox;
  expect([minLon, minLat, maxLon, maxLat].map((v) => v.toFixed(4))).toEqual(['117.0993', '36.6493', '117.1007', '36.6507']);
  expect(link(building.links, 'items')).toMatchObject({ href: `${env.url}/ogc/collections/building/items`, type: 'application/geo+json' });
  expect(collections.find((c) => c.id === 'light')!.extent).toBeUndefined();
  expect((await getJson<{ id: string }>('/collections/camera')).id).toBe('camera');
});

test('items page with limit/offset, next and prev links, numberMatched/numberReturned', async () => {
  const seen: string[] = [];
  let page = await getJson<Page>('/collections/building/items?limit=1', 'application/geo+json');
  expect(page).toMatchObject({ type: 'FeatureCollection', numberMatched: 4, numberReturned: 1 });
  expect(link(page.links, 'prev')).toBeUndefined();
  for (;;) {
    seen.push(...page.features.map((f) => f.id));
    const next = link(page.links, 'next');
    if (!next) break;
    expect(next.type).toBe('application/geo+json');
    page = await getJson<Page>(next.href, 'application/geo+json');
    expect(link(page.links, 'prev')).toBeDefined();
  }
  expect(seen).toEqual(['ogc-a:b1', 'ogc-a:b2', 'ogc-b:b1', 'ogc-b:b2']);
  const last = await getJson<Page>('/collections/building/items?limit=3&offset=3', 'application/geo+json');
  expect(last).toMatchObject({ numberMatched: 4, numberReturned: 1 });
  expect(link(last.links, 'next')).toBeUndefined();
  expect(new URL(link(last.links, 'prev')!.href).searchParams.get('offset')).toBe('0');
  const beyond = await getJson<Page>('/collections/building/items?offset=10', 'application/geo+json');
  expect(beyond).toMatchObject({ numberMatched: 4, numberReturned: 0, features: [] });
});

test('bbox and community filter items', async () => {
  const b1Only = await getJson<Page>('/collections/building/items?bbox=117.0992,36.6492,117.0998,36.6498', 'application/geo+json');
  expect(b1Only.features.map((f) => f.id)).toEqual(['ogc-a:b1', 'ogc-b:b1']);
  expect(b1Only.numberMatched).toBe(2);
  const inA = await getJson<Page>('/collections/building/items?community=ogc-a&f=json', 'application/geo+json');
  expect(inA.features.map((f) => f.id)).toEqual(['ogc-a:b1', 'ogc-a:b2']);
  const nowhere = await getJson<Page>('/collections/building/items?bbox=10,10,11,11', 'application/geo+json');
  expect(nowhere).toMatchObject({ numberMatched: 0, features: [] });
});

test('a single item by <communityId>:<id>; properties carry localId and community', async () => {
  const feature = await getJson<{ type: string; id: string; geometry: { type: string }; properties: Record<string, unknown>; links: Link[] }>(
    '/collections/building/items/ogc-b:b1', 'application/geo+json');
  expect(feature).toMatchObject({ type: 'Feature', id: 'ogc-b:b1', geometry: { type: 'Polygon' }, properties: { localId: 'b1', community: 'ogc-b', kind: 'building', floors: 18 } });
  expect(feature.properties).not.toHaveProperty('id');
  expect(link(feature.links, 'collection')?.href).toBe(`${env.url}/ogc/collections/building`);
});

describe('errors use the standard shape', () => {
  test.each([
    ['an unknown collection', '/collections/dragon', 404],
    ['items of an unknown collection', '/collections/dragon/items', 404],
    ['an unknown feature', '/collections/building/items/ogc-a:nope', 404],
    ['a feature id without its community', '/collections/building/items/b1', 404],
    ['a feature of another kind', '/collections/camera/items/ogc-a:b1', 404],
    ['no OpenAPI document', '/api', 404],
    ['limit 0', '/collections/building/items?limit=0', 400],
    ['a negative offset', '/collections/building/items?offset=-1', 400],
    ['a bad bbox', '/collections/building/items?bbox=1,2,3', 400],
    ['an unknown parameter', '/collections/building/items?colour=red', 400],
    ['another format', '/collections?f=html', 400],
  ])('%s', async (_name, path, status) => {
    const res = await fetch(`${env.url}/ogc${path}`);
    expect(res.status).toBe(status);
    expect((await res.json()).error).toMatchObject({ code: status === 404 ? 'not_found' : 'bad_request', message: expect.any(String) });
  });

  test('a limit above 10000 is served as 10000', async () => {
    const page = await getJson<Page>('/collections/building/items?limit=20000', 'application/geo+json');
    expect(page.numberReturned).toBe(4);
  });
});
