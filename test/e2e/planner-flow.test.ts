/**
 * The planner's "done when" in a browser (issue #7), on nanmen: a planner logs in, asks for the
 * growth tier's suggestions; the suggested scenario is listed, the scorecard shows the rows it
 * targets passing and the map's ring on an entrance it covers goes away; it is saved under a
 * name, compared with the baseline (both columns side by side, the closed gaps outlined green
 * on the map) and applied — and the page shows the applied community without a reload. Applying
 * the now stale suggestion shows the server's 409 reason. With UPDATE_DOCS_SCREENSHOTS=1 writes docs/screenshots/planner-nanmen.png
 * (the suggestion) and planner-compare.png. Skipped when /usr/bin/chromium is absent.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Point } from 'geojson';
import type { Report } from '../../engine/report/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { addUser, checkOf, fitMap, logIn, pixelsNear, planSettled, PLAN_TIMEOUT_MS, screenOf, visible, type Rgb } from '../planner/e2e-helpers.ts';
import { apiReport, openAt, reportDifferences, rowWithCheck } from './app.ts';
import { CHROMIUM } from './browser.ts';
import { ROOT, type Running } from './serve.ts';
import { startE2eSession, type E2eSession } from './session.ts';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`skipping planner flow e2e: ${CHROMIUM} not found`);

const SLOW = 300_000;
/** the ring on a failing feature of the selected row (client/layers/colors.ts highlight) */
const MAGENTA: Rgb = [255, 0, 110];
/** a gap the compared scenario closes (client/planner/plan-layers.ts CLOSED) */
const GREEN: Rgb = [0, 158, 115];

/** Every computed check with its outcome, as [row, id, pass]. */
const outcomes = (r: Report) => r.rows.flatMap((row) => row.checks.map((c) => ({ row: row.row, id: c.id, pass: c.pass, single: row.checks.length === 1 })));

