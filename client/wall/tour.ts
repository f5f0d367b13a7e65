/**
 * The wall's tour: one stop per current gap of the target tier's report — a failing computed
 * check's gap features (or, for checks without geometry in their gaps, its failing features),
 * at most `perCheck` of each check and `max` in all — then back to the overview.
 */
import type { Feature } from 'geojson';
import type { Report, ReportRow } from '../../engine/report/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { bboxOf, type Bbox } from '../map/bbox.ts';
import { formatValue } from '../components/format.ts';
import type { WallLang } from './strings.ts';

export interface TourStop {
  row: ReportRow;
  checkId: string;
  bbox: Bbox;
  /** one line: row name, value vs threshold */
  title: string;
  /** what is wrong here: the feature's name and the reason */
  detail: string;
}

const MIN_BOX_DEG = 0.0006; // ≈ 60 m: a single point still gets some context

function padded([w, s, e, n]: Bbox): Bbox {
  const dx = Math.max(0, MIN_BOX_DEG - (e - w)) / 2, dy = Math.max(0, MIN_BOX_DEG - (n - s)) / 2;
  return [w - dx, s - dy, e + dx, n + dy];
}

const idOf = (f: Feature): string | null => {
  const p = f.properties ?? {};
  const id = p.id ?? p.buildingId;
  return typeof id === 'string' ? id : null;
};

/** `failing`: the computed checks that fail, as `row:checkId` (attested checks are not places) */
export function tourStops(report: Report | null, twin: TwinFile | null, failing: ReadonlySet<string>, lang: WallLang, perCheck = 2, max = 12): TourStop[] {
  if (!report || !twin) return [];
  const byId = new Map(twin.features.map((f) => [f.properties.id, f]));
  const stops: TourStop[] = [];
  for (const row of report.rows) {
    for (const check of row.checks) {
      if (check.pass !== false || !failing.has(`${row.row}:${check.id}`)) continue;
      const gapFeatures = (check.evidence?.gaps?.features ?? []).filter((f) => f.geometry);
      const places: Feature[] = gapFeatures.length > 0 ? gapFeatures
        : (check.evidence?.failingIds ?? []).map((id) => byId.get(id)).filter((f): f is NonNullable<typeof f> => Boolean(f && f.properties.kind !== 'community'));
      for (const place of places.slice(0, perCheck)) {
        const id = idOf(place);
        const feature = id ? byId.get(id) : undefined;
        const box = bboxOf(feature && gapFeatures.length === 0 ? [feature] : [place, ...(feature ? [feature] : [])]);
        if (!box) continue;
        const name = String(feature?.properties.name ?? place.properties?.name ?? id ?? '');
        const reason = (id && check.evidence.reasons?.[id]) || String(place.properties?.reason ?? '');
        const threshold = check.threshold === null ? '' : ` / ${formatValue(check.threshold, check.unit)}`;
        stops.push({
          row, checkId: check.id, bbox: padded(box),
          title: `${lang === 'en' ? row.nameEn : row.name} · ${check.id} ${formatValue(check.value, check.unit)}${threshold}`,
          detail: [name, reason.length > 120 ? `${reason.slice(0, 117)}…` : reason].filter(Boolean).join(' — '),
        });
        if (stops.length >= max) return stops;
      }
    }
  }
  return stops;
}
