/**
 * What a browser test file sets up: its own embedded data directory (prepared — e.g. accounts
 * made with the CLI — before the server opens it), the API server on a free port, the static
 * server for dist/, and a page that records uncaught page errors. close() stops them all.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { freePort } from '../planner/e2e-helpers.ts';
import { launchBrowser } from './browser.ts';
import { buildClientOnce, ROOT, startApiServer, startStaticServer, type ApiServer, type Running } from './serve.ts';

export interface E2eSession {
  api: ApiServer;
  site: Running;
  page: Page;
  pageErrors: string[];
  close: () => Promise<void>;
}

export async function startE2eSession(
  name: string,
  opts: { prepare?: (dataDir: string) => void; acceptDialogs?: boolean } = {},
): Promise<E2eSession> {
  await buildClientOnce();
  const dataDir = join(ROOT, 'test/.tmp', name);
  rmSync(dataDir, { recursive: true, force: true });
  opts.prepare?.(dataDir);
  const started: { close: () => Promise<void> }[] = [];
  const close = async () => { for (const s of started.reverse()) await s.close(); };
  try {
    const api = await startApiServer(await freePort(), dataDir);
    started.push(api);
    const site = await startStaticServer(api.url);
    started.push(site);
    const browser = await launchBrowser();
    started.push(browser);
    const page = await browser.context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    if (opts.acceptDialogs) page.on('dialog', (d) => void d.accept());
    return { api, site, page, pageErrors, close };
  } catch (error) {
    await close();
    throw error;
  }
}
