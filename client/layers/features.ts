/** Selecting twin features by kind, with typed properties. */
import type { Feature, Geometry, Point } from 'geojson';
import type { FeatureKind, PropsByKind, TwinFile } from '../../engine/twin/types.ts';

export type KindFeature<K extends FeatureKind, G extends Geometry = Geometry> = Feature<G, PropsByKind[K]>;

export function featuresOfKind<K extends FeatureKind>(twin: TwinFile, kind: K): KindFeature<K>[] {
  return twin.features.filter((f) => f.properties?.kind === kind) as unknown as KindFeature<K>[];
}

export function pointsOfKind<K extends FeatureKind>(twin: TwinFile, kind: K): KindFeature<K, Point>[] {
  return featuresOfKind(twin, kind).filter((f): f is KindFeature<K, Point> => f.geometry?.type === 'Point');
}

export const pointPosition = (f: Feature<Point>): [number, number] => [f.geometry.coordinates[0], f.geometry.coordinates[1]];
