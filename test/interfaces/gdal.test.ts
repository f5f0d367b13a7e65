/**
 * A real client: GDAL's ogrinfo reads /ogc through its OAPIF driver and a /tiles tile through
 * its MVT driver. Skipped, with a note, when ogrinfo is not installed (apt-get install gdal-bin).
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tileAt } from '../../server/tiles/tileMath.ts';
import { smallTwin } from '../server/twins.ts';
import { importTwin, openInterfaceApp, type InterfaceApp } from './app.ts';

function hasOgrinfo(): boolean {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
const available = hasOgrinfo();
if (!available) console.warn('test/interfaces/gdal.test.ts skipped: ogrinfo not found (apt-get install gdal-bin)');

const run = promisify(execFile);
/** ogrinfo with no user configuration and no HTTP cache between runs */
async function ogrinfo(...args: string[]): Promise<string> {
  const { stdout } = await run('ogrinfo', args, {
    timeout: 60_000, env: { ...process.env, GDAL_HTTP_TIMEOUT: '30', CPL_VSIL_CURL_NON_CACHED: '/vsicurl/', GDAL_DISABLE_READDIR_ON_OPEN: 'EMPTY_DIR' },
  });
  return stdout;
}

describe.skipIf(!available)('GDAL reads the OGC API and the tiles', () => {
  let env: InterfaceApp;
  let ogc: string;
  beforeAll(async () => {
    env = await openInterfaceApp();
    await importTwin(env.url, smallTwin('gdal-a'), 'gdal-a');
    await importTwin(env.url, smallTwin('gdal-b'), 'gdal-b');
    ogc = `OAPIF:${env.url}/ogc`;
  });
  afterAll(async () => env?.close());

  test('ogrinfo -so lists one layer per feature kind', async () => {
    const out = await ogrinfo('-ro', '-so', ogc);
    for (const line of ['building (title: building) (Polygon)', 'camera (title: camera) (Point)', 'path (title: path) (Line String)', 'light (title: light)']) {
      expect(out).toContain(line);
    }
  });

  test('-where on the feature id fetches one item; properties come as fields', async () => {
    const out = await ogrinfo('-ro', ogc, 'building', '-where', "id = 'gdal-b:b1'");
    expect(out).toMatch(/Feature Count: 4|OGRFeature\(building\)/);
    expect(out).toContain('localId (String) = b1');
    expect(out).toContain('community (String) = gdal-b');
    expect(out).toMatch(/floors \(Integer\) = 18/);
    expect(out.match(/OGRFeature\(building\)/g)).toHaveLength(1);
  });

  test('-spat becomes a bbox query, paged through next links', async () => {
    const out = await ogrinfo('-ro', '-oo', 'PAGE_SIZE=1', ogc, 'building', '-spat', '117.0992', '36.6492', '117.0998', '36.6498');
    expect(out.match(/OGRFeature\(building\)/g)).toHaveLength(2);
    expect(out).toContain('community (String) = gdal-a');
    expect(out).toContain('community (String) = gdal-b');
    expect(out).not.toContain('localId (String) = b2');
  });

  test('the MVT driver reads a building tile', async () => {
    const { z, x, y } = tileAt(117.0995, 36.6495, 17);
    const out = await ogrinfo('-ro', `/vsicurl/${env.url}/tiles/building/${z}/${x}/${y}.pbf?community=gdal-a`, 'building');
    expect(out).toContain("using driver `MVT' successful");
    expect(out).toMatch(/Layer name: building/);
    expect(out).toMatch(/id \(String\) = b1/);
    expect(out).toMatch(/floors \(\w+\) = 18/);
    // the MVT driver answers in Web Mercator: b1's west side is at lon 117.0993
    const [, xText] = /POLYGON \(\(([\d.]+) /.exec(out) ?? [];
    expect((Number(xText) / 6378137) * (180 / Math.PI)).toBeCloseTo(117.0993, 5);
  });
});
