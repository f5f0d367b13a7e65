/** The wall's tiles: the community status (server/district/status.ts) as label, value and verdict. */
import type { CommunityStatus, KeyValue } from '../../server/district/status.ts';
import { KEY_CHECKS } from '../../server/district/status.ts';
import { formatValue } from '../components/format.ts';
import type { WallLang } from './strings.ts';
import { wallText } from './strings.ts';

export interface Tile {
  checkId: string;
  label: string;
  value: string;
  /** the raw number, for tests and data attributes */
  raw: number | null;
  threshold: string;
  verdict: 'pass' | 'fail' | 'none';
}

const CHECK_LABELS: Record<string, { zh: string; en: string }> = {
  '5g': { zh: '5G 覆盖率', en: '5G coverage' },
  'video-coverage': { zh: '重点部位视频覆盖', en: 'Key locations on video' },
  'video-online': { zh: '摄像机在线率', en: 'Cameras online' },
  throwing: { zh: '高空抛物监测', en: 'Throwing watch' },
  'sports-walk': { zh: '15 分钟到达运动场地', en: 'Sports in 15 min walk' },
  charging: { zh: '电动车智能充电', en: 'E-bike charging' },
  fibre: { zh: '千兆光纤入户', en: 'Gigabit fibre' },
};

function thresholdText(kv: KeyValue): string {
  if (kv.threshold === null) return kv.unit === 'bool' ? '✓' : '';
  return kv.unit === 'bool' ? '✓' : `≥ ${formatValue(kv.threshold, kv.unit)}`;
}

export function tilesOf(status: CommunityStatus, lang: WallLang): Tile[] {
  const t = wallText(lang);
  return KEY_CHECKS.map((checkId) => {
    const kv = status.keyValues[checkId];
    const label = CHECK_LABELS[checkId]?.[lang] ?? checkId;
    if (!kv) return { checkId, label, value: '—', raw: null, threshold: t('notInTier'), verdict: 'none' as const };
    return {
      checkId, label, value: formatValue(kv.value, kv.unit), raw: kv.value, threshold: thresholdText(kv),
      verdict: kv.pass === true ? 'pass' as const : kv.pass === false ? 'fail' as const : 'none' as const,
    };
  });
}
