/**
 * sports-walk — new sports venues where the unreached households are: candidates are the points
 * of the walk network nearest to unreached residential buildings (spread out, most households
 * first); greedy, each step adds the candidate that the sports-walk measure itself finds reaches
 * the most households, until the share reaches the threshold.
 */
import type { Edit } from '../edit/types.ts';
import { applyEdits } from '../edit/apply.ts';
import { anchorPoint } from '../graph/anchor.ts';
import { buildWalkNetwork } from '../graph/network.ts';
import { snapToNetwork } from '../graph/snap.ts';
import { measures } from '../measures/index.ts';
import type { XY } from '../measures/compounds.ts';
import type { CheckResult } from '../report/types.ts';
import { buildTwin } from '../twin/model.ts';
import type { TwinFeature } from '../twin/types.ts';
import { pointGeometry, proposedFeature, type Suggester } from './context.ts';

const MAX_CANDIDATES = 16;
const MAX_VENUES = 6;

export const sportsWalk: Suggester = ({ session, twin, check, ctx, newId }) => {
  const measure = measures['sports-walk'];
  const threshold = ctx.threshold ?? Number(ctx.params.sportsWalkMinSharePct);
  const net = buildWalkNetwork(twin.features.path.map((f) => f.geometry.coordinates), twin.projection);
  const unreached = check.evidence.failingIds
    .map((id) => twin.byId.get(id) as TwinFeature<'building'> | undefined)
    .filter((b): b is TwinFeature<'building'> => b !== undefined)
    .sort((a, b) => Number(b.properties.households ?? 0) - Number(a.properties.households ?? 0));
  const candidates: XY[] = [];
  for (const b of unreached) {
    const xy = twin.projection.forward(anchorPoint(b.geometry));
    const snap = snapToNetwork(net, xy);
    const at: XY = snap ? [snap.point[0], snap.point[1]] : xy;
    if (candidates.every((c) => Math.hypot(c[0] - at[0], c[1] - at[1]) > 150)) candidates.push(at);
    if (candidates.length >= MAX_CANDIDATES) break;
  }
  const props = { type: String(ctx.params.venueType ?? 'sports'), ...(ctx.params.requireSmartFitness === true ? { smartFitness: true } : {}) };
  let file = session.twinFile;
  let current: CheckResult = check;
  const edits: Edit[] = [];
  while ((current.value ?? 0) < threshold - 1e-9 && candidates.length && edits.length < MAX_VENUES) {
    let best: { i: number; edit: Edit; r: CheckResult } | null = null;
    const id = newId('proposed-venue');
    candidates.forEach((xy, i) => {
      const edit = proposedFeature('venue', id, props, pointGeometry(twin, xy));
      const r = measure.run(buildTwin(applyEdits(file, [edit])), ctx);
      if ((r.value ?? 0) > (best?.r.value ?? current.value ?? 0) + 1e-9) best = { i, edit, r };
    });
    if (!best) break;
    const { i, edit, r } = best as { i: number; edit: Edit; r: CheckResult };
    candidates.splice(i, 1);
    edits.push(edit);
    file = applyEdits(file, [edit]);
    current = r;
  }
  return edits;
};
