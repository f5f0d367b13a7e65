/**
 * The wall's dark basemap: the app's offline style (client/map/style.ts) with every colour
 * mapped to a dark palette — same sources and layers, so it follows that style's changes.
 */
import type { StyleSpecification } from 'maplibre-gl';
import type { TwinFile } from '../../engine/twin/types.ts';
import { basemapStyle } from '../map/style.ts';

export const WALL_BACKGROUND = '#0b0f14';
const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** A light colour becomes a dark one of the same hue: lightness flipped into 6–30 %. */
export function darken(hex: string): string {
  let h = hex.slice(1);
  if (h.length === 3) h = [...h].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b), min = Math.min(r, g, b), l = (max + min) / 2, d = max - min;
  const s = d === 0 ? 0 : d / (1 - Math.abs(2 * l - 1));
  let hue = 0;
  if (d !== 0) hue = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  const lightness = 0.06 + (1 - l) * 0.9;
  return `hsl(${Math.round(((hue * 60) + 360) % 360)}, ${Math.round(Math.min(s, 0.5) * 100)}%, ${Math.round(Math.min(lightness, 0.3) * 100)}%)`;
}

function recolour(value: unknown): unknown {
  if (typeof value === 'string') return HEX.test(value) ? darken(value) : value;
  if (Array.isArray(value)) return value.map(recolour);
  return value;
}

export function darkStyle(twin: TwinFile | null): StyleSpecification {
  const style = basemapStyle(twin);
  return {
    ...style,
    name: 'communitytwin-wall-dark',
    layers: style.layers.map((layer) => {
      if (layer.type === 'background') return { ...layer, paint: { 'background-color': WALL_BACKGROUND } };
      if (!('paint' in layer) || !layer.paint) return layer;
      const paint = Object.fromEntries(Object.entries(layer.paint).map(([k, v]) => [k, k.endsWith('-color') ? recolour(v) : v]));
      return { ...layer, paint } as typeof layer;
    }),
  };
}
