/**
 * Edits as data: what a planner does to a twin (add a camera, move a venue, mark lights smart,
 * delete a fiveG site), as plain JSON that can be stored in a scenario, replayed, diffed and
 * verified by the engine.
 *
 * - `add`: a whole twin feature (kind, id unique in the twin, geometry).
 * - `update`: the feature with `id` gets `props` merged into its properties (kind and id cannot
 *   change; a prop set to null is kept as null) and/or a new `geometry`.
 * - `delete`: the feature with `id` goes (not the community).
 */
import type { Feature, Geometry } from 'geojson';
import type { BaseProps } from '../twin/types.ts';
import type { TwinIssue } from '../twin/validate.ts';

export type TwinFeatureJson = Feature<Geometry, BaseProps>;

export type Edit =
  | { op: 'add'; feature: TwinFeatureJson }
  | { op: 'update'; id: string; props?: Record<string, unknown>; geometry?: Geometry }
  | { op: 'delete'; id: string };

/** One problem with one edit: the edit's index in the list, the feature it touches, the field and why. */
export interface EditIssue {
  editIndex: number;
  op: string;
  id: string | null;
  field: string;
  reason: string;
}

export class EditError extends Error {
  override name = 'EditError';
  constructor(readonly issues: EditIssue[], readonly warnings: TwinIssue[] = []) {
    super(issues.map((i) => `edit ${i.editIndex} (${i.op}${i.id ? ` "${i.id}"` : ''}) ${i.field}: ${i.reason}`).join('; '));
  }
}
