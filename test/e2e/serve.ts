/**
 * For the browser tests and screenshots: the API server (the real one, server/main.ts) and a
 * tiny static server for dist/ that proxies /api to it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'vite';
import { createServer, request, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'dist');

/**
 * Builds the client into dist/ once per test run, however many browser test files ask at the
 * same time: concurrent Vite builds into one folder would overwrite each other mid-test.
 * A lock directory serialises them; a stamp naming the run (the Vitest main process) skips
 * the rebuild for the files after the first.
 */
export async function buildClientOnce(): Promise<void> {
  const tmp = join(ROOT, 'test/.tmp');
  mkdirSync(tmp, { recursive: true });
  const lock = join(tmp, 'client-build.lock');
  const stamp = join(tmp, 'client-build.stamp');
  const run = String(process.ppid);
  const builtThisRun = () => existsSync(stamp) && readFileSync(stamp, 'utf8') === run && existsSync(join(DIST, 'index.html'));
  for (;;) {
    if (builtThisRun()) return;
    try {
      mkdirSync(lock);
    } catch {
      // a lock left by a killed run is stale after 10 minutes
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
      await sleep(500);
      continue;
    }
    try {
      if (builtThisRun()) return;
      await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
      writeFileSync(stamp, run);
      return;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.woff2': 'font/woff2', '.woff': 'font/woff', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.pbf': 'application/x-protobuf', '.wasm': 'application/wasm',
};

export interface Running { url: string; close: () => Promise<void> }
/** The API server, with what it printed so far (its first start prints the admin password). */
export interface ApiServer extends Running { output: () => string }

/** Starts server/main.ts on `port` (embedded database in dataDir) and resolves once it listens. */
export async function startApiServer(port: number, dataDir: string, timeoutMs = 120_000): Promise<ApiServer> {
  const main = join(ROOT, 'server/main.ts');
  if (!existsSync(main)) throw new Error('server/main.ts does not exist yet');
  // Browser tests exercise the client: always on an embedded database of their own, never on a
  // DATABASE_URL server shared with the API tests running in parallel.
  const { DATABASE_URL: _url, DATABASE_SCHEMA: _schema, ...env } = process.env;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: ROOT, env: { ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening on http/.test(output)) { clearTimeout(timer); resolvePromise(); }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${output}`)); });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    close: () => new Promise((r) => { child.once('exit', () => r()); child.kill('SIGTERM'); }),
  };
}

/** Serves dist/ on an ephemeral port; /api/* and /basemap/* (the OSM basemap) are proxied to apiUrl. */
export async function startStaticServer(apiUrl: string): Promise<Running> {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is not built (npm run build)');
  const api = new URL(apiUrl);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    if (path.startsWith('/api/') || path.startsWith('/basemap/')) {
      const upstream = request({ host: api.hostname, port: api.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
      req.pipe(upstream);
      return;
    }
    let file = normalize(join(DIST, path));
    if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) file = join(DIST, 'index.html');
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
