/**
 * The map client in headless Chromium (SwiftShader WebGL, as the e2e tests):
 *   npm run build && npx tsx bench/client.ts [runs=3] [community=xueyuan] [fps=5]
 * - first paint: navigation → the first deck.gl frame with the twin drawn (ct-app's
 *   `first-render`, deck.gl onAfterRender), → maplibre's first 'idle', → `data-ready`
 *   (report, font, camera views, basemap all in); run 1 on an empty browser cache, the others warm;
 * - where the time goes: when each resource of the page arrived (Resource Timing);
 * - fps during a scripted pan / zoom / rotate of `fps` seconds (requestAnimationFrame count,
 *   deck.gl and maplibre frames);
 * - the bundle (bench/bundle.ts over dist/).
 * It starts the real server (embedded database in test/.tmp/bench-client, kept between runs) on
 * port 8099 and prints the load average: on shared cores the figures move with it.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { launchBrowser } from '../test/e2e/browser.ts';
import { ROOT, startApiServer } from '../test/e2e/serve.ts';
import { loadNow, machine, median } from './lib/machine.ts';

const opt = (k: string, d: string) => process.argv.find((a) => a.startsWith(`${k}=`))?.slice(k.length + 1) ?? d;
const RUNS = Number(opt('runs', '3'));
const COMMUNITY = opt('community', 'xueyuan');
const FPS_SECONDS = Number(opt('fps', '5'));
/** viewport WxH (default the e2e tests' 1440x900): SwiftShader's cost grows with the pixels drawn */
const [WIDTH, HEIGHT] = opt('size', '1440x900').split('x').map(Number);

if (!existsSync(join(ROOT, 'dist/index.html'))) {
  console.error('dist/ is not built: npm run build first');
  process.exit(2);
}

interface PaintRun {
  firstRenderMs: number | null; firstIdleMs: number | null; readyMs: number | null;
  domContentLoadedMs: number; resources: { name: string; startMs: number; endMs: number; kB: number }[];
  /** main-thread CPU (Chrome's Performance.getMetrics), seconds, at data-ready */
  cpu?: Record<string, number>;
}
interface ProfileNode { id: number; callFrame: { functionName: string; url: string }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** Self time per script (chunk) and per function, from a CPU profile, in ms. */
function profileSummary(profile: Profile, top = 12): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byScript = new Map<string, number>(), byFunction = new Map<string, number>();
  for (const [id, ms] of self) {
    const { functionName, url } = byId.get(id)!.callFrame;
    const script = url ? new URL(url).pathname.replace(/-[\w-]{8}\.(m?js)$/, '.$1') : `(${functionName || 'native'})`;
    byScript.set(script, (byScript.get(script) ?? 0) + ms);
    const fn = `${functionName || '(anonymous)'} ${script}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${v.toFixed(0).padStart(7)} ms  ${k}`);
  return ['by script:', ...sorted(byScript), 'by function:', ...sorted(byFunction)];
}

const m = machine();
console.log(`${m.cpuModel}; ${m.nproc} cores; Node ${m.node}; load average at start ${m.load}`);
const bundle = spawnSync('npx', ['tsx', 'bench/bundle.ts'], { cwd: ROOT, encoding: 'utf8' });
console.log(`\n## bundle (npm run build → dist/)\n${bundle.stdout.trim()}`);

