/**
 * The import routes (preview, import, layers) and the export route on a real database:
 * every format round-trips the Xueyuan demo, bad files are 400s that write nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Point, Position } from 'geojson';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { distanceM, fromWgs84 } from '../../engine/crs/index.ts';
import { validateTwin } from '../../engine/twin/validate.ts';
import { importFile } from '../../server/import/formats/index.ts';
import { unzip } from '../../server/import/formats/zip.ts';
import { PRJ, writeDbf, writeShp, zip } from '../import-formats/writers.ts';
import { expectSameTwin, startApp, type RunningApp } from '../server/http.ts';
import { openTestDatabase, type TestDatabase } from '../setup/db.ts';
import { XUEYUAN_PATH, countsOf, readXueyuan, upload, without, type TwinFeature } from './helpers.ts';

let db: TestDatabase;
let app: RunningApp;
const api = (path: string) => `${app.url}/api${path}`;
const original = readXueyuan();
const originalCameras = (original.features as TwinFeature[]).filter((f) => f.properties.kind === 'camera');
const dir = mkdtempSync(join(tmpdir(), 'import-export-'));

beforeAll(async () => {
  db = await openTestDatabase();
  app = await startApp(db);
  const res = await upload(api('/import'), readFileSync(XUEYUAN_PATH), { filename: 'twin.geojson', id: 'xueyuan' });
  expect(res.status).toBe(201);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Expect a 4xx with this code and message, and no row written. */
async function expectRefused(response: Promise<Response>, status: number, code: string, message: RegExp) {
  const before = await db.counts();
  const res = await response;
  const body = await res.json();
  expect({ status: res.status, code: body.error?.code }).toEqual({ status, code });
  expect(body.error.message).toMatch(message);
  expect(await db.counts()).toEqual(before);
  return body.error;
}

describe('import', () => {
  test('the twin file imports as it is and exports back the same', async () => {
    expectSameTwin(await (await fetch(api('/communities/xueyuan/export?format=geojson'))).json(), original);
  });

  test('preview reports format, CRS, counts, extent and validation, and writes nothing', async () => {
    const before = await db.counts();
    const res = await upload(api('/import/preview'), readFileSync(XUEYUAN_PATH), { filename: 'xueyuan.geojson' });
    expect(res.status).toBe(200);
    const preview = await res.json();
    expect(preview).toMatchObject({ format: 'geojson', crs: { assumed: 'EPSG:4326' }, features: original.features.length,
      counts: countsOf(original.features), validation: { ok: true, errorCount: 0 } });
    const [minLon, minLat, maxLon, maxLat] = preview.extent;
    expect(minLon).toBeGreaterThan(117.1); expect(maxLon).toBeLessThan(117.2);
    expect(minLat).toBeGreaterThan(36.1); expect(maxLat).toBeLessThan(36.3);
    expect(preview.sample.filter((f: TwinFeature) => f.properties.kind === 'camera')).toHaveLength(3);
    expect(await db.counts()).toEqual(before);
  });

  test('a file that is not a whole twin is a 400 naming the first error; nothing written', async () => {
    const csv = '经度,纬度,名称\n117.13,36.19,门口\n';
    const error = await expectRefused(upload(api('/import'), csv, { filename: 'cams.csv', kind: 'camera', id: 'cams-only' }),
      400, 'invalid_twin', /no community feature/);
    expect(error.details.file).toMatchObject({ format: 'csv' });
  });

  test('a body over the limit is a 413 before it is read', async () => {
    const small = await startApp(db, { bodyLimit: '1kb' });
    try {
      const res = await upload(`${small.url}/api/import/preview`, readFileSync(XUEYUAN_PATH), { filename: 'twin.geojson' });
      expect(res.status).toBe(413);
      expect((await res.json()).error.code).toBe('payload_too_large');
    } finally {
      await small.close();
    }
  });
});

