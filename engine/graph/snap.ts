/**
 * Snapping a point to the nearest point of the walk network (straight line, in the local projection).
 * Ties go to the lowest edge id. The search box grows until it holds a segment at least as close as its
 * half-width, so the nearest segment is exact, not the nearest bounding box.
 */
import type { WalkNetwork, XY } from './network.ts';

export interface Snap {
  edge: number;
  /** metres along the edge from its source to the snapped point */
  alongM: number;
  /** alongM ÷ edge length */
  fraction: number;
  /** straight-line metres from the point to the network */
  distM: number;
  point: XY;
}

function closestOnSegment(a: XY, b: XY, p: XY): { t: number; d: number; q: XY } {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const l2 = dx * dx + dy * dy;
  let t = l2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2 : 0;
  t = Math.max(0, Math.min(1, t));
  const q: XY = [a[0] + t * dx, a[1] + t * dy];
  return { t, d: Math.hypot(p[0] - q[0], p[1] - q[1]), q };
}

/** Nearest point of the network to p, or null for an empty network. */
export function snapToNetwork(net: WalkNetwork, p: XY, firstRadiusM = 50): Snap | null {
  if (!net.segmentIndex) return null;
  for (let r = firstRadiusM; ; r *= 2) {
    let best: Snap | null = null;
    for (const k of net.segmentIndex.search(p[0] - r, p[1] - r, p[0] + r, p[1] + r)) {
      const e = net.edges[net.segmentEdge[k]], i = net.segmentStart[k];
      const c = closestOnSegment(e.xy[i], e.xy[i + 1], p);
      const alongM = e.cumM[i] + c.t * (e.cumM[i + 1] - e.cumM[i]);
      if (!best || c.d < best.distM || (c.d === best.distM && e.id < best.edge)) {
        best = { edge: e.id, alongM, fraction: alongM / e.lengthM, distM: c.d, point: c.q };
      }
    }
    if (best && best.distM <= r) return best;
    if (r > 1e8) return best;
  }
}
