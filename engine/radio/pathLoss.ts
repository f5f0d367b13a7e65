/**
 * 3GPP TR 38.901 V17 §7.4.1 Table 7.4.1-1: urban macro (UMa) and urban micro street canyon
 * (UMi) path loss, LOS and NLOS, without shadow fading (median loss).
 * Distances in metres, frequency in GHz, loss in dB.
 */

export type Scenario = 'UMa' | 'UMi';
export type Condition = 'LOS' | 'NLOS';

const C = 299_792_458;

export interface LinkGeometry {
  /** horizontal distance, m */
  d2D: number;
  /** base-station antenna height, m */
  hBS: number;
  /** user-terminal height, m (1.5 m in the standard's examples) */
  hUT: number;
  fGHz: number;
}

const log10 = Math.log10;

function d3DOf(g: LinkGeometry): number {
  return Math.hypot(g.d2D, g.hBS - g.hUT);
}

/** breakpoint distance d'BP with the effective environment height hE = 1 m */
function breakpointM(g: LinkGeometry): number {
  return (4 * (g.hBS - 1) * (g.hUT - 1) * g.fGHz * 1e9) / C;
}

function umaLos(g: LinkGeometry): number {
  const d3D = d3DOf(g), dBP = breakpointM(g);
  if (g.d2D <= dBP) return 28.0 + 22 * log10(d3D) + 20 * log10(g.fGHz);
  return 28.0 + 40 * log10(d3D) + 20 * log10(g.fGHz) - 9 * log10(dBP * dBP + (g.hBS - g.hUT) ** 2);
}

function umaNlos(g: LinkGeometry): number {
  const pl = 13.54 + 39.08 * log10(d3DOf(g)) + 20 * log10(g.fGHz) - 0.6 * (g.hUT - 1.5);
  return Math.max(umaLos(g), pl);
}

function umiLos(g: LinkGeometry): number {
  const d3D = d3DOf(g), dBP = breakpointM(g);
  if (g.d2D <= dBP) return 32.4 + 21 * log10(d3D) + 20 * log10(g.fGHz);
  return 32.4 + 40 * log10(d3D) + 20 * log10(g.fGHz) - 9.5 * log10(dBP * dBP + (g.hBS - g.hUT) ** 2);
}

function umiNlos(g: LinkGeometry): number {
  const pl = 22.4 + 35.3 * log10(d3DOf(g)) + 21.3 * log10(g.fGHz) - 0.3 * (g.hUT - 1.5);
  return Math.max(umiLos(g), pl);
}

/**
 * Median path loss in dB. Below the model's 10 m minimum distance the 10 m value is used.
 *
 * @example pathLossDb('UMa', 'NLOS', { d2D: 200, hBS: 25, hUT: 1.5, fGHz: 3.5 }) // ≈ 132.6
 */
export function pathLossDb(scenario: Scenario, condition: Condition, link: LinkGeometry): number {
  return lossAtClamped(scenario, condition, { ...link, d2D: Math.max(10, link.d2D) });
}

/** pathLossDb for a link whose d2D is already clamped to ≥ 10 m */
function lossAtClamped(scenario: Scenario, condition: Condition, g: LinkGeometry): number {
  if (scenario === 'UMa') return condition === 'LOS' ? umaLos(g) : umaNlos(g);
  return condition === 'LOS' ? umiLos(g) : umiNlos(g);
}

/**
 * Largest horizontal distance at which `eirpDbm − pathLoss ≥ thresholdDbm` (bisection to 1 mm;
 * path loss grows with distance). 0 when even 10 m misses the threshold; capped at `maxM`.
 */
export function maxRangeM(
  scenario: Scenario, condition: Condition, link: Omit<LinkGeometry, 'd2D'>,
  eirpDbm: number, thresholdDbm: number, maxM = 10_000,
): number {
  // one link object for the whole bisection (pathLossDb would copy it twice per step)
  const g: LinkGeometry = { ...link, d2D: 10 };
  const ok = (d: number) => { g.d2D = Math.max(10, d); return eirpDbm - lossAtClamped(scenario, condition, g) >= thresholdDbm; };
  if (!ok(10)) return 0;
  if (ok(maxM)) return maxM;
  let lo = 10, hi = maxM;
  while (hi - lo > 1e-3) {
    const mid = (lo + hi) / 2;
    if (ok(mid)) lo = mid; else hi = mid;
  }
  return lo;
}
