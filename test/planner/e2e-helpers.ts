/**
 * What the planner's browser tests share (test/e2e/planner*.test.ts): waiting for the planner
 * to settle, screen positions of map coordinates (maplibre's project), a user made with the CLI,
 * a free port, and pixel counts of a colour around a point of a screenshot.
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import type { CheckResult, Report } from '../../engine/report/types.ts';
import { ROOT } from '../e2e/serve.ts';

export const PLAN_TIMEOUT_MS = 180_000;

export function checkOf(report: Report | null, id: string): CheckResult {
  const check = report?.rows.flatMap((r) => r.checks).find((c) => c.id === id);
  if (!check) throw new Error(`no ${id} check in the report`);
  return check;
}

/** What a user sees of a report: every check's value, outcome and failing ids. */
export const visible = (r: Report) => r.rows.flatMap((row) => row.checks.map((c) => ({
  row: row.row, id: c.id, value: c.value, pass: c.pass, failingIds: [...c.evidence.failingIds].sort(),
})));

/** The planner once its last batch is computed (plan mode on). */
export async function planSettled(page: Page) {
  await page.waitForFunction(() => window.__ctPlan?.snapshot().ready === true, null, { polling: 200, timeout: PLAN_TIMEOUT_MS });
  return page.evaluate(() => window.__ctPlan!.snapshot());
}

/** Page pixel of a lon/lat, by the map's own projection (maplibre Map#project). */
export async function screenOf(page: Page, at: number[]): Promise<{ x: number; y: number }> {
  return page.evaluate(([lon, lat]) => {
    const el = document.querySelector('ct-app')?.shadowRoot?.querySelector('ct-map') as (HTMLElement & { map?: { project(p: [number, number]): { x: number; y: number } } }) | null;
    if (!el?.map) throw new Error('no map');
    const box = el.getBoundingClientRect();
    const p = el.map.project([lon, lat]);
    return { x: box.left + p.x, y: box.top + p.y };
  }, at);
}

/** Fits the map to a bbox and waits until it has drawn (the map's own fit, as the app's row selection does). */
export async function fitMap(page: Page, bbox: [number, number, number, number], maxZoom: number): Promise<void> {
  await page.evaluate(([b, z]) => {
    const map = document.querySelector('ct-app')?.shadowRoot?.querySelector('ct-map') as unknown as { fitTo(b: number[], z: number): void };
    map.fitTo(b as number[], z as number);
  }, [bbox, maxZoom] as const);
  await page.waitForTimeout(2500);
}

/** A port nobody listens on now (other suites run servers on fixed ports beside this one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A user made with the CLI before the server starts (same database), logged in from the panel later. */
export function addUser(dataDir: string, name: string, role = 'admin'): string {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/communitytwin.js'), 'user', 'add', name, '--role', role], {
    cwd: ROOT, env: { ...process.env, DATABASE_URL: '', DATABASE_SCHEMA: '', DATA_DIR: dataDir }, encoding: 'utf8',
  });
  const password = /password \(shown once\): (\S+)/.exec(run.stdout)?.[1];
  if (run.status !== 0 || !password) throw new Error(`user add failed (${run.status}): ${run.stdout}${run.stderr}`);
  return password;
}

/** Logs in from the planner's panel. */
export async function logIn(page: Page, name: string, password: string): Promise<void> {
  await page.locator('ct-scenarios ct-plan-login input[name="name"]').fill(name);
  await page.locator('ct-scenarios ct-plan-login input[name="password"]').fill(password);
  await page.locator('ct-scenarios ct-plan-login button[type="submit"]').click();
  await page.locator('ct-scenarios ct-plan-login .hint', { hasText: name }).waitFor({ timeout: 30_000 });
}

export type Rgb = [number, number, number];

/** Pixels of a screenshot within `radius` px of (x, y) whose colour is within `tolerance` of `rgb` (per channel). */
export function pixelsNear(png: Buffer, x: number, y: number, radius: number, rgb: Rgb, tolerance = 40): number {
  const img = PNG.sync.read(png);
  let n = 0;
  for (let j = Math.max(0, Math.round(y - radius)); j <= Math.min(img.height - 1, Math.round(y + radius)); j++) {
    for (let i = Math.max(0, Math.round(x - radius)); i <= Math.min(img.width - 1, Math.round(x + radius)); i++) {
      const o = (j * img.width + i) * 4;
      if (Math.abs(img.data[o] - rgb[0]) <= tolerance && Math.abs(img.data[o + 1] - rgb[1]) <= tolerance && Math.abs(img.data[o + 2] - rgb[2]) <= tolerance) n++;
    }
  }
  return n;
}
