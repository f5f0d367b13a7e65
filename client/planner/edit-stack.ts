/**
 * Undo / redo over edit batches. Each entry keeps the batch and its inverse, worked out from
 * what applyEdits changed (an add undone is a delete, a delete an add of the feature as it was,
 * an update an update back to the earlier attributes and geometry), so undo is one more
 * incremental apply rather than a fresh evaluation. The scenario's edits are the done batches.
 */
import type { Edit, EditChange, TwinFeatureJson } from '../../engine/edit/index.ts';

export interface StackEntry { edits: Edit[]; inverse: Edit[] }

/** The batch that takes a twin back from after `changes` to before them. */
export function inverseOf(changes: readonly EditChange[]): Edit[] {
  return changes.map((c): Edit => {
    if (!c.before) return { op: 'delete', id: (c.after as TwinFeatureJson).properties.id };
    if (!c.after) return { op: 'add', feature: c.before };
    const props: Record<string, unknown> = {};
    // attributes the edit introduced go back to null (an update merges; it cannot drop a key)
    for (const key of Object.keys(c.after.properties)) if (!(key in c.before.properties)) props[key] = null;
    for (const [key, value] of Object.entries(c.before.properties)) if (key !== 'kind' && key !== 'id') props[key] = value;
    return { op: 'update', id: c.before.properties.id, props, geometry: c.before.geometry };
  }).reverse();
}

export class EditStack {
  private done: StackEntry[] = [];
  private undone: StackEntry[] = [];

  constructor(initial: StackEntry[] = []) { this.done = [...initial]; }

  push(entry: StackEntry): void {
    this.done.push(entry);
    this.undone = [];
  }

  /** the entry to undo (its inverse is what to apply), or null */
  undo(): StackEntry | null {
    const e = this.done.pop() ?? null;
    if (e) this.undone.push(e);
    return e;
  }

  redo(): StackEntry | null {
    const e = this.undone.pop() ?? null;
    if (e) this.done.push(e);
    return e;
  }

  get canUndo(): boolean { return this.done.length > 0; }
  get canRedo(): boolean { return this.undone.length > 0; }
  /** every done edit, in order: what a scenario stores */
  get edits(): Edit[] { return this.done.flatMap((e) => e.edits); }
}
