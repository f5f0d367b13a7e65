import { Readable } from 'node:stream';
import type { Point, Polygon, Position } from 'geojson';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { distanceM, fromWgs84, type CrsCode } from '../../engine/crs/index.ts';
import { validateTwin } from '../../engine/twin/validate.ts';
import { importFile, ImportFormatError } from '../../server/import/formats/index.ts';
import { forgeUncompressedSize, PRJ, writeDbf, writeGeoPackage, writeShp, zip } from './writers.ts';

/** WGS 84 truth: three cameras and a building near Jinan (CM 117°E, 3° zone 39). */
const cameras: Position[] = [[117.1201, 36.6502], [117.1215, 36.6511], [117.1189, 36.6497]];
const building: Position[] = [[117.1200, 36.6500], [117.1200, 36.6505], [117.1206, 36.6505], [117.1206, 36.6500], [117.1200, 36.6500]]; // clockwise
const project = (p: Position, crs: CrsCode) => (fromWgs84({ type: 'Point', coordinates: p }, crs) as Point).coordinates;
const fixed = (p: Position, digits = 7) => p.map((v) => v.toFixed(digits));

async function rejects(promise: Promise<unknown>): Promise<ImportFormatError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ImportFormatError);
  return err as ImportFormatError;
}

describe('CSV', () => {
  it('reads a GBK file with Chinese headers, GCJ-02 coordinates, every row a camera; within 1 m of the WGS 84 truth', async () => {
    const lines = ['经度,纬度,名称,编码,类型,朝向,视场角,在线,备注'];
    cameras.forEach((p, i) => lines.push(`${fixed(project(p, 'GCJ02')).join(',')},南门${i + 1}号,3701020000131000000${i},枪机,${90 * i},90,${i === 2 ? '否' : '是'},东侧`));
    const result = await importFile(iconv.encode(lines.join('\r\n'), 'gbk'), { filename: 'cameras.csv', crs: 'gcj02', kind: 'camera' });
    expect(result.crs).toEqual({ stated: 'GCJ02', detected: null, assumed: 'GCJ02', source: 'stated' });
    expect(result.warnings).toContain('the CSV file is not UTF-8; it was read as GBK');
    const [first, , third] = result.collection.features;
    expect(first.properties).toEqual({ kind: 'camera', id: 'camera-1', name: '南门1号', code: '37010200001310000000', type: '枪机', headingDeg: 0, hfovDeg: 90, online: true, 备注: '东侧' });
    expect(third.properties.online).toBe(false);
    result.collection.features.forEach((f, i) => expect(distanceM((f.geometry as Point).coordinates, cameras[i])).toBeLessThan(1));
  });

  it('takes the kind from a 类别 column and reads English headers with a UTF-8 BOM', async () => {
    const text = '\uFEFFlng,lat,kind,name,smart\n117.1201,36.6502,路灯,L1,yes\n117.1202,36.6503,camera,C1,\n';
    const result = await importFile(Buffer.from(text), { filename: 'points.csv' });
    expect(result.collection.features.map((f) => f.properties)).toEqual([
      { kind: 'light', id: 'light-1', name: 'L1', smart: true }, { kind: 'camera', id: 'camera-1', name: 'C1' },
    ]);
    expect(result.crs.source).toBe('default');
  });

  it('names the row and column of a value that is not a number', async () => {
    const text = '经度,纬度,名称,视场角\n117.1201,36.6502,A,90\n117.1202,36.6503,B,九十\n';
    const err = await rejects(importFile(Buffer.from(text), { filename: 'c.csv', kind: 'camera' }));
    expect(err.message).toBe('row 3, column 视场角: "九十" is not a number');
    const bad = await rejects(importFile(Buffer.from('lon,lat\n117.1a,36.6\n'), { filename: 'c.csv', kind: 'camera' }));
    expect(bad.message).toBe('row 2, column lon: "117.1a" is not a number');
  });

  it('says which coordinate column is missing, and asks for a kind when there is none', async () => {
    expect((await rejects(importFile(Buffer.from('经度,名称\n117,a\n'), { filename: 'c.csv' }))).message).toMatch(/no latitude column .*纬度.*header: 经度, 名称/);
    expect((await rejects(importFile(Buffer.from('lon,lat\n117,36\n'), { filename: 'c.csv' }))).message).toMatch(/^row 2: no kind: add a 类别\/kind column/);
    expect((await rejects(importFile(Buffer.from('lon,lat\n117,36\n'), { filename: 'c.csv', kind: 'drone' }))).message).toMatch(/unknown kind "drone"/);
  });

  it('warns when latitude and longitude are swapped', async () => {
    const text = 'lon,lat\n' + cameras.map(([lon, lat]) => `${lat},${lon}`).join('\n');
    const result = await importFile(Buffer.from(text), { filename: 'swapped.csv', kind: 'camera' });
    expect(result.warnings.join('\n')).toMatch(/latitude and longitude look swapped/);
  });

  it('reads degrees-minutes-seconds', async () => {
    const result = await importFile(Buffer.from('经度,纬度\n"117°7\'12.36""E",36°39′0.72″N\n'), { filename: 'c.csv', kind: 'camera' });
    expect((result.collection.features[0].geometry as Point).coordinates).toEqual([117 + 7 / 60 + 12.36 / 3600, 36 + 39 / 60 + 0.72 / 3600]);
  });

  it('recognises Gauss-Krüger zone 39 metres without a stated CRS and converts them within 1 mm', async () => {
    const text = 'x,y,名称\n' + cameras.map((p, i) => `${fixed(project(p, 'EPSG:4527'), 4).join(',')},C${i}`).join('\n');
    const result = await importFile(Buffer.from(text), { filename: 'gk.csv', kind: 'camera' });
    expect(result.crs).toMatchObject({ assumed: 'EPSG:4527', source: 'guessed' });
    expect(result.warnings.join('\n')).toMatch(/zone 39.*was assumed/);
    result.collection.features.forEach((f, i) => expect(distanceM((f.geometry as Point).coordinates, cameras[i])).toBeLessThan(0.001));
  });

  it('refuses unzoned Gauss-Krüger metres without a CRS, and warns when the stated CRS disagrees', async () => {
    const text = 'x,y\n' + cameras.map((p) => fixed(project(p, 'EPSG:4548'), 4).join(',')).join('\n');
    expect((await rejects(importFile(Buffer.from(text), { filename: 'gk.csv', kind: 'camera' }))).message).toMatch(/state the CRS.*epsg:4548/);
    const stated = await importFile(Buffer.from(text), { filename: 'gk.csv', kind: 'camera', crs: 'epsg:4527' });
    expect(stated.warnings.join('\n')).toMatch(/eastings start with the zone number 39/);
  });
});

