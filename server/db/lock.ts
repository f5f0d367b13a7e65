/**
 * One process per PGlite data directory: two PGlite instances writing the same files
 * corrupt it. A pid file, taken over when its process is gone.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireLock(dir: string): () => void {
  const file = join(dir, 'communitytwin.lock');
  let holder = NaN;
  try { holder = Number(readFileSync(file, 'utf8')); } catch { /* no lock */ }
  if (Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
    throw new Error(`the embedded database ${dir} is in use by process ${holder} (stop it, or set DATABASE_URL)`);
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}
