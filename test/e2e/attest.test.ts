/**
 * Browser e2e of the attestation panel: xueyuan at benchmark, the platform check (attested)
 * clicked in the scorecard opens <ct-attest>; a reviewer logs in there and records pass=true;
 * the scorecard row turns 已证明 and the server's report has pass true for that check.
 * Skipped when /usr/bin/chromium is absent.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addUser } from '../planner/e2e-helpers.ts';
import { apiReport, openAt, rowWithCheck } from './app.ts';
import { CHROMIUM } from './browser.ts';
import type { Running } from './serve.ts';
import { startE2eSession, type E2eSession } from './session.ts';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`skipping attestation e2e: ${CHROMIUM} not found`);

const SLOW = 300_000;
const CHECK = 'platform';

describe.skipIf(!hasChromium)('attestation panel (Chromium)', () => {
  let session: E2eSession | undefined, api: Running, site: Running, page: Page, pageErrors: string[] = [];
  const userName = `reviewer-e2e-${process.pid}`;
  let password = '';

  beforeAll(async () => {
    session = await startE2eSession('e2e-attest', { prepare: (dir) => { password = addUser(dir, userName, 'reviewer'); } });
    ({ api, site, page, pageErrors } = session);
  }, SLOW);

  afterAll(async () => {
    await session?.close();
  });

  it('a reviewer records an attestation from the panel and the row turns attested', async () => {
    const before = await apiReport(api.url, 'xueyuan', 'benchmark');
    const rowNo = rowWithCheck(before, CHECK);
    const row = before.rows.find((r) => r.row === rowNo)!;
    console.log(`row ${rowNo}: ${CHECK} pass ${String(row.checks.find((c) => c.id === CHECK)?.pass)}`);

    await openAt(page, site.url, 'c=xueyuan&tier=benchmark&lang=zh');
    const scorecard = page.locator('ct-scorecard');
    const target = row.checks.length === 1
      ? scorecard.locator(`tr.row[data-row="${rowNo}"] button.pick`)
      : scorecard.locator(`tr.check[data-check="${CHECK}"] button.pick`);
    await target.click();

    const panel = page.locator('ct-attest');
    await expect.poll(() => panel.locator('.what').textContent()).toContain('智慧社区综合信息平台');

    await panel.locator('ct-plan-login input[name="name"]').fill(userName);
    await panel.locator('ct-plan-login input[name="password"]').fill(password);
    await panel.locator('ct-plan-login button[type="submit"]').click();
    await panel.locator('form input[name="pass"][value="true"]').check();
    await panel.locator('form textarea[name="text"]').fill('e2e：平台已接入市级智慧社区综合信息平台');
    await panel.locator('form input[name="evidenceRef"]').fill('E2E-2026-001');
    await panel.locator('form button[type="submit"]').click();

    // the panel shows the new version, the scorecard's row turns attested
    await expect.poll(() => panel.locator('ol.history li').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const badge = row.checks.length === 1 ? scorecard.locator(`tr.row[data-row="${rowNo}"] .badge`) : scorecard.locator(`tr.check[data-check="${CHECK}"] .mark`);
    await expect.poll(async () => (row.checks.length === 1 ? badge.textContent() : badge.getAttribute('title')), { timeout: 60_000 }).toContain('已证明');
    await expect.poll(() => panel.locator('dl.current').textContent(), { timeout: 60_000 }).toContain('E2E-2026-001');

    const after = await apiReport(api.url, 'xueyuan', 'benchmark');
    const check = after.rows.flatMap((r) => r.checks).find((c) => c.id === CHECK);
    expect(check?.pass).toBe(true);
    expect((check?.evidence.attestation as { by?: string } | undefined)?.by).toBe(userName);
    expect(pageErrors).toEqual([]);
  }, 2 * SLOW);
});
