/**
 * The streamed import's database side, inside the caller's transaction: features are staged
 * batch by batch in a temporary table (so neither Node nor one query parameter holds the
 * whole file), then the community row is written and the staged features moved into
 * `feature` with one INSERT … SELECT. A rollback (any bad feature, a conflict) leaves
 * nothing. Same rows as store/importTwin.ts writes for a twin held in memory.
 */
import type { JSONValue, TransactionSql } from 'postgres';
import { communityIdOf, conflict, insertAttestations, writeCommunity } from '../../store/importTwin.ts';
import type { TwinFile } from '../../../engine/twin/types.ts';
import type { FeatureSink, StreamSummary } from './pipeline.ts';

const asJson = (tx: TransactionSql, value: unknown) => tx.json(value as JSONValue);

export { conflict };

/** Refuse at once (before reading the file) when the community exists and replace is off. */
export async function checkTarget(tx: TransactionSql, id: string, replace: boolean): Promise<void> {
  const [existing] = await tx`SELECT version FROM community WHERE id = ${id} FOR UPDATE`;
  if (existing && !replace) throw conflict(id);
}

export async function stagingSink(tx: TransactionSql): Promise<FeatureSink> {
  await tx`CREATE TEMP TABLE import_stage (ord integer PRIMARY KEY, f jsonb NOT NULL) ON COMMIT DROP`;
  return {
    async batch(features, firstIndex) {
      await tx`INSERT INTO import_stage (ord, f)
        SELECT ${firstIndex}::int + (t.ord - 1)::int, t.f FROM jsonb_array_elements(${asJson(tx, features)}::jsonb) WITH ORDINALITY AS t(f, ord)`;
    },
  };
}

export interface StagedImportResult { id: string; version: number; features: number; attestations: number; replaced: boolean }

/** Write the community and move the staged features in; the summary must be valid. */
export async function commitStaged(tx: TransactionSql, summary: StreamSummary, opts: { id?: string; replace: boolean }): Promise<StagedImportResult> {
  const community = summary.community!;
  const id = communityIdOf({ type: 'FeatureCollection', features: [community] } as unknown as TwinFile, opts.id);
  const { version, replaced } = await writeCommunity(tx, id, community, summary.members, opts.replace,
    () => tx`DELETE FROM feature WHERE community_id = ${id}
      AND id NOT IN (SELECT f -> 'properties' ->> 'id' FROM import_stage)`);
  const [{ features }] = await tx<{ features: number }[]>`
    WITH inserted AS (
      INSERT INTO feature (community_id, id, seq, kind, type, props, members, geom)
      SELECT ${id}, f -> 'properties' ->> 'id', ord, f -> 'properties' ->> 'kind',
             f -> 'properties' ->> 'type', f -> 'properties',
             nullif(f - 'type' - 'properties' - 'geometry', '{}'::jsonb),
             ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(f -> 'geometry'), 4326))
      FROM import_stage ORDER BY ord
      ON CONFLICT (community_id, id) DO UPDATE SET seq = excluded.seq, kind = excluded.kind,
        type = excluded.type, props = excluded.props, members = excluded.members, geom = excluded.geom
      RETURNING 1)
    SELECT count(*)::int AS features FROM inserted`;
  const attestations = summary.attestations;
  await insertAttestations(tx, id, version, attestations);
  return { id, version, features, attestations: attestations.length, replaced };
}