describe('zipped shapefile', () => {
  const gkBuilding = building.map((p) => project(p, 'EPSG:4527'));
  const buildingDbf = (encoding: 'utf8' | 'gbk', ldid = 0) => writeDbf(
    [{ name: '名称', type: 'C', length: 20 }, { name: '层数', type: 'N', length: 4 }, { name: '户数', type: 'N', length: 6 }],
    [['天竹佳苑1号楼', 18, 72]], encoding, ldid);

  it('reads GBK .dbf names without a .cpg, the zone from a CGCS2000_3_Degree_GK_Zone_39 .prj, and the kind from the layer name 楼栋', async () => {
    const archive = zip({ '楼栋.shp': writeShp([{ type: 'Polygon', coordinates: [gkBuilding] }]), '楼栋.dbf': buildingDbf('gbk'), '楼栋.prj': PRJ.gkZone39 });
    const result = await importFile(archive, { filename: 'buildings.zip' });
    expect(result.crs).toEqual({ stated: null, detected: 'EPSG:4527', assumed: 'EPSG:4527', source: 'detected' });
    expect(result.warnings).toContain('layer 楼栋: no .cpg and the .dbf is not UTF-8; its text was read as GBK');
    const [f] = result.collection.features;
    expect(f.properties).toEqual({ kind: 'building', id: 'building-1', name: '天竹佳苑1号楼', floors: 18, households: 72 });
    (f.geometry as Polygon).coordinates[0].forEach((p, i) => expect(distanceM(p, building[i])).toBeLessThan(0.001));
  });

  it('honours a .cpg, and a GBK language-driver byte, with a CM 117E .prj', async () => {
    const pts = cameras.map((p) => ({ type: 'Point' as const, coordinates: project(p, 'EPSG:4548') }));
    const dbf = writeDbf([{ name: '名称', type: 'C', length: 16 }, { name: '朝向', type: 'N', length: 5 }], cameras.map((_, i) => [`摄像头${i}`, 45 * i]), 'gbk');
    for (const extra of [{ 'cameras.cpg': 'GBK' }, {}] as Record<string, string>[]) {
      const dbfBytes = Object.keys(extra).length ? dbf : Buffer.concat([dbf.subarray(0, 29), Buffer.from([0x4d]), dbf.subarray(30)]);
      const result = await importFile(zip({ 'cameras.shp': writeShp(pts), 'cameras.dbf': dbfBytes, 'cameras.prj': PRJ.gkCm117, ...extra }), { filename: 'c.zip' });
      expect(result.crs.assumed).toBe('EPSG:4548');
      expect(result.warnings.join('\n')).not.toMatch(/read as GBK/);
      expect(result.collection.features.map((f) => [f.properties.name, f.properties.headingDeg])).toEqual([['摄像头0', 0], ['摄像头1', 45], ['摄像头2', 90]]);
      result.collection.features.forEach((f, i) => expect(distanceM((f.geometry as Point).coordinates, cameras[i])).toBeLessThan(0.001));
    }
  });

  it('reads UTF-8 with a WGS 84 .prj; says which .prj it cannot use', async () => {
    const shp = writeShp([{ type: 'Polygon', coordinates: [building] }]);
    const ok = await importFile(zip({ 'b/buildings.shp': shp, 'b/buildings.dbf': buildingDbf('utf8'), 'b/buildings.prj': PRJ.wgs84, 'b/buildings.cpg': 'UTF-8' }), { filename: 'b.zip' });
    expect(ok.collection.features[0].properties.name).toBe('天竹佳苑1号楼');
    expect((ok.collection.features[0].geometry as Polygon).coordinates[0]).toEqual(building);
    const cgcs = await importFile(zip({ 'buildings.shp': shp, 'buildings.dbf': buildingDbf('utf8'), 'buildings.prj': PRJ.cgcs2000 }), { filename: 'b.zip' });
    expect(cgcs.crs.assumed).toBe('EPSG:4490');
    const xian = await rejects(importFile(zip({ 'buildings.shp': shp, 'buildings.prj': PRJ.xian80 }), { filename: 'b.zip' }));
    expect(xian.message).toMatch(/^layer buildings: Xian_1980_3_Degree_GK_CM_117E uses the Xi'an 1980 or Beijing 1954 datum/);
    expect((await rejects(importFile(zip({ 'readme.txt': 'hi' }), { filename: 'b.zip' }))).message).toMatch(/no \.shp file \(entries: readme\.txt\)/);
  });

  it('refuses a zip whose entry names climb out of the archive', async () => {
    const shp = writeShp([{ type: 'Polygon', coordinates: [building] }]);
    for (const name of ['../evil.shp', 'data/../../evil.shp', '/etc/evil.shp', 'C:/evil.shp', '..\\evil.shp']) {
      const err = await rejects(importFile(zip({ [name]: shp }), { filename: 'b.zip', kind: 'building' }));
      expect(err.message).toMatch(/^zip entry .* (points outside the archive \(\.\.\/ path traversal\)|is an absolute path); the archive was refused$/);
    }
  });

  it('refuses zip bombs: declared size over the limit, an entry that inflates past its declared size, too many entries', async () => {
    const zeros = new Uint8Array(5 * 1024 * 1024);
    const bomb = zip({ 'a.shp': zeros });
    expect(bomb.length).toBeLessThan(20_000);
    const overLimit = await rejects(importFile(bomb, { filename: 'b.zip', kind: 'building', maxBytes: 1024 * 1024 }));
    expect(overLimit.status).toBe(413);
    expect(overLimit.message).toMatch(/unpacks to more than the limit of 1048576 bytes \(zip bomb\?\); refused before unpacking/);
    const declared4GB = await rejects(importFile(forgeUncompressedSize(zip({ 'a.shp': 'x' }), 0xfffffff0), { filename: 'b.zip', kind: 'building' }));
    expect(declared4GB.message).toMatch(/refused before unpacking/);
    const liar = await rejects(importFile(forgeUncompressedSize(bomb, 100), { filename: 'b.zip', kind: 'building' }));
    expect(liar.message).toMatch(/zip entry "a\.shp" is damaged or not what its header declares: too many bytes/);
    const many = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`f${i}.txt`, 'x']));
    expect((await rejects(importFile(zip(many), { filename: 'b.zip' }))).message).toMatch(/1001 entries, more than the limit of 1000/);
  });
});

