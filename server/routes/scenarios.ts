/**
 * Planning scenarios (issue #7).
 *   POST   /api/communities/:id/scenarios        { name, edits, createdBy? } → 201 (edits checked against the current twin; 400 names the edit)
 *   GET    /api/communities/:id/scenarios        the community's scenarios
 *   GET    /api/scenarios/:sid?tier=&standard=&param.x=   the scenario with the report of its edited twin
 *   PUT    /api/scenarios/:sid                   { name?, edits? } rename / replace the edits
 *   POST   /api/scenarios/:sid/duplicate         { name? } → 201
 *   DELETE /api/scenarios/:sid                   → 204
 *   GET    /api/scenarios/:sid/compare?with=<sid|baseline>&tier=   check values side by side, gaps opened / closed
 *   POST   /api/scenarios/:sid/apply             edits written to the community, version + 1; 409 when stale
 *   POST   /api/communities/:id/suggest?tier=&checks=a,b&standard=&param.x=   { name? } → 201, a new scenario holding
 *          the engine's suggestions (engine/suggest), with what they add and the values before / after
 */
import { Router } from 'express';
import type { Sql } from 'postgres';
import { z } from 'zod';
import type { Edit } from '../../engine/edit/types.ts';
import { evaluate } from '../../engine/evaluate.ts';
import { suggest, SuggestError } from '../../engine/suggest/index.ts';
import type { Report } from '../../engine/report/types.ts';
import { parseStandard } from '../../engine/standard/load.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import { exportTwin } from '../store/communities.ts';
import {
  applyScenario, createScenario, deleteScenario, duplicateScenario, editedTwin, getScenario, listScenarios, updateScenario,
  type Scenario,
} from '../store/scenarios.ts';
import { queryValue } from './communities.ts';
import { DEFAULT_STANDARD, DEFAULT_TIER, loadStandard, reportParams } from './report.ts';

const Geometry = z.object({ type: z.string(), coordinates: z.unknown().optional() }).passthrough();
const EditSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), feature: z.object({ type: z.literal('Feature'), properties: z.record(z.string(), z.unknown()), geometry: Geometry }).passthrough() }).strict(),
  z.object({ op: z.literal('update'), id: z.string().min(1), props: z.record(z.string(), z.unknown()).optional(), geometry: Geometry.optional() }).strict(),
  z.object({ op: z.literal('delete'), id: z.string().min(1) }).strict(),
]);
const name = z.string({ error: 'name must be a string' }).trim().min(1, 'name must not be empty').max(200);
const CreateBody = z.object({ name, edits: z.array(EditSchema).max(10_000).default([]), createdBy: z.string().trim().min(1).max(200).optional() }).strict();
const UpdateBody = z.object({ name: name.optional(), edits: z.array(EditSchema).max(10_000).optional() }).strict()
  .refine((b) => b.name !== undefined || b.edits !== undefined, 'give name and/or edits');
const DuplicateBody = z.object({ name: name.optional() }).strict();

/**
 * Each scenario write runs in one transaction of the `sql` the app gave this router (auditedSql,
 * server/audit/transaction.ts): its audit row is appended before that transaction commits, so
 * the write and its record are stored together or not at all.
 */
