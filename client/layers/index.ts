/** App state → the deck.gl layer list (drawn bottom to top). */
import type { Layer } from 'deck.gl';

type MaybeLayer = Layer | false | null | undefined;
import { boundaryLayer } from './boundary.ts';
import { buildingLayer } from './building.ts';
import { cameraPointLayer, cameraSectorLayer } from './camera.ts';
import { compoundLayer } from './compound.ts';
import { facilityLayer } from './facility.ts';
import { fiveGCoverageLayer, fiveGHoleLayers } from './five-g.ts';
import { highlightLayers } from './highlight.ts';
import { keyLocationLayer } from './key-location.ts';
import { labelLayer } from './labels.ts';
import { failingIdsOfRow, findCheck } from './report-lookup.ts';
import { sportsWalkLayers } from './sports-walk.ts';
import { throwingLayer } from './throwing.ts';
import type { LayerState } from './types.ts';

export type { LayerState } from './types.ts';

/** domain.md §2: the throwing check applies from 19 / 12 / 7 floors (basic / growth / benchmark). */
const THROWING_MIN_FLOORS = { basic: 19, growth: 12, benchmark: 7 } as const;

function throwingMinFloors(state: LayerState): number | null {
  const fromParams = state.report?.params?.[`throwingMinFloors.${state.tier}`] ?? state.report?.params?.throwingMinFloors;
  if (typeof fromParams === 'number') return fromParams;
  return state.report ? THROWING_MIN_FLOORS[state.tier] : null;
}

export function layersFor(state: LayerState): Layer[] {
  const { twin, report, visible, selectedRow, selectedFeatureId } = state;
  const failingIds = failingIdsOfRow(selectedRow);
  const candidates: MaybeLayer[] = [
    visible.fiveG && fiveGCoverageLayer(twin),
    ...(visible.fiveG ? fiveGHoleLayers(findCheck(report, '5g'), state.fontReady) : []),
    ...(visible.sportsWalk ? sportsWalkLayers(twin, findCheck(report, 'sports-walk')) : []),
    visible.compounds && compoundLayer(twin, failingIds),
    visible.boundary && boundaryLayer(twin),
    visible.cameras && cameraSectorLayer(twin, state.cameraViews),
    visible.buildings && buildingLayer(twin, { throwingMinFloors: throwingMinFloors(state), highlightIds: failingIds, selectedId: selectedFeatureId }),
    visible.throwing && throwingLayer(findCheck(report, 'throwing')),
    visible.keyLocations && keyLocationLayer(twin, findCheck(report, 'video-coverage'), selectedFeatureId),
    visible.cameras && cameraPointLayer(twin, failingIds),
    visible.facilities && facilityLayer(twin, failingIds, selectedFeatureId),
    ...highlightLayers(twin, selectedRow, failingIds),
    visible.labels && state.fontReady && labelLayer(twin),
  ];
  return candidates.filter((l): l is Layer => Boolean(l));
}
