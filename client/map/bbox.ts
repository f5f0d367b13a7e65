import type { Feature } from 'geojson';
import { positionsOf } from '../../engine/twin/model.ts';

export type Bbox = [number, number, number, number];

/** The [west, south, east, north] box around some features; null when they have no coordinates. */
export function bboxOf(features: readonly Feature[]): Bbox | null {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const f of features) {
    if (!f.geometry) continue;
    for (const [lon, lat] of positionsOf(f.geometry)) {
      if (lon < w) w = lon;
      if (lon > e) e = lon;
      if (lat < s) s = lat;
      if (lat > n) n = lat;
    }
  }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
