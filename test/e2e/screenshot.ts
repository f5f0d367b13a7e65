/**
 * Screenshots of fixed views into docs/screenshots/ (run after `npm run build`):
 *   node --import tsx test/e2e/screenshot.ts            # starts server/main.ts on :8090
 *   CT_API=http://127.0.0.1:8080 node --import tsx test/e2e/screenshot.ts
 * Any request leaving 127.0.0.1 is blocked and reported: the app must work offline.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../../engine/report/types.ts';
import { launchBrowser } from './browser.ts';
import { ROOT, startApiServer, startStaticServer, type Running } from './serve.ts';

const OUT = join(ROOT, 'docs/screenshots');

interface Shot { name: string; hash: string }

async function rowWithCheck(api: string, community: string, tier: string, checkId: string): Promise<number | null> {
  const report = (await (await fetch(`${api}/api/communities/${community}/report?tier=${tier}&standard=shandong-2022`)).json()) as Report;
  return report.rows.find((r) => r.checks.some((c) => c.id === checkId))?.row ?? null;
}

async function main() {
  let apiServer: Running | null = null;
  const api = process.env.CT_API ?? (apiServer = await startApiServer(8090, join(ROOT, 'test/.tmp/e2e'))).url;
  const site = await startStaticServer(api);
  const { context, close } = await launchBrowser();
  try {
    const communities = (await (await fetch(`${api}/api/communities`)).json()) as { id: string }[];
    const shots: Shot[] = [];
    for (const { id } of communities) {
      shots.push({ name: `${id}-basic`, hash: `c=${id}&tier=basic` });
      const videoRow = await rowWithCheck(api, id, 'growth', 'video-coverage');
      if (videoRow !== null) shots.push({ name: `${id}-growth-video-coverage`, hash: `c=${id}&tier=growth&row=${videoRow}` });
      const throwingRow = await rowWithCheck(api, id, 'benchmark', 'throwing');
      if (throwingRow !== null) shots.push({ name: `${id}-benchmark-throwing-en`, hash: `c=${id}&tier=benchmark&lang=en&row=${throwingRow}` });
      const fiveGRow = await rowWithCheck(api, id, 'benchmark', '5g');
      if (fiveGRow !== null) shots.push({ name: `${id}-benchmark-5g`, hash: `c=${id}&tier=benchmark&row=${fiveGRow}` });
    }
    mkdirSync(OUT, { recursive: true });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log(`[browser ${m.type()}] ${m.text()}`); });
    page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      console.log(`[blocked network] ${url.href}`);
      return route.abort();
    });
    for (const shot of shots) {
      await page.goto(`${site.url}/#${shot.hash}`);
      await page.reload();
      await page.waitForSelector('ct-app[data-ready]', { timeout: 120_000 });
      await page.waitForTimeout(1500);
      const file = join(OUT, `${shot.name}.png`);
      await page.screenshot({ path: file });
      console.log(`saved ${file}`);
    }
  } finally {
    await close();
    await site.close();
    await apiServer?.close();
  }
}

await main();
