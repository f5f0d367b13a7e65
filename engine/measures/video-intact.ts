/** `video-intact` — 100 × cameras with `intact: true` ÷ all cameras (any purpose, as the oracle counts). */
import type { Measure } from './types.ts';
import { statusRate } from './video-online.ts';

export const measure: Measure = {
  id: 'video-intact',
  unit: '%',
  defaults: { videoStatusPurposes: 'all' },
  method: '100 × cameras with intact = true ÷ cameras (every purpose unless videoStatusPurposes lists some)',
  run: (twin, ctx) => statusRate('video-intact', twin, ctx, 'intact',
    String({ ...measure.defaults, ...ctx.params }.videoStatusPurposes), measure.method, 'intact'),
};
