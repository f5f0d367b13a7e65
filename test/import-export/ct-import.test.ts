/**
 * <ct-import> in Chromium against the real app: choose a GCJ-02 CSV, preview (progress,
 * counts, CRS), then import as a layer; `ct-imported` carries the community id. A large
 * GeoJSON shows the server's reading progress (SSE) after the upload bar.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM, launchBrowser } from '../e2e/browser.ts';
import { startApp, type RunningApp } from '../server/http.ts';
import { smallTwin } from '../server/twins.ts';
import { openTestDatabase, type TestDatabase } from '../setup/db.ts';
import { upload } from './helpers.ts';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`skipping <ct-import> browser test: ${CHROMIUM} not found`);

describe.skipIf(!hasChromium)('<ct-import> (Chromium)', () => {
  let db: TestDatabase, app: RunningApp;
  const dir = mkdtempSync(join(tmpdir(), 'ct-import-'));

  beforeAll(async () => {
    const site = join(dir, 'site');
    mkdirSync(site);
    await build({
      entryPoints: [resolve(import.meta.dirname, '../../client/import/ct-import.ts')], bundle: true, format: 'esm',
      outfile: join(site, 'ct-import.js'), tsconfig: resolve(import.meta.dirname, '../../tsconfig.json'), logLevel: 'silent',
    });
    writeFileSync(join(site, 'index.html'), `<!doctype html><meta charset="utf-8"><script type="module" src="/ct-import.js"></script>
      <ct-import community="browser"></ct-import><ct-import id="whole" locale="zh"></ct-import>`);
    db = await openTestDatabase();
    app = await startApp(db, { staticDir: site });
    expect((await upload(`${app.url}/api/import`, JSON.stringify(smallTwin('browser')), { filename: 'b.geojson' })).status).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('preview shows counts and the stated CRS; import emits ct-imported and bumps the version', async () => {
    const csv = join(dir, '高德摄像头.csv');
    writeFileSync(csv, '经度,纬度,名称\n117.1052,36.6492,东门\n117.1061,36.6488,西门\n');
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(app.url);
      await page.evaluate(() => document.addEventListener('ct-imported', (e) => {
        (window as unknown as { imported: unknown }).imported = (e as CustomEvent).detail;
      }));
      const form = page.locator('ct-import[community]');
      await form.locator('#file').setInputFiles(csv);
      await form.locator('#crs').selectOption('gcj02');
      await form.locator('#kind').selectOption('camera');
      await form.getByRole('button', { name: '预览' }).click();
      await expect.poll(() => form.locator('.preview').textContent(), { timeout: 20_000 }).toMatch(/摄像头 camera\s*2/);
      expect(await form.locator('.preview').textContent()).toMatch(/GCJ-02.*指定/);
      expect(await form.locator('.preview svg circle').count()).toBe(2);

      await form.getByRole('button', { name: '确认导入' }).click();
      await expect.poll(() => page.evaluate(() => (window as unknown as { imported?: { id: string; version: number } }).imported), { timeout: 20_000 })
        .toMatchObject({ id: 'browser', version: 2 });
      expect(await form.locator('p.message').textContent()).toMatch(/已导入：browser 第 2 版/);
    } finally {
      await browser.close();
    }
  });

  test('a large GeoJSON: after the upload, a second bar follows the server reading it (bytes, features)', async () => {
    const big = join(dir, 'big.geojson');
    const twin = smallTwin('big-browser');
    const cam = twin.features.find((f) => f.properties.kind === 'camera')!;
    const extra = Array.from({ length: 60_000 }, (_, i) => JSON.stringify({ ...cam, properties: { ...cam.properties, id: `x${i}`, name: `摄像头 ${i}` } }));
    writeFileSync(big, `{"type":"FeatureCollection","features":[${[...twin.features.map((f) => JSON.stringify(f)), ...extra].join(',\n')}]}`);
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 640, height: 420 });
      await page.goto(app.url);
      const form = page.locator('ct-import#whole');
      await form.locator('#file').setInputFiles(big);
      await form.getByRole('button', { name: '预览' }).click();
      const label = form.locator('label.server');
      await expect.poll(() => label.textContent().catch(() => ''), { timeout: 60_000, interval: 50 }).toMatch(/解析中 \d+%（已读 \d+ 个要素）/);
      expect(await form.locator('progress.upload').getAttribute('max')).toBe('1');
      const shot = await form.screenshot();
      if (process.env.UPDATE_SCREENSHOTS) writeFileSync(resolve(import.meta.dirname, '../../docs/screenshots/import-progress.png'), shot);
      await expect.poll(() => form.locator('.preview').textContent(), { timeout: 120_000 }).toMatch(/摄像头 camera\s*60[,，]?001/);
    } finally {
      await browser.close();
    }
  }, 240_000);
});
