/**
 * The facility icon atlas: one SVG path per icon (24 × 24 viewBox), drawn white on a
 * transparent canvas once, so deck.gl's IconLayer tints it (mask) — bundled, no image request.
 * The legend draws the same paths as inline SVG.
 */
import type { BaseProps } from '../../engine/twin/types.ts';

export const ICON_PATHS = {
  gate: 'M3 4h3v17H3zM18 4h3v17h-3zM6 8h12v3H6z',
  perimeter: 'M3 5h2.5v16H3zM8.5 5H11v16H8.5zM13 5h2.5v16H13zM18.5 5H21v16h-2.5zM3 9h18v2H3zM3 15h18v2H3z',
  charger: 'M14 2 5 14h6l-2 8 10-13h-6l1-7z',
  smartPole: 'M11 5h2v17h-2zM13 5h7v2h-7zM16 7h4v3h-4zM5 8a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0-5 0z',
  light: 'M12 2a6.5 6.5 0 0 0-3.7 11.8V16h7.4v-2.2A6.5 6.5 0 0 0 12 2zM9 17.5h6v2H9zM10 20.5h4V22h-4z',
  garbage: 'M4 5h16v2.5H4zM9.5 2h5v2.5h-5zM6 9h12l-1.2 13H7.2z',
  venue: 'M5 2h2v20H5zM7 3h12l-3 4.5 3 4.5H7z',
  library: 'M3 4h8v16H3zM13 4h8v16h-8z',
  camera: 'M2 8h13v9H2zM15 11l7-3.5v10L15 14z',
  fiveG: 'M11 9h2v13h-2zM12 3a3 3 0 1 0 0.01 0zM6.5 22l4.5-11h2l4.5 11h-2.2L12 14l-3.3 8z',
  emergency: 'M9.5 3h5v6.5H21v5h-6.5V21h-5v-6.5H3v-5h6.5z',
  fire: 'M12 2c1 4 6.5 6 6.5 12.5a6.5 6.5 0 0 1-13 0c0-3 1.7-5.2 3-7 .6 2 1.6 3.2 2.8 3.5C11 8 10.5 5 12 2z',
  patrol: 'M12 2l8.5 3.2v6.3c0 5-3.6 9-8.5 10.5-4.9-1.5-8.5-5.5-8.5-10.5V5.2z',
  convenience: 'M3 7h18v14H3zM7 3h10v4H7zM9 11h6v3H9z',
  facility: 'M6 6h12v12H6z',
  check: 'M3.5 12.5 6 10l4 4 8-8.5 2.5 2.5L10 19z',
  cross: 'M5.5 3.5 12 10l6.5-6.5 2 2L14 12l6.5 6.5-2 2L12 14l-6.5 6.5-2-2L10 12 3.5 5.5z',
} as const;

export type IconName = keyof typeof ICON_PATHS;

const FACILITY_ICONS: Record<string, IconName> = {
  gate: 'gate', perimeterSensor: 'perimeter', garbagePoint: 'garbage', garbageMonitor: 'garbage',
  fireDetection: 'fire', fireLaneMonitor: 'fire', hydrantMonitor: 'fire', elevatorEbikeDetection: 'fire',
  emergencyHelp: 'emergency', patrolPoint: 'patrol', locker: 'convenience', vending: 'convenience', water: 'convenience',
};
const LIBRARY_VENUES = new Set(['library', 'smartLibrary', 'bookCorner', 'smartBookCabinet']);

/** The icon of a point device or facility. */
export function iconOf(p: BaseProps): IconName {
  switch (p.kind) {
    case 'charger': return 'charger';
    case 'smartPole': return 'smartPole';
    case 'light': return 'light';
    case 'camera': return 'camera';
    case 'fiveG': return 'fiveG';
    case 'venue': return LIBRARY_VENUES.has(String(p.type ?? '')) ? 'library' : 'venue';
    default: return FACILITY_ICONS[String(p.type ?? '')] ?? 'facility';
  }
}

const CELL_PX = 48;
const NAMES = Object.keys(ICON_PATHS) as IconName[];

export interface IconAtlas {
  /**
   * the canvas, typed as IconLayer's `iconAtlas` prop: deck.gl's image props turn any texture
   * source (canvas included) into a texture, but the prop's declared type lists only URL | Texture
   */
  image: string;
  mapping: Record<IconName, { x: number; y: number; width: number; height: number; mask: true }>;
}

let atlas: IconAtlas | null = null;

/** All icons in one row of 48 px cells, white, drawn once per page. */
export function iconAtlas(): IconAtlas {
  if (atlas) return atlas;
  const image = document.createElement('canvas');
  image.width = CELL_PX * NAMES.length;
  image.height = CELL_PX;
  const ctx = image.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas for the icon atlas');
  ctx.fillStyle = '#fff';
  const mapping = {} as IconAtlas['mapping'];
  NAMES.forEach((name, i) => {
    ctx.setTransform(CELL_PX / 24, 0, 0, CELL_PX / 24, i * CELL_PX, 0);
    ctx.fill(new Path2D(ICON_PATHS[name]));
    mapping[name] = { x: i * CELL_PX, y: 0, width: CELL_PX, height: CELL_PX, mask: true };
  });
  return (atlas = { image: image as unknown as string, mapping });
}
