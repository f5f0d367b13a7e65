/** Server configuration from the environment (domain.md §5). */
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** unset: embedded PGlite + PostGIS under `${dataDir}/pglite/` */
  databaseUrl?: string;
  /** schema to work in on a real PostgreSQL (tests use one schema per file); default public */
  databaseSchema?: string;
  dataDir: string;
  /** largest accepted JSON body, in the `bytes` notation Express uses */
  bodyLimit: string;
  /** built client; served with SPA fallback when it exists */
  staticDir: string;
  /** where data/standards/<id>.json live */
  standardsDir: string;
}

export const DEFAULT_BODY_LIMIT = '50mb';

export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer 0–65535, got ${JSON.stringify(env.PORT)}`);
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    dataDir: resolve(cwd, env.DATA_DIR || '.data/'),
    bodyLimit: env.BODY_LIMIT || DEFAULT_BODY_LIMIT,
    staticDir: resolve(cwd, 'dist'),
    standardsDir: resolve(cwd, 'data/standards'),
  };
}
