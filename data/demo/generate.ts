/**
 * Deterministic demo generator (issue #3 item 5): `npm run demo:generate [-- <outDir>]`.
 * Writes <outDir>/xueyuan/twin.geojson + README.md and <outDir>/nanmen/… (default outDir: data/demo).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serialize } from './lib/emit.ts';
import { NOTE, demos, readme } from './lib/demos.ts';

export function generate(outDir: string, only?: string[]): { slug: string; path: string }[] {
  const out: { slug: string; path: string }[] = [];
  for (const d of demos) {
    if (only && !only.includes(d.slug)) continue;
    const tb = d.build();
    const file = tb.toFile({ demo: true, note: NOTE, source: d.source });
    const dir = join(outDir, d.slug);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'twin.geojson'), serialize(file));
    writeFileSync(join(dir, 'README.md'), readme(d, file));
    out.push({ slug: d.slug, path: join(dir, 'twin.geojson') });
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? fileURLToPath(new URL('.', import.meta.url)));
  for (const r of generate(outDir)) console.log(`wrote ${r.path}`);
}
