/**
 * `communitytwin import` with formats and CRSs, its dry run and --out (neither opens the
 * database), and `communitytwin export`, run in-process against a copy of the test database.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Point, Position } from 'geojson';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { distanceM, fromWgs84 } from '../../engine/crs/index.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { run as runExport } from '../../server/cli/export.ts';
import { run as runImport } from '../../server/cli/import.ts';
import { processDatabase } from '../setup/db.ts';
import { smallTwin } from '../server/twins.ts';
import { countsOf, type TwinFeature } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'cli-import-'));
const noDatabase = join(dir, 'never-created');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let stdout: string[], stderr: string[];
beforeEach(() => {
  stdout = []; stderr = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { stdout.push(a.join(' ')); });
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { stderr.push(a.join(' ')); });
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { stdout.push(String(chunk)); return true; });
});
afterEach(() => { vi.restoreAllMocks(); vi.unstubAllEnvs(); });

const truth: Position[] = [[117.1201, 36.6502], [117.1215, 36.6511]];
const gcjCsv = () => {
  const file = join(dir, 'amap.csv');
  const rows = truth.map((p, i) => `${(fromWgs84({ type: 'Point', coordinates: p }, 'GCJ02') as Point).coordinates.join(',')},点位${i}`);
  writeFileSync(file, ['经度,纬度,名称', ...rows].join('\n'));
  return file;
};

describe('without a database', () => {
  beforeEach(() => { vi.stubEnv('DATABASE_URL', ''); vi.stubEnv('DATA_DIR', noDatabase); });

  test('--dry-run prints the preview and never opens the database', async () => {
    const file = join(dir, 'small.geojson');
    writeFileSync(file, JSON.stringify(smallTwin('dry')));
    expect(await runImport([file, '--dry-run'])).toBe(0);
    const preview = JSON.parse(stdout.join('\n'));
    expect(preview).toMatchObject({ format: 'geojson', features: 8, counts: { community: 1, building: 2, camera: 1 }, validation: { ok: true } });
    expect(existsSync(noDatabase)).toBe(false);
  });

  test('--dry-run of a file that would not import exits 2, still without a database', async () => {
    expect(await runImport([gcjCsv(), '--crs', 'gcj02', '--kind', 'camera', '--dry-run'])).toBe(2);
    expect(JSON.parse(stdout.join('\n')).validation).toMatchObject({ ok: false, errors: [{ field: 'features', reason: expect.stringMatching(/no community feature/) }] });
    expect(stderr.join('\n')).toMatch(/would not import/);
    expect(existsSync(noDatabase)).toBe(false);
  });

  test('--out converts a GCJ-02 CSV to a WGS 84 twin file within 1 m', async () => {
    const out = join(dir, 'cams.geojson');
    expect(await runImport([gcjCsv(), '--crs', 'gcj02', '--kind', 'camera', '--out', out])).toBe(0);
    const converted = JSON.parse(readFileSync(out, 'utf8')) as TwinFile;
    converted.features.forEach((f, i) => expect(distanceM((f.geometry as Point).coordinates, truth[i])).toBeLessThan(1));
    expect(JSON.parse(stdout.join('\n'))).toMatchObject({ out, crs: { assumed: 'GCJ02', source: 'stated' }, counts: { camera: 2 } });
    expect(existsSync(noDatabase)).toBe(false);
  });

  test('unreadable input exits 2 naming the problem', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'lon,lat\n117.1,abc\n');
    expect(await runImport([bad, '--kind', 'camera', '--dry-run'])).toBe(2);
    expect(JSON.parse(stderr.join('\n')).error).toMatchObject({ code: 'invalid_import_file', message: expect.stringMatching(/row 2, column lat/) });
    expect(await runImport([bad, '--crs', 'xian80'])).toBe(2);
    expect(JSON.parse(stderr.pop()!).error.message).toMatch(/unknown coordinate system "xian80"/);
  });
});

describe('with a database', () => {
  let database: Awaited<ReturnType<typeof processDatabase>>;
  beforeAll(async () => { database = await processDatabase(); });
  afterAll(async () => { await database?.cleanup(); });
  beforeEach(() => { vi.stubEnv('DATABASE_URL', ''); for (const [k, v] of Object.entries(database.env)) vi.stubEnv(k, v); });

  test('a GCJ-02 twin imported with --crs gcj02 is stored in WGS 84; export gives it back as GeoJSON and GeoPackage', async () => {
    const wgs = smallTwin('gcj-cli');
    const gcj = { ...wgs, features: wgs.features.map((f) => ({ ...f, geometry: fromWgs84(f.geometry, 'GCJ02') })) };
    const file = join(dir, 'gcj-twin.geojson');
    writeFileSync(file, JSON.stringify(gcj));
    expect(await runImport([file, '--crs', 'gcj02', '--id', 'gcj-cli'])).toBe(0);
    expect(JSON.parse(stdout.join('\n'))).toMatchObject({ id: 'gcj-cli', version: 1, features: 8, file: { crs: { assumed: 'GCJ02' } } });

    stdout = [];
    expect(await runExport(['gcj-cli', '--format', 'geojson'])).toBe(0);
    const back = JSON.parse(stdout.join('')) as TwinFile;
    const camera = (back.features as TwinFeature[]).find((f) => f.properties.id === 'cam1')!;
    const truthCamera = (wgs.features as TwinFeature[]).find((f) => f.properties.id === 'cam1')!;
    expect(distanceM((camera.geometry as Point).coordinates, (truthCamera.geometry as Point).coordinates)).toBeLessThan(1);

    const gpkg = join(dir, 'gcj-cli.gpkg');
    expect(await runExport(['gcj-cli', '--format', 'gpkg'])).toBe(2);
    expect(stderr.pop()).toMatch(/needs --out/);
    expect(await runExport(['gcj-cli', '--format', 'gpkg', '--out', gpkg])).toBe(0);
    expect(readFileSync(gpkg).toString('latin1', 0, 15)).toBe('SQLite format 3');
    expect(await runExport(['nowhere', '--format', 'geojson'])).toBe(2);
    expect(stderr.pop()).toMatch(/community "nowhere" not found/);
    expect(countsOf(back.features)).toEqual(countsOf(wgs.features));
  }, 180_000); // five CLI runs, each opening the embedded database: over a minute on a loaded machine
});
