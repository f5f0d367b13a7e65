/** Opening the app at a URL hash and waiting until it has drawn everything (`data-ready`). */
import type { Page } from 'playwright-core';
import type { Report } from '../../engine/report/types.ts';

export const READY_TIMEOUT_MS = Number(process.env.READY_TIMEOUT_MS ?? 180_000);

export async function waitReady(page: Page, timeout = READY_TIMEOUT_MS): Promise<void> {
  try {
    // polled on a timer: under SwiftShader a frame can take long enough to starve rAF polling
    await page.waitForFunction(() => document.querySelector('ct-app')?.hasAttribute('data-ready'), null, { polling: 250, timeout });
  } catch (error) {
    const waitingFor = await page.evaluate(() => (document.querySelector('ct-app') as unknown as { readiness?: () => unknown })?.readiness?.());
    throw new Error(`${(error as Error).message}; the app is waiting for ${JSON.stringify(waitingFor)}`);
  }
}

/** Loads the page afresh at `hash` and waits for it to be ready and still. */
export async function openAt(page: Page, siteUrl: string, hash: string, settleMs = 1000): Promise<void> {
  // via a blank page: going to the same path with another hash would not reload the app
  await page.goto('about:blank');
  await page.goto(`${siteUrl}/#${hash}`);
  await waitReady(page);
  await page.waitForTimeout(settleMs);
}

export async function apiReport(apiUrl: string, community: string, tier: string): Promise<Report> {
  return (await (await fetch(`${apiUrl}/api/communities/${community}/report?tier=${tier}&standard=shandong-2022`)).json()) as Report;
}

export function rowWithCheck(report: Report, checkId: string): number {
  const row = report.rows.find((r) => r.checks.some((c) => c.id === checkId))?.row;
  if (row === undefined) throw new Error(`${report.community.id} ${report.tier}: no row with check ${checkId}`);
  return row;
}

/**
 * Where two reports differ: every string, boolean, id and count must be equal; numbers may
 * differ by `relTol` — Node's and Chromium's V8 differ in the last bits of some Math functions,
 * which shows in unrounded evidence lengths (≈ 1e-10 relative), never in a value or a pass.
 */
export function reportDifferences(a: unknown, b: unknown, relTol = 1e-9, path = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= relTol * Math.max(Math.abs(a), Math.abs(b)) ? [] : [`${path}: ${a} ≠ ${b}`];
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b) ? [] : [`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`];
  if (Array.isArray(a) !== Array.isArray(b)) return [`${path}: array vs object`];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) => reportDifferences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], relTol, `${path}.${k}`));
}
