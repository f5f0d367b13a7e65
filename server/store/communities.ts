/** Reading and deleting communities; every query a postgres.js tagged template. */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Sql } from 'postgres';
import type { Attestation, BaseProps, TwinFile } from '../../engine/twin/types.ts';

export interface CommunitySummary {
  id: string;
  name: string;
  adminCode: string | null;
  areaM2: number;
  version: number;
  /** features per kind, the community feature included */
  counts: Record<string, number>;
}
export interface CommunityDetail extends CommunitySummary {
  attributes: Record<string, unknown>;
  boundary: Geometry;
  attestations: number;
  createdAt: string;
  updatedAt: string;
}
/** [minLon, minLat, maxLon, maxLat] */
export type BBox = [number, number, number, number];

interface SummaryRow { id: string; name: string; admin_code: string | null; area_m2: number; version: number; counts: Record<string, number> }
const summary = (r: SummaryRow): CommunitySummary => ({
  id: r.id, name: r.name, adminCode: r.admin_code, areaM2: r.area_m2, version: r.version, counts: r.counts,
});

export async function listCommunities(sql: Sql): Promise<CommunitySummary[]> {
  const rows = await sql<SummaryRow[]>`
    SELECT c.id, c.name, c.admin_code, ST_Area(c.boundary::geography)::float8 AS area_m2, c.version,
      coalesce((SELECT jsonb_object_agg(k.kind, k.n) FROM (
        SELECT kind, count(*)::int AS n FROM feature f WHERE f.community_id = c.id GROUP BY kind) k), '{}'::jsonb) AS counts
    FROM community c ORDER BY c.id`;
  return rows.map(summary);
}

export async function getCommunity(sql: Sql, id: string): Promise<CommunityDetail | null> {
  const [row] = await sql<(SummaryRow & { attributes: Record<string, unknown>; boundary: Geometry; attestations: number; created_at: Date; updated_at: Date })[]>`
    SELECT c.id, c.name, c.admin_code, ST_Area(c.boundary::geography)::float8 AS area_m2, c.version,
      coalesce((SELECT jsonb_object_agg(k.kind, k.n) FROM (
        SELECT kind, count(*)::int AS n FROM feature f WHERE f.community_id = c.id GROUP BY kind) k), '{}'::jsonb) AS counts,
      c.attributes, ST_AsGeoJSON(c.boundary)::json AS boundary,
      (SELECT count(*)::int FROM attestation a WHERE a.community_id = c.id AND a.community_version = c.version) AS attestations,
      c.created_at, c.updated_at
    FROM community c WHERE c.id = ${id}`;
  if (!row) return null;
  return {
    ...summary(row), attributes: row.attributes, boundary: row.boundary, attestations: row.attestations,
    createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
}

export async function communityExists(sql: Sql, id: string): Promise<boolean> {
  const [row] = await sql`SELECT 1 FROM community WHERE id = ${id}`;
  return row !== undefined;
}

interface FeatureRow { props: BaseProps; members: Record<string, unknown> | null; geometry: Geometry }
const toFeature = (r: FeatureRow): Feature<Geometry, BaseProps> => ({ type: 'Feature', ...r.members, properties: r.props, geometry: r.geometry });

/** Features of a community, optionally of some kinds and intersecting a lon/lat box, in file order. */
export async function listFeatures(sql: Sql, id: string, filter: { kinds?: string[]; bbox?: BBox } = {}): Promise<FeatureCollection<Geometry, BaseProps>> {
  const { kinds, bbox } = filter;
  const envelope = bbox && sql`ST_MakeEnvelope(${bbox[0]}::float8, ${bbox[1]}::float8, ${bbox[2]}::float8, ${bbox[3]}::float8, 4326)`;
  const rows = await sql<FeatureRow[]>`
    SELECT props, members, ST_AsGeoJSON(geom)::json AS geometry
    FROM feature
    WHERE community_id = ${id}
      ${kinds && kinds.length > 0 ? sql`AND kind IN ${sql(kinds)}` : sql``}
      ${envelope ? sql`AND geom && ${envelope} AND ST_Intersects(geom, ${envelope})` : sql``}
    ORDER BY seq`;
  return { type: 'FeatureCollection', features: rows.map(toFeature) };
}

/** The twin file as imported: top-level members, features in order, the current attestations. */
export async function exportTwin(sql: Sql, id: string): Promise<TwinFile | null> {
  const [community] = await sql<{ attributes: { file?: Record<string, unknown> }; version: number }[]>`
    SELECT attributes, version FROM community WHERE id = ${id}`;
  if (!community) return null;
  const { features } = await listFeatures(sql, id);
  const attestationRows = await sql<{ check_id: string; version: number; pass: boolean; text: string; evidence_ref: string | null; by: string; at: string; members: Record<string, unknown> | null }[]>`
    SELECT check_id, version, pass, text, evidence_ref, by, at, members
    FROM attestation WHERE community_id = ${id} AND community_version = ${community.version}
    ORDER BY seq`;
  const attestations: Attestation[] = attestationRows.map((a) => ({
    checkId: a.check_id, version: a.version, pass: a.pass, text: a.text,
    ...(a.evidence_ref === null ? {} : { evidenceRef: a.evidence_ref }),
    by: a.by, at: a.at, ...a.members,
  }));
  return {
    type: 'FeatureCollection', ...community.attributes.file, features,
    ...(attestations.length > 0 ? { attestations } : {}),
  };
}

export async function deleteCommunity(sql: Sql, id: string): Promise<boolean> {
  // a transaction, so that the audit row (server/audit/transaction.ts) commits with the delete
  const rows = await sql.begin((tx) => tx`DELETE FROM community WHERE id = ${id} RETURNING id`);
  return rows.length > 0;
}
