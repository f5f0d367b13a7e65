import { GeoJsonLayer } from 'deck.gl';
import { PathStyleExtension } from '@deck.gl/extensions';
import type { Feature, Geometry } from 'geojson';
import type { CompoundProps, TwinFile } from '../../engine/twin/types.ts';
import { COLORS } from './colors.ts';
import { featuresOfKind } from './features.ts';

/** Compounds: closed (封闭式) solid outline, open dashed. Pickable for their attributes. */
export function compoundLayer(twin: TwinFile, highlightIds: ReadonlySet<string>) {
  const isClosed = (f: Feature<Geometry, CompoundProps>) => f.properties.closed === true;
  return new GeoJsonLayer<CompoundProps, { getDashArray: (f: Feature<Geometry, CompoundProps>) => [number, number] }>({
    id: 'compounds',
    data: featuresOfKind(twin, 'compound'),
    filled: true,
    getFillColor: [0, 0, 0, 0],
    stroked: true,
    getLineColor: (f) => (highlightIds.has(f.properties.id) ? COLORS.highlight : isClosed(f) ? COLORS.closedCompound : COLORS.openCompound),
    getLineWidth: (f) => (highlightIds.has(f.properties.id) ? 5 : isClosed(f) ? 2.5 : 2),
    lineWidthUnits: 'pixels',
    getDashArray: (f) => (isClosed(f) ? [0, 0] : [6, 4]),
    extensions: [new PathStyleExtension({ dash: true })],
    pickable: true,
    updateTriggers: { getLineColor: [...highlightIds], getLineWidth: [...highlightIds] },
  });
}