describe('GeoPackage', () => {
  it('reads every feature layer, the kind from the table name, the CRS from srs_id (EPSG:4548)', async () => {
    const gpkg = await writeGeoPackage([
      { table: 'cameras', srsId: 4548, columns: { 名称: 'TEXT', 朝向: 'REAL' },
        rows: cameras.map((p, i) => ({ geometry: { type: 'Point', coordinates: project(p, 'EPSG:4548') }, values: [`C${i}`, 10 * i] })) },
      { table: '楼栋', srsId: 4548, columns: { name: 'TEXT', floors: 'INTEGER' },
        rows: [{ geometry: { type: 'Polygon', coordinates: [building.map((p) => project(p, 'EPSG:4548'))] }, values: ['B1', 7] }] },
    ], [{ id: 4548, org: 'EPSG', code: 4548, wkt: PRJ.gkCm117 }]);
    const result = await importFile(gpkg, { filename: 'twin.gpkg' });
    expect(result.crs).toMatchObject({ detected: 'EPSG:4548', assumed: 'EPSG:4548' });
    expect(result.collection.features.map((f) => f.properties)).toEqual([
      { kind: 'camera', id: 'camera-1', name: 'C0', headingDeg: 0 }, { kind: 'camera', id: 'camera-2', name: 'C1', headingDeg: 10 },
      { kind: 'camera', id: 'camera-3', name: 'C2', headingDeg: 20 }, { kind: 'building', id: 'building-1', name: 'B1', floors: 7 },
    ]);
    result.collection.features.slice(0, 3).forEach((f, i) => expect(distanceM((f.geometry as Point).coordinates, cameras[i])).toBeLessThan(0.001));
    (result.collection.features[3].geometry as Polygon).coordinates[0].forEach((p, i) => expect(distanceM(p, building[i])).toBeLessThan(0.001));
  });

  it('finds the CRS from the WKT when the organisation is not EPSG, and refuses a file that is not a GeoPackage', async () => {
    const gpkg = await writeGeoPackage([{ table: 'x', srsId: 100, columns: {}, rows: [{ geometry: { type: 'Point', coordinates: project(cameras[0], 'EPSG:4527') }, values: [] }] }],
      [{ id: 100, org: 'NONE', code: 100, wkt: PRJ.gkZone39 }]);
    const result = await importFile(gpkg, { filename: 'x.gpkg', kind: 'camera' });
    expect(result.crs.assumed).toBe('EPSG:4527');
    expect(distanceM((result.collection.features[0].geometry as Point).coordinates, cameras[0])).toBeLessThan(0.001);
    expect((await rejects(importFile(Buffer.from('not sqlite'), { filename: 'x.gpkg' }))).message).toMatch(/not an SQLite database/);
  });
});

