/**
 * Browser e2e: a large generated community (bench/large-community.ts with 3 000 cameras, plus
 * kiosks so it has over 1 000 buildings) imported through the API; the map draws its buildings
 * and cameras from /tiles/{kind}/{z}/{x}/{y}.pbf (client/layers/tiles.ts), with the community
 * version in the tile URLs. Checks .pbf requests, drawn pixels, no console errors, a click on a
 * tiled building, and that after an edit (POST to the API) the next tile requests carry the new
 * version and its data. Skipped when /usr/bin/chromium is absent.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, Geometry, Position } from 'geojson';
import { PNG } from 'pngjs';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largeCommunity } from '../../bench/large-community.ts';
import { localProjection } from '../../engine/geo/projection.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { TILE_MIN_FEATURES } from '../../client/layers/tiles.ts';
import { decodeTile } from '../interfaces/mvt.ts';
import { freePort } from '../planner/e2e-helpers.ts';
import { adminClient, initialAdminPassword, type AdminClient } from '../wall/server.ts';
import { apiReport, rowWithCheck, waitReady } from './app.ts';
import { CHROMIUM, launchBrowser } from './browser.ts';
import { buildClientOnce, ROOT, startApiServer, type ApiServer } from './serve.ts';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`skipping tiles e2e: ${CHROMIUM} not found`);

const SLOW = 600_000;
const ID = 'big';
const OUT = join(ROOT, 'test/.tmp/e2e-tiles-shots');

/** The bench's large community with 3 000 cameras and 800 kiosks (4 × 4 m) along the avenues: > 1 000 buildings. */
function bigTwin(): TwinFile {
  const twin = largeCommunity({ cameras: 3000 });
  const proj = localProjection(117.12, 36.66);
  const ll = (x: number, y: number): Position => proj.inverse([x - 500, y - 500]).map((v) => Math.round(v * 1e8) / 1e8);
  let n = 0;
  for (const x0 of [316, 346, 649, 679]) {
    for (let y0 = 2; y0 + 4 < 1000; y0 += 5) {
      const ring = [ll(x0, y0), ll(x0 + 4, y0), ll(x0 + 4, y0 + 4), ll(x0, y0 + 4), ll(x0, y0)];
      twin.features.push({
        type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] },
        properties: { kind: 'building', id: `kiosk-${++n}`, floors: 1, use: 'commercial' },
      } as Feature<Geometry, never>);
    }
  }
  return twin;
}

const count = (twin: TwinFile, kind: string) => twin.features.filter((f) => f.properties.kind === kind).length;

