/**
 * Rows of a published acceptance table (shared/standard/*.txt, the notices as text): after the
 * header row, a row is either "\t<n>" followed by "\t<name>" (a name may wrap onto lines without
 * a tab), or " \t<name>" for a row printed without its number; a category is the "\t<text>" line
 * just before a number ("\t" alone: same category as before).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** shared/ sits beside the repo clone (locally /work/shared, in CI a copy next to the clone) */
export const sharedDir = path.resolve(repoRoot, '../shared');

export interface PublishedRow { row: number; printedNumber: number | null; category: string; name: string }

export function publishedRows(file: string): PublishedRow[] {
  const lines = readFileSync(path.join(sharedDir, 'standard', file), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.trim() === '序号');
  if (start < 0) throw new Error(`${file}: no table header (序号)`);
  const rows: PublishedRow[] = [];
  let category = '';
  const nameFrom = (i: number) => {
    let name = lines[i].replace(/^ ?\t/, '');
    for (let j = i + 1; j < lines.length && lines[j] !== '' && !lines[j].startsWith('\t') && !lines[j].startsWith(' \t'); j++) name += lines[j];
    return name.replace(/\s+/g, '');
  };
  for (let i = start + 1; i < lines.length; i++) {
    const numbered = /^\t(\d+)\s*$/.exec(lines[i]);
    if (numbered) {
      const prev = lines[i - 1].replace(/^\t/, '').trim();
      if (prev !== '' && !/^\d+$/.test(prev)) category = prev;
      rows.push({ row: rows.length + 1, printedNumber: Number(numbered[1]), category, name: nameFrom(i + 1) });
    } else if (/^ \t\S/.test(lines[i]) && rows.length > 0) {
      rows.push({ row: rows.length + 1, printedNumber: null, category, name: nameFrom(i) });
    }
  }
  return rows;
}