describe('malformed files give clear errors and write nothing', () => {
  const shpZip = () => zip({
    '楼栋.shp': writeShp([{ type: 'Polygon', coordinates: [[[117.128, 36.188], [117.128, 36.1882], [117.1282, 36.1882], [117.1282, 36.188], [117.128, 36.188]]] }]),
    '楼栋.dbf': writeDbf([{ name: 'id', type: 'C', length: 10 }, { name: '层数', type: 'N', length: 4 }], [['bx-1', 18]], 'gbk'),
    '楼栋.prj': PRJ.wgs84,
  });

  test('a truncated zip', async () => {
    const whole = shpZip();
    await expectRefused(upload(api('/communities/xueyuan/layers'), whole.subarray(0, Math.floor(whole.length * 0.6)), { filename: 'buildings.zip' }),
      400, 'invalid_import_file', /not a readable zip archive/);
  });

  test('a .prj in a CRS that is not supported (Xian 1980)', async () => {
    const archive = zip({ ...Object.fromEntries([...(await unzip(shpZip()))]), '楼栋.prj': PRJ.xian80 });
    await expectRefused(upload(api('/communities/xueyuan/layers'), archive, { filename: 'buildings.zip' }),
      400, 'invalid_import_file', /layer 楼栋: Xian_1980.*cannot be converted to WGS 84/);
  });

  test('a CSV with a bad number names its row and column', async () => {
    const csv = 'lon,lat,id,rangeM\n117.13,36.19,new-1,40\n117.13,36.19,new-2,四十\n';
    await expectRefused(upload(api('/communities/xueyuan/layers'), csv, { filename: 'cams.csv', kind: 'camera' }),
      400, 'invalid_import_file', /row 3, column rangeM: "四十" is not a number/);
  });

  test('a GBK CSV is read as GBK: an unknown kind named in Chinese is refused by its name', async () => {
    const csv = iconv.encode('经度,纬度,类别,名称\n117.13,36.19,无人机,北门\n', 'gbk');
    await expectRefused(upload(api('/communities/xueyuan/layers'), csv, { filename: 'devices.csv' }),
      400, 'invalid_import_file', /row 2, column 类别: unknown kind "无人机"/);
  });

  test('a shapefile with GBK .dbf names and no .prj is read; a dry run previews the merge and writes nothing', async () => {
    const files = await unzip(shpZip());
    files.delete('楼栋.prj');
    const before = await db.counts();
    const res = await upload(api('/communities/xueyuan/layers'), zip(Object.fromEntries(files)), { filename: 'buildings.zip', dryRun: 'true' });
    expect(res.status).toBe(200);
    const preview = await res.json();
    expect(preview).toMatchObject({ format: 'shp', counts: { building: 1 }, merge: { added: 1, replaced: 0 } });
    expect(preview.warnings.join('\n')).toMatch(/no \.prj file/);
    expect(preview.sample[0].properties).toMatchObject({ id: 'bx-1', floors: 18 });
    expect(await db.counts()).toEqual(before);
  });

  test('a layer of unknown community is a 404; a community feature in a layer is a 400', async () => {
    await expectRefused(upload(api('/communities/nowhere/layers'), 'lon,lat\n117.1,36.1\n', { filename: 'c.csv', kind: 'camera' }),
      404, 'not_found', /community "nowhere"/);
    await expectRefused(upload(api('/communities/xueyuan/layers'), readFileSync(XUEYUAN_PATH), { filename: 'twin.geojson' }),
      400, 'bad_request', /community feature/);
  });
});

