/**
 * Screenshots of the wall (HD and 4K) and the district view into docs/screenshots/:
 *   npm run build && node --import tsx test/wall/screenshot.ts   # starts server/main.ts on :8094
 *   CT_API=http://127.0.0.1:8080 node --import tsx test/wall/screenshot.ts
 * The wall is taken at its overview (tour off) and at one tour stop.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../e2e/browser.ts';
import { ROOT, startApiServer, type Running } from '../e2e/serve.ts';

const OUT = join(ROOT, 'docs/screenshots');
const community = process.env.CT_COMMUNITY ?? 'nanmen';

async function main() {
  let apiServer: Running | null = null;
  const api = process.env.CT_API ?? (apiServer = await startApiServer(8094, join(ROOT, 'test/.tmp/wall-shots'))).url;
  const { context, close } = await launchBrowser();
  mkdirSync(OUT, { recursive: true });
  try {
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log(`[browser ${m.type()}] ${m.text()}`); });
    page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
    const shots = [
      { name: 'wall-1920x1080', size: { width: 1920, height: 1080 }, url: `/wall?community=${community}&tour=off` },
      { name: 'wall-3840x2160', size: { width: 3840, height: 2160 }, url: `/wall?community=${community}&tour=off` },
      { name: 'wall-1920x1080-tour', size: { width: 1920, height: 1080 }, url: `/wall?community=${community}&dwell=2500`, waitMs: 9000 },
      { name: 'district', size: { width: 1600, height: 900 }, url: '/district' },
    ];
    for (const shot of shots) {
      await page.setViewportSize(shot.size);
      await page.goto(`${api}${shot.url}`);
      await page.waitForSelector('[data-ready]', { timeout: 300_000 });
      await page.waitForTimeout(shot.waitMs ?? 2000);
      const file = join(OUT, `${shot.name}.png`);
      await page.screenshot({ path: file });
      console.log(`saved ${file}`);
    }
  } finally {
    await close();
    await apiServer?.close();
  }
}

await main();
