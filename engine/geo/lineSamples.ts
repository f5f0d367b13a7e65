/** Sampling a line in the local projection at a fixed spacing (domain.md §3: every 1 m plus the end point). */
import type { XY } from './clip.ts';

export interface LineSample {
  /** distance along the line, m */
  atM: number;
  xy: XY;
}

export function lineLengthM(line: readonly XY[]): number {
  let s = 0;
  for (let i = 1; i < line.length; i++) s += Math.hypot(line[i][0] - line[i - 1][0], line[i][1] - line[i - 1][1]);
  return s;
}

/**
 * Samples at 0, s, 2s, … ≤ length, plus the end point when the length is not a whole multiple of s.
 *
 * @example sampleLine([[0, 0], [2.5, 0]], 1).map((p) => p.atM) // [0, 1, 2, 2.5]
 */
export function sampleLine(line: readonly XY[], spacingM: number): LineSample[] {
  const total = lineLengthM(line);
  const out: LineSample[] = [];
  if (line.length === 0) return out;
  const n = Math.floor(total / spacingM + 1e-9);
  let seg = 0, segStart = 0;
  for (let k = 0; k <= n; k++) {
    const d = Math.min(k * spacingM, total);
    while (seg < line.length - 2) {
      const len = Math.hypot(line[seg + 1][0] - line[seg][0], line[seg + 1][1] - line[seg][1]);
      if (segStart + len >= d) break;
      segStart += len;
      seg++;
    }
    const a = line[seg], b = line[Math.min(seg + 1, line.length - 1)];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const t = len > 0 ? Math.min(1, Math.max(0, (d - segStart) / len)) : 0;
    out.push({ atM: d, xy: [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])] });
  }
  if (total - n * spacingM > 1e-9) out.push({ atM: total, xy: line[line.length - 1] });
  return out;
}

/** The part of the line between two distances along it (for drawing uncovered stretches). */
export function subLine(line: readonly XY[], fromM: number, toM: number): XY[] {
  const out: XY[] = [];
  let start = 0;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1], b = line[i];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const end = start + len;
    const at = (d: number): XY => {
      const t = len > 0 ? (d - start) / len : 0;
      return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
    };
    if (end >= fromM && start <= toM) {
      if (out.length === 0) out.push(at(Math.max(fromM, start)));
      if (end < toM) out.push(b); else { out.push(at(toM)); break; }
    }
    start = end;
  }
  return out;
}