describe('layers merge into a stored community', () => {
  beforeAll(async () => {
    const copy = without(original, 'camera');
    const res = await upload(api('/import'), JSON.stringify(copy), { filename: 'copy.geojson', id: 'xueyuan-copy' });
    expect(res.status).toBe(201);
  });

  test('cameras exported as CSV come back as the same features within 1e-6°, and the version moves', async () => {
    const res = await fetch(api('/communities/xueyuan/export?format=csv&kind=camera'));
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/xueyuan-camera\.csv/);
    const csv = Buffer.from(await res.arrayBuffer());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8', 3, 60)).toMatch(/^lon,lat,kind,id,name,/);
    writeFileSync(join(dir, 'cameras.csv'), csv);

    const added = await upload(api('/communities/xueyuan-copy/layers'), csv, { filename: 'cameras.csv' });
    expect(added.status).toBe(200);
    expect(await added.json()).toMatchObject({ id: 'xueyuan-copy', version: 2, added: 883, replaced: 0, file: { format: 'csv' } });

    const twin = await (await fetch(api('/communities/xueyuan-copy/twin'))).json();
    const cameras = (twin.features as TwinFeature[]).filter((f) => f.properties.kind === 'camera');
    expect(cameras).toHaveLength(originalCameras.length);
    cameras.forEach((f, i) => {
      expect(f.properties).toEqual(originalCameras[i].properties);
      const [lon, lat] = (f.geometry as Point).coordinates, [lon0, lat0] = (originalCameras[i].geometry as Point).coordinates;
      expect(Math.max(Math.abs(lon - lon0), Math.abs(lat - lat0))).toBeLessThan(1e-6);
    });
  });

  test('the same ids again are a 409 naming them; replace=true replaces them in place', async () => {
    const csv = readFileSync(join(dir, 'cameras.csv'));
    const error = await expectRefused(upload(api('/communities/xueyuan-copy/layers'), csv, { filename: 'cameras.csv' }),
      409, 'conflict', /883 feature id\(s\) .* already exist in community "xueyuan-copy": cam-1, cam-2, .*replace=true/);
    expect(error.details).toMatchObject({ count: 883 });
    const before = await db.counts();
    const res = await upload(api('/communities/xueyuan-copy/layers'), csv, { filename: 'cameras.csv', replace: 'true' });
    expect(await res.json()).toMatchObject({ version: 3, added: 0, replaced: 883 });
    expect((await db.counts()).feature).toBe(before.feature);
  });

  test('a GCJ-02 CSV of cameras without ids lands within 1 m of the WGS 84 truth; generated ids never clash', async () => {
    const truth: Position[] = [[117.1275, 36.1879], [117.1290, 36.1891]];
    const rows = truth.map((p, i) => `${(fromWgs84({ type: 'Point', coordinates: p }, 'GCJ02') as Point).coordinates.join(',')},高德点位${i},90,60,40`);
    const csv = ['经度,纬度,名称,朝向,视场角,可视距离', ...rows].join('\n');
    for (const expectedIds of [['camera-1', 'camera-2'], ['camera-3', 'camera-4']]) {
      const res = await upload(api('/communities/xueyuan-copy/layers'), csv, { filename: 'amap.csv', crs: 'gcj02', kind: 'camera' });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ added: 2, replaced: 0, file: { crs: { assumed: 'GCJ02', source: 'stated' } } });
      const layer = await (await fetch(api('/communities/xueyuan-copy/features?kind=camera'))).json();
      const mine = (layer.features as TwinFeature[]).filter((f) => expectedIds.includes(f.properties.id));
      expect(mine.map((f) => f.properties)).toEqual(expectedIds.map((id, i) => ({ kind: 'camera', id, name: `高德点位${i}`, headingDeg: 90, hfovDeg: 60, rangeM: 40 })));
      mine.forEach((f, i) => expect(distanceM((f.geometry as Point).coordinates, truth[i])).toBeLessThan(1));
    }
  });
});

