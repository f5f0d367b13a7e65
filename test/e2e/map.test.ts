/**
 * Browser e2e: build the client, run the real server (embedded PostGIS) behind a static
 * server for dist/, load the page in Chromium (offline) and check what a user would see:
 * the worker's report equals the API's, a failing check's gap is highlighted, tiers and
 * language switch — then render tests against committed PNGs (test/e2e/expected/).
 * Skipped when /usr/bin/chromium is absent.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Report } from '../../engine/report/types.ts';
import { apiReport, openAt, reportDifferences, rowWithCheck, waitReady } from './app.ts';
import { CHROMIUM, launchBrowser } from './browser.ts';
import { compareWithExpected, diffShareOf, EXPECTED_DIR, MAP_CLIP, MAX_DIFF_SHARE, updating } from './pixels.ts';
import { buildClientOnce, ROOT, startApiServer, startStaticServer, type Running } from './serve.ts';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`skipping browser e2e: ${CHROMIUM} not found`);

const SLOW = 300_000;

describe.skipIf(!hasChromium)('map page (Chromium)', () => {
  let api: Running, site: Running, browser: Awaited<ReturnType<typeof launchBrowser>>, page: Page;
  const consoleErrors: string[] = [];
  const offsiteRequests: string[] = [];

  beforeAll(async () => {
    await buildClientOnce();
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
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await api?.close();
  });

  describe('xueyuan', () => {
    it('draws the twin and reports its first paint', async () => {
      await openAt(page, site.url, 'c=xueyuan&tier=growth');
      const timings = await page.evaluate(() => window.__ct!.timings);
      console.log(`first paint (xueyuan, localhost, SwiftShader): first deck.gl frame ${timings.firstRenderMs?.toFixed(0)} ms, first map idle ${timings.firstIdleMs?.toFixed(0)} ms`);
      expect(timings.firstRenderMs).toBeGreaterThan(0);
      const layerIds = await page.evaluate(() => window.__ct!.state().layerIds);
      for (const id of ['buildings', 'compounds', 'boundary', 'camera-clusters', 'key-locations', 'facilities', 'fiveg-coverage', 'labels']) {
        expect(layerIds).toContain(id);
      }
    }, SLOW);

    it('the engine in the worker gives the same report as the API (growth)', async () => {
      const fromApi = await apiReport(api.url, 'xueyuan', 'growth');
      const fromWorker = await page.evaluate(() => window.__ct!.workerReport());
      expect(reportDifferences(fromWorker, fromApi)).toEqual([]);
      // what a user sees is exactly equal: values, thresholds, outcomes, failing ids, summary
      const visible = (r: Report) => ({ summary: r.summary, inputSha256: r.inputSha256, params: r.params, rows: r.rows.map((row) => ({
        row: row.row, pass: row.pass, checks: row.checks.map((c) => ({ id: c.id, value: c.value, threshold: c.threshold, pass: c.pass, failingIds: c.evidence.failingIds })),
      })) });
      expect(visible(fromWorker)).toEqual(visible(fromApi));
      const ms = await page.evaluate(() => window.__ct!.timings.workerEvaluateMs);
      console.log(`engine in the worker: xueyuan growth evaluated in ${ms?.toFixed(0)} ms`);
    }, SLOW);
  });

  describe('nanmen at growth', () => {
    let growth: Report;

    beforeAll(async () => {
      growth = await apiReport(api.url, 'nanmen', 'growth');
      await openAt(page, site.url, 'c=nanmen&tier=growth&lang=zh');
    }, SLOW);

    it('lists one scorecard row per report row', async () => {
      const rowNumbers = await page.locator('ct-scorecard tr.row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-row'))));
      expect(rowNumbers).toEqual(growth.rows.map((r) => r.row));
    });

    it('clicking the failing video-coverage check highlights exactly its failing features', async () => {
      const check = growth.rows.flatMap((r) => r.checks).find((c) => c.id === 'video-coverage');
      expect(check?.pass).toBe(false);
      await page.locator('ct-scorecard tr.check[data-check="video-coverage"] button.pick').click();
      await expect.poll(() => page.evaluate(() => window.__ct!.state().check)).toBe('video-coverage');
      const state = await page.evaluate(() => window.__ct!.state());
      expect(state.row).toBe(rowWithCheck(growth, 'video-coverage'));
      expect([...state.highlightedIds].sort()).toEqual([...(check?.evidence.failingIds ?? [])].sort());
      expect(state.highlightedIds.length).toBeGreaterThan(0);
      expect(state.layerIds).toEqual(expect.arrayContaining(['highlight-gaps', 'highlight-features', 'camera-views']));
      await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/chk=video-coverage/);
    });

    it('rows are buttons: reachable and chosen with the keyboard', async () => {
      const firstRow = growth.rows[0];
      await page.locator(`ct-scorecard tr.row[data-row="${firstRow.row}"] button.pick`).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => window.__ct!.state().row)).toBe(firstRow.row);
      expect(await page.evaluate(() => window.__ct!.state().check)).toBeNull();
    });

    it('switching the tier changes the scorecard to that tier’s report', async () => {
      const basic = await apiReport(api.url, 'nanmen', 'basic');
      expect(basic.summary).not.toEqual(growth.summary);
      await page.locator('ct-scorecard .tiers button').nth(0).click();
      await waitReady(page);
      expect(await page.evaluate(() => window.__ct!.report()?.tier)).toBe('basic');
      await expect.poll(() => page.locator('ct-scorecard tr.row').count()).toBe(basic.rows.length);
      const summary = await page.locator('ct-scorecard .summary').last().textContent();
      expect(summary).toContain(`达标 ${basic.summary.passed}`);
      expect(summary).toContain(`未达标 ${basic.summary.failed}`);
    }, SLOW);

    it('switches to English: UI, row names and check names', async () => {
      await page.locator('ct-app button.lang').click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      await expect.poll(() => page.locator('ct-scorecard th').nth(1).textContent()).toBe('Indicator');
      const rowName = await page.locator('ct-scorecard tr.row button.pick').first().textContent();
      expect(rowName).toBe((await apiReport(api.url, 'nanmen', 'basic')).rows[0].nameEn);
      expect(await page.locator('ct-scorecard tr.check[data-check="video-coverage"] button.pick').textContent()).toBe('Key locations covered by video');
    });
  });

  describe('render tests (expected PNGs, pixel tolerance)', () => {
    const views = (growth: Report) => [
      { name: 'xueyuan-benchmark-overview', hash: 'c=xueyuan&tier=benchmark&lang=zh&v=117.131619,36.190350,16.49,50,-15' },
      { name: 'nanmen-growth-video-coverage', hash: `c=nanmen&tier=growth&lang=zh&row=${rowWithCheck(growth, 'video-coverage')}&chk=video-coverage&v=118.483651,36.691627,15.60,50,-15` },
      { name: 'nanmen-growth-throwing-en', hash: `c=nanmen&tier=growth&lang=en&row=${rowWithCheck(growth, 'throwing')}&chk=throwing&v=118.483700,36.689100,17.50,55,-25` },
    ];
    const shots = new Map<string, Buffer>();

    it('each fixed view matches its expected PNG', async () => {
      const growth = await apiReport(api.url, 'nanmen', 'growth');
      const failures: string[] = [];
      for (const view of views(growth)) {
        await openAt(page, site.url, view.hash, 1500);
        const png = await page.screenshot({ clip: MAP_CLIP });
        shots.set(view.name, png);
        const result = compareWithExpected(view.name, png);
        console.log(`render ${view.name}: ${(result.diffShare * 100).toFixed(3)} % of pixels differ${updating ? ' (expected PNG written)' : ''}`);
        if (result.diffShare > MAX_DIFF_SHARE) failures.push(`${view.name}: ${(result.diffShare * 100).toFixed(3)} % differ (see ${result.diffPath})`);
      }
      expect(failures).toEqual([]);
    }, 3 * SLOW);

    it('catches a missing layer: the gap view without key locations does not match', async () => {
      const growth = await apiReport(api.url, 'nanmen', 'growth');
      const view = views(growth)[1];
      await openAt(page, site.url, `${view.hash}&off=keyLocations`, 1500);
      const withoutLayer = await page.screenshot({ clip: MAP_CLIP });
      const { diffShare } = diffShareOf(withoutLayer, shots.get(view.name) ?? readFileSync(join(EXPECTED_DIR, `${view.name}.png`)));
      console.log(`render ${view.name} without key locations: ${(diffShare * 100).toFixed(3)} % of pixels differ`);
      expect(diffShare).toBeGreaterThan(MAX_DIFF_SHARE);
    }, SLOW);
  });

  it('loads without console errors or off-site requests', () => {
    expect(consoleErrors).toEqual([]);
    expect(offsiteRequests).toEqual([]);
  });
});
