/**
 * Hostile files at the import route (the readers' own tests are in test/import-formats):
 * path traversal in a zip, zip bombs, entity expansion and external entities in KML, and a
 * body over the limit — each a 4xx, nothing written, no audit row, no file left outside
 * the temporary directory.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../setup/db.ts';
import type { RunningApp } from '../server/http.ts';
import { forgeUncompressedSize, writeShp, zip } from '../import-formats/writers.ts';
import { principals, startSecureApp, type Client } from './helpers.ts';

let db: TestDatabase;
let app: RunningApp;
let planner: Client;

beforeAll(async () => {
  db = await openTestDatabase();
  app = await startSecureApp(db, {}, { bodyLimit: '2mb' });
  planner = (await principals(db.sql, app.url)).planner;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const building = [[117.1, 36.65], [117.1001, 36.65], [117.1001, 36.6501], [117.1, 36.6501], [117.1, 36.65]];
const shp = () => writeShp([{ type: 'Polygon', coordinates: [building] }]);
const kml = (body: string, doctype: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${doctype}\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>${body}</Document></kml>`;
const laughs = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`)].join('\n');

const CASES: [string, string, Uint8Array | string][] = [
  ['zip path traversal', 'evil.zip', zip({ '../../evil.shp': shp() })],
  ['zip absolute path', 'evil.zip', zip({ '/tmp/ct-evil.shp': shp() })],
  ['zip bomb (5 MB of zeros, 2 MB limit)', 'bomb.zip', zip({ 'a.shp': new Uint8Array(5 * 1024 * 1024) })],
  ['zip entry lying about its size', 'liar.zip', forgeUncompressedSize(zip({ 'a.shp': new Uint8Array(5 * 1024 * 1024) }), 100)],
  ['KML billion laughs', 'laughs.kml', kml('<Placemark><name>&lol9;</name><Point><coordinates>117,36</coordinates></Point></Placemark>', `<!DOCTYPE kml [\n${laughs}\n]>`)],
  ['KML external entity', 'xxe.kml', kml('<Placemark><name>&xxe;</name><Point><coordinates>117,36</coordinates></Point></Placemark>', '<!DOCTYPE kml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')],
  ['body over the limit', 'big.geojson', `{"type":"FeatureCollection","features":[],"pad":"${'x'.repeat(3 * 1024 * 1024)}"}`],
];

test.each(CASES)('%s: 4xx, nothing written, nothing audited', async (_name, filename, body) => {
  const before = await db.counts();
  const [{ n: auditBefore }] = await db.sql`SELECT count(*)::int AS n FROM audit_log`;
  for (const path of [`/api/import?filename=${filename}&kind=building`, `/api/import/preview?filename=${filename}&kind=building`]) {
    const res = await planner.fetch(path, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: typeof body === 'string' ? body : Buffer.from(body) });
    const text = await res.text();
    expect(res.status, text).toBeGreaterThanOrEqual(400);
    expect(res.status, text).toBeLessThan(500);
    expect(text).not.toMatch(/root:x:0:0/);
  }
  expect(await db.counts()).toEqual(before);
  expect((await db.sql`SELECT count(*)::int AS n FROM audit_log`)[0].n).toBe(auditBefore);
  expect(existsSync('/tmp/ct-evil.shp') || existsSync(join(tmpdir(), '..', 'evil.shp'))).toBe(false);
});
