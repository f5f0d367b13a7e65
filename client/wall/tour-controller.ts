/**
 * Drives the tour: overview, then each stop in turn, then the overview again, forever. The
 * stops are re-read at every step, so a new report changes the tour without restarting it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TourStop } from './tour.ts';

export interface TourMap {
  overview(durationMs?: number): void;
  flyToBbox(bbox: TourStop['bbox'], opts?: { durationMs?: number }): void;
}

export class TourController implements ReactiveController {
  /** the stop shown, null at the overview */
  current: TourStop | null = null;
  private index = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly stops: () => TourStop[],
    private readonly map: () => TourMap | undefined,
    private readonly timing: { overviewMs: number; stopMs: number; flyMs: number },
  ) {
    host.addController(this);
  }

  start() {
    if (this.timer === undefined) this.schedule(this.timing.overviewMs);
  }

  hostDisconnected() {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(ms: number) {
    this.timer = setTimeout(() => this.step(), ms);
  }

  private step() {
    const stops = this.stops();
    this.index = stops.length === 0 ? -1 : this.index + 1 >= stops.length ? -1 : this.index + 1;
    this.current = this.index >= 0 ? stops[this.index] : null;
    const map = this.map();
    if (this.current) map?.flyToBbox(this.current.bbox, { durationMs: this.timing.flyMs });
    else map?.overview(this.timing.flyMs);
    this.host.requestUpdate();
    this.schedule(this.current ? this.timing.stopMs : this.timing.overviewMs);
  }
}
