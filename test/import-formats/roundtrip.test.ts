/**
 * Every import format round-trips the Xueyuan demo: the twin exported as GeoJSON, CSV (one
 * per kind: lon/lat for points, WKT otherwise), zipped shapefile, GeoPackage and KML, then
 * read back through the import pipeline the API uses (server/import/stream), gives the same
 * features — the same ids and count per kind, every coordinate within 1e-7°, the same
 * attributes. GDAL's ogrinfo opens the shapefile set (skipped when gdal-bin is absent).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Geometry, Position } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { validateTwin } from '../../engine/twin/validate.ts';
import { exportTwinFile, type ExportFormat } from '../../server/export/index.ts';
import { shpFieldNames } from '../../server/import/formats/fieldNames.ts';
import { unzip } from '../../server/import/formats/zip.ts';
import { streamImport, type StreamOptions, type TwinLikeFeature } from '../../server/import/stream/pipeline.ts';
import { countsOf, readXueyuan, type TwinFeature } from '../import-export/helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'roundtrip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const twin = readXueyuan();
const original = twin.features as TwinFeature[];

async function readBack(name: string, body: Buffer, options: StreamOptions = {}): Promise<TwinLikeFeature[]> {
  const path = join(dir, name);
  writeFileSync(path, body);
  const features: TwinLikeFeature[] = [];
  const summary = await streamImport(path, { filename: name, ...options }, { batch: async (batch) => { features.push(...batch); } });
  expect(summary.validation.errors).toEqual([]);
  return features;
}

/** Polygon rings counter-clockwise (holes clockwise), one-part Multi* as the single type. */
function normal(g: Geometry): Geometry {
  const area = (r: Position[]) => r.reduce((a, p, i) => { const q = r[(i + 1) % r.length]; return a + p[0] * q[1] - q[0] * p[1]; }, 0);
  const orient = (rings: Position[][]) => rings.map((r, i) => ((area(r) > 0) === (i === 0) ? r : [...r].reverse()));
  if (g.type === 'MultiPolygon' && g.coordinates.length === 1) return normal({ type: 'Polygon', coordinates: g.coordinates[0] });
  if (g.type === 'MultiLineString' && g.coordinates.length === 1) return { type: 'LineString', coordinates: g.coordinates[0] };
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: orient(g.coordinates) };
  if (g.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: g.coordinates.map(orient) };
  return g;
}

function positions(g: Geometry): Position[] {
  const out: Position[] = [];
  const visit = (c: unknown): void => { if (Array.isArray(c) && typeof c[0] === 'number') out.push(c as Position); else if (Array.isArray(c)) c.forEach(visit); };
  if (g.type === 'GeometryCollection') g.geometries.forEach((x) => out.push(...positions(x))); else visit(g.coordinates);
  return out;
}
const dropNull = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== null && v !== undefined));

function expectSameFeatures(back: readonly TwinLikeFeature[], expected: readonly TwinFeature[]) {
  expect(countsOf(back)).toEqual(countsOf(expected));
  const byId = new Map(back.map((f) => [f.properties.id, f]));
  let worst = 0;
  for (const f of expected) {
    const b = byId.get(f.properties.id);
    expect(b, `feature ${f.properties.id}`).toBeDefined();
    expect(dropNull(b!.properties), `properties of ${f.properties.id}`).toEqual(dropNull(f.properties));
    const [g0, g1] = [normal(f.geometry), normal(b!.geometry)];
    expect(g1.type, `geometry type of ${f.properties.id}`).toBe(g0.type);
    const [p0, p1] = [positions(g0), positions(g1)];
    expect(p1.length, `positions of ${f.properties.id}`).toBe(p0.length);
    p0.forEach((p, i) => { worst = Math.max(worst, Math.abs(p[0] - p1[i][0]), Math.abs(p[1] - p1[i][1])); });
  }
  expect(worst).toBeLessThan(1e-7);
}

const exported = (format: ExportFormat, kinds?: string[]) => exportTwinFile(twin, 'xueyuan', { format, ...(kinds ? { kinds } : {}) });

