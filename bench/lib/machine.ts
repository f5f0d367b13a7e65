/** What the figures were measured on: CPU, cores, memory, Node, load average. */
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';

export interface Machine { cpuModel: string; nproc: number; memoryGiB: number; freeGiB: number; node: string; load: string }

export function machine(): Machine {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    cpuModel = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpuModel;
  } catch { /* not Linux */ }
  return {
    cpuModel, nproc: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10, freeGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    node: process.version, load: loadNow(),
  };
}

export const loadNow = (): string => loadavg().map((x) => x.toFixed(2)).join(' / ');

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Median wall time in ms of `runs` calls after `warm` warm-up calls; the last result is returned too. */
export function timeSync<T>(f: () => T, runs: number, warm = 1): { ms: number; out: T; all: number[] } {
  let out!: T;
  for (let i = 0; i < warm; i++) out = f();
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = f();
    all.push(performance.now() - t0);
  }
  return { ms: median(all), out, all };
}

export async function timeAsync<T>(f: () => Promise<T>, runs: number, warm = 1): Promise<{ ms: number; out: T; all: number[] }> {
  let out!: T;
  for (let i = 0; i < warm; i++) out = await f();
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = await f();
    all.push(performance.now() - t0);
  }
  return { ms: median(all), out, all };
}
