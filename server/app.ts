/** The Express app: JSON API under /api, the built client from dist/ with SPA fallback. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import type { Sql } from 'postgres';
import type { Config } from './config.ts';
import type { DbMode } from './db/types.ts';
import type { AuthConfig } from './auth/config.ts';
import { mountSecurity } from './auth/security.ts';
import { ApiError, errorMiddleware } from './errors.ts';
import { mountLive } from './events/live.ts';
import { communitiesRouter } from './routes/communities.ts';
import { exportRouter } from './routes/export.ts';
import { importRouter } from './routes/import.ts';
import { healthRouter } from './routes/health.ts';
import { attestationsRouter } from './routes/attestations.ts';
import { reportsRouter } from './routes/reports.ts';
import { communityScenariosRouter, communitySuggestRouter, scenariosRouter } from './routes/scenarios.ts';
import { tilesRouter } from './tiles/router.ts';
import { ogcRouter } from './ogc/router.ts';
import { basemapRouter } from './basemap/router.ts';

export interface AppDeps {
  db: { sql: Sql; mode: DbMode };
  /** auth: left out, accounts and roles apply (tests of other modules say `AUTH_DISABLED_FOR_TESTS`) */
  config: Pick<Config, 'bodyLimit' | 'staticDir' | 'standardsDir'> & { auth?: AuthConfig };
}

export function createApp({ db: database, config }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // headers, sessions, the route table (server/routes/table.ts) and audit; routers get the audited sql
  const db = { ...database, sql: mountSecurity(app, database.sql, config) };
  const json = express.json({ limit: config.bodyLimit, type: ['application/json', 'application/geo+json', 'application/*+json'] });

  app.use('/api/health', healthRouter(db.sql, db.mode));
  // file uploads stream their raw body: mounted before the JSON parser
  app.use(importRouter(db.sql, config));
  app.use('/api/communities/:id/export', exportRouter(db.sql));
  app.use('/api/communities/:id/report', reportsRouter(db.sql, config.standardsDir));
  app.use('/api/communities/:id/attestations', json, attestationsRouter(db.sql, config.standardsDir));
  app.use('/api/communities/:id/scenarios', json, communityScenariosRouter(db.sql));
  app.use('/api/scenarios', json, scenariosRouter(db.sql, config.standardsDir));
  app.use('/api/communities/:id/suggest', json, communitySuggestRouter(db.sql, config.standardsDir));
  app.use('/api/communities', json, communitiesRouter(db.sql));
  mountLive(app, db.sql, config.standardsDir, json);
  app.use('/tiles', tilesRouter(db.sql, db.mode));
  app.use('/ogc', ogcRouter(db.sql));
  app.use('/basemap', basemapRouter());
  app.use('/api', (req) => {
    throw new ApiError(404, 'not_found', `no API route ${req.method} ${req.path}`);
  });

  const index = join(config.staticDir, 'index.html');
  if (existsSync(index)) {
    app.use(express.static(config.staticDir, { index: 'index.html' }));
    app.use((req, res, next) => (req.method === 'GET' || req.method === 'HEAD' ? res.sendFile('index.html', { root: config.staticDir }) : next()));
  }
  app.use((req) => {
    throw new ApiError(404, 'not_found', `nothing at ${req.method} ${req.path}`);
  });
  app.use(errorMiddleware);
  return app;
}