describe('the demo round-trips through every import format', () => {
  it('GeoJSON: the whole twin, with its file members and a valid twin', async () => {
    const back = await readBack('xueyuan.geojson', (await exported('geojson')).body);
    expectSameFeatures(back, original);
    expect(validateTwin({ type: 'FeatureCollection', features: back }).ok).toBe(true);
  });

  it('CSV: one file per kind — lon/lat for point kinds, WKT for the others', async () => {
    const zip = await unzip((await exported('csv')).body);
    expect([...zip.keys()].sort()).toEqual([...new Set(original.map((f) => `${f.properties.kind}.csv`))].sort());
    const back: TwinLikeFeature[] = [];
    for (const [name, body] of zip) back.push(...await readBack(name, body, { layer: true }));
    expectSameFeatures(back, original);
  });

  it('zipped shapefile: one layer per kind and geometry family, long names through the field-name table', async () => {
    const file = await exported('shp');
    expect(file.filename).toBe('xueyuan-shp.zip');
    const zip = await unzip(file.body);
    const layers = [...zip.keys()].filter((n) => n.endsWith('.shp')).sort();
    expect(layers).toEqual(['building.shp', 'camera.shp', 'charger.shp', 'community.shp', 'compound.shp', 'facility.shp', 'fiveG.shp',
      'keyLocation_line.shp', 'keyLocation_point.shp', 'light.shp', 'path.shp', 'smartPole.shp', 'venue_point.shp', 'venue_polygon.shp']);
    for (const layer of layers) {
      const base = layer.slice(0, -4);
      expect(zip.get(`${base}.cpg`)!.toString()).toBe('UTF-8');
      expect(zip.get(`${base}.prj`)!.toString()).toMatch(/^GEOGCS\["GCS_WGS_1984"/);
      expect(zip.has(`${base}.shx`) && zip.has(`${base}.dbf`)).toBe(true);
    }
    const back = await readBack('xueyuan-shp.zip', file.body);
    expectSameFeatures(back, original);
  });

  it('GeoPackage', async () => {
    expectSameFeatures(await readBack('xueyuan.gpkg', (await exported('gpkg')).body), original);
  });

  it('KML: one folder per kind, attributes in ExtendedData', async () => {
    const file = await exported('kml');
    expect(file.body.toString('utf8', 0, 200)).toMatch(/<kml xmlns="http:\/\/www.opengis.net\/kml\/2.2"><Document><name>xueyuan<\/name>/);
    expectSameFeatures(await readBack('xueyuan.kml', file.body), original);
  });

  it('only some kinds, when asked', async () => {
    const back = await readBack('cameras.kml', (await exported('kml', ['camera'])).body, { layer: true });
    expectSameFeatures(back, original.filter((f) => f.properties.kind === 'camera'));
  });
});

describe('shapefile field names', () => {
  it('are at most 10 bytes and unique; the documented short names read back as the attributes', () => {
    const names = shpFieldNames(['kind', 'id', 'mountHeightM', 'agedAloneWithSmartDevice', 'someVeryLongName', 'someVeryLongOther', '中文很长的属性名称']);
    expect(names.slice(0, 4)).toEqual(['kind', 'id', 'mountHgtM', 'agedSmart']);
    for (const n of names) expect(Buffer.byteLength(n)).toBeLessThanOrEqual(10);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });
});

const hasOgrinfo = (() => { try { execFileSync('ogrinfo', ['--version'], { stdio: 'pipe' }); return true; } catch { return false; } })();

describe.skipIf(!hasOgrinfo)('GDAL opens the exported shapefile set', () => {
  it('ogrinfo lists every layer with its feature count, geometry type, WGS 84 and UTF-8 attributes', async () => {
    const zip = await unzip((await exported('shp')).body);
    const out = join(dir, 'shp');
    mkdirSync(out);
    for (const [name, data] of zip) writeFileSync(join(out, name), data);
    const expectations: [string, string, number][] = [
      ['camera', 'Point', original.filter((f) => f.properties.kind === 'camera').length],
      ['building', 'Polygon', 28], ['path', 'Line String', 152], ['keyLocation_line', 'Line String', 5], ['keyLocation_point', 'Point', 12],
    ];
    for (const [layer, type, count] of expectations) {
      const info = execFileSync('ogrinfo', ['-so', '-ro', join(out, `${layer}.shp`), layer], { encoding: 'utf8' });
      expect(info).toContain(`Geometry: ${type}`);
      expect(info).toContain(`Feature Count: ${count}`);
      expect(info).toMatch(/WGS[ _]84/);
      expect(info).toMatch(/mountHgtM: Real|floorHgtM: Real|kind: String/);
    }
    const camera = execFileSync('ogrinfo', ['-ro', '-q', '-where', "id = 'cam-1'", join(out, 'camera.shp'), 'camera'], { encoding: 'utf8' });
    const cam1 = original.find((f) => f.properties.id === 'cam-1')!;
    expect(camera).toContain(`name (String) = ${cam1.properties.name}`);
    expect(camera).toMatch(/online \((String|Integer)\) = (T|1)\n/); // a dBASE logical: GDAL reads T (newer versions: Integer 1)
  });
});
