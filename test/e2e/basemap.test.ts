/**
 * Browser e2e of the offline OSM basemap: the real OSM community (loaded as a demo on first
 * start) gets its surroundings from the server's /basemap tiles — requested, decoded and drawn
 * outside the community boundary, with the OpenStreetMap attribution shown —, a demo community
 * asks for no basemap tile, and nothing leaves localhost. The page is served by the real
 * server itself (it serves dist/ and /basemap). UPDATE_DOCS_SCREENSHOTS=1 also writes
 * docs/screenshots/real-basemap.png. Skipped when /usr/bin/chromium is absent.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import type { TwinFile } from '../../engine/twin/types.ts';
import { openAt } from './app.ts';
import { CHROMIUM, launchBrowser } from './browser.ts';
import { MAP_CLIP } from './pixels.ts';
import { buildClientOnce, ROOT, startApiServer, type Running } from './serve.ts';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`skipping browser e2e: ${CHROMIUM} not found`);

const SLOW = 300_000;
const REAL = 'nanjing-qinhuai-wulaocun';
/** the basemap's building fill (client/map/style.ts), which no twin layer of maplibre's uses */
const OSM_BUILDING_RGB = [0xdc, 0xd9, 0xd1];

const realTwin = JSON.parse(readFileSync(join(ROOT, `data/real/${REAL}/twin.geojson`), 'utf8')) as TwinFile;
const boundaryRing = (realTwin.features.find((f) => f.properties?.kind === 'community')!.geometry as { coordinates: number[][][] }).coordinates[0];

interface MapHandle { queryRenderedFeatures(o: { layers: string[] }): unknown[]; project(p: [number, number]): { x: number; y: number }; getCanvas(): HTMLCanvasElement; getStyle(): { sources: Record<string, unknown> } }
declare global { interface Window { __basemapMap?: () => MapHandle } }

function inPolygon(x: number, y: number, ring: { x: number; y: number }[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i], b = ring[j];
    if ((a.y > y) !== (b.y > y) && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

describe.skipIf(!hasChromium)('offline OSM basemap (Chromium)', () => {
  let api: Running, browser: Awaited<ReturnType<typeof launchBrowser>>, page: Page;
  const consoleErrors: string[] = [];
  const offsiteRequests: string[] = [];
  let requests: string[] = [];
  const tileStatuses: number[] = [];

  beforeAll(async () => {
    await buildClientOnce();
    const dataDir = join(ROOT, 'test/.tmp/e2e-basemap');
    rmSync(dataDir, { recursive: true, force: true });
    api = await startApiServer(8097, dataDir);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    page.on('response', (r) => { if (/\/basemap\/[^/]+\/\d+\/\d+\/\d+\.pbf$/.test(r.url())) tileStatuses.push(r.status()); });
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      offsiteRequests.push(url.href);
      return route.abort();
    });
    await page.addInitScript(() => {
      window.__basemapMap = () => {
        const ctMap = document.querySelector('ct-app')?.shadowRoot?.querySelector('ct-map') as unknown as { map: MapHandle };
        return ctMap.map;
      };
    });
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  describe('the real OSM community', () => {
    beforeAll(async () => {
      requests = [];
      await openAt(page, api.url, `c=${REAL}&tier=basic`, 500);
      // the basemap tiles are the map's own: wait until maplibre has them all drawn
      await page.waitForFunction(() => (window.__basemapMap!() as unknown as { areTilesLoaded(): boolean }).areTilesLoaded(), null, { polling: 250, timeout: 60_000 });
      await page.waitForTimeout(500);
    }, SLOW);

    it('asks the server for its TileJSON and vector tiles, and gets them', () => {
      expect(requests).toContain(`${api.url}/basemap/${REAL}.json`);
      const tiles = requests.filter((u) => u.startsWith(`${api.url}/basemap/${REAL}/`));
      expect(tiles.length).toBeGreaterThan(0);
      expect(tileStatuses.filter((s) => s === 200).length).toBeGreaterThan(0);
      expect(tileStatuses.filter((s) => s >= 400)).toEqual([]);
    });

    it('draws OSM buildings and roads outside the community boundary', async () => {
      const rendered = await page.evaluate(() => {
        const map = window.__basemapMap!();
        return Object.fromEntries(['osm-building', 'osm-road', 'osm-landuse'].map((id) => [id, map.queryRenderedFeatures({ layers: [id] }).length]));
      });
      expect(rendered['osm-building']).toBeGreaterThan(20);
      expect(rendered['osm-road']).toBeGreaterThan(5);

      // maplibre's own canvas (deck.gl draws on another): building-fill pixels outside the boundary
      const { png, ring } = await page.evaluate((boundary) => {
        const map = window.__basemapMap!();
        return { png: map.getCanvas().toDataURL('image/png'), ring: boundary.map(([lon, lat]) => map.project([lon, lat])) };
      }, boundaryRing as [number, number][]);
      const image = PNG.sync.read(Buffer.from(png.split(',')[1], 'base64'));
      let outside = 0, building = 0;
      for (let y = 0; y < Math.min(image.height, MAP_CLIP.height); y += 2) {
        for (let x = 0; x < Math.min(image.width, MAP_CLIP.width); x += 2) {
          if (inPolygon(x, y, ring)) continue;
          outside++;
          const i = (y * image.width + x) * 4;
          if (OSM_BUILDING_RGB.every((c, k) => Math.abs(image.data[i + k] - c) <= 2)) building++;
        }
      }
      console.log(`basemap: ${building} of ${outside} sampled map pixels outside the boundary are OSM building fill (${((100 * building) / outside).toFixed(1)} %)`);
      expect(outside).toBeGreaterThan(10_000);
      expect(building / outside).toBeGreaterThan(0.02);
    });

    it('shows the OpenStreetMap attribution', async () => {
      const text = await page.evaluate(() => document.querySelector('ct-app')?.shadowRoot?.querySelector('ct-map')?.shadowRoot?.querySelector('.maplibregl-ctrl-attrib')?.textContent ?? '');
      expect(text).toContain('© OpenStreetMap contributors');
    });

    it('screenshot (docs/screenshots/real-basemap.png with UPDATE_DOCS_SCREENSHOTS=1)', async () => {
      const shot = await page.screenshot();
      mkdirSync(join(ROOT, 'test/.tmp'), { recursive: true });
      writeFileSync(join(ROOT, 'test/.tmp/real-basemap.png'), shot);
      if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') writeFileSync(join(ROOT, 'docs/screenshots/real-basemap.png'), shot);
      expect(shot.length).toBeGreaterThan(10_000);
    });
  });

  describe('a demo community', () => {
    it('asks for no basemap and shows no attribution', async () => {
      requests = [];
      await openAt(page, api.url, 'c=xueyuan&tier=basic', 500);
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.filter((u) => u.includes('/basemap/'))).toEqual([]);
      const sources = await page.evaluate(() => Object.keys(window.__basemapMap!().getStyle().sources));
      expect(sources).not.toContain('osm');
      const text = await page.evaluate(() => document.querySelector('ct-app')?.shadowRoot?.querySelector('ct-map')?.shadowRoot?.querySelector('.maplibregl-ctrl-attrib')?.textContent ?? '');
      expect(text).not.toContain('OpenStreetMap');
    }, SLOW);
  });

  it('no request left localhost and the console stayed clean', () => {
    expect(offsiteRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