describe.skipIf(!hasChromium)('a large community from vector tiles (Chromium)', () => {
  let api: ApiServer, admin: AdminClient, browser: Awaited<ReturnType<typeof launchBrowser>>, page: Page;
  const twin = bigTwin();
  const consoleErrors: string[] = [];
  const tileRequests: string[] = [];
  const tileStatuses: number[] = [];
  let version = 0;

  beforeAll(async () => {
    expect(count(twin, 'building')).toBeGreaterThanOrEqual(TILE_MIN_FEATURES);
    expect(count(twin, 'camera')).toBeGreaterThanOrEqual(TILE_MIN_FEATURES);
    await buildClientOnce();
    const dataDir = join(ROOT, 'test/.tmp/e2e-tiles');
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    api = await startApiServer(await freePort(), dataDir, 180_000);
    admin = await adminClient(api.url, 'admin', initialAdminPassword(api.output())!);
    const res = await admin.post(`/api/communities?id=${ID}`, twin);
    expect(res.status, await res.clone().text()).toBe(201);
    version = ((await res.json()) as { version: number }).version;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('request', (r: Request) => { if (r.url().includes('/tiles/')) tileRequests.push(r.url()); });
    page.on('response', (r) => { if (r.url().includes('.pbf')) tileStatuses.push(r.status()); });
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      return route.abort();
    });
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /** the tile requests of a kind made since `from` */
  const tilesOf = (kind: string, from = 0) => tileRequests.slice(from).filter((u) => new URL(u).pathname.startsWith(`/tiles/${kind}/`));

  it('draws buildings and cameras from .pbf tiles of the current version', async () => {
    // zoomed in past CAMERA_DETAIL_ZOOM: cameras are points (tiled), not clusters
    const [lon, lat] = localProjection(117.12, 36.66).inverse([-167, -167]);
    // the throwing check's row selected: its failing buildings are tinted in the tiled layer
    const row = rowWithCheck(await apiReport(api.url, ID, 'basic'), 'throwing');
    await page.goto(`${api.url}/#c=${ID}&tier=basic&lang=en&row=${row}&chk=throwing&v=${lon.toFixed(6)},${lat.toFixed(6)},17.5,50,-15`);
    // 3 000 cameras' occluded views and the report take a while on SwiftShader and busy cores
    await waitReady(page, 480_000);
    await page.waitForTimeout(3000);
    const layerIds = await page.evaluate(() => window.__ct!.state().layerIds);
    expect(layerIds).toEqual(expect.arrayContaining(['buildings-tiles', 'cameras-tiles']));
    expect(layerIds).not.toContain('buildings');
    expect((await page.evaluate(() => window.__ct!.state().highlightedIds)).length).toBeGreaterThan(0);
    for (const kind of ['building', 'camera']) {
      const urls = tilesOf(kind);
      expect(urls.length, `${kind} tile requests`).toBeGreaterThan(0);
      for (const u of urls) {
        expect(new URL(u).pathname).toMatch(new RegExp(`^/tiles/${kind}/\\d+/\\d+/\\d+\\.pbf$`));
        expect(new URL(u).searchParams.get('community')).toBe(ID);
        expect(new URL(u).searchParams.get('v')).toBe(String(version));
      }
    }
    expect(tileStatuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(tileStatuses.filter((s) => s !== 200 && s !== 204 && s !== 304)).toEqual([]);

    const shot = await page.screenshot({ path: join(OUT, 'large-tiles.png') });
    const png = PNG.sync.read(shot);
    // online cameras are flat green discs (COLORS.cameraOnline), buildings lit beige / grey blocks
    let green = 0, building = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
      if (Math.abs(r - 28) < 20 && Math.abs(g - 150) < 25 && Math.abs(b - 80) < 25) green++;
      if (r > 150 && r - b > 12 && r - b < 60 && g > 140) building++;
    }
    expect(green, 'camera pixels').toBeGreaterThan(200);
    expect(building, 'building pixels').toBeGreaterThan(2000);
    expect(consoleErrors).toEqual([]);
  }, SLOW);

  it('a click on a tiled building shows the twin feature', async () => {
    // a pixel where deck.gl picks a feature of the building tiles (the topmost layer there)
    const point = await page.evaluate(() => {
      type Pick = { layer?: { id: string }; object?: Feature } | null;
      const mapElement = document.querySelector('ct-app')!.shadowRoot!.querySelector('ct-map') as unknown as {
        overlay: { pickObject(o: { x: number; y: number }): Pick };
      };
      const box = (mapElement as unknown as HTMLElement).getBoundingClientRect();
      const seen = new Set<string>();
      for (let y = 150; y < box.height - 100; y += 25) {
        for (let x = 100; x < box.width - 600; x += 25) {
          const info = mapElement.overlay.pickObject({ x, y });
          const id = String(info?.object?.properties?.id);
          if (info?.layer?.id === 'buildings-tiles' && id.startsWith('b-')) return { x: box.left + x, y: box.top + y, id };
          seen.add(info?.layer?.id ?? 'nothing');
        }
      }
      return { x: 0, y: 0, id: `none; picked ${[...seen].join(', ')}` };
    });
    const expected = twin.features.find((f) => f.properties.id === point.id);
    expect(expected, `a pixel of a tiled building (${point.id})`).toBeDefined();
    await page.mouse.click(point.x, point.y);
    const info = page.locator('ct-feature-info');
    await info.waitFor({ timeout: 30_000 });
    // the twin's feature (every attribute), not the tile's flattened copy
    const picked = await page.evaluate(() => {
      const el = document.querySelector('ct-app')!.shadowRoot!.querySelector('ct-feature-info') as unknown as { feature: Feature };
      return el.feature;
    });
    expect(picked.properties?.id).toBe(point.id);
    expect(picked.properties?.kind).toBe('building');
    // an attribute the tiles do not carry: the panel shows the twin's own feature
    expect(picked.properties?.fibreHouseholds).toBe(expected!.properties.fibreHouseholds);
    await page.screenshot({ path: join(OUT, 'large-tiles-click.png') });
  }, SLOW);

  it('after an edit, the next tile requests carry the new version and its data', async () => {
    const edited = structuredClone(twin);
    const cameras = edited.features.filter((f) => f.properties.kind === 'camera');
    for (const c of cameras.slice(0, 1500)) (c.properties as { online?: boolean }).online = false;
    const before = tileRequests.length;
    const res = await admin.post(`/api/communities?id=${ID}&replace=true`, edited);
    expect(res.status, await res.clone().text()).toBe(200);
    const next = ((await res.json()) as { version: number }).version;
    expect(next).toBeGreaterThan(version);
    // the app hears the edit (GET /api/events) and reloads the twin, the report and the tiles
    await page.waitForFunction(
      ([v]) => performance.getEntriesByType('resource').some((e) => e.name.includes('/tiles/camera/') && e.name.includes(`v=${v}`)),
      [next], { polling: 500, timeout: 120_000 },
    );
    await page.waitForTimeout(3000);
    const fresh = tilesOf('camera', before);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((u) => new URL(u).searchParams.get('v') === String(next))).toBe(true);
    // what such a URL serves is the edited data
    const tile = decodeTile(new Uint8Array(await (await fetch(fresh[0].replace(/^http:\/\/[^/]+/, api.url))).arrayBuffer()));
    const online = new Map(cameras.map((c) => [c.properties.id, (c.properties as { online?: boolean }).online]));
    const inTile = tile.camera ?? [];
    expect(inTile.length).toBeGreaterThan(0);
    expect(inTile.some((f) => f.properties.online === false)).toBe(true);
    for (const f of inTile) expect(f.properties.online, f.id).toBe(online.get(f.id));
    await page.screenshot({ path: join(OUT, 'large-tiles-after-edit.png') });
    expect(consoleErrors).toEqual([]);
  }, SLOW);
});
