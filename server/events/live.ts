/**
 * The live part of the API, mounted by createApp: device telemetry in, Server-Sent Events out,
 * and the district evaluation that walls and the district view read.
 */
import type { Express, RequestHandler } from 'express';
import type { Sql } from 'postgres';
import { DistrictService } from '../district/service.ts';
import { districtRouter } from '../routes/district.ts';
import { eventsRouter, type EventsOptions } from '../routes/events.ts';
import { DEFAULT_STANDARD } from '../routes/report.ts';
import { telemetryRouter } from '../routes/telemetry.ts';
import { EventBus } from './bus.ts';
import { watchVersions } from './watch.ts';

export interface Live { bus: EventBus; district: DistrictService }

export function mountLive(app: Express, sql: Sql, standardsDir: string, json: RequestHandler, opts: EventsOptions = {}): Live {
  const bus = new EventBus();
  const district = new DistrictService(sql, standardsDir);
  const watcher = watchVersions(sql, bus);
  // walls re-read the status right after an event: start evaluating before they ask
  app.use('/api/telemetry', json, telemetryRouter(sql, bus, (ids) => district.warm(ids, DEFAULT_STANDARD)));
  app.use('/api/events', eventsRouter(sql, bus, watcher, opts));
  app.use('/api/district', json, districtRouter(sql, standardsDir, district));
  return { bus, district };
}
