/**
 * The offline basemap: a background plus the community's own features (boundary,
 * compounds, paths, green/water venues) as inline GeoJSON sources. No remote source,
 * no glyphs, no sprites — labels are drawn by deck.gl with a bundled font.
 */
import type { StyleSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { BaseProps, TwinFile } from '../../engine/twin/types.ts';

const GREEN_VENUES = new Set(['sports', 'park', 'green', 'garden', 'plaza']);

function subset(twin: TwinFile | null, keep: (p: BaseProps) => boolean): FeatureCollection {
  const features: Feature<Geometry, BaseProps>[] = twin ? twin.features.filter((f) => f.properties && keep(f.properties)) : [];
  return { type: 'FeatureCollection', features };
}

export function basemapStyle(twin: TwinFile | null): StyleSpecification {
  return {
    version: 8,
    name: 'communitytwin-offline',
    sources: {
      community: { type: 'geojson', data: subset(twin, (p) => p.kind === 'community') },
      compounds: { type: 'geojson', data: subset(twin, (p) => p.kind === 'compound') },
      paths: { type: 'geojson', data: subset(twin, (p) => p.kind === 'path') },
      green: {
        type: 'geojson',
        data: subset(twin, (p) => p.kind === 'venue' && GREEN_VENUES.has(String(p.type ?? ''))),
      },
      water: { type: 'geojson', data: subset(twin, (p) => p.kind === 'venue' && p.type === 'water') },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#e9ece6' } },
      { id: 'community-fill', type: 'fill', source: 'community', paint: { 'fill-color': '#f7f6f1' } },
      {
        id: 'compound-fill', type: 'fill', source: 'compounds',
        paint: { 'fill-color': ['case', ['==', ['get', 'closed'], true], '#efe7da', '#eef1f4'] },
      },
      {
        id: 'green-fill', type: 'fill', source: 'green', filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': '#cfe6c0', 'fill-outline-color': '#9cc48a' },
      },
      {
        id: 'water-fill', type: 'fill', source: 'water', filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': '#b7d7ef' },
      },
      {
        id: 'path-casing', type: 'line', source: 'paths',
        paint: { 'line-color': '#d4d2c9', 'line-width': ['interpolate', ['linear'], ['zoom'], 14, 1.5, 18, 7] },
        layout: { 'line-cap': 'round', 'line-join': 'round' },
      },
      {
        id: 'path-line', type: 'line', source: 'paths',
        paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 14, 0.8, 18, 5] },
        layout: { 'line-cap': 'round', 'line-join': 'round' },
      },
    ],
  };
}
