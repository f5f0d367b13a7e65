/**
 * The twin model: one community as typed GeoJSON features (domain.md §1).
 * The interchange file is a FeatureCollection whose features carry `properties.kind`.
 */
import type { Feature, FeatureCollection, Geometry, LineString, MultiPolygon, Point, Polygon } from 'geojson';

export const FEATURE_KINDS = [
  'community', 'compound', 'building', 'keyLocation', 'camera', 'fiveG', 'light',
  'smartPole', 'charger', 'venue', 'facility', 'path',
] as const;
export type FeatureKind = (typeof FEATURE_KINDS)[number];

export interface BaseProps {
  kind: FeatureKind;
  id: string;
  name?: string;
  type?: string;
  [extra: string]: unknown;
}

export interface CommunityProps extends BaseProps {
  kind: 'community';
  adminCode?: string;
  population?: number;
  households?: number;
  /** share of residents aged ≥ 60, 0–1 */
  agedShare?: number;
  agedPopulation?: number;
}
export interface CompoundProps extends BaseProps { kind: 'compound'; closed?: boolean; hasEbikes?: boolean }
export interface BuildingProps extends BaseProps {
  kind: 'building';
  floors?: number;
  floorHeightM?: number;
  use?: string;
  households?: number;
  fibreHouseholds?: number;
  tvHouseholds?: number;
  energyMeters?: number;
  compoundId?: string | null;
}
export interface KeyLocationProps extends BaseProps {
  kind: 'keyLocation';
  type: 'compoundEntrance' | 'parkingEntrance' | 'mainRoad' | 'fireLane' | string;
  compoundId?: string | null;
}
export interface CameraProps extends BaseProps {
  kind: 'camera';
  code?: string;
  adminCode?: string;
  purpose?: 'keyLocation' | 'throwing' | 'perimeter' | 'general' | string;
  headingDeg?: number;
  hfovDeg?: number;
  vfovDeg?: number;
  tiltDeg?: number;
  rangeM?: number;
  mountHeightM?: number;
  online?: boolean;
  intact?: boolean;
  imageOut?: boolean;
}
export interface FiveGProps extends BaseProps {
  kind: 'fiveG';
  operator?: string;
  band?: string;
  azimuthDeg?: number;
  beamwidthDeg?: number;
  heightM?: number;
  eirpDbm?: number;
  liftCovered?: boolean;
  garageCovered?: boolean;
}
export interface LightProps extends BaseProps { kind: 'light'; smart?: boolean }
export interface SmartPoleProps extends BaseProps { kind: 'smartPole'; functions?: string[] }
export interface ChargerProps extends BaseProps {
  kind: 'charger';
  type: 'ebike' | 'ev' | string;
  timedCharging?: boolean;
  autoPowerOff?: boolean;
  faultAlarm?: boolean;
  provincialPlatform?: boolean;
  compoundId?: string | null;
}
export interface VenueProps extends BaseProps { kind: 'venue'; type: string; smartFitness?: boolean }
export interface FacilityProps extends BaseProps { kind: 'facility'; type: string; compoundId?: string | null }
export interface PathProps extends BaseProps { kind: 'path'; type?: string }

export interface PropsByKind {
  community: CommunityProps; compound: CompoundProps; building: BuildingProps;
  keyLocation: KeyLocationProps; camera: CameraProps; fiveG: FiveGProps; light: LightProps;
  smartPole: SmartPoleProps; charger: ChargerProps; venue: VenueProps; facility: FacilityProps;
  path: PathProps;
}
export interface GeometryByKind {
  community: Polygon | MultiPolygon; compound: Polygon | MultiPolygon; building: Polygon | MultiPolygon;
  keyLocation: Point | LineString; camera: Point; fiveG: Point | Polygon | MultiPolygon; light: Point;
  smartPole: Point; charger: Point; venue: Point | Polygon | MultiPolygon; facility: Point; path: LineString;
}
export type TwinFeature<K extends FeatureKind = FeatureKind> = Feature<GeometryByKind[K], PropsByKind[K]>;

export interface Attestation {
  /** indicator / check id the attestation speaks for (e.g. `platform`) */
  checkId: string;
  pass: boolean;
  text: string;
  evidenceRef?: string;
  by: string;
  at: string;
  version?: number;
}

/** The twin file (domain.md §1): a FeatureCollection plus top-level attestations. */
export interface TwinFile extends FeatureCollection<Geometry, BaseProps> {
  attestations?: Attestation[];
  [extra: string]: unknown;
}
