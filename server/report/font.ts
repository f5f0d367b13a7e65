/**
 * The CJK font of the printed report: Noto Sans SC from the bundled @fontsource package,
 * embedded as data: URLs so the page needs nothing from the network or the system. Only the
 * unicode-range subsets that the page's text touches are embedded (a report uses a few
 * hundred distinct characters of the ~100 subsets).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const FONT_FAMILY = 'Noto Sans SC';
/** the stack for a page that does not embed the font (browsers use what the system has) */
export const FONT_STACK = `'${FONT_FAMILY}', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif`;

interface Subset { file: string; ranges: [number, number][] }

let subsets: { dir: string; list: Subset[] } | null = null;

function loadSubsets(): { dir: string; list: Subset[] } {
  if (subsets) return subsets;
  const pkg = createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/package.json');
  const dir = dirname(pkg);
  const css = readFileSync(join(dir, '400.css'), 'utf8');
  const list: Subset[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!file || !range) continue;
    const ranges = range.split(',').map((r): [number, number] => {
      const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(a, 16), parseInt(b ?? a, 16)];
    });
    list.push({ file, ranges });
  }
  subsets = { dir, list };
  return subsets;
}

/** @font-face rules (data: URLs) covering every character of `text`. */
export function embeddedFontCss(text: string): string {
  const { dir, list } = loadSubsets();
  const codes = new Set<number>();
  for (const ch of text) codes.add(ch.codePointAt(0)!);
  const used = list.filter((s) => s.ranges.some(([a, b]) => { for (const c of codes) if (c >= a && c <= b) return true; return false; }));
  return used.map((s) => {
    const data = readFileSync(join(dir, 'files', s.file)).toString('base64');
    const range = s.ranges.map(([a, b]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`)).join(',');
    return `@font-face{font-family:'${FONT_FAMILY}';font-style:normal;font-weight:400;src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range};}`;
  }).join('\n');
}