const api = await startApiServer(8099, join(ROOT, 'test/.tmp/bench-client'), 300_000);
const browser = await launchBrowser();
try {
  // the server's first report for the community is computed once and cached: make it before
  // measuring, as a user arriving after anyone else would find it
  await fetch(`${api.url}/api/communities/${COMMUNITY}/report?tier=growth&standard=shandong-2022`);
  // tsx (esbuild) wraps named functions in __name(); page functions need it defined
  await browser.context.addInitScript('window.__name = (f) => f;');
  await browser.context.addInitScript(() => {
    const w = window as unknown as { __readyAt?: number };
    new MutationObserver(() => {
      if (w.__readyAt === undefined && document.querySelector('ct-app')?.hasAttribute('data-ready')) w.__readyAt = performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  });

  const runs: PaintRun[] = [];
  let profileLines: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: WIDTH, height: HEIGHT });
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const profiling = i === RUNS - 1;
    if (profiling) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 1000 }); await cdp.send('Profiler.start'); }
    await page.goto(`${api.url}/#c=${COMMUNITY}&tier=growth`);
    if (profiling) {
      await page.waitForFunction(() => window.__ct?.timings.firstRenderMs != null, null, { polling: 100, timeout: 180_000 });
      const { profile } = await cdp.send('Profiler.stop') as unknown as { profile: Profile };
      profileLines = profileSummary(profile);
    }
    await page.waitForFunction(() => (window as unknown as { __readyAt?: number }).__readyAt !== undefined, null, { polling: 100, timeout: 180_000 });
    const { metrics } = await cdp.send('Performance.getMetrics');
    const cpu = Object.fromEntries(metrics.filter((x) => /Duration$/.test(x.name)).map((x) => [x.name, x.value]));
    runs.push({ cpu, ...await page.evaluate(() => {
      const t = window.__ct!.timings;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
        name: new URL(r.name).pathname.replace(/-[\w-]{8}\.(js|css|woff2)$/, '.$1'), startMs: r.startTime, endMs: r.responseEnd, kB: r.encodedBodySize / 1024,
      }));
      return { firstRenderMs: t.firstRenderMs, firstIdleMs: t.firstIdleMs, readyMs: (window as unknown as { __readyAt?: number }).__readyAt ?? null, domContentLoadedMs: nav.domContentLoadedEventEnd, resources };
    }) });
    if (i < RUNS - 1) await page.close();
  }

  console.log(`\n## first paint, ${COMMUNITY} at growth, localhost, ${WIDTH}×${HEIGHT} (load ${loadNow()})`);
  console.log('| run | cache | DOMContentLoaded | twin JSON in | first deck.gl frame | first map idle | data-ready | main thread: task / script / layout+style CPU |');
  console.log('|---|---|---|---|---|---|---|---|');
  const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(0)} ms`);
  runs.forEach((r, i) => {
    const twin = r.resources.find((x) => x.name.endsWith(`/api/communities/${COMMUNITY}/twin`));
    const c = r.cpu ?? {};
    const cpu = `${ms((c.TaskDuration ?? NaN) * 1000)} / ${ms((c.ScriptDuration ?? NaN) * 1000)} / ${ms(((c.LayoutDuration ?? 0) + (c.RecalcStyleDuration ?? 0)) * 1000)}`;
    console.log(`| ${i + 1} | ${i === 0 ? 'cold' : 'warm'} | ${ms(r.domContentLoadedMs)} | ${ms(twin?.endMs)} | ${ms(r.firstRenderMs)} | ${ms(r.firstIdleMs)} | ${ms(r.readyMs)} | ${cpu} |`);
  });
  const warm = runs.slice(1).length ? runs.slice(1) : runs;
  console.log(`median of warm runs: first deck.gl frame ${ms(median(warm.map((r) => r.firstRenderMs ?? NaN)))}, map idle ${ms(median(warm.map((r) => r.firstIdleMs ?? NaN)))}, data-ready ${ms(median(warm.map((r) => r.readyMs ?? NaN)))}`);

  console.log(`\n## where the time goes (run ${runs.length}: resources by arrival, ms from navigation)`);
  for (const r of [...runs[runs.length - 1].resources].sort((a, b) => a.endMs - b.endMs)) {
    if (/\.woff2$/.test(r.name)) continue;
    console.log(`  ${r.startMs.toFixed(0).padStart(6)} → ${r.endMs.toFixed(0).padStart(6)}  ${r.kB.toFixed(0).padStart(5)} kB  ${r.name}`);
  }
  console.log(`\n## main-thread CPU profile, navigation → first deck.gl frame (run ${runs.length}), self time`);
  for (const line of profileLines) console.log(`  ${line}`);
  const fonts = runs[runs.length - 1].resources.filter((r) => /\.woff2$/.test(r.name));
  if (fonts.length) console.log(`  fonts: ${fonts.length} woff2 subsets, the last in at ${Math.max(...fonts.map((f) => f.endMs)).toFixed(0)} ms`);

  // fps: the last page, still and ready; a scripted camera path through maplibre's own animation
  const page = browser.context.pages().at(-1)!;
  await page.bringToFront(); // a page behind another gets no animation frames
  await page.waitForTimeout(1000);
  const fps = await page.evaluate(async (seconds) => {
    const ctMap = document.querySelector('ct-app')!.shadowRoot!.querySelector('ct-map') as unknown as { map: {
      getCenter(): { lng: number; lat: number }; getZoom(): number; getBearing(): number;
      easeTo(o: Record<string, unknown>): void; on(e: string, f: () => void): void; off(e: string, f: () => void): void;
    } };
    const map = ctMap.map;
    const c = map.getCenter(), z = map.getZoom(), b = map.getBearing();
    const deck0 = window.__ct!.timings.deckFrames;
    let mapFrames = 0;
    const onRender = () => { mapFrames++; };
    map.on('render', onRender);
    const frameTimes: number[] = [];
    let running = true;
    const tick = (t: number) => { frameTimes.push(t); if (running) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const leg = (seconds * 1000) / 4;
    const path = [
      { center: [c.lng + 0.002, c.lat + 0.001], zoom: z + 0.8, bearing: b + 30 },
      { center: [c.lng - 0.002, c.lat], zoom: z - 0.5, bearing: b - 20 },
      { center: [c.lng, c.lat - 0.0015], zoom: z + 1.2, bearing: b },
      { center: [c.lng, c.lat], zoom: z, bearing: b },
    ];
    const start = performance.now();
    for (const step of path) {
      map.easeTo({ ...step, duration: leg, easing: (x: number) => x });
      await new Promise((r) => setTimeout(r, leg + 30));
    }
    running = false;
    const elapsed = (performance.now() - start) / 1000;
    map.off('render', onRender);
    const gaps = frameTimes.slice(1).map((t, i) => t - frameTimes[i]).sort((x, y) => x - y);
    return {
      frames: frameTimes.length, seconds: elapsed, rafFps: frameTimes.length / elapsed, mapFps: mapFrames / elapsed, deckFps: (window.__ct!.timings.deckFrames - deck0) / elapsed,
      p50FrameMs: gaps[gaps.length >> 1] ?? NaN, p95FrameMs: gaps[Math.floor(gaps.length * 0.95)] ?? NaN,
    };
  }, FPS_SECONDS);
  console.log(`\n## fps, scripted pan/zoom/rotate of ${fps.seconds.toFixed(1)} s on ${COMMUNITY}, ${WIDTH}×${HEIGHT} (load ${loadNow()})`);
  console.log(`${fps.frames} animation frames: requestAnimationFrame ${fps.rafFps.toFixed(2)} fps; maplibre frames ${fps.mapFps.toFixed(1)} /s; deck.gl frames ${fps.deckFps.toFixed(1)} /s; frame time p50 ${fps.p50FrameMs.toFixed(1)} ms, p95 ${fps.p95FrameMs.toFixed(1)} ms`);
  console.log(`\nload average at the end ${loadNow()}`);
} finally {
  await browser.close();
  await api.close();
}
