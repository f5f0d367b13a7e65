/**
 * Scenarios: named edit lists on a community (engine/edit), stored against the community version
 * they were made on. `applyScenario` writes the edits to the community's features in one
 * transaction, carries the current attestations over to the new version and bumps the version —
 * refused (409) when the community changed since the scenario's base version.
 */
import { randomUUID } from 'node:crypto';
import type { JSONValue, Sql, TransactionSql } from 'postgres';
import { applyEditsWithChanges } from '../../engine/edit/apply.ts';
import { EditError, type Edit } from '../../engine/edit/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { ApiError } from '../errors.ts';
import { exportTwin } from './communities.ts';

export interface Scenario {
  id: string;
  communityId: string;
  name: string;
  baseVersion: number;
  edits: Edit[];
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

interface Row {
  id: string; community_id: string; name: string; base_version: number; edits: Edit[];
  created_at: Date; updated_at: Date; created_by: string | null;
}
const toScenario = (r: Row): Scenario => ({
  id: r.id, communityId: r.community_id, name: r.name, baseVersion: r.base_version, edits: r.edits,
  createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(), createdBy: r.created_by,
});
const json = (sql: Sql | TransactionSql, value: unknown) => sql.json(value as JSONValue);
// identifiers through sql(…), never the unsafe() string form (test/security/sql.test.ts)
const COLUMNS = ['id', 'community_id', 'name', 'base_version', 'edits', 'created_at', 'updated_at', 'created_by'];

/** The edits applied to the twin, or a 400 naming the edit that does not fit it. */
export function editedTwin(twin: TwinFile, edits: Edit[]): TwinFile {
  try {
    return applyEditsWithChanges(twin, edits).twin;
  } catch (err) {
    if (err instanceof EditError) throw new ApiError(400, 'invalid_edits', err.message, { issues: err.issues });
    throw err;
  }
}

/** Create a scenario on the community's current version, after checking its edits against the current twin. */
export async function createScenario(sql: Sql, communityId: string, s: { name: string; edits: Edit[]; createdBy?: string | null }): Promise<Scenario | null> {
  const twin = await exportTwin(sql, communityId);
  if (!twin) return null;
  editedTwin(twin, s.edits);
  const [row] = await sql<Row[]>`
    INSERT INTO scenario (id, community_id, name, base_version, edits, created_by)
    SELECT ${`sc-${randomUUID()}`}, id, ${s.name}, version, ${json(sql, s.edits)}::jsonb, ${s.createdBy ?? null}
    FROM community WHERE id = ${communityId}
    RETURNING ${sql(COLUMNS)}`;
  return row ? toScenario(row) : null;
}

export async function listScenarios(sql: Sql, communityId: string): Promise<Scenario[]> {
  const rows = await sql<Row[]>`SELECT ${sql(COLUMNS)} FROM scenario WHERE community_id = ${communityId} ORDER BY created_at, id`;
  return rows.map(toScenario);
}

export async function getScenario(sql: Sql, id: string): Promise<Scenario | null> {
  const [row] = await sql<Row[]>`SELECT ${sql(COLUMNS)} FROM scenario WHERE id = ${id}`;
  return row ? toScenario(row) : null;
}

/** Rename and/or replace the edits (checked against the current twin; the base version moves to the current one). */
export async function updateScenario(sql: Sql, id: string, patch: { name?: string; edits?: Edit[] }): Promise<Scenario | null> {
  const current = await getScenario(sql, id);
  if (!current) return null;
  let baseVersion = current.baseVersion;
  if (patch.edits !== undefined) {
    const twin = await exportTwin(sql, current.communityId);
    if (!twin) return null;
    editedTwin(twin, patch.edits);
    const [c] = await sql<{ version: number }[]>`SELECT version FROM community WHERE id = ${current.communityId}`;
    baseVersion = c.version;
  }
  const [row] = await sql<Row[]>`
    UPDATE scenario SET name = ${patch.name ?? current.name}, edits = ${json(sql, patch.edits ?? current.edits)}::jsonb,
      base_version = ${baseVersion}::int, updated_at = now()
    WHERE id = ${id} RETURNING ${sql(COLUMNS)}`;
  return row ? toScenario(row) : null;
}

export async function duplicateScenario(sql: Sql, id: string, name?: string): Promise<Scenario | null> {
  const [row] = await sql<Row[]>`
    INSERT INTO scenario (id, community_id, name, base_version, edits, created_by)
    SELECT ${`sc-${randomUUID()}`}, community_id, coalesce(${name ?? null}::text, name || ' (copy)'), base_version, edits, created_by
    FROM scenario WHERE id = ${id}
    RETURNING ${sql(COLUMNS)}`;
  return row ? toScenario(row) : null;
}

export async function deleteScenario(sql: Sql, id: string): Promise<boolean> {
  return (await sql`DELETE FROM scenario WHERE id = ${id} RETURNING id`).length > 0;
}

export interface AppliedScenario { scenarioId: string; communityId: string; version: number; added: number; updated: number; deleted: number }

/** Write the scenario's edits to the community in one transaction; 409 when the community moved on since base_version. */
export async function applyScenario(sql: Sql, id: string): Promise<AppliedScenario | null> {
  return sql.begin(async (tx) => {
    const [s] = await tx<Row[]>`SELECT ${tx(COLUMNS)} FROM scenario WHERE id = ${id} FOR UPDATE`;
    if (!s) return null;
    const [community] = await tx<{ version: number }[]>`SELECT version FROM community WHERE id = ${s.community_id} FOR UPDATE`;
    if (!community) return null;
    if (community.version !== s.base_version) {
      throw new ApiError(409, 'stale_scenario',
        `community "${s.community_id}" is at version ${community.version}, but scenario "${s.name}" was made on version ${s.base_version}; review its edits against the current twin and save them again (PUT) before applying`,
        { communityVersion: community.version, baseVersion: s.base_version });
    }
    const twin = await exportTwin(tx as unknown as Sql, s.community_id);
    const { changes } = (() => {
      try { return applyEditsWithChanges(twin as TwinFile, s.edits); } catch (err) {
        if (err instanceof EditError) throw new ApiError(409, 'edits_do_not_fit', err.message, { issues: err.issues });
        throw err;
      }
    })();
    const counts = { added: 0, updated: 0, deleted: 0 };
    for (const { before, after } of changes) {
      if (after) {
        const geometry = json(tx, after.geometry), props = json(tx, after.properties);
        const members = Object.fromEntries(Object.entries(after).filter(([k]) => k !== 'type' && k !== 'properties' && k !== 'geometry'));
        const membersJson = Object.keys(members).length ? json(tx, members) : null;
        await tx`
          INSERT INTO feature (community_id, id, seq, kind, type, props, members, geom)
          VALUES (${s.community_id}, ${after.properties.id},
            (SELECT coalesce(max(seq) + 1, 0) FROM feature WHERE community_id = ${s.community_id}),
            ${after.properties.kind}, ${typeof after.properties.type === 'string' ? after.properties.type : null},
            ${props}::jsonb, ${membersJson}::jsonb, ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${geometry}::jsonb), 4326)))
          ON CONFLICT (community_id, id) DO UPDATE SET type = excluded.type, props = excluded.props,
            members = excluded.members, geom = excluded.geom`;
        if (after.properties.kind === 'community') {
          await tx`UPDATE community SET boundary = ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${geometry}::jsonb), 4326)))
            WHERE id = ${s.community_id}`;
        }
        if (before) counts.updated++; else counts.added++;
      } else if (before) {
        await tx`DELETE FROM feature WHERE community_id = ${s.community_id} AND id = ${before.properties.id}`;
        counts.deleted++;
      }
    }
    const [{ version }] = await tx<{ version: number }[]>`
      UPDATE community SET version = version + 1, updated_at = now() WHERE id = ${s.community_id} RETURNING version`;
    // the attestations of the version the edits were made on stay valid for the edited twin
    await tx`
      INSERT INTO attestation (community_id, community_version, seq, check_id, version, pass, text, evidence_ref, by, at, members, recorded_at)
      SELECT community_id, ${version}::int, seq, check_id, version, pass, text, evidence_ref, by, at, members, recorded_at
      FROM attestation WHERE community_id = ${s.community_id} AND community_version = ${community.version}::int`;
    return { scenarioId: s.id, communityId: s.community_id, version, ...counts };
  });
}
