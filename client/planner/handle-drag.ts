/**
 * Dragging a handle of the selected feature on the map: its position, or a camera's heading,
 * range and field of view (tools.ts handlesOf / dragEdits). deck.gl's overlay gets its pointer
 * events from maplibre, which would pan the map under the drag; so a press on a handle (known
 * from the handle layer's hover pick) is caught before maplibre sees it — a capture listener on
 * <ct-map> — and the map stays still. The pointer's ground position then comes from the deck.gl
 * viewport of that pick (viewport.unproject of the pointer's pixel), with no picking per move.
 * Each position is previewed (recomputed when the worker is free, so the scorecard and the gaps
 * follow the drag); the release commits the last one as a single edit batch, and the click the
 * browser sends after the release is swallowed (maplibre would take it for a map click).
 */
import type { Position } from 'geojson';
import type { Edit } from '../../engine/edit/index.ts';
import { dragEdits, type Handle } from './tools.ts';

/** deck.gl's viewport, as much of it as a drag needs */
export interface Unprojector { unproject(xy: number[]): number[] }

export interface DragHost {
  /** the <ct-map> element to catch presses on */
  mapElement(): Element | null;
  canDrag(): boolean;
  /** the feature the handle belongs to, as it is before the drag */
  featureOf(id: string): { geometry: import('geojson').Geometry; properties: Record<string, unknown> } | null;
  preview(edits: Edit[]): void;
  commit(edits: Edit[]): void;
  cancelGesture(): void;
  /** hover or drag state changed (the planner redraws, tests read it) */
  changed(): void;
}

export class HandleDrag {
  private hovered: { handle: Handle; viewport: Unprojector } | null = null;
  private drag: { handle: Handle; viewport: Unprojector; feature: NonNullable<ReturnType<DragHost['featureOf']>>; edits: Edit[] | null } | null = null;

  constructor(private readonly host: DragHost) {}

  get active(): boolean { return this.drag !== null; }

  /** `id:role` of the handle under the pointer or being dragged */
  get current(): string | null {
    const h = this.drag?.handle ?? this.hovered?.handle;
    return h ? `${h.id}:${h.role}` : null;
  }

  /** the handle layer's hover: a press now starts a drag of `handle` */
  hover(handle: Handle | null, viewport: Unprojector | null): void {
    if (this.drag) return;
    this.hovered = handle && viewport ? { handle, viewport } : null;
    const map = this.host.mapElement();
    map?.removeEventListener('mousedown', this.onMouseDown, true);
    if (this.hovered) map?.addEventListener('mousedown', this.onMouseDown, true);
    this.host.changed();
  }

  /** The handles now drawn: a hovered one that is gone (selection changed or cleared) no longer catches presses. */
  shown(handles: readonly Handle[]): void {
    const h = this.hovered?.handle;
    if (h && !this.drag && !handles.some((x) => x.id === h.id && x.role === h.role)) this.hover(null, null);
  }

  /** Ends a drag without committing (plan mode stops, the feature went away). */
  cancel(): void {
    if (!this.drag) return;
    this.drag = null;
    this.unlisten();
    this.host.cancelGesture();
  }

  private readonly onMouseDown = (event: Event) => {
    const e = event as MouseEvent;
    const hovered = this.hovered;
    if (!hovered || !this.host.canDrag() || e.button !== 0) return;
    const feature = this.host.featureOf(hovered.handle.id);
    if (!feature) return;
    event.stopPropagation();
    event.preventDefault();
    this.drag = { ...hovered, feature, edits: null };
    window.addEventListener('mousemove', this.onMouseMove, true);
    window.addEventListener('mouseup', this.onMouseUp, true);
    this.host.changed();
  };

  private readonly onMouseMove = (event: MouseEvent) => {
    const drag = this.drag;
    const map = this.host.mapElement();
    if (!drag || !map) return;
    event.stopPropagation();
    const box = map.getBoundingClientRect();
    const at = drag.viewport.unproject([event.clientX - box.left, event.clientY - box.top]) as Position;
    if (!Number.isFinite(at[0]) || !Number.isFinite(at[1])) return;
    const edits = dragEdits(drag.feature, drag.handle.role, at);
    if (edits.length === 0) return;
    drag.edits = edits;
    this.host.preview(edits);
  };

  private readonly onMouseUp = (event: MouseEvent) => {
    const drag = this.drag;
    if (!drag) return;
    event.stopPropagation();
    this.drag = null;
    this.unlisten();
    if (drag.edits) {
      this.host.commit(drag.edits);
      // the click that follows this release is the drag's, not a click on the map
      const map = this.host.mapElement();
      const swallow = (e: Event) => { e.stopPropagation(); e.preventDefault(); };
      map?.addEventListener('click', swallow, { capture: true, once: true });
      setTimeout(() => map?.removeEventListener('click', swallow, { capture: true }), 0);
    } else {
      this.host.cancelGesture();
    }
    this.host.changed();
  };

  private unlisten() {
    window.removeEventListener('mousemove', this.onMouseMove, true);
    window.removeEventListener('mouseup', this.onMouseUp, true);
  }
}
