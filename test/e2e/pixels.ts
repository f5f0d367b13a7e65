/**
 * Render-test comparison, maplibre style: a screenshot against a committed PNG in
 * test/e2e/expected/, pixel by pixel (pixelmatch), within a share of differing pixels.
 * UPDATE_SCREENSHOTS=1 rewrites the expected PNGs (review them in the diff before committing).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { ROOT } from './serve.ts';

export const EXPECTED_DIR = join(ROOT, 'test/e2e/expected');
const DIFF_DIR = join(ROOT, 'test/.tmp/render-diff');

/**
 * per-pixel colour tolerance (pixelmatch's YIQ threshold, 0–1): absorbs SwiftShader's
 * anti-aliasing and blending jitter, not a changed colour
 */
export const PIXEL_THRESHOLD = 0.12;
/**
 * the share of pixels allowed to differ: above run-to-run noise (measured 0.01–0.04 % of the
 * map area between runs, builds and machine loads), below what one missing layer group
 * changes (the smallest, key locations, ≈ 0.8 % of the nanmen gap view — a test proves it)
 */
export const MAX_DIFF_SHARE = 0.002;

export const updating = process.env.UPDATE_SCREENSHOTS === '1';

/**
 * Render tests look at the map only: left of the side panel (1440 − 10 − 440 px at the test
 * viewport). The panel's text is checked through the DOM, so its layout can change freely.
 */
export const MAP_CLIP = { x: 0, y: 0, width: 980, height: 900 };

export interface Comparison { diffShare: number; diffPixels: number; expectedPath: string; diffPath: string | null }

export function diffShareOf(actual: Buffer, expected: Buffer, diffPath: string | null = null): { diffShare: number; diffPixels: number } {
  const a = PNG.sync.read(actual);
  const e = PNG.sync.read(expected);
  if (a.width !== e.width || a.height !== e.height) return { diffShare: 1, diffPixels: a.width * a.height };
  const diff = new PNG({ width: a.width, height: a.height });
  const diffPixels = pixelmatch(a.data, e.data, diff.data, a.width, a.height, { threshold: PIXEL_THRESHOLD });
  if (diffPath && diffPixels > 0) {
    mkdirSync(DIFF_DIR, { recursive: true });
    writeFileSync(diffPath, PNG.sync.write(diff));
  }
  return { diffShare: diffPixels / (a.width * a.height), diffPixels };
}

/** Compares with expected/<name>.png (or writes it when updating). */
export function compareWithExpected(name: string, actual: Buffer): Comparison {
  const expectedPath = join(EXPECTED_DIR, `${name}.png`);
  if (updating) {
    mkdirSync(EXPECTED_DIR, { recursive: true });
    writeFileSync(expectedPath, actual);
    return { diffShare: 0, diffPixels: 0, expectedPath, diffPath: null };
  }
  if (!existsSync(expectedPath)) throw new Error(`${expectedPath} is missing: run with UPDATE_SCREENSHOTS=1 and review it`);
  const diffPath = join(DIFF_DIR, `${name}.diff.png`);
  const { diffShare, diffPixels } = diffShareOf(actual, readFileSync(expectedPath), diffPath);
  if (diffPixels > 0) writeFileSync(join(DIFF_DIR, `${name}.actual.png`), actual);
  return { diffShare, diffPixels, expectedPath, diffPath: diffPixels > 0 ? diffPath : null };
}
