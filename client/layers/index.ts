/** App state → the deck.gl layer list (drawn bottom to top). */
import type { Layer } from 'deck.gl';
import { boundaryLayer } from './boundary.ts';
import { buildingLayer, buildingTileLayer } from './building.ts';
import { CAMERA_DETAIL_ZOOM, cameraClusterLayers, cameraPointLayer, cameraSectorLayer, cameraTileLayer } from './camera.ts';
import { compoundLayer } from './compound.ts';
import { facilityLayers } from './facility.ts';
import { pointsOfKind } from './features.ts';
import { fiveGCoverageLayer, fiveGHoleLabelLayer, fiveGHoleLayer } from './five-g.ts';
import { highlightLayers } from './highlight.ts';
import { keyLocationLayers } from './key-location.ts';
import { labelLayer } from './labels.ts';
import { failingIdsOfRow, findCheck, selectedChecks } from './report-lookup.ts';
import { sportsWalkLayers } from './sports-walk.ts';
import { throwingLayer } from './throwing.ts';
import { tiledKinds, type TiledKind } from './tiles.ts';
import type { LayerState } from './types.ts';

export type { LayerState } from './types.ts';
export { fetchCommunityVersion, TILE_MIN_FEATURES, type TileSource } from './tiles.ts';

type MaybeLayer = Layer | false | null | undefined;

/** The buildings the throwing check applies to: those it failed and those it passed. */
function throwingApplies(state: LayerState): Set<string> {
  const evidence = findCheck(state.report, 'throwing')?.evidence;
  const passing = Array.isArray(evidence?.passingIds) ? evidence.passingIds.filter((id): id is string => typeof id === 'string') : [];
  return new Set([...(evidence?.failingIds ?? []), ...passing]);
}

/**
 * Cameras: zoomed in, each camera and its view; zoomed out, counts per cell — except when a
 * video row is selected, whose views explain the gap and so are always drawn.
 */
function cameraLayers(state: LayerState, failingIds: ReadonlySet<string>, tiled: ReadonlySet<TiledKind>): MaybeLayer[] {
  const { twin, zoom } = state;
  const videoSelected = selectedChecks(state.selectedRow, state.selectedCheck).some((c) => c.id.startsWith('video-'));
  const detailed = zoom >= CAMERA_DETAIL_ZOOM;
  const points = () => (state.tiles && tiled.has('camera')
    ? cameraTileLayer(twin, state.tiles, failingIds)
    : cameraPointLayer(pointsOfKind(twin, 'camera'), failingIds));
  return [
    (detailed || videoSelected) && cameraSectorLayer(twin, state.cameraViews),
    ...(detailed ? [points()] : cameraClusterLayers(twin, zoom, failingIds, state.fontReady)),
  ];
}

export function layersFor(state: LayerState): Layer[] {
  const { twin, report, visible, selectedRow, selectedCheck, selectedFeatureId, zoom } = state;
  const failingIds = failingIdsOfRow(selectedRow, selectedCheck);
  // a large community's big kinds come from the vector tiles (tiles.ts: TILE_MIN_FEATURES)
  const tiled = tiledKinds(twin, state.tiles);
  const tiles = state.tiles ?? null;
  const buildingProps = { throwingApplies: throwingApplies(state), highlightIds: failingIds, selectedId: selectedFeatureId };
  // another row's gaps are on show: the 5G holes step back
  const fiveGMuted = selectedRow !== null && !selectedChecks(selectedRow, selectedCheck).some((c) => c.id === '5g');
  const buildings = visible.buildings && (tiles && tiled.has('building') ? buildingTileLayer(twin, tiles, buildingProps) : buildingLayer(twin, buildingProps));
  if (state.firstFrame) {
    const base = ([visible.compounds && compoundLayer(twin, failingIds), visible.boundary && boundaryLayer(twin), buildings] as MaybeLayer[]).filter((l): l is Layer => Boolean(l));
    // all three hidden: nothing to draw early, so no reduced frame
    if (base.length > 0) return base;
  }
  const candidates: MaybeLayer[] = [
    visible.fiveG && fiveGCoverageLayer(twin),
    visible.fiveG && fiveGHoleLayer(findCheck(report, '5g'), fiveGMuted),
    ...(visible.sportsWalk ? sportsWalkLayers(twin, findCheck(report, 'sports-walk')) : []),
    visible.compounds && compoundLayer(twin, failingIds),
    visible.boundary && boundaryLayer(twin),
    buildings,
    visible.throwing && throwingLayer(findCheck(report, 'throwing')),
    ...(visible.cameras ? cameraLayers(state, failingIds, tiled) : []),
    ...(visible.keyLocations ? keyLocationLayers(twin, findCheck(report, 'video-coverage'), selectedFeatureId) : []),
    ...(visible.facilities ? facilityLayers(twin, failingIds, selectedFeatureId, zoom, tiled.has('light') ? tiles : null) : []),
    ...highlightLayers(twin, selectedRow, selectedCheck, failingIds),
    visible.labels && state.fontReady && labelLayer(twin, zoom),
    visible.fiveG && !fiveGMuted && state.fontReady && fiveGHoleLabelLayer(findCheck(report, '5g')),
  ];
  return candidates.filter((l): l is Layer => Boolean(l));
}
