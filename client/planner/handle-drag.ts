/**
 * Dragging a point feature's handle on the map. deck.gl's overlay gets its pointer events from
 * maplibre, which would pan the map under the drag; so a press on the handle is caught before
 * maplibre sees it (capture listener on <ct-map>), and the pointer's map position then comes
 * from the planner's catch-all layer (plan-layers.ts). Each position is previewed; the release
 * commits the last one as a single edit batch.
 */
import type { Position } from 'geojson';
import type { Edit } from '../../engine/edit/index.ts';

export interface DragHost {
  /** the <ct-map> element to catch presses on */
  mapElement(): Element | null;
  canDrag(): boolean;
  /** the catch-all layer on or off */
  setCapturing(on: boolean): void;
  preview(edits: Edit[]): void;
  commit(edits: Edit[]): void;
  cancelGesture(): void;
}

const moveTo = (id: string, at: Position): Edit[] => [{ op: 'update', id, geometry: { type: 'Point', coordinates: at } }];

export class HandleDrag {
  private hovered: string | null = null;
  private drag: { id: string; at: Position | null } | null = null;

  constructor(private readonly host: DragHost) {}

  get active(): boolean { return this.drag !== null; }

  /** the handle layer's hover: a press now starts a drag of `id` */
  hover(id: string | null): void {
    this.hovered = id;
    const map = this.host.mapElement();
    map?.removeEventListener('mousedown', this.onMouseDown, true);
    if (id) map?.addEventListener('mousedown', this.onMouseDown, true);
  }

  /** the pointer's map position (from the catch-all layer) */
  move(at: Position): void {
    if (!this.drag) return;
    this.drag.at = at;
    this.host.preview(moveTo(this.drag.id, at));
  }

  private readonly onMouseDown = (event: Event) => {
    if (!this.hovered || !this.host.canDrag() || (event as MouseEvent).button !== 0) return;
    event.stopPropagation();
    event.preventDefault();
    this.drag = { id: this.hovered, at: null };
    this.host.setCapturing(true);
    window.addEventListener('mouseup', this.onMouseUp, { once: true });
  };

  private readonly onMouseUp = () => {
    const drag = this.drag;
    this.drag = null;
    this.host.setCapturing(false);
    if (drag?.at) this.host.commit(moveTo(drag.id, drag.at));
    else this.host.cancelGesture();
  };
}
