/**
 * suggest — the fewest additions (greedy) that bring failing computed checks to their threshold,
 * as edits: added features carry `properties.proposed = true`, attribute updates too. Checks are
 * taken one after another on a planning Session, so each suggester sees the edits of the previous
 * ones; every batch is verified by the engine (the Session's report equals a full evaluate), and a
 * check still failing after its edits gets one more round on the new state. The final report is a
 * full `evaluate` of the edited twin.
 *
 * @example
 * const s = suggest(twin, standard, 'growth', { checks: ['5g', 'sports-walk'] });
 * writeFileSync('planned.geojson', JSON.stringify(applyEdits(twin, s.edits)));
 */
import type { Edit } from '../edit/types.ts';
import { applyEdits } from '../edit/apply.ts';
import { evaluate } from '../evaluate.ts';
import { Session } from '../incremental.ts';
import type { ParamValue } from '../measures/types.ts';
import type { Report } from '../report/types.ts';
import type { Standard } from '../standard/types.ts';
import { buildTwin } from '../twin/model.ts';
import type { TwinFile } from '../twin/types.ts';
import { fiveG } from './5g.ts';
import { householdShare, lighting } from './attributes.ts';
import { access, charging, compoundFacility, perimeter } from './compounds.ts';
import type { Suggester } from './context.ts';
import { sportsWalk } from './sports-walk.ts';
import { throwing } from './throwing.ts';
import { videoCoverage } from './video-coverage.ts';

/** Check id → its suggester, in the order they run (placements first, attribute updates last). */
export const SUGGESTERS: Readonly<Record<string, Suggester>> = {
  '5g': fiveG,
  'video-coverage': videoCoverage,
  throwing,
  'sports-walk': sportsWalk,
  charging,
  access,
  perimeter,
  'fire-ebike': compoundFacility('ebikeDetectionTypes'),
  'fire-hazard': compoundFacility('fireHazardTypes'),
  garbage: compoundFacility('garbageTypes'),
  convenience: compoundFacility('convenienceTypes'),
  fibre: householdShare('fibreHouseholds'),
  tv: householdShare('tvHouseholds'),
  energy: householdShare('energyMeters'),
  lighting,
};

export interface SuggestOptions {
  /** only these check ids (default: every failing check that has a suggester) */
  checks?: string[];
  params?: Record<string, ParamValue>;
}

export interface Suggestion {
  edits: Edit[];
  /** check id → features added (updates not counted) */
  added: Record<string, number>;
  /** check id → attribute updates proposed */
  updated: Record<string, number>;
  /** values of the targeted checks before and after */
  before: Record<string, number | null>;
  after: Record<string, number | null>;
  /** targeted checks still failing after the suggestions, with the reason */
  unresolved: Record<string, string>;
  report: Report;
}

export class SuggestError extends Error {
  override name = 'SuggestError';
}

export function suggest(twinFile: TwinFile, standard: Standard, tier: string, opts: SuggestOptions = {}): Suggestion {
  const unknown = (opts.checks ?? []).filter((id) => !SUGGESTERS[id]);
  if (unknown.length) throw new SuggestError(`no suggestions for ${unknown.join(', ')} (suggestible: ${Object.keys(SUGGESTERS).join(', ')})`);
  const session = Session.create(twinFile, standard, tier, opts.params ? { params: opts.params } : {});
  const taken = new Set(twinFile.features.map((f) => String(f.properties?.id)));
  const counters = new Map<string, number>();
  const newId = (prefix: string) => {
    let n = counters.get(prefix) ?? 0, id: string;
    do id = `${prefix}-${++n}`; while (taken.has(id));
    counters.set(prefix, n);
    taken.add(id);
    return id;
  };
  const targets = Object.keys(SUGGESTERS).filter((id) => (!opts.checks || opts.checks.includes(id))
    && session.contextOf(id) !== null && session.check(id)?.pass === false);
  const before = Object.fromEntries(targets.map((id) => [id, session.check(id)!.value]));
  const edits: Edit[] = [];
  const added: Record<string, number> = {}, updated: Record<string, number> = {};
  for (const id of targets) {
    for (let round = 0; round < 3 && session.check(id)?.pass === false; round++) {
      const proposed = SUGGESTERS[id]({ session, twin: buildTwin(session.twinFile), check: session.check(id)!, ctx: session.contextOf(id)!, newId });
      if (proposed.length === 0) break;
      session.apply(proposed); // validated like an import, and re-evaluated
      edits.push(...proposed);
      added[id] = (added[id] ?? 0) + proposed.filter((e) => e.op === 'add').length;
      updated[id] = (updated[id] ?? 0) + proposed.filter((e) => e.op === 'update').length;
    }
  }
  const report = evaluate(applyEdits(twinFile, edits), standard, tier, opts.params ? { params: opts.params } : {});
  const checkOf = (id: string) => report.rows.flatMap((r) => r.checks).find((c) => c.id === id)!;
  const after = Object.fromEntries(targets.map((id) => [id, checkOf(id).value]));
  const unresolved = Object.fromEntries(targets.filter((id) => checkOf(id).pass !== true).map((id) => [id, checkOf(id).reason ?? 'still failing']));
  return { edits, added, updated, before, after, unresolved, report };
}
