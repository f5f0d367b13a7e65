/** Emitting cameras with compliant GB/T 28181 attributes. */
import { round } from './prng.ts';
import { pt, type TwinBuilder } from './emit.ts';
import type { Cam } from './rules.ts';
import { CameraCodes, UniqueNames } from './codes.ts';

export interface CamState { online?: boolean; intact?: boolean; imageOut?: boolean; code?: string; name?: string; adminCode?: string }

export class CameraEmitter {
  readonly codes: CameraCodes;
  readonly names = new UniqueNames();
  constructor(private readonly tb: TwinBuilder, countyCentre: string, private readonly adminCode: string) {
    this.codes = new CameraCodes(countyCentre);
  }
  /** Emit one camera; angles rounded to 0.1°, lon/lat to 7 decimals. Returns the camera as emitted (rounded heading). */
  add(purpose: string, name: string, c: Cam, state: CamState = {}): Cam {
    const headingDeg = round(((c.headingDeg % 360) + 360) % 360, 1);
    const id = this.tb.nextId('cam');
    this.tb.add('camera', {
      id,
      code: state.code ?? this.codes.next(purpose === 'throwing' || purpose === 'general' ? 132 : 131),
      name: state.name ?? this.names.take(name),
      adminCode: state.adminCode ?? this.adminCode,
      purpose, headingDeg, hfovDeg: c.hfovDeg, vfovDeg: c.vfovDeg, tiltDeg: c.tiltDeg, rangeM: c.rangeM,
      mountHeightM: c.mountHeightM,
      online: state.online ?? true, intact: state.intact ?? true, imageOut: state.imageOut ?? true,
    }, pt(c.at));
    return { ...c, headingDeg, online: state.online ?? true, intact: state.intact ?? true };
  }
}
