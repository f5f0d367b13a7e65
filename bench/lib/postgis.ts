/**
 * The PostGIS + pgRouting side of the benchmarks: the same measures in SQL on the same data, in a scratch
 * schema bench_<random> (dropped by `close`). The SQL follows the oracles (data/real/…/oracle.sql,
 * oracle_video.sql, test/oracle/postgis.test.ts); times are wall times of the queries on loopback.
 */
import postgres from 'postgres';
import type { TwinFile } from '../../engine/twin/types.ts';

export type Sql = postgres.Sql;

export interface Scratch { sql: Sql; schema: string; versions: string; close(): Promise<void> }

export async function openScratch(url: string): Promise<Scratch> {
  const schema = `bench_${Math.random().toString(36).slice(2, 10)}`;
  const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { search_path: `${schema}, public` } });
  await sql`CREATE EXTENSION IF NOT EXISTS postgis`;
  await sql`CREATE EXTENSION IF NOT EXISTS pgrouting`;
  await sql`CREATE SCHEMA ${sql(schema)}`;
  const [v] = await sql<{ v: string }[]>`SELECT format('PostgreSQL %s, PostGIS %s (GEOS %s), pgRouting %s',
    current_setting('server_version'), postgis_lib_version(), postgis_geos_version(), pgr_version()) AS v`;
  return {
    sql, schema, versions: v.v,
    async close() { await sql`DROP SCHEMA ${sql(schema)} CASCADE`; await sql.end(); },
  };
}

/** The twin as table `twin` (p, kind, fid, geom 4326) and its UTM zone's SRID. */
export async function loadTwin(sql: Sql, file: TwinFile): Promise<number> {
  await sql`DROP TABLE IF EXISTS twin`;
  await sql`CREATE TABLE twin AS
    SELECT f -> 'properties' AS p, f -> 'properties' ->> 'kind' AS kind, f -> 'properties' ->> 'id' AS fid,
           ST_SetSRID(ST_GeomFromGeoJSON(f ->> 'geometry'), 4326) AS geom
    FROM json_array_elements(${sql.json(file as unknown as postgres.JSONValue)}::json -> 'features') AS f`;
  const [{ utm }] = await sql<{ utm: number }[]>`
    SELECT 32600 + floor((ST_X(ST_Centroid(geom)) + 180) / 6)::int + 1 AS utm FROM twin WHERE kind = 'community'`;
  return utm;
}

/** 5G rate: coverage polygons (table `coverage`, geom 4326) unioned, intersected with the community, geodesic areas. */
export async function fiveGRate(sql: Sql): Promise<number> {
  const [r] = await sql<{ rate: number }[]>`
    WITH c AS (SELECT geom FROM twin WHERE kind = 'community'), u AS (SELECT ST_Union(geom) AS geom FROM coverage)
    SELECT 100 * ST_Area(ST_Intersection(u.geom, c.geom)::geography) / ST_Area(c.geom::geography) AS rate FROM u, c`;
  return Number(r.rate);
}

