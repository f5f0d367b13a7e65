/**
 * The tile SQL, in one place. A tile is read in two steps inside one snapshot: which
 * communities have features of the layer in the tile (their versions make the ETag), then
 * those communities' features — so every feature query is filtered by community_id.
 */
import type { Feature, Geometry } from 'geojson';
import type { Sql, TransactionSql } from 'postgres';
import type { FeatureKind } from '../../engine/twin/types.ts';
import { KIND_FIELDS } from './layers.ts';
import { BUFFER, EXTENT, tileBoundsLonLat, type TileAddress } from './tileMath.ts';

type Db = Sql | TransactionSql;
/** Scalar tile properties: the common fields plus the kind's attributes. */
export type TileProps = Record<string, string | number | boolean>;

export interface TileScope { layer: FeatureKind; tile: TileAddress; community?: string }
export interface CommunityStamp { id: string; version: number; updated: string }

const envelope = (sql: Db, tile: TileAddress) => {
  const [minLon, minLat, maxLon, maxLat] = tileBoundsLonLat(tile, BUFFER);
  return sql`ST_MakeEnvelope(${minLon}::float8, ${minLat}::float8, ${maxLon}::float8, ${maxLat}::float8, 4326)`;
};

const stampColumns = (sql: Db) => sql`c.id, c.version, to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS updated`;

/** Communities with features of the layer in the (buffered) tile, with their versions. */
export async function tileCommunities(sql: Db, { layer, tile, community }: TileScope): Promise<CommunityStamp[]> {
  return sql<CommunityStamp[]>`
    SELECT ${stampColumns(sql)}
    FROM community c
    WHERE ${community === undefined ? sql`TRUE` : sql`c.id = ${community}`}
      AND EXISTS (SELECT 1 FROM feature f
                  WHERE f.community_id = c.id AND f.kind = ${layer} AND f.geom && ${envelope(sql, tile)})
    ORDER BY c.id`;
}

/**
 * Every community's version (embedded mode: a handful of communities, one query shared by
 * all tile requests in flight; the exception to "filtered by community", like the list of communities).
 */
export async function allCommunityStamps(sql: Db): Promise<CommunityStamp[]> {
  return sql<CommunityStamp[]>`SELECT ${stampColumns(sql)} FROM community c ORDER BY c.id`;
}

export type LonLatBox = [number, number, number, number];

/** The lon/lat extent of each kind's features in some communities. */
export async function kindExtents(sql: Db, communities: string[]): Promise<{ community: string; kind: string; box: LonLatBox }[]> {
  if (communities.length === 0) return [];
  const rows = await sql<{ community_id: string; kind: string; min_lon: number; min_lat: number; max_lon: number; max_lat: number }[]>`
    SELECT community_id, kind, ST_XMin(e)::float8 AS min_lon, ST_YMin(e)::float8 AS min_lat, ST_XMax(e)::float8 AS max_lon, ST_YMax(e)::float8 AS max_lat
    FROM (SELECT f.community_id, f.kind, ST_Extent(f.geom) AS e FROM feature f
          WHERE f.community_id IN ${sql(communities)} GROUP BY f.community_id, f.kind) s`;
  return rows.map((r) => ({ community: r.community_id, kind: r.kind, box: [r.min_lon, r.min_lat, r.max_lon, r.max_lat] }));
}

/**
 * The layer's tile properties as one jsonb: common fields, then the kind's attributes;
 * arrays joined with ",", objects as JSON text, nulls dropped.
 */
const tileProps = (sql: Db, layer: FeatureKind) => sql`
  jsonb_strip_nulls(
    jsonb_build_object('id', f.id, 'kind', f.kind, 'type', f.type, 'name', f.props ->> 'name', 'community', f.community_id)
    || coalesce((
      SELECT jsonb_object_agg(p.key, CASE jsonb_typeof(p.value)
               WHEN 'array' THEN to_jsonb((SELECT string_agg(e, ',') FROM jsonb_array_elements_text(p.value) e))
               WHEN 'object' THEN to_jsonb(p.value::text)
               ELSE p.value END)
      FROM jsonb_each(f.props) p
      WHERE p.key = ANY(${Object.keys(KIND_FIELDS[layer])}::text[])), '{}'::jsonb))`;

const inTile = (sql: Db, layer: FeatureKind, tile: TileAddress, communities: string[]) => sql`
  f.community_id IN ${sql(communities)} AND f.kind = ${layer} AND f.geom && ${envelope(sql, tile)}`;

/** The features of a tile as lon/lat GeoJSON (for the geojson-vt encoder). */
export async function tileFeatures(sql: Db, layer: FeatureKind, tile: TileAddress, communities: string[]): Promise<Feature<Geometry, TileProps>[]> {
  if (communities.length === 0) return [];
  const rows = await sql<{ properties: TileProps; geometry: Geometry }[]>`
    SELECT ${tileProps(sql, layer)} AS properties, ST_AsGeoJSON(f.geom)::json AS geometry
    FROM feature f
    WHERE ${inTile(sql, layer, tile, communities)}
    ORDER BY f.community_id, f.seq`;
  return rows.map((r) => ({ type: 'Feature', properties: r.properties, geometry: r.geometry }));
}

/** The tile encoded by PostGIS itself (ST_AsMVT; not in PGlite). */
export async function tileMvt(sql: Db, layer: FeatureKind, tile: TileAddress, communities: string[]): Promise<Uint8Array> {
  if (communities.length === 0) return new Uint8Array(0);
  const { z, x, y } = tile;
  const [row] = await sql<{ mvt: Uint8Array | null }[]>`
    SELECT ST_AsMVT(t, ${layer}, ${EXTENT}::int, 'geom') AS mvt FROM (
      SELECT ST_AsMVTGeom(ST_Transform(f.geom, 3857), ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int), ${EXTENT}::int, ${BUFFER}::int, true) AS geom,
             ${tileProps(sql, layer)} AS properties
      FROM feature f
      WHERE ${inTile(sql, layer, tile, communities)}
      ORDER BY f.community_id, f.seq) t
    WHERE t.geom IS NOT NULL`;
  return row?.mvt ?? new Uint8Array(0);
}

/** The lon/lat extent of a layer's features, or null when it has none. */
export async function layerBounds(sql: Db, layer: FeatureKind, community?: string): Promise<[number, number, number, number] | null> {
  const [row] = await sql<{ min_lon: number | null; min_lat: number; max_lon: number; max_lat: number }[]>`
    SELECT ST_XMin(e)::float8 AS min_lon, ST_YMin(e)::float8 AS min_lat, ST_XMax(e)::float8 AS max_lon, ST_YMax(e)::float8 AS max_lat
    FROM (SELECT ST_Extent(f.geom) AS e FROM feature f
          WHERE f.kind = ${layer} ${community === undefined ? sql`` : sql`AND f.community_id = ${community}`}) s`;
  return row && row.min_lon !== null ? [row.min_lon, row.min_lat, row.max_lon, row.max_lat] : null;
}