describe.skipIf(!hasChromium)('planner: suggest, save, compare, apply (Chromium)', () => {
  let session: E2eSession | undefined, api: Running, site: Running, page: Page, pageErrors: string[] = [];
  const userName = `planner-flow-${process.pid}`;
  let password = '';

  beforeAll(async () => {
    session = await startE2eSession('e2e-planner-flow', { prepare: (dir) => { password = addUser(dir, userName, 'planner'); }, acceptDialogs: true });
    ({ api, site, page, pageErrors } = session);
  }, SLOW);

  afterAll(async () => {
    await session?.close();
  });

  /** the outcome class the scorecard shows for a check (its own sub-row, or its row when alone) */
  const shownOutcome = (c: { row: number; id: string; single: boolean }) => (c.single
    ? page.locator(`ct-scorecard tr.row[data-row="${c.row}"] .badge`)
    : page.locator(`ct-scorecard tr.check[data-row="${c.row}"][data-check="${c.id}"] .mark`)).getAttribute('class');
  const ringPixels = async (ids: string[], twin: TwinFile, colour: Rgb) => {
    const shot = await page.screenshot();
    const counts: Record<string, number> = {};
    for (const id of ids) {
      const at = await screenOf(page, (twin.features.find((f) => f.properties.id === id)!.geometry as Point).coordinates);
      counts[id] = pixelsNear(shot, at.x, at.y, 14, colour);
    }
    return counts;
  };

  it('growth suggestions close gaps on the map, are saved, compared with the baseline and applied without a reload', async () => {
    const baseTwin = (await (await fetch(`${api.url}/api/communities/nanmen/twin`)).json()) as TwinFile;
    const growth = await apiReport(api.url, 'nanmen', 'growth');
    const row = rowWithCheck(growth, 'video-coverage');
    await openAt(page, site.url, `c=nanmen&tier=growth&lang=zh&row=${row}&chk=video-coverage`);
    await page.evaluate(() => { (window as unknown as { notReloaded: boolean }).notReloaded = true; });
    await page.locator('ct-planner button.toggle').click();
    const baseline = await planSettled(page);
    expect(visible(baseline.report!)).toEqual(visible(growth));
    const uncovered = checkOf(baseline.report, 'video-coverage').evidence.failingIds
      .filter((id) => baseTwin.features.find((f) => f.properties.id === id)?.geometry.type === 'Point');
    expect(uncovered.length).toBeGreaterThan(0);
    await page.waitForTimeout(1500);
    const ringsBefore = await ringPixels(uncovered, baseTwin, MAGENTA);

    // ask for growth
    await logIn(page, userName, password);
    await page.locator('ct-scenarios select').first().selectOption('growth');
    await page.locator('ct-scenarios button[data-action="suggest"]').click();
    await page.waitForFunction(() => window.__ctPlan?.snapshot().scenario?.createdBy === 'engine/suggest', null, { polling: 250, timeout: PLAN_TIMEOUT_MS });
    const suggested = await planSettled(page);
    const scenario = suggested.scenario!;
    expect(scenario.edits.length).toBeGreaterThan(0);
    expect(suggested.edits).toEqual(scenario.edits);
    await expect.poll(() => page.locator(`ct-scenarios li[data-scenario="${scenario.id}"] .badge`).count()).toBe(1);

    // the scorecard shows every check the suggestion targets passing (each failed before)
    const was = new Map(outcomes(baseline.report!).map((c) => [`${c.row}/${c.id}`, c.pass]));
    const targeted = outcomes(suggested.report!).filter((c) => was.get(`${c.row}/${c.id}`) === false && c.pass === true);
    expect(targeted.map((c) => c.id)).toEqual(expect.arrayContaining(['5g', 'video-coverage', 'sports-walk', 'throwing']));
    for (const c of targeted) await expect.poll(() => shownOutcome(c), { message: `${c.row} ${c.id}` }).toMatch(/\bpass\b/);
    // and nothing that passed fails
    for (const c of outcomes(suggested.report!)) if (was.get(`${c.row}/${c.id}`) === true) expect(c.pass, c.id).toBe(true);

    // the entrances the new cameras cover lose their ring on the map
    const closed = uncovered.filter((id) => !checkOf(suggested.report, 'video-coverage').evidence.failingIds.includes(id));
    expect(closed.length).toBeGreaterThan(0);
    await expect.poll(() => page.evaluate(() => window.__ct!.state().highlightedIds)).not.toContain(closed[0]);
    await page.waitForTimeout(1500);
    const ringsAfter = await ringPixels(closed, baseTwin, MAGENTA);
    console.log(`magenta ring pixels near the closed entrances: before ${JSON.stringify(ringsBefore)}, after ${JSON.stringify(ringsAfter)}`);
    for (const id of closed) {
      expect(ringsBefore[id], id).toBeGreaterThan(20);
      expect(ringsAfter[id], id).toBeLessThan(ringsBefore[id] / 4);
    }

    // a picture of the suggestion around the first closed entrance
    const k = (baseTwin.features.find((f) => f.properties.id === closed[0])!.geometry as Point).coordinates;
    await fitMap(page, [k[0] - 0.0012, k[1] - 0.0008, k[0] + 0.0012, k[1] + 0.0008], 18);
    if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') writeFileSync(join(ROOT, 'docs/screenshots/planner-nanmen.png'), await page.screenshot());

    // save it under a name
    await page.locator('ct-scenarios input[name="name"]').fill('nanmen growth plan');
    await page.locator('ct-scenarios button[data-action="save"]').click();
    await page.waitForFunction(() => window.__ctPlan?.snapshot().scenario?.name === 'nanmen growth plan', null, { polling: 250, timeout: 60_000 });
    const saved = (await planSettled(page)).scenario!;
    expect(saved.id).not.toBe(scenario.id);
    expect(saved.edits).toEqual(scenario.edits);
    await expect.poll(() => page.locator('ct-scenarios li[data-scenario]').count()).toBe(2);

    // compare with the baseline: both columns side by side, the closed gaps outlined on the map
    await page.locator(`ct-scenarios li[data-scenario="${saved.id}"] button[data-action="compare"]`).click();
    const vcRow = page.locator('ct-plan-compare tr[data-check="video-coverage"]');
    await vcRow.waitFor({ timeout: 60_000 });
    const cells = await vcRow.locator('td').allTextContents();
    // row, check, this scenario, the baseline, gaps opened, gaps closed
    expect(cells[2]).toContain('✓');
    expect(cells[3]).toContain('✗');
    expect(Number(cells[5])).toBe(closed.length);
    expect(await page.locator('ct-plan-compare .side').allTextContents()).toHaveLength(2);
    const compared = await page.evaluate(() => window.__ctPlan!.snapshot().compared);
    expect(compared?.closed).toEqual(expect.arrayContaining(closed));
    expect(compared?.opened).toEqual([]);
    await page.waitForTimeout(2000);
    const green = await ringPixels([closed[0]], baseTwin, GREEN);
    expect(green[closed[0]]).toBeGreaterThan(10);
    if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') writeFileSync(join(ROOT, 'docs/screenshots/planner-compare.png'), await page.screenshot());

    // apply it: the page shows the applied community, without a reload
    await page.locator(`ct-scenarios li[data-scenario="${saved.id}"] button[data-action="apply"]`).click();
    await expect.poll(() => page.locator('ct-scenarios .ok').textContent(), { timeout: 60_000 }).toContain('版本 2');
    const added = scenario.edits.find((e) => e.op === 'add');
    const proposedId = added?.op === 'add' ? added.feature.properties.id : '';
    expect(proposedId).not.toBe('');
    await page.waitForFunction((id) => {
      const s = window.__ctPlan?.snapshot();
      return s?.ready === true && s.edits.length === 0 && s.scenario === null && s.twin?.features.some((f) => f.properties.id === id);
    }, proposedId, { polling: 250, timeout: PLAN_TIMEOUT_MS });
    const after = await apiReport(api.url, 'nanmen', 'growth');
    expect(checkOf(after, 'video-coverage').pass).toBe(true);
    await page.waitForFunction(() => window.__ct?.report()?.rows.flatMap((r) => r.checks).find((c) => c.id === 'video-coverage')?.pass === true, null, { polling: 250, timeout: 60_000 });
    expect(reportDifferences(visible((await page.evaluate(() => window.__ct!.report()))!), visible(after))).toEqual([]);
    const rebased = await planSettled(page);
    expect(visible(rebased.report!)).toEqual(visible(after));
    expect(rebased.deltas.every((d) => d.delta === null || d.delta === 0)).toBe(true);
    for (const c of targeted) expect(await shownOutcome(c), c.id).toMatch(/\bpass\b/);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // the suggestion itself was made on the old version: applying it is refused with the server's reason
    await page.locator(`ct-scenarios li[data-scenario="${scenario.id}"] button[data-action="apply"]`).click();
    const error = page.locator('ct-scenarios .error');
    await expect.poll(() => error.textContent(), { timeout: 60_000 }).toContain('方案已过期');
    expect(await error.textContent()).toContain('is at version 2');
    expect(await error.textContent()).toContain('made on version 1');
    const unchanged = await apiReport(api.url, 'nanmen', 'growth');
    expect(visible(unchanged)).toEqual(visible(after));
    expect(pageErrors).toEqual([]);
  }, 4 * SLOW);
});