/** video-coverage as oracle_video.sql: samples, camera pairs (ST_DWithin rangeM + 20 m), azimuth, line of sight. */
export async function videoCoverage(sql: Sql, utm: number): Promise<number> {
  await sql.begin(async (tx) => {
    await tx`DROP TABLE IF EXISTS cams, blds, kl, samples, pairs`;
    await tx`CREATE TABLE cams AS
      SELECT fid AS id, (p ->> 'headingDeg')::float8 AS heading, (p ->> 'hfovDeg')::float8 AS hfov, (p ->> 'rangeM')::float8 AS range_m,
             (p ->> 'online')::boolean AND (p ->> 'intact')::boolean AS active, geom::geography AS geog, ST_Transform(geom, ${utm}::int) AS geom_utm
      FROM twin WHERE kind = 'camera'`;
    await tx`CREATE INDEX ON cams USING gist (geog)`;
    await tx`CREATE TABLE blds AS SELECT fid AS id, ST_Transform(geom, ${utm}::int) AS geom_utm FROM twin WHERE kind = 'building'`;
    await tx`CREATE INDEX ON blds USING gist (geom_utm)`;
    await tx`CREATE TABLE kl AS SELECT fid AS id, GeometryType(geom) AS gtype, geom, ST_Transform(geom, ${utm}::int) AS geom_utm,
             ST_Length(ST_Transform(geom, ${utm}::int)) AS len_utm FROM twin WHERE kind = 'keyLocation'`;
    await tx`CREATE TABLE samples AS
      SELECT id AS kl_id, 0 AS k, geom_utm AS p_utm, geom::geography AS geog FROM kl WHERE gtype = 'POINT'
      UNION ALL
      SELECT s.kl_id, s.k, s.p_utm, ST_Transform(s.p_utm, 4326)::geography FROM (
        SELECT kl.id AS kl_id, g.k, CASE WHEN g.k <= floor(kl.len_utm) THEN ST_LineInterpolatePoint(kl.geom_utm, g.k / kl.len_utm)
                                         ELSE ST_EndPoint(kl.geom_utm) END AS p_utm
        FROM kl, LATERAL generate_series(0, ceil(kl.len_utm)::int) AS g(k) WHERE kl.gtype = 'LINESTRING') AS s`;
    await tx`CREATE TABLE pairs AS
      SELECT s.kl_id, s.k, c.active, c.range_m, c.hfov, ST_Distance(c.geog, s.geog) AS dist_m,
             (degrees(ST_Azimuth(c.geog, s.geog)) - c.heading) - 360 * floor((degrees(ST_Azimuth(c.geog, s.geog)) - c.heading + 180) / 360) AS delta_deg,
             ST_MakeLine(c.geom_utm, s.p_utm) AS seg
      FROM samples AS s JOIN cams AS c ON ST_DWithin(c.geog, s.geog, c.range_m + 20)`;
    await tx`ALTER TABLE pairs ADD COLUMN sees boolean`;
    await tx`UPDATE pairs AS pr SET sees = NOT EXISTS (
        SELECT 1 FROM blds AS b WHERE b.geom_utm && pr.seg AND ST_Relate(pr.seg, b.geom_utm, 'T********')
          AND ST_Length(ST_Intersection(pr.seg, b.geom_utm)) > 0.01)
      WHERE dist_m <= range_m AND abs(delta_deg) <= hfov / 2`;
  });
  const [r] = await sql<{ value: number }[]>`
    WITH sc AS (SELECT s.kl_id, s.k, coalesce(bool_or(pr.active AND pr.sees), false) AS covered
                FROM samples AS s LEFT JOIN pairs AS pr ON pr.kl_id = s.kl_id AND pr.k = s.k GROUP BY s.kl_id, s.k),
         kc AS (SELECT kl_id, avg(covered::int) AS coverage FROM sc GROUP BY kl_id)
    SELECT 100 * avg(coverage) AS value FROM kc`;
  return Number(r.value);
}

