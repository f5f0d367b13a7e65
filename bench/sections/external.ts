/**
 * The figures other benches own, run as they are and summarised: tiles (bench/tiles.ts), client bundle size
 * (bench/bundle.ts over dist/) and first paint in headless Chromium (the e2e test that reports it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Row } from '../lib/table.ts';

const root = resolve(import.meta.dirname, '../..');

function run(args: string[], timeoutS: number, env: NodeJS.ProcessEnv = process.env): { out: string; ok: boolean } {
  const r = spawnSync('npx', args, { cwd: root, env, encoding: 'utf8', timeout: timeoutS * 1000, maxBuffer: 1 << 26 });
  return { out: `${r.stdout ?? ''}\n${r.stderr ?? ''}`, ok: r.status === 0 };
}

const num = (re: RegExp, s: string): number | null => { const m = re.exec(s); return m ? Number(m[1]) : null; };

export function tilesSection(seconds: number): Row[] {
  const { out, ok } = run(['tsx', 'bench/tiles.ts', String(seconds), '1,10,50'], 600);
  const lines = out.split('\n').filter((l) => /p50 .* ms/.test(l));
  if (!ok || lines.length === 0) return [{ section: 'tiles', figure: 'bench/tiles.ts', ours: null, note: `failed: ${out.trim().split('\n').slice(-2).join(' ')}` }];
  const db = /^(\w+) database/m.exec(out)?.[1] ?? '?';
  return lines.map((l) => {
    const title = l.slice(0, l.indexOf(':'));
    const perS = num(/([\d.]+) tiles\/s/, l);
    return {
      section: 'tiles', figure: `${title} p50 (${db})`, ours: num(/p50 ([\d.]+) ms/, l), target: 'p50 < 20 ms',
      met: (num(/p50 ([\d.]+) ms/, l) ?? Infinity) < 20,
      note: `p99 ${num(/p99 ([\d.]+) ms/, l)} ms${perS !== null ? `, ${perS} tiles/s (target ≥ 500)` : ''}`,
    };
  });
}

export function clientSection(paint: boolean): Row[] {
  const rows: Row[] = [];
  if (!existsSync(resolve(root, 'dist/index.html'))) {
    rows.push({ section: 'client', figure: 'bundle size', ours: null, note: 'skipped: no dist/ (run npm run build)' });
  } else {
    const { out } = run(['tsx', 'bench/bundle.ts'], 120);
    const first = /first load \(index.html's static graph\):\s*([\d.]+) kB gzip in (\d+) files/.exec(out);
    const code = num(/code \(js \+ workers \+ css\):\s*([\d.]+) kB gzip/, out);
    const all = /^all\s+\d+\s+([\d.]+) kB\s+([\d.]+) kB/m.exec(out);
    rows.push({ section: 'client', figure: 'first load, gzip (index.html static graph)', ours: first ? Number(first[1]) : null, unit: 'kB', note: first ? `${first[2]} files` : 'not found in bench/bundle.ts output' });
    rows.push({ section: 'client', figure: 'all code (js + workers + css), gzip', ours: code, unit: 'kB', note: all ? `all assets incl. fonts ${all[2]} kB gzip` : '' });
  }
  if (!paint) {
    rows.push({ section: 'client', figure: 'first paint (headless Chromium)', ours: null, note: 'skipped (pass paint=1): test/e2e/map.test.ts reports it' });
    return rows;
  }
  // the e2e test serves its API on the fixed port 8091: another e2e run holding it is waited for, twice
  let { out } = run(['vitest', 'run', 'test/e2e/map.test.ts', '-t', 'first paint'], 300);
  for (let attempt = 0; attempt < 2 && /EADDRINUSE/.test(out); attempt++) {
    spawnSync('sleep', ['30']);
    ({ out } = run(['vitest', 'run', 'test/e2e/map.test.ts', '-t', 'first paint'], 300));
  }
  if (/EADDRINUSE/.test(out)) {
    rows.push({ section: 'client', figure: 'first paint (headless Chromium)', ours: null, note: 'skipped: port 8091 held by another e2e run' });
    return rows;
  }
  const frame = num(/first deck\.gl frame (\d+) ms/, out), idle = num(/first map idle (\d+) ms/, out);
  rows.push({
    section: 'client', figure: 'first paint: first deck.gl frame (xueyuan, localhost, SwiftShader)', ours: frame,
    note: frame === null ? `not reported: ${out.trim().split('\n').slice(-3).join(' ').slice(0, 160)}` : `first map idle ${idle} ms`,
  });
  return rows;
}
