/**
 * The streamed import's database side, inside the caller's transaction: features are staged
 * batch by batch in a temporary table (so neither Node nor one query parameter holds the
 * whole file), then the community row is written and the staged features moved into
 * `feature` with one INSERT … SELECT. A rollback (any bad feature, a conflict) leaves
 * nothing. Same rows as store/importTwin.ts writes for a twin held in memory.
 */
import type { JSONValue, TransactionSql } from 'postgres';
import { ApiError } from '../../errors.ts';
import { communityIdOf } from '../../store/importTwin.ts';
import type { TwinFile } from '../../../engine/twin/types.ts';
import type { FeatureSink, StreamSummary } from './pipeline.ts';

const asJson = (tx: TransactionSql, value: unknown) => tx.json(value as JSONValue);

export const conflict = (id: string) =>
  new ApiError(409, 'conflict', `community "${id}" already exists; import with replace to make a new version`, { id });

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
  const { kind: _kind, id: _id, ...communityProps } = community.properties;
  const attributes = { community: communityProps, file: summary.members };
  const name = typeof communityProps.name === 'string' && communityProps.name !== '' ? communityProps.name : id;
  const adminCode = typeof communityProps.adminCode === 'string' ? communityProps.adminCode : null;
  const boundary = asJson(tx, community.geometry);

  const [existing] = await tx`SELECT version FROM community WHERE id = ${id} FOR UPDATE`;
  if (existing && !opts.replace) throw conflict(id);
  let version = 1;
  if (existing) {
    await tx`DELETE FROM feature WHERE community_id = ${id}
      AND id NOT IN (SELECT f -> 'properties' ->> 'id' FROM import_stage)`;
    const [row] = await tx`
      UPDATE community SET name = ${name}, admin_code = ${adminCode},
        boundary = ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${boundary}::jsonb), 4326))),
        attributes = ${asJson(tx, attributes)}, version = version + 1, updated_at = now()
      WHERE id = ${id} RETURNING version`;
    version = row.version as number;
  } else {
    await tx`
      INSERT INTO community (id, name, admin_code, boundary, attributes, version)
      VALUES (${id}, ${name}, ${adminCode},
        ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${boundary}::jsonb), 4326))), ${asJson(tx, attributes)}, 1)`;
  }
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
  if (attestations.length > 0) {
    await tx`
      INSERT INTO attestation (community_id, community_version, seq, check_id, version, pass, text, evidence_ref, by, at, members)
      SELECT ${id}, ${version}::int, (t.ord - 1)::int, a ->> 'checkId', (a ->> 'version')::int, (a ->> 'pass')::boolean,
             a ->> 'text', a ->> 'evidenceRef', a ->> 'by', a ->> 'at',
             nullif(a - 'checkId' - 'version' - 'pass' - 'text' - 'evidenceRef' - 'by' - 'at', '{}'::jsonb)
      FROM jsonb_array_elements(${asJson(tx, attestations)}::jsonb) WITH ORDINALITY AS t(a, ord)`;
  }
  return { id, version, features, attestations: attestations.length, replaced: Boolean(existing) };
}
