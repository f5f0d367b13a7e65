/**
 * HTML → PDF with headless Chromium's print (playwright-core drives the system Chromium; no
 * browser download). The page is self-contained (font embedded as data: URLs), and every
 * network request is refused, so printing needs nothing but the binary.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** The Chromium to print with: $CHROMIUM_PATH, else /usr/bin/chromium; null when absent. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const path = env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  return existsSync(path) ? path : null;
}

export class PdfUnavailableError extends Error {
  override name = 'PdfUnavailableError';
}

export async function renderPdf(html: string, opts: { executablePath?: string } = {}): Promise<Buffer> {
  const executablePath = opts.executablePath ?? chromiumPath();
  if (!executablePath) throw new PdfUnavailableError(`PDF needs Chromium: none at ${process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM} (set CHROMIUM_PATH)`);
  const browser = await chromium.launch({ executablePath, args: ARGS, headless: true });
  try {
    const context = await browser.newContext({ offline: true });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(async () => { await document.fonts.ready; });
    const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true, format: 'A4', landscape: true });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
