/**
 * The streamed import (server/import/stream): the FeatureCollection scanner against
 * JSON.parse at any chunk size, errors that name the feature and line, and the pipeline's
 * batches — same result as the in-memory readers, nothing handed to the sink once a feature
 * is bad, checks that span batches (duplicate ids, one community).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile } from '../../server/import/formats/index.ts';
import { FeatureCollectionScanner } from '../../server/import/stream/featureCollection.ts';
import { IdIndex } from '../../server/import/stream/idIndex.ts';
import { streamImport, type TwinLikeFeature } from '../../server/import/stream/pipeline.ts';
import { readXueyuan, XUEYUAN_PATH } from '../import-export/helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'import-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, body: string | Buffer) => { const p = join(dir, name); writeFileSync(p, body); return p; };

function scan(bytes: Buffer, chunk: number) {
  const s = new FeatureCollectionScanner();
  const features: unknown[] = [];
  for (let i = 0; i < bytes.length; i += chunk) for (const f of s.push(bytes.subarray(i, i + chunk))) features.push(f.feature);
  const end = s.end();
  return { features: [...features, ...end.features.map((f) => f.feature)], members: end.members };
}

const twin = readXueyuan();

describe('FeatureCollectionScanner', () => {
  it('gives the features and top-level members JSON.parse gives, whatever the chunk size (BOM, escapes, Chinese, nesting)', () => {
    const doc = {
      type: 'FeatureCollection', name: '学苑 "quoted" \\ {brace} [x]', n: -1.5e3, ok: true, nothing: null,
      features: [...twin.features.slice(0, 40), { type: 'Feature', geometry: null, properties: { s: 'a}b]c\\"d' } }],
      attestations: [{ checkId: 'x', text: '说明' }],
    };
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(doc, null, 1))]);
    for (const chunk of [1, 3, 7, 1000, bytes.length]) {
      const { features, members } = scan(bytes, chunk);
      expect(features).toEqual(doc.features);
      expect(members).toEqual({ type: 'FeatureCollection', name: doc.name, n: doc.n, ok: true, nothing: null, attestations: doc.attestations });
    }
  });

  it('reads a single Feature as the only feature, and an empty collection', () => {
    const f = twin.features[0];
    expect(scan(Buffer.from(JSON.stringify(f)), 5).features).toEqual([f]);
    expect(scan(Buffer.from('{"type":"FeatureCollection","features":[]}'), 4).features).toEqual([]);
  });

  it('names the feature and line of a syntax error, and says where a truncated file stops', () => {
    const lines = twin.features.slice(0, 6).map((f) => JSON.stringify(f));
    lines[4] = lines[4].replace('"properties":', '"properties" ');
    const broken = Buffer.from(`{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}`);
    expect(() => scan(broken, 64)).toThrow(/feature 4: syntax error at line 6/);
    const whole = Buffer.from(JSON.stringify(twin));
    expect(() => scan(whole.subarray(0, Math.floor(whole.length / 2)), 4096)).toThrow(/unexpected end of file .*inside the features array after feature \d+ \(truncated\?\)/);
    expect(() => scan(Buffer.from('[1,2]'), 2)).toThrow(/does not start with a JSON object/);
    expect(() => scan(Buffer.from('{"type":"Topology","objects":{}}'), 2)).toThrow(/not a GeoJSON FeatureCollection/);
    expect(() => scan(Buffer.from('{"type":"FeatureCollection","features":[{"a":1} {"b":2}]}'), 3)).toThrow(/after feature 0: expected "," or "]"/);
  });
});

describe('IdIndex', () => {
  it('finds every repeated id (and only those) across growth, with the first index; Chinese and empty-prefix ids', () => {
    const index = new IdIndex();
    const ids = Array.from({ length: 50_000 }, (_, i) => (i % 3 === 0 ? `摄像头-${i}` : `c${i}`));
    ids.forEach((id, i) => expect(index.add(id, i)).toBe(-1));
    expect(index.size).toBe(50_000);
    expect(index.add('c1', 99_999)).toBe(1);
    expect(index.add('摄像头-49998', 99_999)).toBe(49_998);
    expect(index.add('c', 3)).toBe(-1);
    expect(index.add('摄像头-1', 4)).toBe(-1);
    expect(index.has('c49999') && index.has('c') && !index.has('c50000')).toBe(true);
  });
});

describe('streamImport', () => {
  it('previews the demo twin exactly as the in-memory reader does, in batches', async () => {
    const batches: number[] = [];
    const summary = await streamImport(XUEYUAN_PATH, { batchSize: 500 }, { batch: async (fs, first) => { batches.push(first, fs.length); } });
    const memory = await importFile(Buffer.from(JSON.stringify(twin)), { filename: 'twin.geojson' });
    const counts: Record<string, number> = {};
    for (const f of memory.collection.features) counts[f.properties.kind] = (counts[f.properties.kind] ?? 0) + 1;
    expect(summary).toMatchObject({ format: 'geojson', streamed: true, features: twin.features.length, counts, validation: { ok: true, errorCount: 0 } });
    expect(summary.crs).toEqual({ stated: null, detected: null, assumed: 'EPSG:4326', source: 'default' });
    expect(batches.filter((_, i) => i % 2 === 1).reduce((a, b) => a + b, 0)).toBe(twin.features.length);
    expect(batches[0]).toBe(0);
    expect(summary.community?.properties.id).toBe(twin.features.find((f) => f.properties.kind === 'community')!.properties.id);
  });

  it('a bad feature deep in the file: no batch is written after it, the error names its index and problem', async () => {
    const copy = structuredClone(twin);
    const bad = 1234;
    (copy.features[bad].properties as Record<string, unknown>).floors = -3;
    copy.features[bad].properties.kind = 'building';
    const path = file('bad.geojson', JSON.stringify(copy));
    const written: number[] = [];
    const summary = await streamImport(path, { batchSize: 100 }, { batch: async (fs, first) => { written.push(first + fs.length); } });
    expect(summary.validation.ok).toBe(false);
    expect(summary.validation.errors[0]).toMatchObject({ featureIndex: bad, field: expect.stringMatching(/^properties\.|geometry/) });
    expect(Math.max(...written)).toBeLessThanOrEqual(bad);
  });

  it('finds a duplicate id and a second community in different batches', async () => {
    const copy = structuredClone(twin);
    const last = copy.features.length - 1;
    copy.features[last].properties.id = copy.features[3].properties.id;
    copy.features.push({ ...structuredClone(copy.features.find((f) => f.properties.kind === 'community')!), properties: { kind: 'community', id: 'other' } } as never);
    const summary = await streamImport(file('dup.geojson', JSON.stringify(copy)), { batchSize: 50 });
    expect(summary.validation.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ featureIndex: last, field: 'properties.id', reason: expect.stringMatching(new RegExp(`duplicate id .*first used by feature 3`)) }),
      expect.objectContaining({ featureIndex: last + 1, field: 'properties.kind', reason: expect.stringMatching(/a second community/) }),
    ]));
  });

  it('streams a GBK CSV with Chinese headers; a bad number is an error naming its row and column', async () => {
    const rows = ['编号,经度,纬度,名称,朝向'];
    for (let i = 0; i < 3000; i++) rows.push(`c${i},${117.1 + i * 1e-6},${36.18},摄像头${i},${i === 2500 ? '东北' : 45}`);
    const path = file('cams.csv', iconv.encode(rows.join('\r\n'), 'gbk'));
    const summary = await streamImport(path, { kind: 'camera', crs: 'wgs84', layer: true, batchSize: 256 });
    expect(summary).toMatchObject({ format: 'csv', streamed: true, features: 3000, counts: { camera: 2999 } });
    expect(summary.warnings).toContain('the CSV file is not UTF-8; it was read as GBK');
    expect(summary.validation.errors).toEqual([expect.objectContaining({ featureIndex: 2500, reason: 'row 2502, column 朝向: "东北" is not a number' })]);
    expect(summary.sample[0]).toMatchObject({ properties: { kind: 'camera', id: 'c0', name: '摄像头0', headingDeg: 45 } } satisfies Partial<TwinLikeFeature>);
  });

  it('reports progress in bytes up to the file size', async () => {
    const events: { phase: string; bytes: number; totalBytes: number }[] = [];
    await streamImport(XUEYUAN_PATH, { onProgress: (p) => events.push(p) });
    const lastParse = events.filter((e) => e.phase === 'parse').at(-1)!;
    expect(lastParse.bytes).toBe(lastParse.totalBytes);
    expect(lastParse.totalBytes).toBeGreaterThan(100_000);
  });

  it('formats read whole (KML, shapefile, GeoPackage, GeoJSON not in UTF-8) say their size limit; streamed ones only the upload limit', async () => {
    const kml = file('big.kml', `<?xml version="1.0"?><kml><Document>${'<Placemark><Point><coordinates>117.1,36.6</coordinates></Point></Placemark>'.repeat(2000)}</Document></kml>`);
    await expect(streamImport(kml, { kind: 'camera', maxBytes: 50_000 })).rejects.toMatchObject({
      status: 413, code: 'file_too_large', message: expect.stringMatching(/a kml file is read whole, up to 50000 bytes; this one has \d+ bytes \(GeoJSON in UTF-8 and CSV are streamed/),
    });
    const csv = file('limit.csv', 'lon,lat\n117.1,36.6\n'.padEnd(60_000, '#'));
    await expect(streamImport(csv, { kind: 'camera', maxBytes: 50_000 })).rejects.toMatchObject({ status: 413, code: 'file_too_large' });
  });
});
