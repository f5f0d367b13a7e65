import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection, Point, Position } from 'geojson';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { distanceM, fromWgs84 } from '../../engine/crs/index.ts';
import { run } from '../../server/cli/convert.ts';

const dir = mkdtempSync(join(tmpdir(), 'convert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let stderr: string[];
beforeEach(() => { stderr = []; vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { stderr.push(a.join(' ')); }); });
afterEach(() => { vi.restoreAllMocks(); });

const truth: Position[] = [[117.1201, 36.6502], [117.1215, 36.6511]];

describe('communitytwin convert', () => {
  it('converts a GCJ-02 camera CSV to a WGS 84 twin file within 1 m, and says what it assumed', async () => {
    const csv = join(dir, 'cams.csv'), out = join(dir, 'twin.geojson');
    const rows = truth.map((p, i) => `${(fromWgs84({ type: 'Point', coordinates: p }, 'GCJ02') as Point).coordinates.join(',')},C${i}`);
    writeFileSync(csv, ['经度,纬度,名称', ...rows].join('\n'));
    expect(await run([csv, '--from', 'gcj02', '--kind', 'camera', '--out', out])).toBe(0);
    const twin = JSON.parse(readFileSync(out, 'utf8')) as FeatureCollection<Point>;
    expect(twin.features.map((f) => f.properties)).toEqual([{ kind: 'camera', id: 'camera-1', name: 'C0' }, { kind: 'camera', id: 'camera-2', name: 'C1' }]);
    twin.features.forEach((f, i) => expect(distanceM(f.geometry.coordinates, truth[i])).toBeLessThan(1));
    const log = stderr.join('\n');
    expect(log).toMatch(/2 feature\(s\) \(2 camera\)/);
    expect(log).toMatch(/converted from GCJ-02 .*\[stated\] to WGS 84/);
    expect(log).toMatch(/not yet an importable twin.*\n.*no community feature/);
  });

  it.each([
    [[], /no input file/],
    [['a.csv', 'b.csv'], /unexpected argument b\.csv/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['missing.csv'], /missing\.csv: no such file/],
  ])('exits 2 on bad arguments %j', async (args, message) => {
    expect(await run(args)).toBe(2);
    expect(stderr.join('\n')).toMatch(message);
  });

  it('exits 2 naming the problem for an unknown CRS, an unknown kind, and unreadable input', async () => {
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'lon,lat\n117.1,abc\n');
    expect(await run([csv, '--from', 'xian80', '--kind', 'camera'])).toBe(2);
    expect(stderr.pop()).toMatch(/unknown coordinate system "xian80"/);
    expect(await run([csv, '--kind', 'drone'])).toBe(2);
    expect(stderr.pop()).toMatch(/unknown kind "drone"/);
    expect(await run([csv, '--kind', 'camera', '--out', join(dir, 'x.geojson')])).toBe(2);
    expect(stderr.pop()).toMatch(/bad\.csv: row 2, column lat: "abc" is not a number/);
    expect(await run([csv, '--format', 'dwg'])).toBe(2);
    expect(stderr.pop()).toMatch(/unknown format "dwg"/);
  });
});