const inTransaction = <T>(sql: Sql, work: (tx: Sql) => Promise<T>): Promise<T> =>
  sql.begin((tx) => work(tx as unknown as Sql)) as Promise<T>;

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body ?? {});
  if (!r.success) {
    throw badRequest(`invalid request body: ${r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`,
      { issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  }
  return r.data;
}

export function communityScenariosRouter(sql: Sql): Router {
  const router = Router({ mergeParams: true });
  router.post('/', async (req, res) => {
    const { id } = req.params as { id: string };
    const body = parse(CreateBody, req.body);
    const s = await inTransaction(sql, (tx) => createScenario(tx, id, { name: body.name, edits: body.edits as Edit[], createdBy: body.createdBy ?? null }));
    if (!s) throw notFound(`community "${id}"`);
    res.status(201).location(`/api/scenarios/${encodeURIComponent(s.id)}`).json(s);
  });
  router.get('/', async (req, res) => {
    const { id } = req.params as { id: string };
    const [c] = await sql`SELECT 1 FROM community WHERE id = ${id}`;
    if (!c) throw notFound(`community "${id}"`);
    res.json(await listScenarios(sql, id));
  });
  return router;
}

const SuggestBody = z.object({ name: name.optional(), createdBy: z.string().trim().min(1).max(200).optional() }).strict();

/** POST /api/communities/:id/suggest — the suggestions for a tier, saved as a new scenario (CPU-bound: seconds on a large community). */
export function communitySuggestRouter(sql: Sql, standardsDir: string): Router {
  return Router({ mergeParams: true }).post('/', async (req, res) => {
    const { id } = req.params as { id: string };
    const body = parse(SuggestBody, req.body);
    const standardId = queryValue(req.query, 'standard') ?? DEFAULT_STANDARD;
    const tier = queryValue(req.query, 'tier') ?? DEFAULT_TIER;
    const standard = parseStandard(await loadStandard(standardsDir, standardId));
    if (!standard.tiers.some((t) => t.id === tier)) throw badRequest(`unknown tier "${tier}" for ${standardId}`, { tier });
    const checks = queryValue(req.query, 'checks')?.split(',').map((c) => c.trim()).filter(Boolean);
    const twin = await exportTwin(sql, id);
    if (!twin) throw notFound(`community "${id}"`);
    const params = reportParams(req.query);
    let suggestion;
    try {
      suggestion = suggest(twin, standard, tier, { ...(checks ? { checks } : {}), params });
    } catch (err) {
      if (err instanceof SuggestError || (err as Error).name === 'EvaluateError') throw badRequest((err as Error).message, { checks, params });
      throw err;
    }
    const scenario = await inTransaction(sql, (tx) => createScenario(tx, id, {
      name: body.name ?? `suggested for ${tier}`, edits: suggestion.edits, createdBy: body.createdBy ?? 'engine/suggest',
    }));
    if (!scenario) throw notFound(`community "${id}"`);
    const { added, updated, before, after, unresolved } = suggestion;
    res.status(201).location(`/api/scenarios/${encodeURIComponent(scenario.id)}`)
      .json({ scenario, tier, standard: standardId, added, updated, before, after, unresolved });
  });
}

interface Evaluated { report: Report; communityVersion: number }

export function scenariosRouter(sql: Sql, standardsDir: string): Router {
  const router = Router();
  const load = async (sid: string): Promise<Scenario> => {
    const s = await getScenario(sql, sid);
    if (!s) throw notFound(`scenario "${sid}"`);
    return s;
  };
  /** The report of the community's current twin with the edits applied (none for the baseline). */
  const evaluateOn = async (communityId: string, edits: Edit[], query: Record<string, unknown>): Promise<Evaluated> => {
    const standardId = queryValue(query, 'standard') ?? DEFAULT_STANDARD;
    const tier = queryValue(query, 'tier') ?? DEFAULT_TIER;
    const standard = parseStandard(await loadStandard(standardsDir, standardId));
    if (!standard.tiers.some((t) => t.id === tier)) throw badRequest(`unknown tier "${tier}" for ${standardId}`, { tier });
    const twin = await exportTwin(sql, communityId);
    if (!twin) throw notFound(`community "${communityId}"`);
    const [{ version }] = await sql<{ version: number }[]>`SELECT version FROM community WHERE id = ${communityId}`;
    const params = reportParams(query);
    try {
      return { report: evaluate(editedTwin(twin, edits), standard, tier, { params }), communityVersion: version };
    } catch (err) {
      if ((err as Error).name === 'EvaluateError') throw badRequest((err as Error).message, { params });
      throw err;
    }
  };

  router.get('/:sid', async (req, res) => {
    const s = await load(req.params.sid);
    const { report, communityVersion } = await evaluateOn(s.communityId, s.edits, req.query);
    res.json({ ...s, stale: communityVersion !== s.baseVersion, communityVersion, report });
  });
  router.put('/:sid', async (req, res) => {
    const body = parse(UpdateBody, req.body);
    const patch = { ...(body.name ? { name: body.name } : {}), ...(body.edits ? { edits: body.edits as Edit[] } : {}) };
    const s = await inTransaction(sql, (tx) => updateScenario(tx, req.params.sid, patch));
    if (!s) throw notFound(`scenario "${req.params.sid}"`);
    res.json(s);
  });
  router.post('/:sid/duplicate', async (req, res) => {
    const body = parse(DuplicateBody, req.body);
    const s = await inTransaction(sql, (tx) => duplicateScenario(tx, req.params.sid, body.name));
    if (!s) throw notFound(`scenario "${req.params.sid}"`);
    res.status(201).location(`/api/scenarios/${encodeURIComponent(s.id)}`).json(s);
  });
  router.delete('/:sid', async (req, res) => {
    if (!(await inTransaction(sql, (tx) => deleteScenario(tx, req.params.sid)))) throw notFound(`scenario "${req.params.sid}"`);
    res.status(204).end();
  });
  router.get('/:sid/compare', async (req, res) => {
    const s = await load(req.params.sid);
    const withId = queryValue(req.query, 'with') ?? 'baseline';
    const other = withId === 'baseline' ? null : await load(withId);
    if (other && other.communityId !== s.communityId) throw badRequest(`scenario "${withId}" belongs to another community`, { with: withId });
    const [a, b] = await Promise.all([evaluateOn(s.communityId, s.edits, req.query), evaluateOn(s.communityId, other?.edits ?? [], req.query)]);
    res.json({ scenario: s.id, with: other?.id ?? 'baseline', tier: a.report.tier, standard: a.report.standard, summary: { scenario: a.report.summary, with: b.report.summary }, checks: compareReports(a.report, b.report) });
  });
  router.post('/:sid/apply', async (req, res) => {
    // applyScenario opens its own transaction (sql.begin), audited the same way
    const applied = await applyScenario(sql, req.params.sid);
    if (!applied) throw notFound(`scenario "${req.params.sid}"`);
    res.json(applied);
  });
  return router;
}

export interface CheckComparison {
  row: number;
  id: string;
  unit: string;
  threshold: number | null;
  scenario: { value: number | null; pass: boolean | null };
  with: { value: number | null; pass: boolean | null };
  /** failing in the scenario, not in the reference */
  gapsOpened: string[];
  /** failing in the reference, not in the scenario */
  gapsClosed: string[];
}

/** Check by check (same tier, same table): values side by side and the failingIds difference. */
export function compareReports(scenario: Report, reference: Report): CheckComparison[] {
  if (scenario.rows.length !== reference.rows.length) throw new ApiError(500, 'internal', 'reports of different tables');
  return scenario.rows.flatMap((row, r) => row.checks.map((c, i) => {
    const ref = reference.rows[r].checks[i];
    const mine = new Set(c.evidence.failingIds), theirs = new Set(ref.evidence.failingIds);
    return {
      row: row.row, id: c.id, unit: c.unit, threshold: c.threshold,
      scenario: { value: c.value, pass: c.pass }, with: { value: ref.value, pass: ref.pass },
      gapsOpened: [...mine].filter((x) => !theirs.has(x)), gapsClosed: [...theirs].filter((x) => !mine.has(x)),
    };
  }));
}
