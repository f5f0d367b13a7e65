/**
 * `communitytwin suggest <twin.geojson> --tier growth [--checks 5g,sports-walk,…] [--standard ID|file]
 *   [--param name=value …] --out <new-twin.geojson>`
 * Proposes the fewest additions (engine/suggest) that bring the failing checks to the tier's
 * threshold, writes the twin with them (every proposed feature has `proposed: true`) and prints what
 * was added per check with the values before and after, as verified by a full evaluate.
 * Exit 0 when it ran; 2 on bad input (unreadable or invalid twin, unknown standard, tier, check or param).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { applyEdits } from '../../engine/edit/apply.ts';
import { suggest, SuggestError } from '../../engine/suggest/index.ts';
import { BadInput, loadStandard, parseParams, readTwin } from './evaluate.ts';

const USAGE = 'usage: communitytwin suggest <twin.geojson> --tier basic|growth|benchmark [--checks 5g,video-coverage,…] [--standard shandong-2022] [--param name=value …] --out <new-twin.geojson>';
const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(2)}`);

export async function run(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args, allowPositionals: true,
      options: {
        standard: { type: 'string', default: 'shandong-2022' }, tier: { type: 'string' }, checks: { type: 'string' },
        param: { type: 'string', multiple: true, default: [] }, out: { type: 'string' },
      },
    });
    if (positionals.length !== 1 || values.out === undefined) throw new BadInput(USAGE);
    const standard = await loadStandard(values.standard);
    const tier = values.tier ?? standard.tiers[0].id;
    if (!standard.tiers.some((t) => t.id === tier)) throw new BadInput(`unknown tier "${tier}" (${standard.tiers.map((t) => t.id).join(', ')})`);
    const params = parseParams(values.param);
    const twin = await readTwin(positionals[0]);
    const checks = values.checks?.split(',').map((s) => s.trim()).filter(Boolean);
    let s;
    try {
      s = suggest(twin, standard, tier, { ...(checks ? { checks } : {}), params });
    } catch (err) {
      if (err instanceof SuggestError || (err as Error).name === 'EvaluateError') throw new BadInput((err as Error).message);
      throw err;
    }
    const planned = applyEdits(twin, s.edits);
    try {
      await writeFile(values.out, `${JSON.stringify(planned)}\n`);
    } catch (err) {
      throw new BadInput(`cannot write ${values.out}: ${(err as Error).message}`);
    }
    const ids = Object.keys(s.before);
    const lines = ids.length === 0 ? ['nothing to suggest: every targeted check passes (or none has a suggester)'] : ids.map((id) => {
      const what = [s.added[id] ? `${s.added[id]} added` : '', s.updated[id] ? `${s.updated[id]} updated` : ''].filter(Boolean).join(', ') || 'no change';
      const status = id in s.unresolved ? `still failing: ${s.unresolved[id]}` : 'passes';
      return `${id.padEnd(16)} ${what.padEnd(24)} ${fmt(s.before[id]).padStart(8)} → ${fmt(s.after[id]).padStart(8)}  ${status}`;
    });
    const sm = s.report.summary;
    process.stdout.write([
      `${s.report.community.name} · ${s.report.standard} · ${tier}: ${s.edits.length} edits written to ${values.out}`,
      ...lines,
      `summary: passed ${sm.passed}, attested ${sm.attested}, failed ${sm.failed}, missing ${sm.missing}`, '',
    ].join('\n'));
    return 0;
  } catch (err) {
    const bad = err instanceof BadInput || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`communitytwin suggest: ${bad ? (err as Error).message : `unexpected error: ${(err as Error).stack ?? err}`}\n`);
    return bad ? 2 : 1;
  }
}
