/**
 * applyEdits — a twin file with a list of edits applied, in order. Pure: the input twin is not
 * touched; features that no edit names are shared with it (so applying an edit to a large twin
 * costs one array copy, not a deep copy).
 *
 * Each edited feature is checked the way the import checks a twin (validateTwin: kind, required
 * attributes, value ranges, geometry type and coordinates, placement), on a small collection made
 * of the community and that feature; ids must be unique in the result. The first failing edit
 * throws an EditError naming the edit index, the feature id, the field and the reason.
 *
 * @example
 * const moved = applyEdits(twin, [{ op: 'update', id: 'cam-7', geometry: { type: 'Point', coordinates: [117.1, 36.2] } }]);
 */
import type { Geometry } from 'geojson';
import type { TwinFile } from '../twin/types.ts';
import { validateTwin } from '../twin/validate.ts';
import { EditError, type Edit, type EditIssue, type TwinFeatureJson } from './types.ts';

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** What an edit did: the feature before (null for add) and after (null for delete). */
export interface EditChange {
  before: TwinFeatureJson | null;
  after: TwinFeatureJson | null;
}

export interface AppliedEdits {
  twin: TwinFile;
  changes: EditChange[];
}

export function applyEdits(twin: TwinFile, edits: readonly Edit[]): TwinFile {
  return applyEditsWithChanges(twin, edits).twin;
}

/** applyEdits, also returning per edit the feature before and after (what incremental recompute needs). */
export function applyEditsWithChanges(twin: TwinFile, edits: readonly Edit[]): AppliedEdits {
  if (!Array.isArray(edits)) throw new EditError([{ editIndex: -1, op: '-', id: null, field: 'edits', reason: 'edits must be an array' }]);
  const features = [...twin.features] as TwinFeatureJson[];
  const indexOf = new Map<string, number>();
  features.forEach((f, i) => { if (typeof f.properties?.id === 'string') indexOf.set(f.properties.id, i); });
  const changes: EditChange[] = [];
  edits.forEach((edit, editIndex) => {
    const fail = (id: string | null, field: string, reason: string): never => {
      const op = isObject(edit) && typeof edit.op === 'string' ? edit.op : '?';
      throw new EditError([{ editIndex, op, id, field, reason }]);
    };
    if (!isObject(edit)) fail(null, 'edit', 'an edit must be an object { op, … }');
    const community = () => features.find((f) => f.properties?.kind === 'community') ?? null;
    switch (edit.op) {
      case 'add': {
        const f = edit.feature;
        if (!isObject(f) || !isObject(f.properties)) return fail(null, 'feature', 'add needs a GeoJSON Feature with properties');
        const id = typeof f.properties.id === 'string' ? f.properties.id : null;
        if (id !== null && indexOf.has(id)) fail(id, 'properties.id', `a feature with id "${id}" already exists`);
        if (f.properties.kind === 'community') fail(id, 'properties.kind', 'a twin has exactly one community; update it instead');
        const added = { ...f, type: 'Feature' } as TwinFeatureJson;
        check(added, community(), editIndex, 'add');
        indexOf.set(id as string, features.length);
        features.push(added);
        changes.push({ before: null, after: added });
        return;
      }
      case 'update': {
        const at = typeof edit.id === 'string' ? indexOf.get(edit.id) : undefined;
        if (at === undefined) return fail(typeof edit.id === 'string' ? edit.id : null, 'id', `no feature with id ${JSON.stringify(edit.id)}`);
        const before = features[at];
        if (edit.props !== undefined && !isObject(edit.props)) fail(edit.id, 'props', 'props must be an object');
        if (edit.props?.kind !== undefined && edit.props.kind !== before.properties.kind) fail(edit.id, 'props.kind', 'the kind of a feature cannot change (delete it and add a new one)');
        if (edit.props?.id !== undefined && edit.props.id !== edit.id) fail(edit.id, 'props.id', 'the id of a feature cannot change (delete it and add a new one)');
        if (edit.geometry !== undefined && !isObject(edit.geometry)) fail(edit.id, 'geometry', 'geometry must be a GeoJSON geometry');
        if (edit.props === undefined && edit.geometry === undefined) fail(edit.id, 'edit', 'update needs props or geometry');
        const after: TwinFeatureJson = {
          ...before,
          properties: { ...before.properties, ...(edit.props ?? {}) } as TwinFeatureJson['properties'],
          geometry: (edit.geometry ?? before.geometry) as Geometry,
        };
        const isCommunity = before.properties.kind === 'community';
        check(after, isCommunity ? null : community(), editIndex, 'update');
        features[at] = after;
        changes.push({ before, after });
        return;
      }
      case 'delete': {
        const at = typeof edit.id === 'string' ? indexOf.get(edit.id) : undefined;
        if (at === undefined) return fail(typeof edit.id === 'string' ? edit.id : null, 'id', `no feature with id ${JSON.stringify(edit.id)}`);
        const before = features[at];
        if (before.properties.kind === 'community') fail(edit.id, 'id', 'the community itself cannot be deleted');
        features.splice(at, 1);
        indexOf.clear();
        features.forEach((f, i) => { if (typeof f.properties?.id === 'string') indexOf.set(f.properties.id, i); });
        changes.push({ before, after: null });
        return;
      }
      default:
        fail(null, 'op', `unknown op ${JSON.stringify((edit as { op?: unknown }).op)} (add, update, delete)`);
    }
  });
  return { twin: { ...twin, features }, changes };
}

/** validateTwin on [community, feature]: the import's rules for this one feature. */
function check(feature: TwinFeatureJson, community: TwinFeatureJson | null, editIndex: number, op: string): void {
  const collection = { type: 'FeatureCollection', features: community ? [community, feature] : [feature] };
  const v = validateTwin(collection);
  const at = community ? 1 : 0;
  const issues: EditIssue[] = v.errors
    .filter((e) => e.featureIndex === at || e.featureIndex === null)
    .map((e) => ({ editIndex, op, id: e.id ?? (typeof feature.properties?.id === 'string' ? feature.properties.id : null), field: e.field, reason: e.reason }));
  if (issues.length) throw new EditError(issues, v.warnings);
}
