/**
 * Browser e2e: build the client, run the real server (embedded PostGIS) behind a static
 * server for dist/, load the page in Chromium (offline) and check what a user would see.
 * Skipped when /usr/bin/chromium is absent.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import type { Page } from 'playwright-core';
import type { Report } from '../../engine/report/types.ts';
import { CHROMIUM, launchBrowser } from './browser.ts';
import { ROOT, startApiServer, startStaticServer, type Running } from './serve.ts';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`skipping browser e2e: ${CHROMIUM} not found`);

describe.skipIf(!hasChromium)('map page (Chromium)', () => {
  let api: Running, site: Running, browser: Awaited<ReturnType<typeof launchBrowser>>, page: Page;
  const consoleErrors: string[] = [];
  const offsiteRequests: string[] = [];
  let community = '';

  beforeAll(async () => {
    await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
    const dataDir = join(ROOT, 'test/.tmp/e2e-map');
    rmSync(dataDir, { recursive: true, force: true });
    api = await startApiServer(8091, dataDir);
    site = await startStaticServer(api.url);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      offsiteRequests.push(url.href);
      return route.abort();
    });
    const communities = (await (await fetch(`${api.url}/api/communities`)).json()) as { id: string }[];
    community = communities[0].id;
    await page.goto(`${site.url}/#c=${community}&tier=basic`);
    await page.waitForSelector('ct-app[data-ready]', { timeout: 120_000 });
    await page.waitForTimeout(1000);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await api?.close();
  });

  it('loads without console errors or off-site requests', () => {
    expect(consoleErrors).toEqual([]);
    expect(offsiteRequests).toEqual([]);
  });

  it('draws the map: the canvas area is not blank', async () => {
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: 900, height: 900 } });
    const stats = await page.evaluate(async (base64) => {
      const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob();
      const bitmap = await createImageBitmap(blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.drawImage(bitmap, 0, 0);
      const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      const colours = new Set<number>();
      let differing = 0;
      const [r0, g0, b0] = [data[0], data[1], data[2]];
      for (let i = 0; i < data.length; i += 4 * 7) {
        colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        if (Math.abs(data[i] - r0) + Math.abs(data[i + 1] - g0) + Math.abs(data[i + 2] - b0) > 30) differing++;
      }
      return { colours: colours.size, differingShare: differing / (data.length / 4 / 7) };
    }, png.toString('base64'));
    expect(stats.colours).toBeGreaterThan(50);
    expect(stats.differingShare).toBeGreaterThan(0.1);
  });

  it('lists the standard’s rows in the scorecard, one per report row', async () => {
    const report = (await (await fetch(`${api.url}/api/communities/${community}/report?tier=basic&standard=shandong-2022`)).json()) as Report;
    expect(report.rows.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('ct-scorecard tr.row').count()).toBe(report.rows.length);
    const rowNumbers = await page.locator('ct-scorecard tr.row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-row'))));
    expect(rowNumbers).toEqual(report.rows.map((r) => r.row));
  });

  it('keeps tier and selected row in the URL hash', async () => {
    await page.locator('ct-scorecard tr.row').first().click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/row=\d+/);
    await page.locator('ct-scorecard .tiers button').nth(1).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/tier=growth/);
  });
});