describe('streamed import of a larger file', () => {
  /** The demo with `extra` cameras more, written as one GeoJSON file. */
  const bigger = (extra: number, mutate?: (features: TwinFeature[]) => void) => {
    const copy = structuredClone(original);
    const cam = originalCameras[0];
    for (let i = 0; i < extra; i++) {
      const [lon, lat] = (cam.geometry as Point).coordinates;
      copy.features.push({ ...structuredClone(cam), properties: { ...cam.properties, id: `extra-${i}`, name: `extra ${i}` }, geometry: { type: 'Point', coordinates: [lon + (i % 100) * 1e-6, lat + Math.floor(i / 100) * 1e-6] } } as never);
    }
    mutate?.(copy.features as TwinFeature[]);
    return JSON.stringify(copy);
  };

  /** The Server-Sent Events of a progress token, collected until `done`. */
  async function listen(token: string) {
    const res = await fetch(api(`/import/progress/${token}`));
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events: { type: string; phase?: string; bytes?: number; totalBytes?: number; features?: number; status?: number }[] = [];
    const done = (async () => {
      const decoder = new TextDecoder();
      let text = '';
      for await (const chunk of res.body!) {
        text += decoder.decode(chunk as Uint8Array, { stream: true });
        for (const m of text.matchAll(/^data: (.*)$/gm)) events.push(JSON.parse(m[1]));
        text = text.slice(text.lastIndexOf('\n\n') + 2);
        if (events.some((e) => e.type === 'done')) break;
      }
      return events;
    })();
    return done;
  }

  test('8 000 more cameras: written in batches in one transaction, progress over SSE up to the file size', async () => {
    const body = bigger(8000);
    const token = `test-${Date.now()}`;
    const events = listen(token);
    const res = await upload(api('/import'), body, { filename: 'big.geojson', id: 'xueyuan-big', progress: token });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ id: 'xueyuan-big', version: 1, features: original.features.length + 8000 });
    const seen = await events;
    expect(seen.at(-1)).toEqual({ type: 'done', status: 201 });
    const parse = seen.filter((e) => e.phase === 'parse');
    expect(parse.at(-1)).toMatchObject({ bytes: Buffer.byteLength(body), totalBytes: Buffer.byteLength(body), features: original.features.length + 8000 });
    expect(seen.some((e) => e.phase === 'commit')).toBe(true);
    const twin = await (await fetch(api('/communities/xueyuan-big/twin'))).json();
    expect(countsOf(twin.features)).toEqual({ ...countsOf(original.features), camera: originalCameras.length + 8000 });
  });

  test('one bad feature near the end rolls everything back; the error names its index and problem', async () => {
    const bad = original.features.length + 7000;
    const body = bigger(8000, (features) => { (features[bad].properties as Record<string, unknown>).hfovDeg = 400; });
    const token = `test-bad-${Date.now()}`;
    const events = listen(token);
    const error = await expectRefused(upload(api('/import'), body, { filename: 'bad.geojson', id: 'xueyuan-bad', progress: token }),
      400, 'invalid_twin', new RegExp(`has 1 error\\(s\\) \\(first: feature ${bad} \\(extra-7000\\) properties\\.hfovDeg: .*\\); nothing was imported`));
    expect(error.details.errors).toEqual([expect.objectContaining({ featureIndex: bad, id: 'extra-7000', field: 'properties.hfovDeg' })]);
    expect((await events).at(-1)).toEqual({ type: 'done', status: 400 });
    expect((await fetch(api('/communities/xueyuan-bad'))).status).toBe(404);
  });

  test('a truncated upload is a 400 saying where the file stops; nothing written', async () => {
    const body = bigger(100);
    await expectRefused(upload(api('/import'), body.slice(0, Math.floor(body.length * 0.7)), { filename: 'cut.geojson', id: 'xueyuan-cut' }),
      400, 'invalid_import_file', /unexpected end of file at line \d+ inside the features array after feature \d+ \(truncated\?\)/);
  });
});

