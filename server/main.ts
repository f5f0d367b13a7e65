/** The server process: connect, migrate, load demos on first start, listen. */
import type { Server } from 'node:http';
import { createApp } from './app.ts';
import { readAuthConfig } from './auth/config.ts';
import { announceInitialAdmin } from './auth/startup.ts';
import { readConfig } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { migrate } from './db/migrate.ts';
import { loadDemos } from './demo.ts';

const started = performance.now();
const config = readConfig();
const db = await openDatabase(config);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(`database: ${db.mode === 'embedded' ? `embedded PGlite + PostGIS in ${config.dataDir}/pglite` : 'PostgreSQL server'}, opened in ${seconds(db.startMs)}`);
const applied = await migrate(db.sql);
if (applied.length > 0) console.log(`migrations applied: ${applied.join(', ')}`);
await loadDemos(db.sql, process.cwd());
await announceInitialAdmin(db.sql);

const app = createApp({ db, config: { ...config, auth: readAuthConfig() } });
const server: Server = await new Promise((resolve, reject) => {
  const s = app.listen(config.port, config.host, (err?: Error) => (err ? reject(err) : resolve(s)));
});
const address = server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
console.log(`start-up took ${seconds(performance.now() - started)}`);
console.log(`listening on http://${config.host}:${port}`);

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  console.log(`${signal}: closing`);
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
