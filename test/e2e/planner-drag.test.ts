/**
 * Browser e2e of editing on the map with the mouse (issue #7): in plan mode on nanmen (growth,
 * the video-coverage check selected), a real click selects an existing camera and real drags
 * (page.mouse down / move / up on the map canvas, at pixels from maplibre's project()) move it
 * next to an uncovered entrance, turn its heading handle towards it, open its field-of-view
 * handle and pull its range handle in. While a drag is held, the planner recomputes: the
 * changes table shows the value and its delta from the baseline and the map's highlighted gaps
 * follow; each release commits one edit. The planner's report equals a full evaluate of the
 * same edits in Node. Leaves a picture of the handles in test/.tmp/planner-drag-handles.png.
 * Skipped when /usr/bin/chromium is absent.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Point, Position } from 'geojson';
import { applyEdits, type Edit } from '../../engine/edit/index.ts';
import { evaluate } from '../../engine/evaluate.ts';
import { Session } from '../../engine/incremental.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { bearingDeg, distanceM, offsetM, type HandleRole } from '../../client/planner/tools.ts';
import { checkOf, planSettled, screenOf, visible } from '../planner/e2e-helpers.ts';
import { shandong } from '../planner/helpers.ts';
import { apiReport, openAt, reportDifferences, rowWithCheck } from './app.ts';
import { CHROMIUM } from './browser.ts';
import { ROOT, type Running } from './serve.ts';
import { startE2eSession, type E2eSession } from './session.ts';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`skipping planner drag e2e: ${CHROMIUM} not found`);

const SLOW = 300_000;

const propOf = (edit: Edit, key: string): number => (edit as { props?: Record<string, unknown> }).props?.[key] as number;

/**
 * An existing key-location camera, a spot 10 m from an uncovered entrance, and the entrance:
 * moved there the camera still misses it (its heading is elsewhere), turned towards it covers it.
 * Found with the engine's Session in Node, so the test does not depend on hand-picked ids.
 */
function pickCase(twin: TwinFile) {
  const session = Session.create(twin, shandong, 'growth');
  const failingOf = () => checkOf(session.report, 'video-coverage').evidence.failingIds;
  const uncovered = twin.features.filter((f) => failingOf().includes(f.properties.id) && f.geometry.type === 'Point');
  const cameras = twin.features.filter((f) => f.properties.kind === 'camera' && f.properties.purpose === 'keyLocation' && f.properties.online !== false && f.properties.intact !== false);
  let best: { cameraId: string; from: Position; to: Position; heading: number; entranceId: string; entrance: Position; d: number } | null = null;
  for (const kl of uncovered) {
    const entrance = (kl.geometry as Point).coordinates;
    for (let side = 0; side < 360; side += 45) {
      const to = offsetM(entrance, side, 10);
      for (const camera of cameras) {
        const from = (camera.geometry as Point).coordinates;
        const d = distanceM(from, to);
        if (d > 90 || (best && d >= best.d)) continue;
        const id = camera.properties.id;
        session.apply([{ op: 'update', id, geometry: { type: 'Point', coordinates: to } }]);
        const missed = failingOf().includes(kl.properties.id);
        session.apply([{ op: 'update', id, props: { headingDeg: Math.round(bearingDeg(to, entrance)) } }]);
        const covered = !failingOf().includes(kl.properties.id);
        session.apply([{ op: 'update', id, geometry: camera.geometry, props: { headingDeg: camera.properties.headingDeg as number } }]);
        if (missed && covered) best = { cameraId: id, from, to, heading: bearingDeg(to, entrance), entranceId: kl.properties.id, entrance, d };
      }
    }
  }
  if (!best) throw new Error('no camera within 90 m can be moved and turned to cover an uncovered entrance');
  return best;
}

