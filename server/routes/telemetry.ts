/**
 * POST /api/telemetry — camera states from the device platform:
 *   [{ featureId, communityId?, online, intact, imageOut, at }, …]  (or { items: […] })
 * All or nothing: one unknown feature is a 400 naming it and nothing is applied. Changed
 * cameras bump their community's version; each changed community gets one event, published
 * to the SSE streams (GET /api/events) after the commit.
 */
import { Router } from 'express';
import type { Sql } from 'postgres';
import { z } from 'zod';
import type { EventBus } from '../events/bus.ts';
import { ApiError, badRequest } from '../errors.ts';
import { applyTelemetry } from '../store/telemetry.ts';

export const MAX_TELEMETRY_BATCH = 10_000;

const id = (field: string) => z.string({ error: `${field} must be a string` }).trim().min(1, `${field} must not be empty`);
const flag = (field: string) => z.boolean({ error: `${field} must be true or false` });
const Item = z.object({
  featureId: id('featureId'),
  communityId: id('communityId').optional(),
  online: flag('online'),
  intact: flag('intact'),
  imageOut: flag('imageOut'),
  at: z.iso.datetime({ offset: true, error: 'at must be an ISO 8601 time with a zone (2024-05-01T08:00:00+08:00)' }),
}).strict();
const Batch = z.array(Item, { error: 'send an array of camera reports, or { items: [...] }' })
  .min(1, 'the batch is empty').max(MAX_TELEMETRY_BATCH, `at most ${MAX_TELEMETRY_BATCH} reports per batch`);
const itemsOf = (body: unknown): unknown =>
  typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 1 && 'items' in body ? body.items : body;

export function telemetryRouter(sql: Sql, bus: EventBus, onChanged: (communityIds: string[]) => void = () => undefined): Router {
  return Router().post('/', async (req, res) => {
    if (req.body === undefined) throw new ApiError(415, 'unsupported_media_type', 'send the telemetry batch as JSON (Content-Type: application/json)');
    const parsed = Batch.safeParse(itemsOf(req.body));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw badRequest(`invalid telemetry: ${issues.slice(0, 10).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`, { issues });
    }
    const result = await applyTelemetry(sql, parsed.data);
    for (const event of result.events) bus.publish(event);
    if (result.communities.length > 0) onChanged(result.communities.map((c) => c.id));
    const { events: _events, ...summary } = result;
    res.json(summary);
  });
}