/** sports-walk as oracle.sql: ST_Node, pgr_extractVertices, snaps, pgr_withPointsCost; % of households reached. */
export async function sportsWalk(sql: Sql, utm: number, schema: string, limitM = 1000): Promise<number> {
  await sql.begin(async (tx) => {
    await tx`DROP TABLE IF EXISTS w_edges, w_vertices, w_pts, w_snaps, w_costs`;
    await tx`CREATE TABLE w_edges AS
      WITH noded AS (SELECT ST_Node(ST_Collect(geom ORDER BY fid)) AS g FROM twin WHERE kind = 'path')
      SELECT d.path[1]::bigint AS id, d.geom, ST_Length(d.geom::geography) AS cost, ST_Transform(d.geom, ${utm}::int) AS geom_utm,
             NULL::bigint AS source, NULL::bigint AS target
      FROM noded, LATERAL ST_Dump(noded.g) AS d WHERE ST_Length(d.geom::geography) > 0`;
    await tx`CREATE INDEX ON w_edges USING gist (geom_utm)`;
    await tx`CREATE TABLE w_vertices AS SELECT * FROM pgr_extractVertices(format('SELECT id, geom FROM %I.w_edges ORDER BY id', ${schema}::text))`;
    await tx`UPDATE w_edges AS e SET source = v.id FROM w_vertices AS v WHERE e.id = ANY (v.out_edges)`;
    await tx`UPDATE w_edges AS e SET target = v.id FROM w_vertices AS v WHERE e.id = ANY (v.in_edges)`;
    await tx`CREATE TABLE w_pts AS
      SELECT row_number() OVER (ORDER BY typ, fid)::bigint AS pid, s.* FROM (
        SELECT 'b'::text AS typ, fid, coalesce((p ->> 'households')::int, 0) AS households, ST_Centroid(geom) AS geom
        FROM twin WHERE kind = 'building' AND p ->> 'use' = 'residential'
        UNION ALL
        SELECT 'v', fid, 0, ST_Centroid(geom) FROM twin WHERE kind = 'venue' AND p ->> 'type' = 'sports') AS s`;
    await tx`CREATE TABLE w_snaps AS
      SELECT pt.pid, e.id AS edge_id, ST_LineLocatePoint(e.geom_utm, ST_Transform(pt.geom, ${utm}::int)) AS fraction,
             ST_Distance(pt.geom::geography, ST_Transform(ST_ClosestPoint(e.geom_utm, ST_Transform(pt.geom, ${utm}::int)), 4326)::geography) AS snap_m,
             NULL::bigint AS route_id
      FROM w_pts AS pt
      CROSS JOIN LATERAL (SELECT id, geom_utm FROM w_edges ORDER BY geom_utm <-> ST_Transform(pt.geom, ${utm}::int), id LIMIT 1) AS e`;
    await tx`UPDATE w_snaps AS s SET route_id = CASE WHEN s.fraction <= 0 THEN e.source WHEN s.fraction >= 1 THEN e.target ELSE -s.pid END
      FROM w_edges AS e WHERE e.id = s.edge_id`;
    await tx`CREATE TABLE w_costs AS
      SELECT start_pid, end_pid, agg_cost FROM pgr_withPointsCost(
        format('SELECT id, source, target, cost, cost AS reverse_cost FROM %I.w_edges', ${schema}::text),
        format('SELECT pid, edge_id, fraction FROM %I.w_snaps WHERE fraction > 0 AND fraction < 1', ${schema}::text),
        (SELECT array_agg(DISTINCT s.route_id) FROM w_snaps AS s JOIN w_pts AS p USING (pid) WHERE p.typ = 'b'),
        (SELECT array_agg(DISTINCT s.route_id) FROM w_snaps AS s JOIN w_pts AS p USING (pid) WHERE p.typ = 'v'),
        directed := false)
      UNION ALL
      SELECT DISTINCT sb.route_id, sv.route_id, 0::float8
      FROM w_snaps AS sb JOIN w_pts AS pb ON pb.pid = sb.pid AND pb.typ = 'b'
      JOIN w_snaps AS sv ON sv.route_id = sb.route_id JOIN w_pts AS pv ON pv.pid = sv.pid AND pv.typ = 'v'`;
  });
  const [r] = await sql<{ share: number }[]>`
    WITH walk AS (
      SELECT b.households, (SELECT min(sb.snap_m + c.agg_cost + sv.snap_m)
                            FROM w_costs AS c JOIN w_snaps AS sv ON sv.route_id = c.end_pid
                            JOIN w_pts AS v ON v.pid = sv.pid AND v.typ = 'v' WHERE c.start_pid = sb.route_id) AS total_m
      FROM w_pts AS b JOIN w_snaps AS sb ON sb.pid = b.pid WHERE b.typ = 'b')
    SELECT 100 * coalesce(sum(households) FILTER (WHERE total_m <= ${limitM}), 0)::float8 / nullif(sum(households), 0) AS share FROM walk`;
  return Number(r.share);
}

/** One edge of the engine's walk network, as pgRouting takes it (vertex ids + 1: pgRouting wants them > 0). */
export interface GraphEdge { id: number; source: number; target: number; cost: number }
export interface GraphPoint { pid: number; edgeId: number; fraction: number }

/** Load the engine's graph as tables g_edges / g_points (so both sides walk exactly the same graph). */
export async function loadGraph(sql: Sql, edges: readonly GraphEdge[], points: readonly GraphPoint[]): Promise<void> {
  await sql`DROP TABLE IF EXISTS g_edges, g_points`;
  await sql`CREATE TABLE g_edges (id bigint PRIMARY KEY, source bigint, target bigint, cost float8)`;
  await sql`CREATE TABLE g_points (pid bigint PRIMARY KEY, edge_id bigint, fraction float8)`;
  for (let i = 0; i < edges.length; i += 5000) {
    const rows = edges.slice(i, i + 5000).map((e) => ({ id: e.id + 1, source: e.source + 1, target: e.target + 1, cost: e.cost }));
    await sql`INSERT INTO g_edges ${sql(rows)}`;
  }
  if (points.length) await sql`INSERT INTO g_points ${sql(points.map((p) => ({ pid: p.pid, edge_id: p.edgeId + 1, fraction: p.fraction })))}`;
  await sql`ANALYZE g_edges`;
}

/** pgr_withPointsDD from every point at once (undirected): the engine vertex ids (0-based) reached within limitM. */
export async function withPointsDD(sql: Sql, schema: string, limitM: number): Promise<Set<number>> {
  const rows = await sql<{ node: string }[]>`
    SELECT DISTINCT node FROM pgr_withPointsDD(
      format('SELECT id, source, target, cost, cost AS reverse_cost FROM %I.g_edges', ${schema}::text),
      format('SELECT pid, edge_id, fraction FROM %I.g_points', ${schema}::text),
      (SELECT array_agg(-pid) FROM g_points), ${limitM}::float8,
      directed := false, driving_side := 'b', details := false)
    WHERE node > 0`;
  return new Set(rows.map((r) => Number(r.node) - 1));
}