describe.skipIf(!hasChromium)('planner: editing on the map with the mouse (Chromium)', () => {
  let session: E2eSession | undefined, api: Running, site: Running, page: Page, pageErrors: string[] = [];

  beforeAll(async () => {
    session = await startE2eSession('e2e-planner-drag');
    ({ api, site, page, pageErrors } = session);
  }, SLOW);

  afterAll(async () => {
    await session?.close();
  });

  /** the ids the map rings for the selected row (the planner's report while planning) */
  const highlighted = () => page.evaluate(() => window.__ct!.state().highlightedIds);
  const deltaCell = () => page.locator('ct-plan-deltas tr[data-check="video-coverage"] .delta');

  /** Puts the pointer on a handle of the selection and waits until deck.gl's pick reports it under the pointer. */
  async function pointAtHandle(id: string, role: HandleRole) {
    const snap = await page.evaluate(() => window.__ctPlan!.snapshot());
    const handle = snap.handles.find((h) => h.id === id && h.role === role);
    if (!handle) throw new Error(`no ${role} handle on ${id}: ${JSON.stringify(snap.handles)}`);
    const at = await screenOf(page, handle.position);
    for (let jiggle = 0; jiggle < 20; jiggle++) {
      await page.mouse.move(at.x + (jiggle % 2), at.y);
      try {
        await page.waitForFunction((want) => window.__ctPlan!.snapshot().activeHandle === want, `${id}:${role}`, { polling: 100, timeout: 3000 });
        return at;
      } catch { /* the pick comes with a frame: move again */ }
    }
    throw new Error(`the ${role} handle of ${id} at ${JSON.stringify(at)} was never under the pointer`);
  }

  /** Presses on a handle and drags it to `to` (lon/lat) in steps; returns with the button still down. */
  async function dragHandleTo(id: string, role: HandleRole, to: Position) {
    await pointAtHandle(id, role);
    await page.mouse.down();
    const target = await screenOf(page, to);
    await page.mouse.move(target.x, target.y, { steps: 12 });
  }

  it('a click selects a camera; dragging it and its heading, field-of-view and range handles recomputes live', async () => {
    const twin = (await (await fetch(`${api.url}/api/communities/nanmen/twin`)).json()) as TwinFile;
    const c = pickCase(twin);
    console.log(`dragging ${c.cameraId} ${c.d.toFixed(0)} m to 10 m from ${c.entranceId}, then turning it to ${c.heading.toFixed(0)}°`);
    const growth = await apiReport(api.url, 'nanmen', 'growth');
    const row = rowWithCheck(growth, 'video-coverage');
    const mid = [(c.from[0] + c.to[0]) / 2, (c.from[1] + c.to[1]) / 2];
    await openAt(page, site.url, `c=nanmen&tier=growth&lang=zh&row=${row}&chk=video-coverage&v=${mid[0].toFixed(6)},${mid[1].toFixed(6)},18.30,40,-15`);
    await page.locator('ct-planner button.toggle').click();
    const baseline = await planSettled(page);
    const before = checkOf(baseline.report, 'video-coverage');
    expect(before.evidence.failingIds).toContain(c.entranceId);
    await expect.poll(highlighted).toContain(c.entranceId);

    // a real click on the camera selects it: its handles appear
    const cameraAt = await screenOf(page, c.from);
    await page.mouse.click(cameraAt.x, cameraAt.y);
    await expect.poll(() => page.evaluate(() => window.__ctPlan!.snapshot().selectedId), { timeout: 30_000 }).toBe(c.cameraId);
    await expect.poll(async () => (await page.evaluate(() => window.__ctPlan!.snapshot().handles)).map((h) => h.role).sort()).toEqual(['fov', 'heading', 'move', 'range']);

    // 1. drag the camera itself to the spot by the entrance; the map does not pan under the drag
    const mapCenter = () => page.evaluate(() => {
      const el = document.querySelector('ct-app')?.shadowRoot?.querySelector('ct-map') as unknown as { map: { getCenter(): { lng: number; lat: number } } };
      return el.map.getCenter();
    });
    const viewBefore = await mapCenter();
    await dragHandleTo(c.cameraId, 'move', c.to);
    const held = await planSettled(page);
    expect(held.edits).toEqual([]);
    const heldAt = (held.twin!.features.find((f) => f.properties.id === c.cameraId)!.geometry as Point).coordinates;
    expect(distanceM(heldAt, c.to)).toBeLessThan(2);
    await page.mouse.up();
    const moved = await planSettled(page);
    expect(moved.edits).toHaveLength(1);
    const movedTo = (moved.edits[0] as { geometry: Point }).geometry.coordinates;
    expect(distanceM(movedTo, c.to)).toBeLessThan(2);
    expect(moved.selectedId).toBe(c.cameraId);
    expect(checkOf(moved.report, 'video-coverage').evidence.failingIds).toContain(c.entranceId);
    expect(await mapCenter()).toEqual(viewBefore);

    // 2. turn the heading handle onto the entrance: while still held, the entrance is covered,
    //    the changes table shows the value and its ▲ delta, and its ring leaves the map
    await dragHandleTo(c.cameraId, 'heading', c.entrance);
    const turning = await planSettled(page);
    expect(turning.edits).toHaveLength(1);
    const turned = checkOf(turning.report, 'video-coverage');
    expect(turned.evidence.failingIds).not.toContain(c.entranceId);
    expect(turned.value!).toBeGreaterThan(before.value!);
    await expect.poll(() => deltaCell().textContent()).toMatch(/^▲\+/);
    await expect.poll(() => page.locator('ct-plan-deltas tr[data-check="video-coverage"] .value').textContent()).toBe(`${Number(turned.value!.toFixed(1))} %`);
    await expect.poll(highlighted).not.toContain(c.entranceId);
    await page.mouse.up();
    const aimed = await planSettled(page);
    expect(aimed.edits).toHaveLength(2);
    const heading = propOf(aimed.edits[1], 'headingDeg');
    expect(Math.abs(((heading - bearingDeg(movedTo, c.entrance) + 540) % 360) - 180)).toBeLessThan(6);

    // 3. open the field of view to about 180° with its handle (on the sector's edge)
    const range = twin.features.find((f) => f.properties.id === c.cameraId)!.properties.rangeM as number;
    await dragHandleTo(c.cameraId, 'fov', offsetM(movedTo, heading + 90, range));
    await planSettled(page);
    await page.mouse.up();
    const opened = await planSettled(page);
    expect(opened.edits).toHaveLength(3);
    expect(propOf(opened.edits[2], 'hfovDeg')).toBeGreaterThan(170);
    expect(propOf(opened.edits[2], 'hfovDeg')).toBeLessThan(190);
    await page.waitForTimeout(1500);
    writeFileSync(join(ROOT, 'test/.tmp/planner-drag-handles.png'), await page.screenshot());

    // 4. pull the range in to 4 m: the entrance (10 m away) is uncovered again, live
    await dragHandleTo(c.cameraId, 'range', offsetM(movedTo, heading, 4));
    const pulling = await planSettled(page);
    expect(checkOf(pulling.report, 'video-coverage').evidence.failingIds).toContain(c.entranceId);
    await expect.poll(highlighted).toContain(c.entranceId);
    await page.mouse.up();
    const pulled = await planSettled(page);
    expect(pulled.edits).toHaveLength(4);
    const rangeM = propOf(pulled.edits[3], 'rangeM');
    expect(rangeM).toBeGreaterThanOrEqual(3);
    expect(rangeM).toBeLessThanOrEqual(5);

    // the worker's incremental report is a full evaluate of the same edits (in Node)
    const full = evaluate(applyEdits(twin, pulled.edits), shandong, 'growth');
    expect(reportDifferences(visible(pulled.report!), visible(full))).toEqual([]);

    // undo walks back through the four drags to the baseline
    for (let i = 0; i < 4; i++) await page.locator('ct-plan-tools button[data-action="undo"]').click();
    const undone = await planSettled(page);
    expect(visible(undone.report!)).toEqual(visible(baseline.report!));
    expect(pageErrors).toEqual([]);
  }, 3 * SLOW);
});
