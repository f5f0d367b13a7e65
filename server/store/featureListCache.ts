/**
 * GET /api/communities/:id/features bodies, serialized once per state of the community (its
 * version and updated_at, which every write path bumps — as server/report/cache.ts keys
 * reports) and filter. Many readers of the same list (walls, browsers, bench:load's 200
 * clients) then cost one small state query each instead of reading every feature's JSON from
 * the database, parsing it and stringifying it again. Concurrent misses share one load.
 */
import { createHash } from 'node:crypto';
import type { Sql } from 'postgres';
import { listFeatures, type BBox } from './communities.ts';

export interface CachedList { body: string; etag: string }

export class FeatureListCache {
  private readonly entries = new Map<string, Promise<CachedList>>();
  private bytes = 0;
  private readonly sizes = new Map<string, number>();

  constructor(private readonly sql: Sql, private readonly maxBytes = 64 * 1024 * 1024) {}

  /** The serialized list, or null when the community does not exist. */
  async get(id: string, filter: { kinds?: string[]; bbox?: BBox }): Promise<CachedList | null> {
    const [state] = await this.sql<{ version: number; updated_at: Date }[]>`SELECT version, updated_at FROM community WHERE id = ${id}`;
    if (!state) return null;
    const key = JSON.stringify([id, state.version, new Date(state.updated_at).toISOString(), filter.kinds ?? null, filter.bbox ?? null]);
    let entry = this.entries.get(key);
    if (entry) {
      // most recently used last
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry;
    }
    entry = listFeatures(this.sql, id, filter).then((list) => {
      const body = JSON.stringify(list);
      return { body, etag: `W/"${createHash('sha1').update(key).digest('hex').slice(0, 20)}"` };
    });
    this.entries.set(key, entry);
    entry.then((e) => this.account(key, e.body.length), () => this.entries.delete(key));
    return entry;
  }

  private account(key: string, size: number): void {
    if (!this.entries.has(key)) return;
    this.sizes.set(key, size);
    this.bytes += size;
    for (const [k] of this.entries) {
      if (this.bytes <= this.maxBytes || k === key) break;
      this.entries.delete(k);
      this.bytes -= this.sizes.get(k) ?? 0;
      this.sizes.delete(k);
    }
  }
}
