/**
 * OGC API – Features reads. Items are ordered by (community, file order) so that
 * limit/offset pages are stable. Without `community` a query spans all communities.
 */
import type { Feature, Geometry } from 'geojson';
import type { Sql } from 'postgres';
import type { BaseProps, FeatureKind } from '../../engine/twin/types.ts';
import type { BBox } from '../store/communities.ts';

export interface ItemFilter { kind: FeatureKind; community?: string; bbox?: BBox }
/** Properties: the twin's, with its `id` as `localId` (unique within the community, as in INSPIRE) and `community`. */
export type OgcProps = Omit<BaseProps, 'id'> & { localId: string; community: string };
export type OgcFeature = Feature<Geometry, OgcProps> & { id: string };

/** The collection's feature id: `<communityId>:<feature id>` (community ids never hold a colon). */
export const featureIdOf = (communityId: string, id: string) => `${communityId}:${id}`;

export function parseFeatureId(featureId: string): { communityId: string; id: string } | null {
  const colon = featureId.indexOf(':');
  if (colon <= 0 || colon === featureId.length - 1) return null;
  return { communityId: featureId.slice(0, colon), id: featureId.slice(colon + 1) };
}

interface ItemRow { community_id: string; id: string; props: BaseProps; geometry: Geometry }
/**
 * The twin's `id` leaves the properties: clients such as GDAL read a property named `id`
 * as the feature id and would ask for /items/<local id>, which is ambiguous across communities.
 */
function toFeature(r: ItemRow): OgcFeature {
  const { id: localId, ...props } = r.props;
  return { type: 'Feature', id: featureIdOf(r.community_id, r.id), geometry: r.geometry, properties: { ...props, localId, community: r.community_id } };
}

const where = (sql: Sql, { kind, community, bbox }: ItemFilter) => {
  const envelope = bbox && sql`ST_MakeEnvelope(${bbox[0]}::float8, ${bbox[1]}::float8, ${bbox[2]}::float8, ${bbox[3]}::float8, 4326)`;
  return sql`f.kind = ${kind}
    ${community === undefined ? sql`` : sql`AND f.community_id = ${community}`}
    ${envelope ? sql`AND f.geom && ${envelope} AND ST_Intersects(f.geom, ${envelope})` : sql``}`;
};

export async function countItems(sql: Sql, filter: ItemFilter): Promise<number> {
  const [{ n }] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM feature f WHERE ${where(sql, filter)}`;
  return n;
}

export async function listItems(sql: Sql, filter: ItemFilter, page: { limit: number; offset: number }): Promise<OgcFeature[]> {
  const rows = await sql<ItemRow[]>`
    SELECT f.community_id, f.id, f.props, ST_AsGeoJSON(f.geom)::json AS geometry
    FROM feature f WHERE ${where(sql, filter)}
    ORDER BY f.community_id, f.seq
    LIMIT ${page.limit}::int OFFSET ${page.offset}::int`;
  return rows.map(toFeature);
}

export async function getItem(sql: Sql, kind: FeatureKind, communityId: string, id: string): Promise<OgcFeature | null> {
  const [row] = await sql<ItemRow[]>`
    SELECT f.community_id, f.id, f.props, ST_AsGeoJSON(f.geom)::json AS geometry
    FROM feature f WHERE f.community_id = ${communityId} AND f.id = ${id} AND f.kind = ${kind}`;
  return row ? toFeature(row) : null;
}

/** The lon/lat extent and count of each kind that has features. */
export async function kindExtents(sql: Sql): Promise<Map<string, { bbox: BBox; count: number }>> {
  const rows = await sql<{ kind: string; n: number; min_lon: number; min_lat: number; max_lon: number; max_lat: number }[]>`
    SELECT kind, n, ST_XMin(e)::float8 AS min_lon, ST_YMin(e)::float8 AS min_lat, ST_XMax(e)::float8 AS max_lon, ST_YMax(e)::float8 AS max_lat
    FROM (SELECT f.kind, count(*)::int AS n, ST_Extent(f.geom) AS e FROM feature f GROUP BY f.kind) s`;
  return new Map(rows.map((r) => [r.kind, { count: r.n, bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat] }]));
}
