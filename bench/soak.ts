/**
 * Soak: the wall open for a bounded time while telemetry flips cameras on loopback; page heap
 * (CDP Runtime.getHeapUsage after a forced GC) and DOM nodes (through shadow roots) sampled
 * every `sampleSeconds`. Run (after npm run build):
 *   npm run bench:soak [-- --minutes 30 --sample 60 --every 2000 --community nanmen --api http://127.0.0.1:8080]
 * (--sample: seconds between samples; --every: ms between telemetry posts, each flipping one
 * camera, so each is an event on the wall.) Without --api it starts server/main.ts on :8095
 * with its own data directory and posts as its first-start admin; with --api, give a device
 * token (--token, `npx communitytwin user device soak`) or an admin's password (--password).
 * It does not build the client: the server serves whatever dist/ holds.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import type { TwinFile } from '../engine/twin/types.ts';

export interface SoakSample {
  atS: number; heapUsedMB: number; domNodes: number;
  /** Chromium's count (CDP Performance.getMetrics "Nodes"): also nodes detached but not yet collected */
  nodesMetric: number;
  tickerEntries: number; posts: number;
}
export interface SoakOptions {
  api: string; community: string; durationS: number; sampleS: number; postEveryMs: number; context: BrowserContext;
  /** sends a telemetry batch (with the caller's credentials: a device token or an admin session) */
  postTelemetry: (batch: unknown[]) => Promise<Response>;
  log?: (line: string) => void;
}

/**
 * The page's DOM nodes, walked through every shadow root (elements, text and comments: lit's
 * marker comments count, a leak of them is a leak), and the ticker's entries. A string, not a
 * function: tsx (esbuild keepNames) would wrap a function's inner helpers in a __name() call
 * that does not exist in the page.
 */
export const DOM_COUNT = `(() => {
  let nodes = 0;
  const walk = (root) => {
    const it = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
    for (let n = it.currentNode; n; n = it.nextNode()) {
      nodes++;
      if (n.shadowRoot) walk(n.shadowRoot);
    }
  };
  walk(document);
  const ticker = document.querySelector('ct-wall')?.shadowRoot?.querySelector('ct-wall-ticker')?.shadowRoot?.querySelectorAll('li').length ?? 0;
  return { nodes, ticker };
})()`;

/** Drive telemetry at `postEveryMs` and sample the wall page; resolves with the samples. */
export async function soak(o: SoakOptions): Promise<SoakSample[]> {
  const log = o.log ?? console.log;
  const twin = (await (await fetch(`${o.api}/api/communities/${o.community}/twin`)).json()) as TwinFile;
  const cameraFeatures = twin.features.filter((f) => f.properties.kind === 'camera');
  const cameras = cameraFeatures.map((f) => f.properties.id);
  // every post flips its camera, so every post is a change the wall receives as an event
  const online = new Map(cameraFeatures.map((f) => [f.properties.id, f.properties.online === true]));
  const page = await o.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${o.api}/wall?community=${o.community}&dwell=4000`);
  await page.waitForSelector('ct-wall[data-ready]', { timeout: 300_000 });
  const cdp = await o.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const started = Date.now();
  let posts = 0, at = Date.now();
  const samples: SoakSample[] = [];
  const sample = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const metrics = await cdp.send('Performance.getMetrics');
    const dom = await page.evaluate<{ nodes: number; ticker: number }>(DOM_COUNT);
    const s = { atS: Math.round((Date.now() - started) / 1000), heapUsedMB: Math.round((heap.usedSize / 2 ** 20) * 10) / 10, domNodes: dom.nodes, nodesMetric: metrics.metrics.find((m) => m.name === 'Nodes')?.value ?? NaN, tickerEntries: dom.ticker, posts };
    samples.push(s);
    log(`${String(s.atS).padStart(5)} s  heap ${s.heapUsedMB.toFixed(1).padStart(6)} MB  DOM nodes ${String(s.domNodes).padStart(5)} (Chromium ${s.nodesMetric})  ticker ${s.tickerEntries}  telemetry posts ${s.posts}`);
  };
  await sample();
  let nextSample = started + o.sampleS * 1000;
  while (Date.now() - started < o.durationS * 1000) {
    const camera = cameras[posts % cameras.length];
    at = Math.max(at + 1, Date.now());
    online.set(camera, !online.get(camera));
    const res = await o.postTelemetry([{ featureId: camera, communityId: o.community, online: online.get(camera), intact: true, imageOut: true, at: new Date(at).toISOString() }]);
    if (!res.ok) throw new Error(`telemetry: HTTP ${res.status} ${await res.text()}`);
    posts++;
    await new Promise((r) => setTimeout(r, o.postEveryMs));
    if (Date.now() >= nextSample) { await sample(); nextSample += o.sampleS * 1000; }
  }
  await sample();
  await page.close();
  if (errors.length > 0) throw new Error(`page errors during the soak: ${errors.join('; ')}`);
  return samples;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1] : undefined; };
  const { launchBrowser } = await import('../test/e2e/browser.ts');
  const { ROOT } = await import('../test/e2e/serve.ts');
  const { adminClient, initialAdminPassword, startServer } = await import('../test/wall/server.ts');
  const { rmSync } = await import('node:fs');
  const minutes = Number(arg('minutes') ?? 30);
  if (!arg('api')) rmSync(join(ROOT, 'test/.tmp/soak'), { recursive: true, force: true });
  const server = arg('api') ? null : await startServer(8095, join(ROOT, 'test/.tmp/soak'));
  const api = arg('api') ?? server!.url;
  const token = arg('token');
  const password = server ? initialAdminPassword(server.output()) : arg('password');
  const admin = password ? await adminClient(api, arg('user') ?? 'admin', password) : null;
  const postTelemetry = (batch: unknown[]) => admin ? admin.post('/api/telemetry', batch)
    : fetch(`${api}/api/telemetry`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(batch) });
  const browser = await launchBrowser();
  try {
    const samples = await soak({ api, community: arg('community') ?? 'nanmen', durationS: minutes * 60, sampleS: Number(arg('sample') ?? 60), postEveryMs: Number(arg('every') ?? 2000), context: browser.context, postTelemetry });
    const warm = samples.slice(1);
    console.log(`\nsoak ${minutes} min: heap ${warm[0]?.heapUsedMB} → ${warm.at(-1)?.heapUsedMB} MB after warm-up (max ${Math.max(...warm.map((s) => s.heapUsedMB))}); DOM nodes ${Math.min(...samples.map((s) => s.domNodes))}–${Math.max(...samples.map((s) => s.domNodes))} (Chromium's count ${Math.min(...samples.map((s) => s.nodesMetric))}–${Math.max(...samples.map((s) => s.nodesMetric))}); ${samples.at(-1)?.posts} telemetry posts`);
  } finally {
    await browser.close();
    await server?.close();
  }
}
