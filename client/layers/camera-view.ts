/**
 * Camera view polygons for drawing.
 * PLACEHOLDER: a plain, unoccluded wedge (headingDeg ± hfovDeg/2, radius rangeM) on a
 * local equirectangular approximation. To be replaced by engine/geo/sector.ts
 * `cameraViewPolygon(twin, camera)` (the occluded view, the same rule the engine counts).
 */
import type { Feature, Point, Polygon } from 'geojson';
import type { CameraProps } from '../../engine/twin/types.ts';

const EARTH_RADIUS_M = 6_371_008.8;
const DEG = Math.PI / 180;

export function plainWedge(camera: Feature<Point, CameraProps>, stepDeg = 5): Polygon | null {
  const { headingDeg, hfovDeg, rangeM } = camera.properties;
  if (headingDeg === undefined || hfovDeg === undefined || !rangeM) return null;
  const [lon0, lat0] = camera.geometry.coordinates;
  const mPerDegLat = EARTH_RADIUS_M * DEG;
  const mPerDegLon = mPerDegLat * Math.cos(lat0 * DEG);
  const ring: [number, number][] = [[lon0, lat0]];
  const fov = Math.min(hfovDeg, 360);
  const steps = Math.max(2, Math.ceil(fov / stepDeg));
  for (let i = 0; i <= steps; i++) {
    const bearing = (headingDeg - fov / 2 + (fov * i) / steps) * DEG;
    ring.push([lon0 + (rangeM * Math.sin(bearing)) / mPerDegLon, lat0 + (rangeM * Math.cos(bearing)) / mPerDegLat]);
  }
  ring.push([lon0, lat0]);
  return { type: 'Polygon', coordinates: [ring] };
}
