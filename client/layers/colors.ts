/** One palette for the map layers and the legend. */
import type { Rgba } from './types.ts';

export const COLORS = {
  boundary: [40, 44, 52, 255],
  closedCompound: [176, 104, 40, 255],
  openCompound: [70, 110, 150, 255],
  residential: [224, 214, 196, 235],
  otherUse: [190, 200, 212, 235],
  throwingApplies: [198, 170, 226, 240],
  cameraOnline: [28, 150, 80, 255],
  cameraOffline: [150, 150, 150, 255],
  cameraBroken: [222, 120, 20, 255],
  cameraCluster: [28, 120, 70, 230],
  viewSector: [60, 170, 110, 26],
  covered: [28, 150, 80, 255],
  uncovered: [220, 30, 40, 255],
  fiveGCoverage: [70, 140, 230, 50],
  fiveGSite: [40, 100, 200, 255],
  fiveGHole: [230, 40, 60, 120],
  uncoveredFacade: [225, 20, 20, 255],
  isochrone: [60, 170, 200, 45],
  unreached: [230, 90, 20, 255],
  venue: [60, 160, 70, 255],
  charger: [240, 180, 0, 255],
  smartPole: [120, 70, 200, 255],
  light: [250, 220, 90, 255],
  gate: [20, 90, 160, 255],
  facility: [0, 140, 140, 255],
  highlight: [255, 0, 110, 255],
  selected: [0, 200, 255, 255],
} satisfies Record<string, Rgba>;

export type ColorName = keyof typeof COLORS;

export const cssColor = ([r, g, b, a]: Rgba): string => `rgba(${r},${g},${b},${Math.max(a, 120) / 255})`;
