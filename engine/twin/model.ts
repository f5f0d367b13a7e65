/**
 * The twin as the engine uses it: features grouped by kind, indexed by id, with the
 * community's local metric projection. Built once per evaluation from a TwinFile.
 */
import type { Geometry, Position } from 'geojson';
import { bboxCentre, localProjection, type LocalProjection } from '../geo/projection.ts';
import type { Attestation, FeatureKind, TwinFeature, TwinFile } from './types.ts';

export type FeaturesByKind = { [K in FeatureKind]: TwinFeature<K>[] };

export interface Twin {
  readonly community: TwinFeature<'community'>;
  readonly features: FeaturesByKind;
  readonly byId: ReadonlyMap<string, TwinFeature>;
  readonly projection: LocalProjection;
  readonly attestations: readonly Attestation[];
}

export function* positionsOf(g: Geometry): Generator<Position> {
  switch (g.type) {
    case 'Point': yield g.coordinates; break;
    case 'MultiPoint': case 'LineString': yield* g.coordinates; break;
    case 'MultiLineString': case 'Polygon': for (const r of g.coordinates) yield* r; break;
    case 'MultiPolygon': for (const p of g.coordinates) for (const r of p) yield* r; break;
    case 'GeometryCollection': for (const c of g.geometries) yield* positionsOf(c); break;
  }
}

/** Group a (validated) twin file by kind. Throws when there is not exactly one community. */
export function buildTwin(file: TwinFile): Twin {
  const features = {
    community: [], compound: [], building: [], keyLocation: [], camera: [], fiveG: [], light: [],
    smartPole: [], charger: [], venue: [], facility: [], path: [],
  } as unknown as FeaturesByKind;
  const byId = new Map<string, TwinFeature>();
  for (const f of file.features) {
    const kind = f.properties?.kind as FeatureKind;
    const list = features[kind] as TwinFeature[] | undefined;
    if (!list) continue;
    list.push(f as TwinFeature);
    if (f.properties?.id != null) byId.set(String(f.properties.id), f as TwinFeature);
  }
  if (features.community.length !== 1) {
    throw new Error(`a twin needs exactly one community feature, found ${features.community.length}`);
  }
  const community = features.community[0];
  const [lon0, lat0] = bboxCentre(positionsOf(community.geometry));
  return {
    community, features, byId,
    projection: rememberForward(localProjection(lon0, lat0)),
    attestations: file.attestations ?? [],
  };
}

/**
 * The projection with `forward` remembered per input position (the twin's own coordinate arrays): measures
 * project the same buildings, cameras and compounds again and again, and proj4 costs ~1 µs a point. Each call
 * returns a fresh pair, so a caller that changes it cannot change what the next caller gets.
 */
function rememberForward(proj: LocalProjection): LocalProjection {
  const seen = new WeakMap<Position, [number, number]>();
  return {
    lon0: proj.lon0, lat0: proj.lat0, proj4: proj.proj4, inverse: proj.inverse,
    forward(p) {
      let xy = seen.get(p);
      if (xy === undefined) { xy = proj.forward(p); seen.set(p, xy); }
      return [xy[0], xy[1]];
    },
  };
}

