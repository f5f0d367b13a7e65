/**
 * Union of 500 coverage-like polygons (random circles as 64-gons, radius 20–150 m, in a 2 km square; seeded):
 * the engine's Clipper union (one operation over every path), a cascaded Clipper union (pairs of spatial
 * neighbours, level by level, as GEOS's CascadedPolygonUnion does), Turf's union, and PostGIS ST_Union on the
 * same metre coordinates (SRID 0, so GEOS does the same planar job). Areas are compared.
 */
import { area as turfArea, featureCollection, polygon, union as turfUnion } from '@turf/turf';
import type postgres from 'postgres';
import { areaM2, cascadedUnion, union, type MultiPolygonM } from '../../engine/geo/clip.ts';
import { localProjection } from '../../engine/geo/projection.ts';
import { prng } from '../large-community.ts';
import { timeAsync, timeSync } from '../lib/machine.ts';
import type * as pg from '../lib/postgis.ts';
import type { Row } from '../lib/table.ts';

function circles(n: number): MultiPolygonM[] {
  const random = prng(20261126);
  return Array.from({ length: n }, () => {
    const cx = (random() - 0.5) * 2000, cy = (random() - 0.5) * 2000, r = 20 + random() * 130;
    return [[Array.from({ length: 64 }, (_, k): [number, number] => [cx + r * Math.sin((2 * Math.PI * k) / 64), cy + r * Math.cos((2 * Math.PI * k) / 64)])]];
  });
}

export async function unionSection(runs: number, scratch: pg.Scratch | null, withTurf: boolean): Promise<Row[]> {
  const n = 500;
  const parts = circles(n);
  const engine = timeSync(() => union(parts), runs);
  const cascaded = timeSync(() => cascadedUnion(parts), runs);
  const area = areaM2(engine.out);
  const rows: Row[] = [];
  let postgisMs: number | null = null, postgisArea: number | null = null;
  if (scratch) {
    const { sql } = scratch;
    await sql`DROP TABLE IF EXISTS circles`;
    await sql`CREATE TABLE circles (id int, geom geometry(Polygon, 0))`;
    const wkt = parts.map((mp, id) => ({ id, wkt: `POLYGON((${[...mp[0][0], mp[0][0][0]].map(([x, y]) => `${x} ${y}`).join(',')}))` }));
    await sql`INSERT INTO circles SELECT (r ->> 'id')::int, ST_GeomFromText(r ->> 'wkt', 0) FROM json_array_elements(${sql.json(wkt as unknown as postgres.JSONValue)}::json) AS r`;
    const t = await timeAsync(async () => (await sql<{ a: number }[]>`SELECT ST_Area(ST_Union(geom)) AS a FROM circles`)[0].a, runs);
    postgisMs = t.ms; postgisArea = Number(t.out);
  }
  const sameArea = (a: number | null) => (a === null ? 'skipped: no DATABASE_URL' : `area ${area.toFixed(1)} vs ${a.toFixed(1)} m² (rel. diff ${(Math.abs(area - a) / a).toExponential(1)})`);
  rows.push({
    section: 'union of 500 polygons', figure: 'engine: Clipper, one Union over all paths', ours: engine.ms,
    anchor: { name: 'PostGIS ST_Union (GEOS cascaded)', value: postgisMs }, target: 'faster than PostGIS',
    met: postgisMs === null ? null : engine.ms < postgisMs, note: sameArea(postgisArea),
  });
  rows.push({
    section: 'union of 500 polygons', figure: 'engine cascadedUnion: Clipper, Z-order groups of 4, level by level', ours: cascaded.ms,
    anchor: { name: 'PostGIS ST_Union (GEOS cascaded)', value: postgisMs }, target: 'faster than PostGIS',
    met: postgisMs === null ? null : cascaded.ms < postgisMs,
    note: `area ${areaM2(cascaded.out).toFixed(1)} m² vs one-op ${area.toFixed(1)} m²`,
  });
  if (withTurf) {
    const proj = localProjection(118.79, 32.04);
    const lonLat = parts.map((c) => { const ring = c[0][0].map((p) => proj.inverse(p)); return polygon([[...ring, ring[0]]]); });
    const turf = timeSync(() => turfUnion(featureCollection(lonLat)), 1, 0);
    rows.push({
      section: 'union of 500 polygons', figure: 'engine: Clipper, one Union over all paths', ours: engine.ms,
      anchor: { name: 'Turf union (polyclip-ts, lon/lat), 1 run', value: turf.ms },
      note: `Turf geodesic area ${turf.out ? turfArea(turf.out).toFixed(1) : 'n/a'} m²`,
    });
  }
  return rows;
}
