/**
 * A generated street network for the isochrone benchmark (seeded, so every run is the same): a grid of
 * crossings `spacingM` apart over `sideKm` × `sideKm` (50 km² by default), each crossing moved by up to
 * ±`jitterM`, the streets between 4-neighbours drawn with a bent middle vertex, and `dropShare` of them
 * left out (dead ends and detours, as real blocks have). Lines in lon/lat near Jinan.
 *
 * @example
 * const { lines, centre } = streetNetwork(); // ~10 000 street pieces, centre [lon, lat]
 */
import type { Position } from 'geojson';
import { localProjection, type LocalProjection } from '../engine/geo/projection.ts';
import { prng } from './large-community.ts';

export interface StreetNetworkOptions { sideKm?: number; spacingM?: number; jitterM?: number; dropShare?: number; seed?: number }

export interface StreetNetwork { lines: Position[][]; centre: Position; projection: LocalProjection; crossings: number }

export function streetNetwork(opts: StreetNetworkOptions = {}): StreetNetwork {
  const sideM = (opts.sideKm ?? Math.sqrt(50)) * 1000, spacingM = opts.spacingM ?? 100;
  const jitterM = opts.jitterM ?? 15, dropShare = opts.dropShare ?? 0.08;
  const random = prng(opts.seed ?? 20260501);
  const projection = localProjection(117.12, 36.66);
  const n = Math.floor(sideM / spacingM) + 1;
  const half = ((n - 1) * spacingM) / 2;
  const ll = (x: number, y: number): Position => projection.inverse([x, y]).map((v) => Math.round(v * 1e8) / 1e8);
  const crossing: Position[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    crossing.push([i * spacingM - half + (random() * 2 - 1) * jitterM, j * spacingM - half + (random() * 2 - 1) * jitterM]);
  }
  const lines: Position[][] = [];
  const street = (a: Position, b: Position) => {
    if (random() < dropShare) return;
    const bend = (random() * 2 - 1) * jitterM * 0.5;
    const mx = (a[0] + b[0]) / 2 + bend * (a[1] - b[1]) / spacingM, my = (a[1] + b[1]) / 2 + bend * (b[0] - a[0]) / spacingM;
    lines.push([ll(a[0], a[1]), ll(mx, my), ll(b[0], b[1])]);
  };
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    if (i + 1 < n) street(crossing[i * n + j], crossing[(i + 1) * n + j]);
    if (j + 1 < n) street(crossing[i * n + j], crossing[i * n + j + 1]);
  }
  return { lines, centre: [projection.lon0, projection.lat0], projection, crossings: n * n };
}
