/**
 * The district: every stored community, its tier achieved and what blocks the next tier.
 *   GET  /api/district?standard=            communities (boundary, cached status or null), ranked
 *   POST /api/district/evaluate             { standard?, communities?, force? } → 202 { jobId, … }
 *   GET  /api/district/evaluate/:jobId      progress; `results` (ranked) once done
 *   GET  /api/district/communities/:id      { status, report } at the current version (the wall)
 * Evaluation runs in worker threads (server/district/pool.ts), cached per community version.
 */
import { Router } from 'express';
import type { Geometry } from 'geojson';
import type { Sql } from 'postgres';
import { z } from 'zod';
import { parseStandard } from '../../engine/standard/load.ts';
import type { Standard } from '../../engine/standard/types.ts';
import type { DistrictService } from '../district/service.ts';
import { rankStatuses, type CommunityStatus } from '../district/status.ts';
import { badRequest, notFound } from '../errors.ts';
import { queryValue } from './communities.ts';
import { DEFAULT_STANDARD, loadStandard } from './report.ts';

const EvaluateBody = z.object({
  standard: z.string().optional(),
  communities: z.array(z.string().min(1)).min(1).optional(),
  force: z.boolean().optional(),
}).strict();

export interface DistrictCommunity {
  id: string;
  name: string;
  version: number;
  areaM2: number;
  boundary: Geometry;
  status: CommunityStatus | null;
}

export function districtRouter(sql: Sql, standardsDir: string, district: DistrictService): Router {
  const router = Router();
  const standards = new Map<string, Standard>();
  const standardOf = async (id: string) => {
    let s = standards.get(id);
    if (!s) standards.set(id, (s = parseStandard(await loadStandard(standardsDir, id))));
    return s;
  };
  const tiersOf = (s: Standard) => s.tiers.map((t) => ({ id: t.id, name: t.name, nameEn: t.nameEn }));

  router.get('/', async (req, res) => {
    const standard = await standardOf(queryValue(req.query, 'standard') ?? DEFAULT_STANDARD);
    const rows = await sql<{ id: string; name: string; version: number; area_m2: number; boundary: Geometry }[]>`
      SELECT id, name, version, ST_Area(boundary::geography)::float8 AS area_m2, ST_AsGeoJSON(boundary, 7)::json AS boundary
      FROM community ORDER BY id`;
    const communities: DistrictCommunity[] = rows.map((r) => ({
      id: r.id, name: r.name, version: r.version, areaM2: Math.round(r.area_m2), boundary: r.boundary,
      status: district.cachedStatus(r.id, standard.id, r.version),
    }));
    const evaluated = rankStatuses(communities.filter((c) => c.status).map((c) => ({ ...c.status!, community: c })), standard).map((s) => s.community);
    const pending = communities.filter((c) => !c.status);
    res.json({ standard: standard.id, tiers: tiersOf(standard), evaluated: evaluated.length, communities: [...evaluated, ...pending] });
  });

  router.post('/evaluate', async (req, res) => {
    const parsed = EvaluateBody.safeParse(req.body ?? {});
    if (!parsed.success) throw badRequest(`invalid request: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`);
    const standard = await standardOf(parsed.data.standard ?? queryValue(req.query, 'standard') ?? DEFAULT_STANDARD);
    const job = district.startJob(standard, parsed.data.communities ?? null, parsed.data.force === true);
    res.status(202).location(`/api/district/evaluate/${job.jobId}`).json(job);
  });

  router.get('/evaluate/:jobId', (req, res) => {
    const found = district.jobOf(req.params.jobId);
    if (!found) throw notFound(`district job "${req.params.jobId}"`);
    res.json({ ...found.job, ...(found.results ? { results: found.results } : {}) });
  });

  router.get('/communities/:id', async (req, res) => {
    const standard = await standardOf(queryValue(req.query, 'standard') ?? DEFAULT_STANDARD);
    const result = await district.statusOf(req.params.id, standard.id, { wantReport: true });
    if (!result) throw notFound(`community "${req.params.id}"`);
    res.json({ tiers: tiersOf(standard), status: result.status, report: result.report });
  });

  return router;
}
