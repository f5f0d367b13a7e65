/**
 * 5G NR bands as used in China: carrier frequency for the path-loss model and the number of
 * resource elements (subcarriers) across the carrier, which turns a cell's total EIRP into
 * the per-resource-element power SS-RSRP is measured on.
 */

export interface BandInfo {
  /** carrier centre frequency in GHz */
  fGHz: number;
  /** channel bandwidth the operators deploy, MHz */
  bandwidthMHz: number;
  /** subcarrier spacing, kHz */
  scsKHz: number;
  /** resource blocks over the channel (TS 38.101-1 Table 5.3.2-1) */
  nRb: number;
}

/** China's 5G carriers (CMCC n41/n79, CT/CU n78, CBN n28), others at typical values */
export const NR_BANDS: Readonly<Record<string, BandInfo>> = {
  n1: { fGHz: 2.14, bandwidthMHz: 20, scsKHz: 15, nRb: 106 },
  n3: { fGHz: 1.8425, bandwidthMHz: 20, scsKHz: 15, nRb: 106 },
  n8: { fGHz: 0.9425, bandwidthMHz: 10, scsKHz: 15, nRb: 52 },
  n28: { fGHz: 0.773, bandwidthMHz: 30, scsKHz: 15, nRb: 160 },
  n41: { fGHz: 2.595, bandwidthMHz: 100, scsKHz: 30, nRb: 273 },
  n77: { fGHz: 3.75, bandwidthMHz: 100, scsKHz: 30, nRb: 273 },
  n78: { fGHz: 3.5, bandwidthMHz: 100, scsKHz: 30, nRb: 273 },
  n79: { fGHz: 4.9, bandwidthMHz: 100, scsKHz: 30, nRb: 273 },
};

/**
 * A fiveG `band` attribute → band info. Accepts an NR band name ("n78", "N41") or a carrier
 * frequency in GHz (3.5, "3.5", "3.5 GHz"); a bare frequency is taken as a 100 MHz, 30 kHz
 * carrier. Returns null when the band cannot be read.
 *
 * @example bandInfo('n78').fGHz // 3.5
 */
export function bandInfo(band: unknown): BandInfo | null {
  if (typeof band === 'string') {
    const name = band.trim().toLowerCase();
    if (NR_BANDS[name]) return NR_BANDS[name];
    const m = /^(\d+(?:\.\d+)?)\s*(ghz)?$/.exec(name);
    if (m) return bandInfo(Number(m[1]));
    return null;
  }
  if (typeof band === 'number' && Number.isFinite(band) && band > 0.1 && band <= 100) {
    return { fGHz: band, bandwidthMHz: 100, scsKHz: 30, nRb: 273 };
  }
  return null;
}

/** dB to subtract from a carrier's total EIRP to get the EIRP of one resource element */
export function perResourceElementDb(b: BandInfo): number {
  return 10 * Math.log10(b.nRb * 12);
}
