/**
 * Live oracle: the engine against a real PostgreSQL 15 + PostGIS 3.3 + pgRouting 3.4 (runs only with
 * DATABASE_URL). Works in its own schema oracle_<random>, dropped afterwards. Community area and 5G rate by
 * ST_Area(geography) / ST_Union; the 15-minute walk by ST_Node + pgr_withPointsCost (undirected, points on
 * edges; points that snap exactly onto an edge end are routed from that vertex, as pgRouting 3.4 drops them —
 * see data/real/nanjing-qinhuai-wulaocun/oracle.sql).
 */
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { polygonAreaM2 } from '../../engine/geo/area.ts';
import { measure as fiveG } from '../../engine/measures/5g.ts';
import { measure as sportsWalk, type BuildingWalk } from '../../engine/measures/sports-walk.ts';
import { buildTwin } from '../../engine/twin/model.ts';
import type { TwinFile } from '../../engine/twin/types.ts';

const url = process.env.DATABASE_URL;
const realTwin = JSON.parse(readFileSync(new URL('../../data/real/nanjing-qinhuai-wulaocun/twin.geojson', import.meta.url), 'utf8')) as TwinFile;
const fixtureTwin = JSON.parse(readFileSync(new URL('../fixtures/sports-walk/two-network-parts-venue-outside.in.geojson', import.meta.url), 'utf8')) as TwinFile;

