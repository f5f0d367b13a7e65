/**
 * Demo communities, loaded on first start (empty community table), each in its own
 * transaction. Files under data/ take their folder name as community id.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Sql } from 'postgres';
import { importTwin } from './store/importTwin.ts';

export const DEMO_TWINS = [
  'data/demo/xueyuan/twin.geojson',
  'data/demo/nanmen/twin.geojson',
  'data/real/nanjing-qinhuai-wulaocun/twin.geojson',
];

export interface DemoLoad { id: string; file: string; loaded: boolean; reason?: string; features?: number }

export async function loadDemos(sql: Sql, root: string, files = DEMO_TWINS, log: (line: string) => void = console.log): Promise<DemoLoad[]> {
  const [{ n }] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM community`;
  if (n > 0) return [];
  const results: DemoLoad[] = [];
  for (const file of files) {
    const id = basename(dirname(file));
    const path = join(root, file);
    if (!existsSync(path)) {
      log(`warning: demo ${file} is missing; skipped`);
      results.push({ id, file, loaded: false, reason: 'missing' });
      continue;
    }
    try {
      const result = await importTwin(sql, JSON.parse(await readFile(path, 'utf8')), { id });
      log(`loaded demo ${id}: ${result.features} features`);
      results.push({ id, file, loaded: true, features: result.features });
    } catch (err) {
      const e = err as { message?: string; details?: unknown };
      log(`warning: demo ${file} not loaded: ${e.message}${e.details ? ` ${JSON.stringify(e.details).slice(0, 2000)}` : ''}`);
      results.push({ id, file, loaded: false, reason: e.message });
    }
  }
  return results;
}
