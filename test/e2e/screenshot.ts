/**
 * The README's screenshots, into docs/screenshots/ (builds the client first):
 *   node --import tsx test/e2e/screenshot.ts            # starts server/main.ts on :8090
 *   CT_API=http://127.0.0.1:8080 node --import tsx test/e2e/screenshot.ts
 * Any request leaving 127.0.0.1 is blocked and reported: the app must work offline.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import type { Report } from '../../engine/report/types.ts';
import { openAt } from './app.ts';
import { launchBrowser } from './browser.ts';
import { ROOT, startApiServer, startStaticServer, type Running } from './serve.ts';

const OUT = join(ROOT, 'docs/screenshots');

interface Shot { name: string; hash: string }

async function rowOf(api: string, community: string, tier: string, checkId: string): Promise<number> {
  const report = (await (await fetch(`${api}/api/communities/${community}/report?tier=${tier}&standard=shandong-2022`)).json()) as Report;
  const row = report.rows.find((r) => r.checks.some((c) => c.id === checkId))?.row;
  if (row === undefined) throw new Error(`${community} ${tier}: no row with check ${checkId}`);
  return row;
}

async function main() {
  if (!process.env.NO_BUILD) await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  let apiServer: Running | null = null;
  const api = process.env.CT_API ?? (apiServer = await startApiServer(8090, join(ROOT, 'test/.tmp/e2e'))).url;
  const site = await startStaticServer(api);
  const { context, close } = await launchBrowser();
  try {
    const shots: Shot[] = [
      { name: 'xueyuan-overview', hash: 'c=xueyuan&tier=benchmark' },
      { name: 'nanmen-growth-gap', hash: `c=nanmen&tier=growth&row=${await rowOf(api, 'nanmen', 'growth', 'video-coverage')}&chk=video-coverage` },
      { name: 'nanmen-growth-throwing-en', hash: `c=nanmen&tier=growth&lang=en&row=${await rowOf(api, 'nanmen', 'growth', 'throwing')}&chk=throwing` },
    ];
    const only = process.env.ONLY;
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
    for (const shot of shots.filter((s) => !only || s.name.includes(only))) {
      await openAt(page, site.url, shot.hash, 1500);
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