describe.skipIf(!url)('PostGIS + pgRouting live oracle (DATABASE_URL)', () => {
  const schema = `oracle_${Math.random().toString(36).slice(2, 10)}`;
  let sql: postgres.Sql;

  /** Load a twin into <schema>.<name>_* tables and walk it in SQL; returns total walk metres per residential building. */
  async function sqlWalk(name: string, file: TwinFile): Promise<Map<string, number | null>> {
    const t = (suffix: string) => sql(`${name}_${suffix}`);
    await sql`CREATE TABLE ${t('twin')} AS
      SELECT f -> 'properties' AS p, f -> 'properties' ->> 'kind' AS kind, f -> 'properties' ->> 'id' AS fid,
             ST_SetSRID(ST_GeomFromGeoJSON(f ->> 'geometry'), 4326) AS geom
      FROM json_array_elements(${sql.json(file as unknown as postgres.JSONValue)}::json -> 'features') AS f`;
    const [{ utm }] = await sql<{ utm: number }[]>`
      SELECT 32600 + floor((ST_X(ST_Centroid(geom)) + 180) / 6)::int + 1 AS utm FROM ${t('twin')} WHERE kind = 'community'`;
    await sql`CREATE TABLE ${t('edges')} AS
      WITH noded AS (SELECT ST_Node(ST_Collect(geom ORDER BY fid)) AS g FROM ${t('twin')} WHERE kind = 'path')
      SELECT d.path[1]::bigint AS id, d.geom, ST_Length(d.geom::geography) AS cost, ST_Transform(d.geom, ${utm}::int) AS geom_utm,
             NULL::bigint AS source, NULL::bigint AS target
      FROM noded, LATERAL ST_Dump(noded.g) AS d WHERE ST_Length(d.geom::geography) > 0`;
    await sql`CREATE TABLE ${t('vertices')} AS
      SELECT * FROM pgr_extractVertices(format('SELECT id, geom FROM %I.%I ORDER BY id', ${schema}::text, ${`${name}_edges`}::text))`;
    await sql`UPDATE ${t('edges')} AS e SET source = v.id FROM ${t('vertices')} AS v WHERE e.id = ANY (v.out_edges)`;
    await sql`UPDATE ${t('edges')} AS e SET target = v.id FROM ${t('vertices')} AS v WHERE e.id = ANY (v.in_edges)`;
    await sql`CREATE TABLE ${t('pts')} AS
      SELECT row_number() OVER (ORDER BY typ, fid)::bigint AS pid, s.* FROM (
        SELECT 'b'::text AS typ, fid, ST_Centroid(geom) AS geom FROM ${t('twin')} WHERE kind = 'building' AND p ->> 'use' = 'residential'
        UNION ALL
        SELECT 'v', fid, ST_Centroid(geom) FROM ${t('twin')} WHERE kind = 'venue' AND p ->> 'type' = 'sports') AS s`;
    await sql`CREATE TABLE ${t('snaps')} AS
      SELECT pt.pid, e.id AS edge_id, ST_LineLocatePoint(e.geom_utm, ST_Transform(pt.geom, ${utm}::int)) AS fraction,
             ST_Distance(pt.geom::geography, ST_Transform(ST_ClosestPoint(e.geom_utm, ST_Transform(pt.geom, ${utm}::int)), 4326)::geography) AS snap_m,
             NULL::bigint AS route_id
      FROM ${t('pts')} AS pt
      CROSS JOIN LATERAL (SELECT id, geom_utm FROM ${t('edges')} ORDER BY geom_utm <-> ST_Transform(pt.geom, ${utm}::int), id LIMIT 1) AS e`;
    await sql`UPDATE ${t('snaps')} AS s
      SET route_id = CASE WHEN s.fraction <= 0 THEN e.source WHEN s.fraction >= 1 THEN e.target ELSE -s.pid END
      FROM ${t('edges')} AS e WHERE e.id = s.edge_id`;
    await sql`CREATE TABLE ${t('costs')} AS
      SELECT start_pid, end_pid, agg_cost FROM pgr_withPointsCost(
        format('SELECT id, source, target, cost, cost AS reverse_cost FROM %I.%I', ${schema}::text, ${`${name}_edges`}::text),
        format('SELECT pid, edge_id, fraction FROM %I.%I WHERE fraction > 0 AND fraction < 1', ${schema}::text, ${`${name}_snaps`}::text),
        (SELECT array_agg(DISTINCT s.route_id) FROM ${t('snaps')} AS s JOIN ${t('pts')} AS p USING (pid) WHERE p.typ = 'b'),
        (SELECT array_agg(DISTINCT s.route_id) FROM ${t('snaps')} AS s JOIN ${t('pts')} AS p USING (pid) WHERE p.typ = 'v'),
        directed := false)
      UNION ALL
      SELECT DISTINCT sb.route_id, sv.route_id, 0::float8
      FROM ${t('snaps')} AS sb JOIN ${t('pts')} AS pb ON pb.pid = sb.pid AND pb.typ = 'b'
      JOIN ${t('snaps')} AS sv ON sv.route_id = sb.route_id JOIN ${t('pts')} AS pv ON pv.pid = sv.pid AND pv.typ = 'v'`;
    const rows = await sql<{ fid: string; total_m: number | null }[]>`
      SELECT b.fid, (SELECT min(sb.snap_m + c.agg_cost + sv.snap_m)
                     FROM ${t('costs')} AS c JOIN ${t('snaps')} AS sv ON sv.route_id = c.end_pid
                     JOIN ${t('pts')} AS v ON v.pid = sv.pid AND v.typ = 'v'
                     WHERE c.start_pid = sb.route_id) AS total_m
      FROM ${t('pts')} AS b JOIN ${t('snaps')} AS sb ON sb.pid = b.pid WHERE b.typ = 'b' ORDER BY b.fid`;
    return new Map(rows.map((r) => [r.fid, r.total_m === null ? null : Number(r.total_m)]));
  }

  beforeAll(async () => {
    sql = postgres(url as string, { max: 1, onnotice: () => {} });
    await sql`CREATE EXTENSION IF NOT EXISTS postgis`;
    await sql`CREATE EXTENSION IF NOT EXISTS pgrouting`;
    await sql`CREATE SCHEMA ${sql(schema)}`;
    await sql`SET search_path TO ${sql(schema)}, public`;
  });
  afterAll(async () => {
    if (!sql) return;
    await sql`DROP SCHEMA IF EXISTS ${sql(schema)} CASCADE`;
    await sql.end();
  });

  test('community area and 5G rate agree with ST_Area(geography) / ST_Union within 0.1 %', async () => {
    const features = realTwin.features;
    const [row] = await sql<{ area: number; covered: number }[]>`
      WITH f AS (SELECT f -> 'properties' ->> 'kind' AS kind, ST_SetSRID(ST_GeomFromGeoJSON(f ->> 'geometry'), 4326) AS geom
                 FROM json_array_elements(${sql.json(features as unknown as postgres.JSONValue)}::json) AS f),
           c AS (SELECT geom FROM f WHERE kind = 'community'),
           u AS (SELECT ST_Union(geom) AS geom FROM f WHERE kind = 'fiveG' AND GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON'))
      SELECT ST_Area(c.geom::geography) AS area, ST_Area(ST_Intersection(u.geom, c.geom)::geography) AS covered FROM c, u`;
    const twin = buildTwin(realTwin);
    const areaM2 = polygonAreaM2(twin.community.geometry, twin.projection);
    expect(Math.abs(areaM2 / row.area - 1)).toBeLessThan(1e-3);
    const r = fiveG.run(twin, { params: { ...fiveG.defaults }, tier: 'basic', threshold: 80 });
    const sqlRate = (100 * row.covered) / row.area;
    expect(Math.abs((r.value as number) / sqlRate - 1)).toBeLessThan(1e-3);
  });

  test.each([
    ['real', realTwin, [500, 800, 1000]],
    ['fixture', fixtureTwin, [485, 1000]],
  ] as const)('walk on the %s twin: totals within 1 m, reachability equal away from the limit', async (name, file, limits) => {
    const sqlTotals = await sqlWalk(name, file);
    if (name === 'fixture') {
      // the design (test/fixtures/sports-walk/make-fixtures.ts): A 480 m, B 490 m, C on a part without a venue
      expect(sqlTotals.get('A')).toBeCloseTo(480, 1);
      expect(sqlTotals.get('B')).toBeCloseTo(490, 1);
      expect(sqlTotals.get('C')).toBeNull();
    }
    const twin = buildTwin(file);
    for (const limitM of limits) {
      const r = sportsWalk.run(twin, { params: { walkDistanceM: limitM }, tier: 'growth', threshold: 100 });
      const mine = r.evidence.perBuilding as BuildingWalk[];
      expect(mine.length).toBe(sqlTotals.size);
      for (const b of mine) {
        const o = sqlTotals.get(b.id);
        expect(o === null, `${b.id} route`).toBe(b.totalM === null);
        if (o == null || b.totalM === null) continue;
        expect(Math.abs(b.totalM - o), b.id).toBeLessThan(1);
        if (Math.abs(o - limitM) > 1) expect(b.reached, `${b.id} at ${limitM} m`).toBe(o <= limitM);
      }
    }
  });
});
