/** GET /api/communities/:id/report?tier=&standard=&param.name=value — evaluate the stored twin. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Router } from 'express';
import type { Sql } from 'postgres';
import type { Report } from '../../engine/report/types.ts';
import type { Standard } from '../../engine/standard/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import { exportTwin } from '../store/communities.ts';
import { queryValue } from './communities.ts';

type Params = Record<string, number | string | boolean>;
type Evaluate = (twinFile: TwinFile, standard: Standard, tier: string, opts?: { params?: Params }) => Report;

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

async function loadEvaluate(): Promise<Evaluate> {
  const path = '../../engine/evaluate.ts';
  try {
    const mod = (await import(/* @vite-ignore */ path)) as { evaluate?: Evaluate };
    if (typeof mod.evaluate === 'function') return mod.evaluate;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'ERR_LOAD_URL') throw err;
  }
  throw new ApiError(501, 'not_implemented', 'the evaluation engine (engine/evaluate.ts) is not available');
}

export function reportRouter(sql: Sql, standardsDir: string): Router {
  return Router({ mergeParams: true }).get('/', async (req, res) => {
    const { id } = req.params as { id: string };
    const standardId = queryValue(req.query, 'standard') ?? DEFAULT_STANDARD;
    const tier = queryValue(req.query, 'tier') ?? DEFAULT_TIER;
    const standard = await loadStandard(standardsDir, standardId);
    if (!standard.tiers.some((t) => t.id === tier)) {
      throw badRequest(`unknown tier "${tier}" for ${standardId} (tiers: ${standard.tiers.map((t) => t.id).join(', ')})`, { tier });
    }
    const twin = await exportTwin(sql, id);
    if (!twin) throw notFound(`community "${id}"`);
    const evaluate = await loadEvaluate();
    const params = reportParams(req.query);
    let report: Report;
    try {
      report = evaluate(twin, standard, tier, { params });
    } catch (err) {
      // the engine's own input errors (unknown param, …) are the client's to fix
      if ((err as Error).name === 'EvaluateError') throw badRequest((err as Error).message, { params });
      throw err;
    }
    res.json(report);
  });
}
