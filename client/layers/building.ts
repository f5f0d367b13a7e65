import { GeoJsonLayer } from 'deck.gl';
import type { Feature, Geometry } from 'geojson';
import type { BuildingProps, TwinFile } from '../../engine/twin/types.ts';
import { COLORS } from './colors.ts';
import { featuresOfKind } from './features.ts';
import { twinTileLayer, type TileLayerStyle, type TileSource } from './tiles.ts';
import type { Rgba } from './types.ts';

/** domain.md §1: floorHeightM defaults to 3 m (a choice, listed in the report). */
export const DEFAULT_FLOOR_HEIGHT_M = 3;

/** failing buildings: the highlight tint, translucent so facade walls on them stay readable */
const HIGHLIGHTED_BUILDING: Rgba = [255, 120, 180, 170];

export const buildingHeightM = (p: BuildingProps): number =>
  Math.max(1, p.floors ?? 1) * (p.floorHeightM ?? DEFAULT_FLOOR_HEIGHT_M);

export interface BuildingLayerProps {
  /** ids of the buildings the throwing check applies to (from its evidence) */
  throwingApplies: ReadonlySet<string>;
  highlightIds: ReadonlySet<string>;
  selectedId: string | null;
}

/** The building style, for the JSON layer and the tiled one alike (tile features carry id, use, floors, floorHeightM). */
function buildingStyle({ throwingApplies, highlightIds, selectedId }: BuildingLayerProps) {
  const colorOf = (f: Feature<Geometry, BuildingProps>) => {
    const p = f.properties;
    if (p.id === selectedId) return COLORS.selected;
    if (highlightIds.has(p.id)) return HIGHLIGHTED_BUILDING;
    if (throwingApplies.has(p.id)) return COLORS.throwingApplies;
    return p.use === 'residential' ? COLORS.residential : COLORS.otherUse;
  };
  return {
    extruded: true,
    wireframe: true,
    filled: true,
    getElevation: (f: Feature<Geometry, BuildingProps>) => buildingHeightM(f.properties),
    getFillColor: colorOf,
    getLineColor: [120, 110, 100, 120] as Rgba,
    material: { ambient: 0.55, diffuse: 0.6, shininess: 16, specularColor: [40, 40, 40] as [number, number, number] },
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 80] as Rgba,
    updateTriggers: { getFillColor: [selectedId, ...throwingApplies, ...highlightIds] },
  };
}

/** Buildings extruded by floors × floorHeightM, coloured by use; throwing-check buildings marked. */
export function buildingLayer(twin: TwinFile, props: BuildingLayerProps) {
  return new GeoJsonLayer<BuildingProps>({ id: 'buildings', data: featuresOfKind(twin, 'building'), ...buildingStyle(props) });
}

/** The same, from the vector tiles (a large community, client/layers/tiles.ts). */
export function buildingTileLayer(twin: TwinFile, source: TileSource, props: BuildingLayerProps) {
  return twinTileLayer('buildings-tiles', 'building', twin, source, buildingStyle(props) as unknown as TileLayerStyle);
}
