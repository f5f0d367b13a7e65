/** App state → the deck.gl layer list (drawn bottom to top). */
import type { Layer } from 'deck.gl';

type MaybeLayer = Layer | false | null | undefined;
import { boundaryLayer } from './boundary.ts';
import { buildingLayer } from './building.ts';
import { cameraPointLayer, cameraSectorLayer } from './camera.ts';
import { compoundLayer } from './compound.ts';
import { facilityLayer } from './facility.ts';
import { fiveGCoverageLayer, fiveGHoleLabelLayer, fiveGHoleLayer } from './five-g.ts';
import { highlightLayers } from './highlight.ts';
import { keyLocationLayer } from './key-location.ts';
import { labelLayer } from './labels.ts';
import { failingIdsOfRow, findCheck } from './report-lookup.ts';
import { sportsWalkLayers } from './sports-walk.ts';
import { throwingLayer } from './throwing.ts';
import type { LayerState } from './types.ts';

export type { LayerState } from './types.ts';

/** The buildings the throwing check applies to: those it failed and those it passed. */
function throwingApplies(state: LayerState): Set<string> {
  const evidence = findCheck(state.report, 'throwing')?.evidence;
  const passing = Array.isArray(evidence?.passingIds) ? evidence.passingIds.filter((id): id is string => typeof id === 'string') : [];
  return new Set([...(evidence?.failingIds ?? []), ...passing]);
}

export function layersFor(state: LayerState): Layer[] {
  const { twin, report, visible, selectedRow, selectedFeatureId } = state;
  const failingIds = failingIdsOfRow(selectedRow);
  const candidates: MaybeLayer[] = [
    visible.fiveG && fiveGCoverageLayer(twin),
    visible.fiveG && fiveGHoleLayer(findCheck(report, '5g')),
    ...(visible.sportsWalk ? sportsWalkLayers(twin, findCheck(report, 'sports-walk')) : []),
    visible.compounds && compoundLayer(twin, failingIds),
    visible.boundary && boundaryLayer(twin),
    visible.cameras && cameraSectorLayer(twin, state.cameraViews),
    visible.buildings && buildingLayer(twin, { throwingApplies: throwingApplies(state), highlightIds: failingIds, selectedId: selectedFeatureId }),
    visible.throwing && throwingLayer(findCheck(report, 'throwing')),
    visible.keyLocations && keyLocationLayer(twin, findCheck(report, 'video-coverage'), selectedFeatureId),
    visible.cameras && cameraPointLayer(twin, failingIds),
    visible.facilities && facilityLayer(twin, failingIds, selectedFeatureId),
    ...highlightLayers(twin, selectedRow, failingIds),
    visible.labels && state.fontReady && labelLayer(twin),
    visible.fiveG && state.fontReady && fiveGHoleLabelLayer(findCheck(report, '5g')),
  ];
  return candidates.filter((l): l is Layer => Boolean(l));
}
