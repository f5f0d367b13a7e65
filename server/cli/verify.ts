/**
 * `communitytwin verify <report.json> <twin.geojson> [--standard ID|FILE]`
 * Recomputes a report from the twin with the report's own standard, tier and parameters, and
 * prints "identical" (exit 0) or every difference, one per line — row, check id, field,
 * old → new — (exit 1). Exit 2 on bad input (unreadable or malformed report, invalid twin,
 * unknown standard). The standard is the report's `standard` id from data/standards/ unless
 * `--standard` names another; its SHA-256 is compared with the report's `standardSha256`.
 *
 * @example
 * npx communitytwin evaluate twin.geojson --tier benchmark > report.json
 * npx communitytwin verify report.json twin.geojson
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { evaluate } from '../../engine/evaluate.ts';
import type { ParamValue } from '../../engine/measures/types.ts';
import type { Report } from '../../engine/report/types.ts';
import { diffReports, formatDifference } from '../report/diff.ts';
import { BadInput, loadStandard, readTwin } from './evaluate.ts';

const USAGE = 'usage: communitytwin verify <report.json> <twin.geojson> [--standard ID|FILE]';

export async function run(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { standard: { type: 'string' } } });
    if (positionals.length !== 2) throw new BadInput(USAGE);
    const [reportPath, twinPath] = positionals;
    const old = await readReport(reportPath);
    const standard = await loadStandard(values.standard ?? old.standard);
    const twin = await readTwin(twinPath);
    let fresh: Report;
    try {
      fresh = evaluate(twin, standard, old.tier, { params: replayParams(old.params) });
    } catch (err) {
      throw new BadInput(`cannot recompute ${reportPath}: ${(err as Error).message}`);
    }
    if (old.generatedAt !== undefined) fresh.generatedAt = old.generatedAt;
    const differences = diffReports(old, fresh);
    if (differences.length === 0) {
      process.stdout.write('identical\n');
      return 0;
    }
    process.stdout.write(`${differences.length} difference${differences.length === 1 ? '' : 's'}:\n${differences.map((d) => `  ${formatDifference(d)}\n`).join('')}`);
    return 1;
  } catch (err) {
    const bad = err instanceof BadInput || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`communitytwin verify: ${bad ? (err as Error).message : `unexpected error: ${(err as Error).stack ?? err}`}\n`);
    return bad ? 2 : 1;
  }
}

/**
 * The report's params as user params: unscoped names first, then `check.name` ones, so that a
 * check-scoped value is applied after (and wins over) the shared one.
 */
export function replayParams(params: Record<string, ParamValue>): Record<string, ParamValue> {
  const entries = Object.entries(params);
  return Object.fromEntries([...entries.filter(([k]) => !k.includes('.')), ...entries.filter(([k]) => k.includes('.'))]);
}

async function readReport(path: string): Promise<Report> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new BadInput(`cannot read the report ${path}: ${(err as Error).message}`);
  }
  const r = json as Partial<Report> | null;
  const problems = [
    typeof r?.standard !== 'string' && 'standard (string)',
    typeof r?.tier !== 'string' && 'tier (string)',
    (typeof r?.params !== 'object' || r.params === null || Array.isArray(r.params)) && 'params (object)',
    !Array.isArray(r?.rows) && 'rows (array)',
    typeof r?.inputSha256 !== 'string' && 'inputSha256 (string)',
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length) throw new BadInput(`${path} is not a report JSON: missing ${problems.join(', ')}`);
  return r as Report;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await run(process.argv.slice(2));
}
