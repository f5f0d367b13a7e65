/** Runs a CLI command's `run(args)` in-process and captures what it wrote to stdout and stderr. */
import { vi } from 'vitest';

export interface CliRun { code: number; out: string; err: string }

export async function runCli(run: (args: string[]) => Promise<number>, args: string[]): Promise<CliRun> {
  let out = '', err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => { err += String(s); return true; });
  try {
    return { code: await run(args), out, err };
  } finally {
    o.mockRestore(); e.mockRestore();
  }
}
