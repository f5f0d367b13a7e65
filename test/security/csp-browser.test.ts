/**
 * The built client (dist/) and the HTML acceptance report load under the CSP createApp sends:
 * Chromium reports no Content-Security-Policy violation and the app renders. Skipped when
 * dist/ is not built or there is no Chromium.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../setup/db.ts';
import type { RunningApp } from '../server/http.ts';
import { smallTwin } from '../server/twins.ts';
import { CHROMIUM, launchBrowser } from '../e2e/browser.ts';
import { principals, startSecureApp } from './helpers.ts';

const DIST = resolve(import.meta.dirname, '../../dist');
const ready = existsSync(join(DIST, 'index.html')) && existsSync(CHROMIUM);

let db: TestDatabase;
let app: RunningApp;
beforeAll(async () => {
  if (!ready) return;
  db = await openTestDatabase();
  app = await startSecureApp(db, {}, { staticDir: DIST });
  const { planner } = await principals(db.sql, app.url);
  await planner.fetch('/api/communities?id=csp', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(smallTwin('csp')) });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

test.runIf(ready)('the client and the HTML report load with no CSP violation', async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load: CSP ${e.violatedDirective} ${e.blockedURI}`));
    });
    const res = await page.goto(`${app.url}/`, { waitUntil: 'load' });
    expect(res!.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    await page.waitForFunction(() => !!document.querySelector('ct-app')?.shadowRoot?.childElementCount, undefined, { timeout: 30_000 });
    await page.waitForTimeout(3000);
    await page.goto(`${app.url}/api/communities/csp/report?format=html&lang=en`, { waitUntil: 'load' });
    expect(await page.locator('table').count()).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  } finally {
    await browser.close();
  }
}, 120_000);
