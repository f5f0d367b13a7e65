/** App state that lives in the URL hash, so a view can be shared and reloaded. */
import type { Lang } from './i18n/index.ts';

export const TIERS = ['basic', 'growth', 'benchmark'] as const;
export type Tier = (typeof TIERS)[number];

export const LAYER_GROUPS = [
  'boundary', 'compounds', 'buildings', 'cameras', 'keyLocations', 'fiveG', 'throwing',
  'sportsWalk', 'facilities', 'labels',
] as const;
export type LayerGroup = (typeof LAYER_GROUPS)[number];

export interface MapView { lon: number; lat: number; zoom: number; pitch: number; bearing: number }

export interface UrlState {
  community: string | null;
  tier: Tier;
  standard: string;
  lang: Lang;
  /** selected scorecard row number (the standard's `row`), null when none */
  row: number | null;
  /** one check of the selected row (a sub-row of the scorecard), null for the whole row */
  check: string | null;
  view: MapView | null;
  hidden: LayerGroup[];
}

export const DEFAULT_STANDARD = 'shandong-2022';

const isTier = (s: string | null): s is Tier => s !== null && (TIERS as readonly string[]).includes(s);
const isGroup = (s: string): s is LayerGroup => (LAYER_GROUPS as readonly string[]).includes(s);

function parseView(text: string | null): MapView | null {
  if (!text) return null;
  const n = text.split(',').map(Number);
  if (n.length !== 5 || n.some((x) => !Number.isFinite(x))) return null;
  const [lon, lat, zoom, pitch, bearing] = n;
  return { lon, lat, zoom, pitch, bearing };
}

/** Reads the state from `#c=…&tier=…` (the query string is accepted too, hash wins). */
export function readUrlState(location: Pick<Location, 'hash' | 'search'>): UrlState {
  const params = new URLSearchParams(location.search);
  for (const [k, v] of new URLSearchParams(location.hash.replace(/^#/, ''))) params.set(k, v);
  const tier = params.get('tier');
  const row = Number(params.get('row'));
  return {
    community: params.get('c'),
    tier: isTier(tier) ? tier : 'basic',
    standard: params.get('std') ?? DEFAULT_STANDARD,
    lang: params.get('lang') === 'en' ? 'en' : 'zh',
    row: params.has('row') && Number.isInteger(row) ? row : null,
    check: params.has('row') ? params.get('chk') : null,
    view: parseView(params.get('v')),
    hidden: (params.get('off') ?? '').split(',').filter(isGroup),
  };
}

export function writeUrlHash(state: UrlState): string {
  const params = new URLSearchParams();
  if (state.community) params.set('c', state.community);
  params.set('tier', state.tier);
  params.set('std', state.standard);
  params.set('lang', state.lang);
  if (state.row !== null) params.set('row', String(state.row));
  if (state.row !== null && state.check !== null) params.set('chk', state.check);
  if (state.view) {
    const { lon, lat, zoom, pitch, bearing } = state.view;
    params.set('v', [lon.toFixed(6), lat.toFixed(6), zoom.toFixed(2), pitch.toFixed(0), bearing.toFixed(0)].join(','));
  }
  if (state.hidden.length) params.set('off', state.hidden.join(','));
  return `#${params.toString().replace(/%2C/g, ',')}`;
}
