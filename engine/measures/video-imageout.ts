/**
 * `video-imageout` — cameras with image output ÷ public cameras (domain.md §2). The standard
 * does not define "public"; the oracle (and this default) counts every camera, any purpose
 * (`publicCameraPurposes: 'all'`); set e.g. 'keyLocation,perimeter,general' to narrow it.
 */
import type { Measure } from './types.ts';
import { statusRate } from './video-online.ts';

export const measure: Measure = {
  id: 'video-imageout',
  unit: '%',
  defaults: { publicCameraPurposes: 'all' },
  method: '100 × cameras with imageOut = true ÷ public cameras (publicCameraPurposes; default all cameras)',
  run: (twin, ctx) => statusRate('video-imageout', twin, ctx, 'imageOut',
    String({ ...measure.defaults, ...ctx.params }.publicCameraPurposes), measure.method, 'imageOut'),
};
