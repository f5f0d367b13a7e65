/**
 * Browser e2e of plan mode (issue #7): nanmen at growth, a camera added 10 m from an uncovered
 * key location and facing it, recomputed by the engine Session in the planner worker; the
 * form's heading slider turns it away and back, live. The planner's report must equal the
 * server's evaluation of the same edits, saved as a scenario from the panel after logging in.
 * (Mouse drags on the map: planner-drag.test.ts; suggest → save → compare → apply:
 * planner-flow.test.ts.) Skipped when /usr/bin/chromium is absent.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Point } from 'geojson';
import type { Edit, TwinFeatureJson } from '../../engine/edit/index.ts';
import type { CheckResult, Report } from '../../engine/report/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { bearingDeg, offsetM } from '../../client/planner/tools.ts';
import { addUser, checkOf, logIn, planSettled, visible } from '../planner/e2e-helpers.ts';
import { openAt } from './app.ts';
import { CHROMIUM } from './browser.ts';
import type { Running } from './serve.ts';
import { startE2eSession, type E2eSession } from './session.ts';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`skipping planner e2e: ${CHROMIUM} not found`);

const SLOW = 300_000;

const videoCoverage = (report: Report | null): CheckResult => checkOf(report, 'video-coverage');

describe.skipIf(!hasChromium)('planner (Chromium)', () => {
  let session: E2eSession | undefined, api: Running, site: Running, page: Page, pageErrors: string[] = [];
  const userName = `planner-e2e-${process.pid}`;
  let password = '';

  beforeAll(async () => {
    session = await startE2eSession('e2e-planner', { prepare: (dir) => { password = addUser(dir, userName); }, acceptDialogs: true });
    ({ api, site, page, pageErrors } = session);
  }, SLOW);

  afterAll(async () => {
    await session?.close();
  });

  it('a camera placed at an uncovered entrance raises video coverage, live, as the server computes it', async () => {
    await openAt(page, site.url, 'c=nanmen&tier=growth&lang=zh');
    await page.locator('ct-planner button.toggle').click();
    const baseline = await planSettled(page);
    const before = videoCoverage(baseline.report);
    expect(before.pass).toBe(false);

    const twin = (await (await fetch(`${api.url}/api/communities/nanmen/twin`)).json()) as TwinFile;
    const failingPoints = twin.features.filter((f) => before.evidence.failingIds.includes(f.properties.id) && f.geometry.type === 'Point');
    expect(failingPoints.length).toBeGreaterThan(0);

    // 10 m from the first uncovered entrance that a camera can see from some side, facing it
    let placed: { camera: TwinFeatureJson; value: number } | null = null;
    for (const kl of failingPoints) {
      const target = (kl.geometry as Point).coordinates;
      for (let side = 0; side < 360 && !placed; side += 45) {
        const at = offsetM(target, side, 10);
        const camera = {
          type: 'Feature', geometry: { type: 'Point', coordinates: at },
          properties: { kind: 'camera', id: 'plan-camera-e2e', purpose: 'keyLocation', headingDeg: Math.round(bearingDeg(at, target)), hfovDeg: 90, vfovDeg: 50, tiltDeg: -15, rangeM: 60, mountHeightM: 4, online: true, intact: true, imageOut: true, proposed: true },
        } as TwinFeatureJson;
        expect(await page.evaluate((edits) => window.__ctPlan!.commit(edits), [{ op: 'add', feature: camera }] as Edit[])).toBe(true);
        const after = videoCoverage((await planSettled(page)).report);
        if ((after.value ?? 0) > (before.value ?? 0)) placed = { camera, value: after.value! };
        else {
          await page.evaluate(() => window.__ctPlan!.undo());
          await planSettled(page);
        }
      }
      if (placed) break;
    }
    if (!placed) throw new Error('no spot 10 m from an uncovered key location raised video coverage');
    console.log(`video coverage ${before.value?.toFixed(2)} % → ${placed.value.toFixed(2)} % with ${placed.camera.properties.id} at ${JSON.stringify((placed.camera.geometry as Point).coordinates)}`);

    // the scorecard of changes shows the new value and its delta from the baseline, and the engine's time
    const deltaRow = page.locator('ct-plan-deltas tr[data-check="video-coverage"]');
    await expect.poll(() => deltaRow.locator('.delta').textContent()).toMatch(/^▲\+/);
    expect(await page.locator('ct-plan-deltas .timing').textContent()).toMatch(/\d+ ms/);

    // the form's heading box turns the camera away (coverage back to the baseline), then back
    const heading = placed.camera.properties.headingDeg as number;
    await page.evaluate(() => window.__ctPlan!.select('plan-camera-e2e'));
    const headingBox = page.locator('ct-plan-form input[type="number"][data-key="headingDeg"]');
    await headingBox.fill(String((heading + 180) % 360));
    await headingBox.press('Enter');
    await headingBox.blur();
    expect(videoCoverage((await planSettled(page)).report).value).not.toBe(placed.value);
    await headingBox.fill(String(heading));
    await headingBox.press('Enter');
    await headingBox.blur();
    const planned = await planSettled(page);
    expect(videoCoverage(planned.report).value).toBe(placed.value);
    expect(planned.edits.length).toBe(3);

    // an invalid value is refused inline with the import's reason, and changes nothing
    const fovBox = page.locator('ct-plan-form input[type="number"][data-key="hfovDeg"]');
    await fovBox.fill('0');
    await fovBox.press('Enter');
    await fovBox.blur();
    await expect.poll(() => page.locator('ct-plan-form .error').textContent()).toContain('hfovDeg');
    expect((await planSettled(page)).edits.length).toBe(3);

    // log in from the panel and save the edits as a scenario
    await logIn(page, userName, password);
    await page.locator('ct-scenarios input[name="name"]').fill('e2e: camera at an entrance');
    await page.locator('ct-scenarios button[data-action="save"]').click();
    await page.waitForFunction(() => window.__ctPlan?.snapshot().scenario !== null, null, { polling: 200, timeout: 60_000 });
    const saved = await planSettled(page);
    expect(saved.scenario?.edits).toEqual(planned.edits);

    // the server evaluates the same edits to the same report
    const fromServer = (await (await fetch(`${api.url}/api/scenarios/${saved.scenario!.id}?tier=growth&standard=shandong-2022`)).json()) as { report: Report };
    expect(videoCoverage(fromServer.report).value).toBe(placed.value);
    expect(visible(planned.report!)).toEqual(visible(fromServer.report));
    expect(pageErrors).toEqual([]);
  }, 3 * SLOW);
});
