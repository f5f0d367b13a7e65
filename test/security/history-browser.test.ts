/**
 * Feature history in the browser: a building is imported, then edited through the API (a
 * scenario applied by an admin); a click on it in the map opens <ct-feature-info>, whose
 * history lists both changes, newest first — who, when, the action in Chinese (English with
 * lang=en) and the feature's row hash before → after in short form, the same hashes the
 * history route gives. Screenshot: test/.tmp/screens/feature-history.png. Skipped without
 * /usr/bin/chromium.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Feature, Position } from 'geojson';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildClientOnce, DIST } from '../e2e/serve.ts';
import { CHROMIUM, launchBrowser } from '../e2e/browser.ts';
import { waitReady } from '../e2e/app.ts';
import { openTestDatabase, type TestDatabase } from '../setup/db.ts';
import type { RunningApp } from '../server/http.ts';
import { smallTwin } from '../server/twins.ts';
import { json, principals, startSecureApp } from './helpers.ts';

const OUT = resolve(import.meta.dirname, '../.tmp/screens');
const hasChromium = existsSync(CHROMIUM);
const ID = 'histui';

let db: TestDatabase;
let app: RunningApp;
let as: Awaited<ReturnType<typeof principals>>;
beforeAll(async () => {
  if (!hasChromium) return;
  await buildClientOnce();
  db = await openTestDatabase();
  app = await startSecureApp(db, {}, { staticDir: DIST });
  as = await principals(db.sql, app.url);
}, 600_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

interface Entry { actor: string; action: string; change: string; featureBeforeHash: string | null; featureAfterHash: string | null }

test.runIf(hasChromium)('edit a building through the API, click it: the info panel lists its history', async () => {
  expect((await as.planner.fetch(`/api/communities?id=${ID}`, json(smallTwin(ID)))).status).toBe(201);
  const created = await as.admin.fetch(`/api/communities/${ID}/scenarios`, json({ name: 'taller', edits: [{ op: 'update', id: 'b1', props: { floors: 24 } }] }));
  expect(created.status).toBe(201);
  const { id: sid } = await created.json();
  expect((await as.admin.fetch(`/api/scenarios/${sid}/apply`, { method: 'POST' })).status).toBe(200);
  const { entries } = (await (await fetch(`${app.url}/api/communities/${ID}/features/b1/history`)).json()) as { entries: Entry[] };
  expect(entries.map((e) => `${e.action} ${e.change}`)).toEqual(['import added', 'scenario.apply changed']);

  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // straight down on b1 (pitch 0: its roof is over its footprint), only the twin's own layers
    await page.goto(`${app.url}/#c=${ID}&lang=zh&v=117.0995,36.6495,18.5,0,0&off=cameras,keyLocations,throwing,labels,fiveG,sportsWalk`);
    await waitReady(page);
    await page.waitForTimeout(1000);

    // click the middle of building b1 (a 20 m square)
    const b1 = smallTwin(ID).features.find((f) => f.properties.id === 'b1') as unknown as Feature;
    const ring = (b1.geometry as { coordinates: Position[][] }).coordinates[0];
    const centre = [(ring[0][0] + ring[2][0]) / 2, (ring[0][1] + ring[2][1]) / 2];
    const point = await page.evaluate(([lon, lat]) => {
      const map = document.querySelector('ct-app')!.shadowRoot!.querySelector('ct-map') as unknown as HTMLElement & { map: { project(p: number[]): { x: number; y: number } } };
      const p = map.map.project([lon, lat]);
      const box = map.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }, centre);
    await page.mouse.click(point.x, point.y);
    const info = page.locator('ct-feature-info');
    await info.waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => (document.querySelector('ct-app')!.shadowRoot!.querySelector('ct-feature-info') as unknown as { feature: Feature }).feature.properties?.id)).toBe('b1');
    const rows = info.locator('table.history tr.entry');
    try {
      await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2);
    } finally {
      mkdirSync(OUT, { recursive: true });
      await page.screenshot({ path: join(OUT, 'feature-history.png') });
    }

    expect(await info.locator('h3').textContent()).toBe('修改记录');
    // newest first: the applied scenario, then the import
    const texts = await rows.allTextContents();
    expect(texts[0]).toContain(as.admin.name);
    expect(texts[0]).toContain('应用方案 · 修改');
    expect(texts[0]).toContain(`${entries[1].featureBeforeHash!.slice(0, 8)} → ${entries[1].featureAfterHash!.slice(0, 8)}`);
    expect(texts[1]).toContain(as.planner.name);
    expect(texts[1]).toContain('导入 · 新增');
    expect(texts[1]).toContain(`— → ${entries[0].featureAfterHash!.slice(0, 8)}`);
    expect(texts[0]).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    await page.screenshot({ path: join(OUT, 'feature-history.png') });
    await info.screenshot({ path: join(OUT, 'feature-history-panel.png') });

    // the same panel in English, strings from the message table
    await page.evaluate(() => { (document.querySelector('ct-app')!.shadowRoot!.querySelector('ct-feature-info') as unknown as { locale: string }).locale = 'en'; });
    await expect.poll(() => info.locator('h3').textContent()).toBe('History');
    expect(await rows.first().textContent()).toContain('Scenario applied · changed');
    await info.screenshot({ path: join(OUT, 'feature-history-panel-en.png') });
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
}, 300_000);