describe('KML', () => {
  const kml = (body: string, prolog = '') => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${prolog}
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>南门社区</name>${body}</Document></kml>`);

  it('reads placemarks, the kind from the folder name, ExtendedData as attributes, predefined entities', async () => {
    const body = `<Folder><name>摄像头</name>
      <Placemark><name>东门 &amp; 北门</name><ExtendedData><Data name="朝向"><value>135</value></Data><Data name="视场角"><value>60</value></Data></ExtendedData>
        <Point><coordinates>${cameras[0].join(',')},0</coordinates></Point></Placemark></Folder>
      <Folder><name>buildings</name><Placemark><name>1号楼</name><ExtendedData><SchemaData><SimpleData name="层数">11</SimpleData></SchemaData></ExtendedData>
        <Polygon><outerBoundaryIs><LinearRing><coordinates>${building.map((p) => p.join(',')).join(' ')}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Folder>`;
    const result = await importFile(kml(body), { filename: 'nanmen.kml' });
    expect(result.crs).toMatchObject({ detected: 'EPSG:4326', source: 'detected' });
    expect(result.collection.features.map((f) => f.properties)).toEqual([
      { kind: 'camera', id: 'camera-1', name: '东门 & 北门', headingDeg: 135, hfovDeg: 60 },
      { kind: 'building', id: 'building-1', name: '1号楼', floors: 11 },
    ]);
    expect((result.collection.features[1].geometry as Polygon).coordinates[0]).toEqual(building);
    const kmz = await importFile(zip({ 'doc.kml': kml(body) }), { filename: 'nanmen.kmz', crs: 'gcj02' });
    expect(distanceM((kmz.collection.features[0].geometry as Point).coordinates, cameras[0])).toBeGreaterThan(100);
  });

  it('refuses an entity-expansion attack (billion laughs) at once, and external entities', async () => {
    const laughs = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`)].join('\n');
    const attack = kml('<Placemark><name>&lol9;</name><Point><coordinates>117,36</coordinates></Point></Placemark>', `<!DOCTYPE kml [\n${laughs}\n]>`);
    const started = performance.now();
    const err = await rejects(importFile(attack, { filename: 'lol.kml', kind: 'camera' }));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(err.message).toMatch(/declares XML entities .* refused/);
    const xxe = kml('<Placemark><name>&x;</name><Point><coordinates>117,36</coordinates></Point></Placemark>', '<!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]>');
    expect((await rejects(importFile(xxe, { filename: 'x.kml', kind: 'camera' }))).message).toMatch(/declares XML entities/);
  });

  it('leaves undeclared entities as text and reports malformed XML', async () => {
    const result = await importFile(kml('<Placemark><name>&lol9;</name><Point><coordinates>117,36</coordinates></Point></Placemark>'), { filename: 'a.kml', kind: 'camera' });
    expect(result.collection.features[0].properties.name).toBe('&lol9;');
    expect((await rejects(importFile(kml('<Placemark><Point><coordinates>117,x</coordinates></Point></Placemark>'), { filename: 'a.kml', kind: 'camera' }))).message)
      .toMatch(/placemark 1: bad coordinate "117,x"/);
  });
});

