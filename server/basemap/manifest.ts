/**
 * What the client needs to know about the offline basemaps before asking for any:
 * tiles/basemaps.json, written by server/basemap/build.ts. Pure (no Node imports): the
 * client style imports it too.
 */
export const ATTRIBUTION = '© OpenStreetMap contributors';

export interface BasemapEntry {
  /** the archive tiles/{name}.pmtiles, served at /basemap/{name}.json and /basemap/{name}/{z}/{x}/{y}.pbf */
  name: string;
  /** [w, s, e, n] the tiles cover */
  bounds: [number, number, number, number];
  minzoom: number;
  maxzoom: number;
  attribution: string;
}

/** The first basemap whose bounds hold the whole bbox [w, s, e, n], or null. */
export function basemapFor(entries: readonly BasemapEntry[], bbox: readonly [number, number, number, number] | null): BasemapEntry | null {
  if (!bbox) return null;
  return entries.find((m) => m.bounds[0] <= bbox[0] && m.bounds[1] <= bbox[1] && m.bounds[2] >= bbox[2] && m.bounds[3] >= bbox[3]) ?? null;
}
