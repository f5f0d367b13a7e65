/**
 * Bundle size of the built client (run `npm run build` first):
 *   npx tsx bench/bundle.ts
 * Prints raw and gzip (level 9) bytes per asset group, and what the first page load fetches:
 * index.html, its entry script and CSS and their static imports (workers, lazy chunks and
 * the font subsets a page never needs are counted apart).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = resolve(import.meta.dirname, '../dist');
const ASSETS = join(DIST, 'assets');

interface Asset { name: string; raw: number; gz: number }

const sizeOf = (path: string): Asset => {
  const bytes = readFileSync(path);
  return { name: path.slice(DIST.length + 1), raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
};

function groupOf(name: string): string {
  if (/\.(woff2?|ttf)$/.test(name)) return 'fonts';
  if (/worker/.test(name)) return 'workers';
  if (extname(name) === '.css') return 'css';
  if (/\.(m?js)$/.test(name)) return 'js';
  return 'other';
}

/** The entry's static import graph: `import … from "./x.js"` between emitted chunks. */
function firstLoad(): Set<string> {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(DIST, file), 'utf8');
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w${},*\s]+from\s*)?["']\.\/([^"']+\.js)["']/g)) queue.push(`assets/${m[1]}`);
  }
  return seen;
}

const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(9)} kB`;

const assets = readdirSync(ASSETS).filter((f) => statSync(join(ASSETS, f)).isFile()).map((f) => sizeOf(join(ASSETS, f)));
const groups = new Map<string, Asset[]>();
for (const a of assets) groups.set(groupOf(a.name), [...(groups.get(groupOf(a.name)) ?? []), a]);

console.log('group        files        raw         gzip');
let total = { raw: 0, gz: 0 };
for (const [group, list] of [...groups].sort()) {
  const raw = list.reduce((s, a) => s + a.raw, 0), gz = list.reduce((s, a) => s + a.gz, 0);
  total = { raw: total.raw + raw, gz: total.gz + gz };
  console.log(`${group.padEnd(10)} ${String(list.length).padStart(5)} ${kb(raw)} ${kb(gz)}`);
}
console.log(`${'all'.padEnd(10)} ${String(assets.length).padStart(5)} ${kb(total.raw)} ${kb(total.gz)}`);

const code = assets.filter((a) => groupOf(a.name) !== 'fonts');
console.log(`\ncode (js + workers + css): ${kb(code.reduce((s, a) => s + a.gz, 0)).trim()} gzip`);
const initial = [...firstLoad()].map((f) => sizeOf(join(DIST, f)));
console.log(`first load (index.html's static graph): ${kb(initial.reduce((s, a) => s + a.gz, 0)).trim()} gzip in ${initial.length} files`);
for (const a of initial.sort((x, y) => y.gz - x.gz).slice(0, 8)) console.log(`  ${a.name.padEnd(60)} ${kb(a.gz)}`);
for (const a of assets.filter((x) => groupOf(x.name) === 'workers')) console.log(`  worker ${a.name.padEnd(53)} ${kb(a.gz)}`);
