/**
 * One tile, from request to bytes: the involved communities' versions make a strong ETag
 * (so a tile changes the moment a community is re-imported or deleted), then the tile is
 * encoded by PostGIS (ST_AsMVT) or, in embedded mode, by geojson-vt + vt-pbf. Encoded
 * tiles are kept in an LRU keyed by ETag, so an edit never serves a stale entry.
 */
import { createHash } from 'node:crypto';
import type { Sql } from 'postgres';
import type { DbMode } from '../db/types.ts';
import { LruCache } from './cache.ts';
import { encodeTile } from './encode.ts';
import { tileFeatures, tileMvt, type CommunityStamp, type TileScope } from './query.ts';
import { perTileStamps, snapshotStamps, type StampSource } from './stamps.ts';

export type TileEncoder = 'postgis' | 'geojson-vt';
export const encoderFor = (mode: DbMode): TileEncoder => (mode === 'postgres' ? 'postgis' : 'geojson-vt');

/** bump when the tile content changes for the same data (fields, encoding) */
const TILE_FORMAT = 1;

export interface RenderedTile {
  etag: string;
  /** the empty array for a tile without features */
  body: Uint8Array;
  /** true when the client's If-None-Match already names this ETag: nothing was encoded */
  notModified: boolean;
}

export function tileEtag(encoder: TileEncoder, { layer, tile, community }: TileScope, stamps: CommunityStamp[]): string {
  const key = JSON.stringify([TILE_FORMAT, encoder, layer, tile.z, tile.x, tile.y, community ?? null, stamps.map((s) => [s.id, s.version, s.updated])]);
  return `"${createHash('sha1').update(key).digest('base64url')}"`;
}

/** Whether an If-None-Match header value names the ETag (weak comparison, as RFC 9110 asks for GET). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export interface TileRenderer {
  readonly encoder: TileEncoder;
  render(scope: TileScope, ifNoneMatch?: string): Promise<RenderedTile>;
}

export interface RendererOptions { mode: DbMode; encoder?: TileEncoder; cacheSize?: number }

export function tileRenderer(sql: Sql, { mode, encoder = encoderFor(mode), cacheSize = 4000 }: RendererOptions): TileRenderer {
  const cache = new LruCache<Uint8Array>(cacheSize);
  const stamps: StampSource = mode === 'postgres' ? perTileStamps(sql) : snapshotStamps(sql);
  return {
    encoder,
    async render(scope, ifNoneMatch) {
      // the fast path — revalidation and cached tiles — reads versions only
      const etag = tileEtag(encoder, scope, await stamps.shared(scope));
      if (matchesEtag(ifNoneMatch, etag)) return { etag, body: new Uint8Array(0), notModified: true };
      const cached = cache.get(etag);
      if (cached !== undefined) return { etag, body: cached, notModified: false };
      // encode in one snapshot, so that the versions in the ETag are those of the features in the body
      return sql.begin('isolation level repeatable read read only', async (tx) => {
        const involved = await stamps.within(tx, scope);
        const current = tileEtag(encoder, scope, involved);
        const ids = involved.map((s) => s.id);
        const body = encoder === 'postgis'
          ? await tileMvt(tx, scope.layer, scope.tile, ids)
          : encodeTile(scope.layer, scope.tile, await tileFeatures(tx, scope.layer, scope.tile, ids));
        cache.set(current, body);
        return { etag: current, body, notModified: matchesEtag(ifNoneMatch, current) };
      });
    },
  };
}
