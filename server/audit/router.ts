/**
 * Reading the audit log over HTTP.
 *   GET /api/communities/:id/features/:fid/history → { communityId, featureId, entries }: every
 *       audit row that changed the feature, oldest first, with the feature's row hash before
 *       and after and the community's state hash before and after
 *   GET /api/audit/verify → the chain check (server/audit/verify.ts), for admins
 */
import { Router } from 'express';
import type { Sql } from 'postgres';
import { notFound } from '../errors.ts';
import { communityExists } from '../store/communities.ts';
import { toAuditRow } from './log.ts';
import { verifyChain } from './verify.ts';

export function featureHistoryRouter(sql: Sql): Router {
  return Router({ mergeParams: true }).get('/', async (req, res) => {
    const { id, fid } = req.params as { id: string; fid: string };
    const rows = await sql`
      SELECT * FROM audit_log
      WHERE target = ${`community:${id}`} AND jsonb_exists(details -> 'features', ${fid})
      ORDER BY id`;
    if (rows.length === 0 && !(await communityExists(sql, id))) throw notFound(`community "${id}"`);
    const entries = rows.map((r) => {
      const row = toAuditRow(r as Parameters<typeof toAuditRow>[0]);
      const [featureBefore, featureAfter] = (row.details.features as Record<string, [string | null, string | null]>)[fid];
      return {
        id: row.id, at: row.at, actor: row.actor, action: row.action,
        change: featureBefore === null ? 'added' : featureAfter === null ? 'deleted' : 'changed',
        featureBeforeHash: featureBefore, featureAfterHash: featureAfter,
        communityBeforeHash: row.beforeHash, communityAfterHash: row.afterHash, hash: row.hash,
      };
    });
    res.json({ communityId: id, featureId: fid, entries });
  });
}

export function auditRouter(sql: Sql): Router {
  return Router().get('/verify', async (_req, res) => {
    res.json(await verifyChain(sql));
  });
}
