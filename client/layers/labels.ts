import { TextLayer } from 'deck.gl';
import { CollisionFilterExtension } from '@deck.gl/extensions';
import type { Geometry, Position } from 'geojson';
import type { TwinFile } from '../../engine/twin/types.ts';

/** Bundled CJK font (@fontsource/noto-sans-sc); 'auto' builds the atlas from the label text. */
export const LABEL_FONT = {
  fontFamily: '"Noto Sans SC", sans-serif',
  characterSet: 'auto' as const,
  fontWeight: 500,
};

/** A point to hang a label on: the mean of the outer ring's vertices (good enough to place text). */
export function labelCentroid(g: Geometry): [number, number] {
  let ring: Position[] = [];
  if (g.type === 'Point') return [g.coordinates[0], g.coordinates[1]];
  if (g.type === 'Polygon') ring = g.coordinates[0];
  else if (g.type === 'MultiPolygon') ring = g.coordinates[0]?.[0] ?? [];
  else if (g.type === 'LineString') ring = g.coordinates;
  const pts = ring.length > 1 && g.type !== 'LineString' ? ring.slice(0, -1) : ring;
  const sum = pts.reduce((acc, p) => [acc[0] + p[0], acc[1] + p[1]], [0, 0]);
  return [sum[0] / Math.max(1, pts.length), sum[1] / Math.max(1, pts.length)];
}

interface Label { text: string; position: [number, number]; size: number; minZoom: number }

/** label size (px) and the zoom from which a kind is labelled */
const LABELLED_KINDS: Record<string, { size: number; minZoom: number }> = {
  community: { size: 18, minZoom: 0 },
  compound: { size: 14, minZoom: 15.5 },
  venue: { size: 11, minZoom: 17 },
};

export function labelTexts(twin: TwinFile): Label[] {
  const labels: Label[] = [];
  for (const f of twin.features) {
    const kind = f.properties?.kind;
    const name = f.properties?.name;
    const style = kind ? LABELLED_KINDS[kind] : undefined;
    if (!style || typeof name !== 'string' || !name || !f.geometry) continue;
    labels.push({ text: name, position: labelCentroid(f.geometry), ...style });
  }
  return labels;
}

/**
 * Names of the community, its compounds and venues: smaller kinds only once zoomed in, and
 * a label that would overlap a bigger one is left out (deck.gl's collision filter).
 */
export function labelLayer(twin: TwinFile, zoom: number) {
  return new TextLayer<Label, { getCollisionPriority: (l: Label) => number; collisionTestProps: object }>({
    id: 'labels',
    data: labelTexts(twin).filter((l) => zoom >= l.minZoom),
    getPosition: (l) => l.position,
    getText: (l) => l.text,
    getSize: (l) => l.size,
    getColor: [30, 34, 40, 255],
    outlineWidth: 4,
    outlineColor: [255, 255, 255, 220],
    fontSettings: { sdf: true },
    ...LABEL_FONT,
    parameters: { depthCompare: 'always' },
    extensions: [new CollisionFilterExtension()],
    getCollisionPriority: (l) => l.size,
    // the collision box is the text plus a margin, so neighbours do not touch
    collisionTestProps: { sizeScale: 1.3 },
  });
}
