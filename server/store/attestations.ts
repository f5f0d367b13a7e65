/**
 * Attestations of a community's non-spatial checks, versioned: a new attestation for a check is
 * a new row with the next version; old ones stay. They belong to the community version they
 * were made for (an import writes its file's set; replacing the twin starts a new set), and the
 * report evaluates the current version's. "Latest" means what the engine means
 * (engine/evaluate.ts latestAttestation: by `at`, then version), so the list and the report agree.
 */
import type { Sql } from 'postgres';
import { latestAttestation } from '../../engine/evaluate.ts';
import type { Attestation } from '../../engine/twin/types.ts';

export interface NewAttestation { checkId: string; pass: boolean; text: string; evidenceRef?: string; by: string }

export interface StoredAttestation extends Attestation {
  version: number;
  communityVersion: number;
  recordedAt: string;
}

interface Row {
  check_id: string; version: number; pass: boolean; text: string; evidence_ref: string | null; by: string; at: string;
  members: Record<string, unknown> | null; community_version: number; recorded_at: Date;
}

const toAttestation = (r: Row): StoredAttestation => ({
  ...r.members,
  checkId: r.check_id, version: r.version, pass: r.pass, text: r.text,
  ...(r.evidence_ref === null ? {} : { evidenceRef: r.evidence_ref }),
  by: r.by, at: r.at, communityVersion: r.community_version, recordedAt: r.recorded_at.toISOString(),
});

/** Record a new version of a check's attestation; null when the community does not exist. */
export async function addAttestation(sql: Sql, communityId: string, a: NewAttestation, now = new Date()): Promise<StoredAttestation | null> {
  return sql.begin(async (tx) => {
    const [community] = await tx<{ version: number }[]>`SELECT version FROM community WHERE id = ${communityId} FOR UPDATE`;
    if (!community) return null;
    const [row] = await tx<Row[]>`
      INSERT INTO attestation (community_id, community_version, seq, check_id, version, pass, text, evidence_ref, by, at)
      SELECT ${communityId}, ${community.version}::int,
        coalesce((SELECT max(seq) + 1 FROM attestation WHERE community_id = ${communityId} AND community_version = ${community.version}::int), 0),
        ${a.checkId},
        coalesce((SELECT max(version) + 1 FROM attestation WHERE community_id = ${communityId} AND community_version = ${community.version}::int AND check_id = ${a.checkId}), 1),
        ${a.pass}, ${a.text}, ${a.evidenceRef ?? null}, ${a.by}, ${now.toISOString()}
      RETURNING check_id, version, pass, text, evidence_ref, by, at, members, community_version, recorded_at`;
    return toAttestation(row);
  });
}

/** Every attestation of the community: the current version's, or with `allVersions` every community version's; in recording order. */
export async function listAttestations(sql: Sql, communityId: string, opts: { allVersions?: boolean; checkId?: string } = {}): Promise<StoredAttestation[]> {
  const rows = await sql<Row[]>`
    SELECT a.check_id, a.version, a.pass, a.text, a.evidence_ref, a.by, a.at, a.members, a.community_version, a.recorded_at
    FROM attestation a JOIN community c ON c.id = a.community_id
    WHERE a.community_id = ${communityId}
      ${opts.allVersions ? sql`` : sql`AND a.community_version = c.version`}
      ${opts.checkId === undefined ? sql`` : sql`AND a.check_id = ${opts.checkId}`}
    ORDER BY a.community_version, a.seq, a.id`;
  return rows.map(toAttestation);
}

/** The attestation that speaks for each check now: the engine's latest, per check id, in check-id order. */
export async function latestAttestations(sql: Sql, communityId: string): Promise<StoredAttestation[]> {
  const current = await listAttestations(sql, communityId);
  const ids = [...new Set(current.map((a) => a.checkId))].sort();
  return ids.map((id) => latestAttestation(current, id) as StoredAttestation);
}
