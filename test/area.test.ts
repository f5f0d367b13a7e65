import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildTwin } from '../engine/twin/model.ts';
import { polygonAreaM2 } from '../engine/geo/area.ts';
import type { TwinFile } from '../engine/twin/types.ts';

const realDir = new URL('../data/real/nanjing-qinhuai-wulaocun/', import.meta.url);

describe('community area', () => {
  test('matches PostGIS ST_Area(geography) on the real OSM community within 0.01 %', () => {
    const twin = buildTwin(JSON.parse(readFileSync(new URL('twin.geojson', realDir), 'utf8')) as TwinFile);
    const oracle = JSON.parse(readFileSync(new URL('oracle.json', realDir), 'utf8'));
    const area = polygonAreaM2(twin.community.geometry, twin.projection);
    expect(Math.abs(area / oracle.community.areaM2 - 1)).toBeLessThan(1e-4);
  });
});
