/**
 * Request parsing shared by the report routes (routes/reports.ts): the standard by id from
 * data/standards/, the default standard and tier, and `param.name=value` engine parameters.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Standard } from '../../engine/standard/types.ts';
import { badRequest } from '../errors.ts';
import { queryValue } from './communities.ts';

type Params = Record<string, number | string | boolean>;

export const DEFAULT_STANDARD = 'shandong-2022';
export const DEFAULT_TIER = 'basic';
const STANDARD_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export async function loadStandard(standardsDir: string, id: string): Promise<Standard> {
  const unknown = () => badRequest(`unknown standard "${id}"`, { standard: id });
  if (!STANDARD_ID.test(id)) throw unknown();
  try {
    return JSON.parse(await readFile(join(standardsDir, `${id}.json`), 'utf8')) as Standard;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw unknown();
    throw err;
  }
}

/** `param.sportsWalkMinSharePct=90` → { sportsWalkMinSharePct: 90 }; numbers and booleans parsed. */
export function reportParams(query: Record<string, unknown>): Params {
  const params: Params = {};
  for (const key of Object.keys(query)) {
    if (!key.startsWith('param.')) continue;
    const raw = queryValue(query, key)!;
    const name = key.slice('param.'.length);
    params[name] = raw === 'true' ? true : raw === 'false' ? false : raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return params;
}