describe('GeoJSON', () => {
  const twin = (crs?: string, convert: (p: Position) => Position = (p) => p) => JSON.stringify({
    type: 'FeatureCollection', ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}),
    features: [
      { type: 'Feature', properties: { kind: 'community', id: 'c', name: '南门社区' }, geometry: { type: 'Polygon', coordinates: [[[117.119, 36.649], [117.123, 36.649], [117.123, 36.652], [117.119, 36.652], [117.119, 36.649]].map(convert)] } },
      ...cameras.map((p, i) => ({ type: 'Feature', properties: { kind: 'camera', id: `cam${i}`, 朝向: '90' }, geometry: { type: 'Point', coordinates: convert(p) } })),
    ],
    attestations: [{ checkId: 'platform', pass: true, text: 'ok', by: 'me', at: '2024-01-01' }],
  }, null, 1);

  it('converts a GCJ-02 twin to a valid WGS 84 twin, keeping attestations and mapping Chinese keys', async () => {
    const result = await importFile(Readable.from([Buffer.from(twin(undefined, (p) => project(p, 'GCJ02')))]), { filename: 't.geojson', crs: 'gcj02' });
    const validation = validateTwin(result.collection);
    expect(validation.errors).toEqual([]);
    expect(result.collection.attestations).toHaveLength(1);
    expect(result.collection.features[1].properties).toEqual({ kind: 'camera', id: 'cam0', headingDeg: 90 });
    result.collection.features.slice(1).forEach((f, i) => expect(distanceM((f.geometry as Point).coordinates, cameras[i])).toBeLessThan(1));
  });

  it('reads a legacy crs member (zone 39) and warns when the stated CRS disagrees with it', async () => {
    const gk = twin('urn:ogc:def:crs:EPSG::4527', (p) => project(p, 'EPSG:4527'));
    const result = await importFile(Buffer.from(gk), { filename: 't.json' });
    expect(result.crs).toMatchObject({ detected: 'EPSG:4527', assumed: 'EPSG:4527' });
    expect(validateTwin(result.collection).ok).toBe(true);
    const stated = await importFile(Buffer.from(gk), { filename: 't.json', crs: 'wgs84' });
    expect(stated.warnings.join('\n')).toMatch(/the file says its CRS is CGCS2000 .*zone 39.* but WGS 84 .* was stated/);
  });

  it('reports the line and column of a syntax error, and refuses a file over the size limit', async () => {
    const err = await rejects(importFile(Buffer.from('{\n  "type": "FeatureCollection",\n  "features": [,]\n}'), { filename: 't.geojson' }));
    expect(err.message).toBe('GeoJSON syntax error at line 3, column 16: unexpected "," (near "on\\", \\"features\\": [,] }")');
    const truncated = await rejects(importFile(Buffer.from('{"type": "FeatureCollection",\n"features": [{"type": "Fea'), { filename: 't.geojson' }));
    expect(truncated.message).toMatch(/^GeoJSON syntax error at line 2, column 27: unexpected end of file/);
    const big = await rejects(importFile(Readable.from([Buffer.alloc(600, 32), Buffer.alloc(600, 32)]), { filename: 't.geojson', maxBytes: 1000 }));
    expect(big.status).toBe(413);
    expect(big.message).toMatch(/larger than the limit of 1000 bytes/);
  });
});
