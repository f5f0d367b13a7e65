/** Attestations API (versions kept, latest per check) and the report route's formats, on the test database. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Report } from '../../engine/report/types.ts';
import { chromiumPath } from '../../server/report/pdf.ts';
import type { StoredAttestation } from '../../server/store/attestations.ts';
import { openTestDatabase, type TestDatabase } from '../setup/db.ts';
import { postJson, startApp, type RunningApp } from '../server/http.ts';
import { repoRoot } from './published.ts';

let db: TestDatabase;
let app: RunningApp;
const base = () => `${app.url}/api/communities/xueyuan`;
const attest = (body: unknown, id = 'xueyuan') => postJson(`${app.url}/api/communities/${id}/attestations`, body);
const report = async (query: string) => (await (await fetch(`${base()}/report${query}`)).json()) as Report;

beforeAll(async () => {
  db = await openTestDatabase();
  app = await startApp(db);
  const twin = JSON.parse(readFileSync(path.join(repoRoot, 'data/demo/xueyuan/twin.geojson'), 'utf8'));
  expect((await postJson(`${app.url}/api/communities?id=xueyuan`, twin)).status).toBe(201);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('attestations', () => {
  test('POST makes a new version; old versions are kept; GET gives the latest per check; history gives all', async () => {
    const first = await attest({ checkId: 'platform', pass: true, text: '已接入市级智慧社区平台', evidenceRef: 'doc/platform.pdf', by: '张工' });
    expect(first.status).toBe(201);
    const v1 = (await first.json()) as StoredAttestation;
    expect(v1).toMatchObject({ checkId: 'platform', version: 1, pass: true, text: '已接入市级智慧社区平台', evidenceRef: 'doc/platform.pdf', by: '张工', communityVersion: 1 });
    expect(Date.parse(v1.at)).not.toBeNaN();
    expect(first.headers.get('location')).toBe('/api/communities/xueyuan/attestations/platform/history');

    const second = await attest({ checkId: 'platform', pass: false, text: '平台场景不足10个', by: '李工' });
    expect(second.status).toBe(201);
    expect(await second.json()).toMatchObject({ version: 2, pass: false, by: '李工' });
    expect((await attest({ checkId: 'gov-services', pass: true, text: '一站式服务', by: '王工' })).status).toBe(201);

    const latest = (await (await fetch(`${base()}/attestations`)).json()) as StoredAttestation[];
    expect(latest.map((a) => [a.checkId, a.version, a.pass])).toEqual([['gov-services', 1, true], ['platform', 2, false]]);

    const all = (await (await fetch(`${base()}/attestations?all=1`)).json()) as StoredAttestation[];
    expect(all.map((a) => [a.checkId, a.version])).toEqual([['platform', 1], ['platform', 2], ['gov-services', 1]]);

    const history = (await (await fetch(`${base()}/attestations/platform/history`)).json()) as StoredAttestation[];
    expect(history.map((a) => [a.version, a.text])).toEqual([[1, '已接入市级智慧社区平台'], [2, '平台场景不足10个']]);
    expect(await db.counts()).toMatchObject({ attestation: 3 });
  });

  test('the report uses the latest attestation per check from the database', async () => {
    const r = await report('?tier=benchmark');
    const platform = r.rows[7].checks[0];
    expect(platform).toMatchObject({ id: 'platform', pass: false });
    expect(platform.evidence.attestation).toMatchObject({ text: '平台场景不足10个', by: '李工', version: 2 });
    expect(r.rows[8].checks[0]).toMatchObject({ id: 'gov-services', pass: true });
    expect((await attest({ checkId: 'platform', pass: true, text: '复核：已集成10个场景', by: '李工' })).status).toBe(201);
    const again = await report('?tier=benchmark');
    expect(again.rows[7]).toMatchObject({ pass: true });
    expect(again.summary.attested).toBe(r.summary.attested + 1);
    expect(again.summary.failed).toBe(r.summary.failed - 1);
    const html = await (await fetch(`${base()}/report?tier=benchmark&format=html`)).text();
    expect(html).toContain('复核：已集成10个场景');
  });

  test.each([
    ['an unknown checkId, named', { checkId: 'wifi-everywhere', pass: true, text: 't', by: 'b' }, /checkId "wifi-everywhere" is not a check of the standard/],
    ['a computed checkId', { checkId: '5g', pass: true, text: 't', by: 'b' }, /"5g" is computed/],
    ['a missing text', { checkId: 'platform', pass: true, by: 'b' }, /text/],
    ['an empty by', { checkId: 'platform', pass: true, text: 't', by: '  ' }, /by must not be empty/],
    ['a missing by', { checkId: 'platform', pass: true, text: 't' }, /by/],
    ['pass not a boolean', { checkId: 'platform', pass: 'yes', text: 't', by: 'b' }, /pass/],
    ['an unknown field', { checkId: 'platform', pass: true, text: 't', by: 'b', colour: 'red' }, /colour/],
  ])('400 on %s', async (_what, body, message) => {
    const before = await db.counts();
    const res = await attest(body);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(message);
    expect(await db.counts()).toEqual(before);
  });

  test('an attestation for the Beijing standard is checked against Beijing\'s checks', async () => {
    const res = await postJson(`${base()}/attestations?standard=beijing-2013`, { checkId: 'platform', pass: true, text: 't', by: 'b' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/beijing-2013/);
  });

  test('404 for an unknown community', async () => {
    expect((await attest({ checkId: 'platform', pass: true, text: 't', by: 'b' }, 'nowhere')).status).toBe(404);
    expect((await fetch(`${app.url}/api/communities/nowhere/attestations`)).status).toBe(404);
    expect((await fetch(`${app.url}/api/communities/nowhere/attestations/platform/history`)).status).toBe(404);
  });
});

describe('report formats', () => {
  const get = (q: string) => fetch(`${base()}/report?tier=benchmark${q}`);

  test('json by default, with a filename naming community and tier', async () => {
    const res = await get('');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toBe('inline; filename="communitytwin-xueyuan-shandong-2022-benchmark.json"');
  });

  test('html: Chinese page, CSP, no scripts; English with lang=en', async () => {
    const res = await get('&format=html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(res.headers.get('content-disposition')).toMatch(/filename="communitytwin-xueyuan-shandong-2022-benchmark\.html"/);
    const html = await res.text();
    expect(html).toContain('<th>实际情况/计算结果</th>');
    expect(html).not.toMatch(/<script/i);
    const en = await (await get('&format=html&lang=en')).text();
    expect(en).toContain('<th>Actual / computed result</th>');
  });

  test('csv: BOM, attachment', async () => {
    const res = await get('&format=csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="communitytwin-xueyuan-shandong-2022-benchmark.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  test('xlsx: opens, 32 data rows', async () => {
    const res = await get('&format=xlsx');
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="communitytwin-xueyuan-shandong-2022-benchmark\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets[0].rowCount).toBe(33);
  });

  test.skipIf(!chromiumPath())('pdf', async () => {
    const res = await get('&format=pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/filename="communitytwin-xueyuan-shandong-2022-benchmark\.pdf"/);
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 120_000);

  test.each([['an unknown format', '&format=docx', /unknown format "docx"/], ['an unknown lang', '&format=html&lang=fr', /unknown lang "fr"/]])('400 on %s', async (_w, q, message) => {
    const res = await get(q);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(message);
  });
});
