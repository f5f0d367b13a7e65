/**
 * GET /api/events?community=<id>[&backlog=N] — Server-Sent Events of a community (all
 * communities without `community`): `event: telemetry | edit`, `id:` the stored event id,
 * `data:` the event as JSON. A heartbeat comment every 15 s keeps proxies from closing the
 * stream. A client resuming with Last-Event-ID (header, or `lastEventId=`) first gets what it
 * missed; a new client gets the latest `backlog` events (default 0) for its ticker.
 */
import { Router, type Response } from 'express';
import type { Sql } from 'postgres';
import type { CommunityEvent, EventBus } from '../events/bus.ts';
import type { VersionWatcher } from '../events/watch.ts';
import { badRequest, notFound } from '../errors.ts';
import { communityExists } from '../store/communities.ts';
import { eventsSince, recentEvents } from '../store/telemetry.ts';
import { queryValue } from './communities.ts';

export interface EventsOptions {
  heartbeatMs?: number;
  /** the reconnection delay the client is told (`retry:`) */
  retryMs?: number;
}

const MAX_BACKLOG = 200;

function intParam(text: string | undefined, name: string, max: number): number | null {
  if (text === undefined || text === '') return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > max) throw badRequest(`${name} must be an integer 0–${max}`, { [name]: text });
  return n;
}

const frame = (e: CommunityEvent) => `id: ${e.id}\nevent: ${e.kind}\ndata: ${JSON.stringify(e)}\n\n`;

export function eventsRouter(sql: Sql, bus: EventBus, watcher: VersionWatcher, opts: EventsOptions = {}): Router {
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  const retryMs = opts.retryMs ?? 1000;
  return Router().get('/', async (req, res: Response) => {
    const community = queryValue(req.query, 'community') ?? null;
    const lastEventId = intParam(req.get('last-event-id') ?? queryValue(req.query, 'lastEventId'), 'Last-Event-ID', Number.MAX_SAFE_INTEGER);
    const backlog = intParam(queryValue(req.query, 'backlog'), 'backlog', MAX_BACKLOG) ?? 0;
    if (community !== null && !(await communityExists(sql, community))) throw notFound(`community "${community}"`);

    // subscribe before reading the backlog, so nothing falls between; duplicates are dropped by id
    const queued: CommunityEvent[] = [];
    let sentId = lastEventId ?? 0;
    let live = false;
    const send = (e: CommunityEvent) => {
      if (e.id <= sentId) return;
      sentId = e.id;
      res.write(frame(e));
    };
    const unsubscribe = bus.subscribe(community, (e) => (live ? send(e) : queued.push(e)));
    let heartbeat: NodeJS.Timeout | undefined;
    let closed = false;
    req.on('close', () => { closed = true; unsubscribe(); clearInterval(heartbeat); });

    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    res.write(`retry: ${retryMs}\n: connected\n\n`);
    try {
      const missed = lastEventId !== null
        ? await eventsSince(sql, lastEventId, community)
        : backlog > 0 ? await recentEvents(sql, community, backlog) : [];
      if (lastEventId === null) sentId = 0;
      for (const e of missed) send(e);
    } catch (err) {
      console.warn(`events backlog: ${(err as Error).message}`);
    }
    if (closed) return;
    live = true;
    for (const e of queued.splice(0)) send(e);
    heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
    watcher.wake();
  });
}
