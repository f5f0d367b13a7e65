/**
 * /api/communities/:id/attestations — reviewers' attestations of the non-spatial checks.
 *   POST /                  { checkId, pass, text, evidenceRef?, by } → 201, a new version (old ones kept)
 *   GET  /                  the latest per check id (what the report uses); ?all=1 every version
 *   GET  /:checkId/history  every version of one check, oldest first, across community versions
 * The check id must be an attested check of the standard (`?standard=`, default shandong-2022),
 * or `grade-<level>` of a graded one.
 */
import { Router } from 'express';
import type { Sql } from 'postgres';
import { z } from 'zod';
import { parseStandard } from '../../engine/standard/load.ts';
import type { Standard } from '../../engine/standard/types.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import { communityExists } from '../store/communities.ts';
import { addAttestation, latestAttestations, listAttestations } from '../store/attestations.ts';
import { queryValue } from './communities.ts';
import { DEFAULT_STANDARD, loadStandard } from './report.ts';

const nonEmpty = (field: string) => z.string({ error: `${field} must be a string` }).trim().min(1, `${field} must not be empty`);
const Body = z.object({
  checkId: nonEmpty('checkId'),
  pass: z.boolean({ error: 'pass must be true or false' }),
  text: nonEmpty('text'),
  evidenceRef: z.string({ error: 'evidenceRef must be a string' }).trim().min(1, 'evidenceRef must not be empty').optional(),
  by: nonEmpty('by'),
  standard: z.string().optional(),
}).strict();

/** Check ids a reviewer may attest in a standard: its attested checks, and grade-<level> for graded tiers. */
export function attestableChecks(standard: Standard): { attested: Set<string>; computed: Set<string> } {
  const attested = new Set<string>(), computed = new Set<string>();
  for (const tier of standard.tiers) {
    for (const row of tier.rows) for (const c of row.checks) (c.attested ? attested : computed).add(c.id);
    for (const g of tier.grading ?? []) if (g.condition) attested.add(`grade-${g.level}`);
  }
  return { attested, computed };
}

export function attestationsRouter(sql: Sql, standardsDir: string): Router {
  const router = Router({ mergeParams: true });
  const standardOf = async (id: string) => parseStandard(await loadStandard(standardsDir, id));

  router.post('/', async (req, res) => {
    const { id } = req.params as { id: string };
    if (req.body === undefined) throw new ApiError(415, 'unsupported_media_type', 'send the attestation as JSON (Content-Type: application/json)');
    const parsed = Body.safeParse(req.body);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw badRequest(`invalid attestation: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`, { issues });
    }
    const body = parsed.data;
    const standardId = body.standard ?? queryValue(req.query, 'standard') ?? DEFAULT_STANDARD;
    const { attested, computed } = attestableChecks(await standardOf(standardId));
    if (!attested.has(body.checkId)) {
      const why = computed.has(body.checkId) ? 'is computed from the twin\'s geodata and cannot be attested' : 'is not a check of the standard';
      throw badRequest(`checkId "${body.checkId}" ${why} (${standardId}; attestable: ${[...attested].sort().join(', ')})`, { checkId: body.checkId, standard: standardId });
    }
    const stored = await addAttestation(sql, id, {
      checkId: body.checkId, pass: body.pass, text: body.text, by: body.by, ...(body.evidenceRef === undefined ? {} : { evidenceRef: body.evidenceRef }),
    });
    if (!stored) throw notFound(`community "${id}"`);
    res.status(201).location(`/api/communities/${encodeURIComponent(id)}/attestations/${encodeURIComponent(stored.checkId)}/history`).json(stored);
  });

  router.get('/', async (req, res) => {
    const { id } = req.params as { id: string };
    const all = queryValue(req.query, 'all');
    if (all !== undefined && !['0', '1', 'true', 'false'].includes(all)) throw badRequest('all must be 1 or 0', { all });
    if (!(await communityExists(sql, id))) throw notFound(`community "${id}"`);
    res.json(all === '1' || all === 'true' ? await listAttestations(sql, id, { allVersions: true }) : await latestAttestations(sql, id));
  });

  router.get('/:checkId/history', async (req, res) => {
    const { id, checkId } = req.params as { id: string; checkId: string };
    if (!(await communityExists(sql, id))) throw notFound(`community "${id}"`);
    res.json(await listAttestations(sql, id, { allVersions: true, checkId }));
  });

  return router;
}
