/** The one table `npm run bench` prints: each figure beside its anchor, with the ratio and the target. */

export interface Row {
  section: string;
  figure: string;
  /** what we measure (ms unless `unit` says otherwise) */
  ours: number | null;
  /** what it is compared with, and its name */
  anchor?: { name: string; value: number | null };
  unit?: string;
  target?: string;
  /** true / false when a target is set and could be judged */
  met?: boolean | null;
  note?: string;
}

const fmt = (x: number | null | undefined, unit = 'ms'): string => {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return `${x.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
};

/** anchor ÷ ours for times (how many times faster we are); ours ÷ anchor for anything else */
export function ratio(r: Row): string {
  const a = r.anchor?.value, o = r.ours;
  if (a === null || a === undefined || o === null || !(o > 0) || !(a > 0)) return '—';
  return (r.unit ?? 'ms') === 'ms' ? `${(a / o).toFixed(2)}× faster` : `${(o / a).toFixed(3)}`;
}

export function markdown(rows: readonly Row[]): string {
  const out = ['| section | figure | ours | anchor | anchor value | ratio | target | met | note |', '|---|---|---:|---|---:|---:|---|---|---|'];
  for (const r of rows) {
    const met = r.met === undefined ? '' : r.met === null ? '?' : r.met ? 'yes' : '**no**';
    out.push(`| ${r.section} | ${r.figure} | ${fmt(r.ours, r.unit)} | ${r.anchor?.name ?? ''} | ${r.anchor ? fmt(r.anchor.value, r.unit) : ''} | ${ratio(r)} | ${r.target ?? ''} | ${met} | ${r.note ?? ''} |`);
  }
  return out.join('\n');
}
