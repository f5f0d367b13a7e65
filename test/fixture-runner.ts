/**
 * Turf-style fixtures: `test/fixtures/<checkId>/<case>.in.geojson` (a twin file) →
 * `<case>.out.json` (the CheckResult, numbers rounded). `REGEN=1 npx vitest run …` rewrites
 * the outputs for review in the diff. An input may carry a top-level `fixture` member:
 * `{ threshold?, tier?, params?, expect?: { "<dotted.path>": value }, tolerance? }` — `expect`
 * holds hand-checked facts that must hold whatever the regenerated output says.
 *
 * @example
 * test.each(fixtureCases('5g'))('$name', (c) => {
 *   const r = measure.run(buildTwin(c.file), contextOf(c));
 *   expect(violations(c, r)).toEqual([]);
 *   expect(roundNumbers(r)).toEqual(expectedOutput(c, r));
 * });
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TwinFile } from '../engine/twin/types.ts';
import type { MeasureContext, Params } from '../engine/measures/types.ts';

export interface FixtureSpec {
  threshold?: number;
  tier?: string;
  params?: Params;
  /** dotted path into the result → expected value (numbers within `tolerance`, arrays/objects deep-equal) */
  expect?: Record<string, unknown>;
  tolerance?: number;
}

export interface FixtureCase {
  name: string;
  inPath: string;
  outPath: string;
  file: TwinFile & { fixture?: FixtureSpec };
}

export const FIXTURES_DIR = new URL('./fixtures/', import.meta.url).pathname;
export const REGEN = process.env.REGEN === '1';

/** Every `<case>.in.geojson` under test/fixtures/<checkId>/, sorted by name. */
export function fixtureCases(checkId: string): FixtureCase[] {
  const dir = join(FIXTURES_DIR, checkId);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.in.geojson')).sort().map((f) => {
    const name = f.slice(0, -'.in.geojson'.length);
    const inPath = join(dir, f);
    return { name, inPath, outPath: join(dir, `${name}.out.json`), file: JSON.parse(readFileSync(inPath, 'utf8')) };
  });
}

export function contextOf(c: FixtureCase): MeasureContext {
  const spec = c.file.fixture ?? {};
  return { params: spec.params ?? {}, tier: spec.tier ?? 'basic', ...(spec.threshold !== undefined ? { threshold: spec.threshold } : {}) };
}

/** Deep copy with every number rounded to `decimals` places (outputs stay stable across platforms). */
export function roundNumbers<T>(x: T, decimals = 6): T {
  const f = 10 ** decimals;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isFinite(v) ? Math.round(v * f) / f + 0 : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, w]) => [k, walk(w)]));
    return v;
  };
  return walk(x) as T;
}

/** The stored output; with REGEN=1 (or when missing and REGEN=1) it is first rewritten from `actual`. */
export function expectedOutput(c: FixtureCase, actual: unknown, decimals = 6): unknown {
  const rounded = roundNumbers(actual, decimals);
  if (REGEN) {
    mkdirSync(join(c.outPath, '..'), { recursive: true });
    writeFileSync(c.outPath, `${JSON.stringify(rounded, null, 2)}\n`);
  }
  if (!existsSync(c.outPath)) throw new Error(`${c.outPath} missing: run REGEN=1 and review the diff`);
  return JSON.parse(readFileSync(c.outPath, 'utf8'));
}

function at(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o == null ? undefined : (o as Record<string, unknown>)[k]), obj);
}

function same(a: unknown, b: unknown, tol: number): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= tol;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i], tol));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], tol));
  }
  return a === b;
}

/** The fixture's hand-written `expect` facts that the actual result breaks (empty when all hold). */
export function violations(c: FixtureCase, actual: unknown): string[] {
  const spec = c.file.fixture ?? {};
  const tol = spec.tolerance ?? 1e-6;
  return Object.entries(spec.expect ?? {})
    .filter(([path, want]) => !same(at(actual, path), want, tol))
    .map(([path, want]) => `${path}: expected ${JSON.stringify(want)}, got ${JSON.stringify(at(actual, path))}`);
}
