/**
 * The same tiles either way: on a PostgreSQL server (DATABASE_URL), every tile over the real
 * community is encoded by ST_AsMVT and by the embedded encoder (geojson-vt + vt-pbf, fed by
 * ST_AsGeoJSON) and decoded; per layer the feature ids and properties must match, and each
 * vertex (but those in the outer half of the buffer) must lie within 2 tile units — a quarter
 * pixel at 512 px — of the other's outline.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FeatureKind } from '../../engine/twin/types.ts';
import { tileRenderer } from '../../server/tiles/render.ts';
import { tileAt, type TileAddress } from '../../server/tiles/tileMath.ts';
import { readWulaocun } from '../server/twins.ts';
import { importTwin, openInterfaceApp, type InterfaceApp } from './app.ts';
import { decodeTile, vertexDistance, type DecodedFeature } from './mvt.ts';

const LAYERS: FeatureKind[] = ['community', 'compound', 'building', 'camera', 'path', 'fiveG', 'venue', 'keyLocation'];
const ZOOMS = [14, 16, 17];

describe.skipIf(!process.env.DATABASE_URL)('ST_AsMVT and the embedded encoder make the same tiles', () => {
  let env: InterfaceApp;
  let bounds: number[];
  beforeAll(async () => {
    env = await openInterfaceApp();
    await importTwin(env.url, readWulaocun(), 'wulaocun');
    bounds = (await (await fetch(`${env.url}/tiles/community.json`)).json()).bounds;
  });
  afterAll(async () => env?.close());

  const tilesAt = (z: number): TileAddress[] => {
    const nw = tileAt(bounds[0], bounds[3], z), se = tileAt(bounds[2], bounds[1], z);
    const tiles: TileAddress[] = [];
    for (let x = nw.x; x <= se.x; x++) for (let y = nw.y; y <= se.y; y++) tiles.push({ z, x, y });
    return tiles;
  };

  test.each(ZOOMS)('zoom %i', async (z) => {
    const postgis = tileRenderer(env.db.sql, { mode: 'postgres', encoder: 'postgis' });
    const embedded = tileRenderer(env.db.sql, { mode: 'postgres', encoder: 'geojson-vt' });
    let compared = 0;
    for (const tile of tilesAt(z)) {
      for (const layer of LAYERS) {
        const [a, b] = await Promise.all([postgis.render({ layer, tile }), embedded.render({ layer, tile })]);
        const where = `${layer} ${z}/${tile.x}/${tile.y}`;
        const fromPostgis: DecodedFeature[] = decodeTile(a.body)[layer] ?? [];
        const fromEmbedded = new Map((decodeTile(b.body)[layer] ?? []).map((f) => [f.id, f]));
        expect([...fromEmbedded.keys()].sort(), where).toEqual(fromPostgis.map((f) => f.id).sort());
        for (const f of fromPostgis) {
          const g = fromEmbedded.get(f.id)!;
          expect(g.type, `${where} ${f.id}`).toBe(f.type);
          expect(Object.keys(g.properties).sort(), `${where} ${f.id}`).toEqual(Object.keys(f.properties).sort());
          for (const [key, value] of Object.entries(f.properties)) {
            if (typeof value === 'number') expect(g.properties[key] as number, `${where} ${f.id}.${key}`).toBeCloseTo(value, 6);
            else expect(g.properties[key], `${where} ${f.id}.${key}`).toBe(value);
          }
          expect(Math.max(vertexDistance(f, g), vertexDistance(g, f)), `${where} ${f.id}`).toBeLessThanOrEqual(2);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(50);
  });
});
