/**
 * Which communities' versions a tile's ETag holds. Two strategies, one contract: any
 * import, replace or delete that can change the tile changes the list.
 *  - perTile (PostgreSQL): the communities with features of the layer in the tile, one
 *    query per tile, routed by community — scales to a province. The answer is remembered
 *    per tile for as long as no community's version changes: a warm tile then costs one
 *    versions query shared by every request in flight, not one query each (bench/RESULTS.md).
 *  - snapshot (embedded PGlite, a few communities, ~3 ms per round trip on one
 *    connection): every community's version in one query shared by all requests in
 *    flight, and the communities whose layer extent (cached per version) meets the tile.
 */
import type { Sql, TransactionSql } from 'postgres';
import { allCommunityStamps, kindExtents, tileCommunities, type CommunityStamp, type LonLatBox, type TileScope } from './query.ts';
import { BUFFER, tileBoundsLonLat } from './tileMath.ts';

type Db = Sql | TransactionSql;

export interface StampSource {
  /** outside a transaction: may share work with concurrent requests */
  shared(scope: TileScope): Promise<CommunityStamp[]>;
  /** inside the transaction that also reads the tile's features */
  within(tx: TransactionSql, scope: TileScope): Promise<CommunityStamp[]>;
}

const scopeKey = ({ layer, tile, community }: TileScope) => `${layer}/${tile.z}/${tile.x}/${tile.y}/${community ?? ''}`;

/**
 * Per-tile queries, remembered while every community's (version, updated) stays the same. A
 * request first reads all versions (one query shared by the requests in flight, started after
 * it arrived), so an edit anywhere empties the memo before any later request reads it. An
 * answer is kept only when its communities' versions are those of the versions read before
 * it, so an edit committing in between is never remembered under the older versions.
 */
export function perTileStamps(sql: Sql, capacity = 50_000): StampSource {
  const snapshot = singleFlight(() => allCommunityStamps(sql));
  let generation: { stamps: CommunityStamp[]; key: string; byId: Map<string, string> } | null = null;
  let memo = new Map<string, CommunityStamp[]>();
  return {
    async shared(scope) {
      const stamps = await snapshot();
      if (generation?.stamps !== stamps) {
        const key = stamps.map(stampKey).join('\u0001');
        if (key !== generation?.key) memo = new Map();
        generation = { stamps, key, byId: new Map(stamps.map((s) => [s.id, stampKey(s)])) };
      }
      const seen = generation;
      const k = scopeKey(scope);
      const known = memo.get(k);
      if (known) return known;
      const found = await tileCommunities(sql, scope);
      if (generation?.key === seen.key && found.every((s) => seen.byId.get(s.id) === stampKey(s))) {
        if (memo.size >= capacity) memo.delete(memo.keys().next().value as string);
        memo.set(k, found);
      }
      return found;
    },
    within: (tx, scope) => tileCommunities(tx, scope),
  };
}

/**
 * Share one run of `query` among callers: a caller joins only a run that starts after it
 * called (so it sees every write that committed before its request), never one in flight.
 */
export function singleFlight<T>(query: () => Promise<T>): () => Promise<T> {
  let queued: Promise<T> | null = null;
  let previous: Promise<unknown> = Promise.resolve();
  return () => {
    if (queued) return queued;
    const run = previous.catch(() => undefined).then(() => {
      queued = null;
      return query();
    });
    queued = run;
    previous = run;
    return run;
  };
}

const stampKey = (s: CommunityStamp) => `${s.id}\u0000${s.version}\u0000${s.updated}`;
const meets = (a: LonLatBox, b: LonLatBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

export function snapshotStamps(sql: Sql): StampSource {
  const snapshot = singleFlight(() => allCommunityStamps(sql));
  /** per community version: the extent of each kind */
  let extents = new Map<string, Map<string, LonLatBox>>();

  async function involved(db: Db, stamps: CommunityStamp[], { layer, tile, community }: TileScope): Promise<CommunityStamp[]> {
    const scoped = community === undefined ? stamps : stamps.filter((s) => s.id === community);
    const missing = scoped.filter((s) => !extents.has(stampKey(s)));
    if (missing.length > 0) {
      const loaded = new Map(missing.map((s) => [s.id, new Map<string, LonLatBox>()]));
      for (const row of await kindExtents(db, missing.map((s) => s.id))) loaded.get(row.community)?.set(row.kind, row.box);
      // keep only versions still current, so the map does not grow with edits
      const current = new Set(stamps.map(stampKey));
      extents = new Map([...extents].filter(([key]) => current.has(key)));
      for (const s of missing) extents.set(stampKey(s), loaded.get(s.id)!);
    }
    const box = tileBoundsLonLat(tile, BUFFER);
    return scoped.filter((s) => {
      const extent = extents.get(stampKey(s))?.get(layer);
      return extent !== undefined && meets(extent, box);
    });
  }

  return {
    shared: async (scope) => involved(sql, await snapshot(), scope),
    within: async (tx, scope) => involved(tx, await allCommunityStamps(tx), scope),
  };
}
