import { GeoJsonLayer } from 'deck.gl';
import type { CommunityProps, TwinFile } from '../../engine/twin/types.ts';
import { COLORS } from './colors.ts';
import { featuresOfKind } from './features.ts';

/** The community boundary as a thick outline. */
export function boundaryLayer(twin: TwinFile) {
  return new GeoJsonLayer<CommunityProps>({
    id: 'boundary',
    data: featuresOfKind(twin, 'community'),
    filled: false,
    stroked: true,
    getLineColor: COLORS.boundary,
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}
