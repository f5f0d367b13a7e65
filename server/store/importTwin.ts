/**
 * Import a twin file: validate, then write community, features and attestations in one
 * transaction — all or nothing.
 */
import type { JSONValue, Sql, TransactionSql } from 'postgres';
import { validateTwin, type TwinIssue } from '../../engine/twin/validate.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { ApiError } from '../errors.ts';

export interface ImportOptions {
  /** community id to use instead of the community feature's properties.id */
  id?: string;
  /** replace an existing community with the same id (new version) instead of 409 */
  replace?: boolean;
}
export interface ImportResult {
  id: string;
  version: number;
  features: number;
  attestations: number;
  replaced: boolean;
  warnings: TwinIssue[];
}

/** Parsed JSON (a validated twin) as a jsonb parameter. */
const asJson = (tx: TransactionSql, value: unknown) => tx.json(value as JSONValue);

const COMMUNITY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const FILE_MEMBERS_NOT_KEPT = new Set(['type', 'features', 'attestations']);

export function slug(text: string): string {
  return text.normalize('NFKD').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-._]+|-+$/g, '').slice(0, 128);
}

/** The community's id: the option, else the community feature's id (slugged when not URL-safe), else its name. */
export function communityIdOf(twin: TwinFile, option?: string): string {
  if (option !== undefined) {
    if (!COMMUNITY_ID.test(option)) throw new ApiError(400, 'bad_request', `community id ${JSON.stringify(option)} must match ${COMMUNITY_ID}`);
    return option;
  }
  const props = twin.features.find((f) => f.properties.kind === 'community')!.properties;
  if (COMMUNITY_ID.test(props.id)) return props.id;
  const fromId = slug(props.id), fromName = slug(String(props.name ?? ''));
  if (fromId) return fromId;
  if (fromName) return fromName;
  let h = 0;
  for (const ch of props.id + String(props.name ?? '')) h = (Math.imul(h, 31) + ch.codePointAt(0)!) >>> 0;
  return `community-${h.toString(36)}`;
}

export async function importTwin(sql: Sql, input: unknown, opts: ImportOptions = {}): Promise<ImportResult> {
  const validation = validateTwin(input);
  if (!validation.ok || !validation.twin) {
    throw new ApiError(400, 'invalid_twin', `the twin file has ${validation.errors.length} error(s); nothing was imported`,
      { errors: validation.errors, warnings: validation.warnings });
  }
  const twin = validation.twin;
  const id = communityIdOf(twin, opts.id);
  try {
    return await sql.begin(async (tx) => {
      const community = twin.features.find((f) => f.properties.kind === 'community')!;
      const fileMembers = Object.fromEntries(Object.entries(twin).filter(([k]) => !FILE_MEMBERS_NOT_KEPT.has(k)));
      const keep = twin.features.map((f) => f.properties.id);
      const { version, replaced } = await writeCommunity(tx, id, community, fileMembers, opts.replace === true,
        () => tx`DELETE FROM feature WHERE community_id = ${id} AND NOT (id = ANY(${keep}::text[]))`);
      const [{ features }] = await tx<{ features: number }[]>`
        WITH inserted AS (
          INSERT INTO feature (community_id, id, seq, kind, type, props, members, geom)
          SELECT ${id}, f -> 'properties' ->> 'id', (t.ord - 1)::int, f -> 'properties' ->> 'kind',
                 f -> 'properties' ->> 'type', f -> 'properties',
                 nullif(f - 'type' - 'properties' - 'geometry', '{}'::jsonb),
                 ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(f -> 'geometry'), 4326))
          FROM jsonb_array_elements(${asJson(tx, twin.features)}::jsonb) WITH ORDINALITY AS t(f, ord)
          -- on replace, a feature that keeps its id keeps its row (and what references it)
          ON CONFLICT (community_id, id) DO UPDATE SET seq = excluded.seq, kind = excluded.kind,
            type = excluded.type, props = excluded.props, members = excluded.members, geom = excluded.geom
          RETURNING 1)
        SELECT count(*)::int AS features FROM inserted`;
      const attestations = twin.attestations ?? [];
      await insertAttestations(tx, id, version, attestations);
      return { id, version, features, attestations: attestations.length, replaced, warnings: validation.warnings };
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw conflict(id);
    throw err;
  }
}

export const conflict = (id: string) =>
  new ApiError(409, 'conflict', `community "${id}" already exists; import with replace to make a new version`, { id });

/**
 * The community row of an import, inside its transaction: insert it, or (replace) bump its
 * version after `dropMissing` has deleted the features the new file no longer has.
 */
export async function writeCommunity(
  tx: TransactionSql, id: string, community: { properties: Record<string, unknown>; geometry: unknown }, fileMembers: Record<string, unknown>, replace: boolean,
  dropMissing: () => Promise<unknown>,
): Promise<{ version: number; replaced: boolean }> {
  const { kind: _kind, id: _id, ...communityProps } = community.properties;
  const attributes = { community: communityProps, file: fileMembers };
  const name = typeof communityProps.name === 'string' && communityProps.name !== '' ? communityProps.name : id;
  const adminCode = typeof communityProps.adminCode === 'string' ? communityProps.adminCode : null;

  const [existing] = await tx`SELECT version FROM community WHERE id = ${id} FOR UPDATE`;
  if (existing && !replace) throw conflict(id);
  if (existing) {
    await dropMissing();
    const [row] = await tx`
      UPDATE community SET name = ${name}, admin_code = ${adminCode},
        boundary = ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${asJson(tx, community.geometry)}::jsonb), 4326))),
        attributes = ${asJson(tx, attributes)}, version = version + 1, updated_at = now()
      WHERE id = ${id} RETURNING version`;
    return { version: row.version as number, replaced: true };
  }
  await tx`
    INSERT INTO community (id, name, admin_code, boundary, attributes, version)
    VALUES (${id}, ${name}, ${adminCode},
      ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${asJson(tx, community.geometry)}::jsonb), 4326))),
      ${asJson(tx, attributes)}, 1)`;
  return { version: 1, replaced: false };
}

/** The file's attestations, in file order, at the community's new version. */
export async function insertAttestations(tx: TransactionSql, id: string, version: number, attestations: readonly unknown[]): Promise<void> {
  if (attestations.length === 0) return;
  await tx`
    INSERT INTO attestation (community_id, community_version, seq, check_id, version, pass, text, evidence_ref, by, at, members)
    SELECT ${id}, ${version}::int, (t.ord - 1)::int, a ->> 'checkId', (a ->> 'version')::int, (a ->> 'pass')::boolean,
           a ->> 'text', a ->> 'evidenceRef', a ->> 'by', a ->> 'at',
           nullif(a - 'checkId' - 'version' - 'pass' - 'text' - 'evidenceRef' - 'by' - 'at', '{}'::jsonb)
    FROM jsonb_array_elements(${asJson(tx, attestations)}::jsonb) WITH ORDINALITY AS t(a, ord)`;
}
