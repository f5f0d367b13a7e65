/** GB/T 28181 camera codes and unique Chinese camera names. */

export class CameraCodes {
  private serial = 0;
  /**
   * @param centre 8-digit centre code: county GB/T 2260 code (6 digits) + 2 digits
   * @param industry 2-digit industry code
   */
  constructor(private readonly centre: string, private readonly industry = '00') {
    if (!/^\d{8}$/.test(centre) || !/^\d{2}$/.test(industry)) throw new Error('bad centre/industry code');
  }
  /** next code; type 131 (camera) or 132 (IP camera); serial 7 digits, network flag 0 first */
  next(type: 131 | 132 = 132): string {
    this.serial += 1;
    return `${this.centre}${this.industry}${type}${String(this.serial).padStart(7, '0')}`;
  }
}

export class UniqueNames {
  private readonly used = new Map<string, number>();
  /** the name itself when unused, else the name with 之N appended */
  take(name: string): string {
    const n = this.used.get(name) ?? 0;
    this.used.set(name, n + 1);
    return n === 0 ? name : `${name}之${n + 1}`;
  }
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1 → 一, 12 → 十二, 25 → 二十五 (1–99) */
export function cnNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  const t = Math.floor(n / 10), o = n % 10;
  return `${t === 1 ? '' : CN_DIGITS[t]}十${o ? CN_DIGITS[o] : ''}`;
}
