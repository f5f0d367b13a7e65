/**
 * `video-online` — 100 × cameras with `online: true` ÷ all cameras (any purpose, as the
 * oracle counts). Also exports the shared status-rate helper of video-intact / video-imageout.
 */
import type { Measure, MeasureContext } from './types.ts';
import type { Twin } from '../twin/model.ts';
import type { CameraProps } from '../twin/types.ts';
import { result } from './result.ts';
import type { CheckResult } from '../report/types.ts';

/** Which cameras form the denominator: 'all', or a comma-separated list of purposes. */
export function camerasCounted(twin: Twin, purposes: string) {
  const list = purposes.trim() === '' || purposes.trim() === 'all' ? null
    : new Set(purposes.split(',').map((s) => s.trim()).filter(Boolean));
  return twin.features.camera.filter((c) => !list || list.has(String(c.properties.purpose ?? '')));
}

/** 100 × cameras whose `field` is true ÷ counted cameras; a camera lacking the field counts as false and is named. */
export function statusRate(
  id: string, twin: Twin, ctx: MeasureContext, field: keyof Pick<CameraProps, 'online' | 'intact' | 'imageOut'>,
  purposes: string, method: string, label: string,
): CheckResult {
  const cams = camerasCounted(twin, purposes);
  const failingIds: string[] = [];
  const reasons: Record<string, string> = {};
  for (const c of cams) {
    const v = c.properties[field];
    if (v === true) continue;
    const cid = String(c.properties.id);
    failingIds.push(cid);
    reasons[cid] = v === false ? `${field} is false` : `${field} missing (counted as false)`;
  }
  const ok = cams.length - failingIds.length;
  const value = cams.length ? (100 * ok) / cams.length : null;
  const reason = twin.features.camera.length === 0 ? 'no cameras in the twin'
    : cams.length === 0 ? `no cameras with purpose in {${purposes}}` : undefined;
  return result(id, '%', ctx, value, {
    counts: { cameras: cams.length, [label]: ok, [`not${label[0].toUpperCase()}${label.slice(1)}`]: failingIds.length },
    failingIds,
    reasons,
  }, { method, ...(reason ? { reason, pass: false } : {}) });
}

export const measure: Measure = {
  id: 'video-online',
  unit: '%',
  defaults: { videoStatusPurposes: 'all' },
  method: '100 × cameras with online = true ÷ cameras (every purpose unless videoStatusPurposes lists some)',
  run: (twin, ctx) => statusRate('video-online', twin, ctx, 'online',
    String({ ...measure.defaults, ...ctx.params }.videoStatusPurposes), measure.method, 'online'),
};
