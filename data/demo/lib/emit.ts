/**
 * Collects demo features in metres and writes them as a twin file (domain.md §1):
 * lon/lat WGS 84 with 7 decimals via the community-centred transverse Mercator.
 */
import type { Geometry } from 'geojson';
import { localProjection, type LocalProjection } from '../../../engine/geo/projection.ts';
import type { BaseProps, FeatureKind, TwinFile } from '../../../engine/twin/types.ts';
import { signedArea, type Ring, type V } from './geom.ts';
import { round } from './prng.ts';

export type MGeom =
  | { type: 'Point'; at: V }
  | { type: 'LineString'; line: V[] }
  | { type: 'Polygon'; ring: Ring };

export interface MFeature { kind: FeatureKind; props: BaseProps; geom: MGeom }

export const pt = (at: V): MGeom => ({ type: 'Point', at });
export const line = (l: V[]): MGeom => ({ type: 'LineString', line: l });
export const poly = (ring: Ring): MGeom => ({ type: 'Polygon', ring });

export class TwinBuilder {
  readonly proj: LocalProjection;
  readonly features: MFeature[] = [];
  private readonly ids = new Set<string>();
  private readonly counters = new Map<string, number>();
  constructor(lon0: number, lat0: number) { this.proj = localProjection(lon0, lat0); }

  /** next id with a prefix: `${prefix}-${n}` */
  nextId(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}-${n}`;
  }
  add(kind: FeatureKind, props: Omit<BaseProps, 'kind'> & { id: string }, geom: MGeom): MFeature {
    if (this.ids.has(props.id)) throw new Error(`duplicate id ${props.id}`);
    this.ids.add(props.id);
    const f: MFeature = { kind, props: { kind, ...props } as BaseProps, geom };
    this.features.push(f);
    return f;
  }
  of(kind: FeatureKind): MFeature[] { return this.features.filter((f) => f.kind === kind); }
  count(kind: FeatureKind, pred: (f: MFeature) => boolean = () => true): number {
    return this.features.filter((f) => f.kind === kind && pred(f)).length;
  }

  lonLat(p: V): [number, number] {
    const [lon, lat] = this.proj.inverse(p);
    return [round(lon, 7), round(lat, 7)];
  }
  private geometry(g: MGeom): Geometry {
    switch (g.type) {
      case 'Point': return { type: 'Point', coordinates: this.lonLat(g.at).map(fullPrecision) };
      case 'LineString': return { type: 'LineString', coordinates: g.line.map((p) => this.lonLat(p)) };
      case 'Polygon': {
        const r = signedArea(g.ring) < 0 ? [...g.ring].reverse() : g.ring; // RFC 7946: exterior CCW
        const c = r.map((p) => this.lonLat(p));
        c.push(c[0]);
        return { type: 'Polygon', coordinates: [c] };
      }
    }
  }
  /** The twin file: kinds in FEATURE order of appearance, top-level members first. */
  toFile(top: Record<string, unknown>): TwinFile {
    return {
      type: 'FeatureCollection',
      ...top,
      features: this.features.map((f) => ({ type: 'Feature', properties: f.props, geometry: this.geometry(f.geom) })),
    } as TwinFile;
  }
}

/**
 * JSON drops trailing zeros (117.1300000 prints as 117.13), and camera compliance wants
 * ≥ 6 written decimals: nudge such a point by 1e-7° (about 1 cm) so all 7 decimals show.
 */
function fullPrecision(x: number): number {
  const s = String(x), dec = (s.split('.')[1] ?? '').length;
  return dec >= 7 ? x : round(x + 1e-7, 7);
}

/** Stable text: one feature per line, so diffs of the committed demo stay readable. */
export function serialize(file: TwinFile): string {
  const { features, ...top } = file;
  const head = JSON.stringify(top);
  const body = features.map((f) => JSON.stringify(f)).join(',\n');
  return `${head.slice(0, -1)},"features":[\n${body}\n]}\n`;
}