describe('concurrent layer imports of one community', () => {
  const cameraCsv = (prefix: string, n: number) => ['id,经度,纬度,名称,朝向,视场角,可视距离',
    ...Array.from({ length: n }, (_, i) => `${prefix}-${i},${117.1275 + i * 1e-5},${36.1879 + i * 1e-5},${prefix} ${i},90,60,40`)].join('\n');
  beforeAll(async () => {
    const res = await upload(api('/import'), JSON.stringify(without(original, 'camera')), { filename: 'race.geojson', id: 'xueyuan-race' });
    expect(res.status).toBe(201);
  });

  test('two layers sent at once both land: one transaction per merge, nothing lost', async () => {
    const before = (await db.counts()).feature;
    const [a, b] = await Promise.all([
      upload(api('/communities/xueyuan-race/layers'), cameraCsv('race-a', 300), { filename: 'a.csv', kind: 'camera' }),
      upload(api('/communities/xueyuan-race/layers'), cameraCsv('race-b', 200), { filename: 'b.csv', kind: 'camera' }),
    ]);
    const bodies = [await a.json(), await b.json()];
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(bodies.map((x) => x.added).sort()).toEqual([200, 300]);
    expect(bodies.map((x) => x.version).sort()).toEqual([2, 3]);
    const twin = await (await fetch(api('/communities/xueyuan-race/twin'))).json();
    const ids = new Set((twin.features as TwinFeature[]).map((f) => f.properties.id));
    for (const prefix of ['race-a', 'race-b']) {
      for (let i = 0; i < (prefix === 'race-a' ? 300 : 200); i++) expect(ids.has(`${prefix}-${i}`)).toBe(true);
    }
    expect((await db.counts()).feature).toBe(before + 500);
  });

  test('two layers with the same ids at once: one lands, the other is a 409 naming the ids', async () => {
    const csv = cameraCsv('race-c', 50);
    const before = (await db.counts()).feature;
    const responses = await Promise.all([1, 2].map(() => upload(api('/communities/xueyuan-race/layers'), csv, { filename: 'c.csv', kind: 'camera' })));
    const results = await Promise.all(responses.map(async (r) => ({ status: r.status, body: await r.json() })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.message).toMatch(/50 feature id\(s\) .* already exist in community "xueyuan-race": race-c-0/);
    expect((await db.counts()).feature).toBe(before + 50);
  });
});

describe('export', () => {
  test('GeoPackage: one table per kind in EPSG:4326, reads back with the same count per kind; GDAL opens it', async () => {
    const res = await fetch(api('/communities/xueyuan/export?format=gpkg'));
    expect(res.status).toBe(200);
    const gpkg = Buffer.from(await res.arrayBuffer());
    expect(gpkg.toString('latin1', 0, 16)).toBe('SQLite format 3\0');
    expect(gpkg.readUInt32BE(68)).toBe(0x47504b47); // application_id 'GPKG'
    expect(gpkg.readUInt32BE(60)).toBe(10300); // user_version

    const back = await importFile(gpkg, { filename: 'xueyuan.gpkg' });
    expect(back.crs).toMatchObject({ detected: 'EPSG:4326', assumed: 'EPSG:4326' });
    expect(countsOf(back.collection.features)).toEqual(countsOf(original.features));
    expect(validateTwin(back.collection).errors).toEqual([]);
    const imported = await upload(api('/import'), gpkg, { filename: 'xueyuan.gpkg', id: 'xueyuan-gpkg' });
    expect(await imported.json()).toMatchObject({ id: 'xueyuan-gpkg', features: original.features.length, file: { format: 'gpkg' } });
    const detail = await (await fetch(api('/communities/xueyuan-gpkg'))).json();
    expect(detail.counts).toEqual(countsOf(original.features));

    const file = join(dir, 'xueyuan.gpkg');
    writeFileSync(file, gpkg);
    let info: string;
    try {
      info = execFileSync('ogrinfo', ['-so', '-al', file], { encoding: 'utf8' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') { console.warn('ogrinfo (gdal-bin) not installed: GDAL check skipped'); return; }
      throw err;
    }
    const layer = (name: string) => new RegExp(`Layer name: ${name}\\n(?:.*\\n)*?Geometry: (.*)\\nFeature Count: (\\d+)`).exec(info)?.slice(1);
    expect(layer('camera')).toEqual(['Point', '883']);
    expect(layer('building')).toEqual(['Polygon', '28']);
    expect(layer('venue')).toEqual(['Unknown (any)', '10']);
    expect(info).toMatch(/"EPSG","4326"|ID\["EPSG",4326\]/);
    expect(info).not.toMatch(/ERROR|Warning/);
  });

  test('CSV without kind is a zip of one BOM-prefixed CSV per kind; WKT for non-point kinds', async () => {
    const res = await fetch(api('/communities/xueyuan/export?format=csv'));
    expect(res.headers.get('content-type')).toBe('application/zip');
    const files = await unzip(Buffer.from(await res.arrayBuffer()));
    expect([...files.keys()].sort()).toEqual(Object.keys(countsOf(original.features)).map((k) => `${k}.csv`).sort());
    for (const bytes of files.values()) expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(files.get('building.csv')!.toString('utf8', 3)).toMatch(/^wkt,kind,id,.*\r\n"POLYGON \(\(117\.\d+ 36\.\d+, /);
    expect(files.get('light.csv')!.toString('utf8', 3).split('\r\n').filter(Boolean)).toHaveLength(1 + 329);
  });

  test('zipped shapefile and KML downloads, named after the community', async () => {
    const shp = await fetch(api('/communities/xueyuan/export?format=shp'));
    expect(shp.headers.get('content-type')).toBe('application/zip');
    expect(shp.headers.get('content-disposition')).toMatch(/xueyuan-shp\.zip/);
    const files = await unzip(Buffer.from(await shp.arrayBuffer()));
    expect(files.has('camera.shp') && files.has('camera.dbf') && files.has('camera.prj') && files.get('camera.cpg')?.toString() === 'UTF-8').toBe(true);
    const kml = await fetch(api('/communities/xueyuan/export?format=kml&kind=camera'));
    expect(kml.headers.get('content-type')).toMatch(/^application\/vnd\.google-earth\.kml\+xml/);
    expect((await kml.text()).match(/<Placemark>/g)).toHaveLength(originalCameras.length);
  });

  test('bad format or kind is a 400; unknown community a 404', async () => {
    expect((await fetch(api('/communities/xueyuan/export?format=dwg'))).status).toBe(400);
    expect((await fetch(api('/communities/xueyuan/export?format=csv&kind=drone'))).status).toBe(400);
    expect((await fetch(api('/communities/nowhere/export?format=gpkg'))).status).toBe(404);
  });
});
