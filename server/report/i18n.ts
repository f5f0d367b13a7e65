/** Words of the acceptance report in Chinese (default) and English, and how numbers are written. */
import type { CheckResult, Unit } from '../../engine/report/types.ts';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

export interface Labels {
  title: string;
  columns: { row: string; category: string; name: string; requirement: string; result: string; pass: string };
  community: string; standard: string; tier: string; date: string; engine: string;
  inputSha: string; standardSha: string; area: string;
  summary: (s: { rows: number; passed: number; attested: number; failed: number; missing: number }) => string;
  met: string; notMet: string; pending: string;
  check: string; method: string; params: string; value: string; threshold: string; evidence: string;
  failing: string; andMore: (n: number) => string; reason: string;
  attestation: string; evidenceRef: string; attestedBy: string; attestedAt: string; awaiting: string;
  mapCaption: string; none: string; yes: string; no: string;
  /** names of the computed checks; attested checks take theirs from the standard */
  checkNames: Record<string, string>;
}

const CHECKS_ZH: Record<string, string> = {
  fibre: '家庭千兆光纤网络覆盖率', '5g': '5G网络覆盖率', '5g-indoor': '电梯、地下车库5G深度覆盖', tv: '广播电视覆盖率',
  'video-coverage': '关键位置视频覆盖率', 'video-online': '视频联网率', 'video-intact': '摄像机完好率',
  'video-imageout': '公共视频资源出图率', 'video-compliance': '视频编码、名称、行政区划、经纬度合规率',
  lighting: '智能照明设施安装率', charging: '智能充电设施', energy: '家庭能源自动化采集设施安装率',
  'sports-walk': '15分钟步行可达体育场地', library: '智能图书设施', access: '出入口智能门禁', perimeter: '周界入侵监测',
  throwing: '高空抛物监测覆盖', 'fire-ebike': '电动自行车入梯检测', 'fire-hazard': '消防隐患自动监测', garbage: '垃圾分类监测',
  convenience: '智能便民设施', patrol: '电子巡更覆盖', emergency: '公共区域一键求助', elderly: '智慧养老服务',
};
const CHECKS_EN: Record<string, string> = {
  fibre: 'Household gigabit fibre coverage', '5g': '5G network coverage', '5g-indoor': '5G deep coverage of lifts and underground garages',
  tv: 'Radio and TV coverage', 'video-coverage': 'Video coverage of key locations', 'video-online': 'Camera online (networked) rate',
  'video-intact': 'Camera intact rate', 'video-imageout': 'Image-output rate of public video', 'video-compliance': 'Camera code, name, division and lon/lat compliance',
  lighting: 'Smart lighting installation rate', charging: 'Smart charging facilities', energy: 'Household energy metering rate',
  'sports-walk': 'Sports venue within a 15-minute walk', library: 'Smart book facilities', access: 'Smart access control at entrances',
  perimeter: 'Perimeter intrusion detection', throwing: 'High-altitude throwing monitoring coverage', 'fire-ebike': 'E-bike-into-lift detection',
  'fire-hazard': 'Automatic fire-hazard detection', garbage: 'Garbage-sorting monitoring', convenience: 'Smart convenience facilities',
  patrol: 'Electronic patrol coverage', emergency: 'One-key emergency help in public areas', elderly: 'Smart elderly-care services',
};

export const LABELS: Record<Lang, Labels> = {
  zh: {
    title: '智慧社区建设验收评估表',
    columns: { row: '序号', category: '类别', name: '指标名称', requirement: '指标要求', result: '实际情况/计算结果', pass: '是否达标' },
    community: '社区', standard: '标准', tier: '等级', date: '日期', engine: '引擎版本',
    inputSha: '输入 SHA-256', standardSha: '标准 SHA-256', area: '面积',
    summary: (s) => `共 ${s.rows} 项：达标 ${s.passed} 项，认定达标 ${s.attested} 项，未达标 ${s.failed} 项，待认定 ${s.missing} 项`,
    met: '达标', notMet: '未达标', pending: '待认定',
    check: '检查项', method: '计算方法', params: '参数', value: '计算值', threshold: '阈值', evidence: '依据',
    failing: '未达标要素', andMore: (n) => `等另 ${n} 个`, reason: '说明',
    attestation: '认定意见', evidenceRef: '证明材料', attestedBy: '认定人', attestedAt: '认定时间', awaiting: '待认定：',
    mapCaption: '缺口示意图（红/橙斜线为缺口）', none: '无', yes: '是', no: '否',
    checkNames: CHECKS_ZH,
  },
  en: {
    title: 'Smart-community acceptance assessment',
    columns: { row: 'No.', category: 'Category', name: 'Indicator', requirement: 'Requirement', result: 'Actual / computed result', pass: 'Met' },
    community: 'Community', standard: 'Standard', tier: 'Tier', date: 'Date', engine: 'Engine version',
    inputSha: 'Input SHA-256', standardSha: 'Standard SHA-256', area: 'Area',
    summary: (s) => `${s.rows} rows: ${s.passed} met, ${s.attested} met by attestation, ${s.failed} not met, ${s.missing} pending`,
    met: 'Met', notMet: 'Not met', pending: 'Pending',
    check: 'Check', method: 'Method', params: 'Parameters', value: 'Value', threshold: 'Threshold', evidence: 'Evidence',
    failing: 'Failing features', andMore: (n) => `and ${n} more`, reason: 'Note',
    attestation: 'Attestation', evidenceRef: 'Evidence', attestedBy: 'Attested by', attestedAt: 'Attested at', awaiting: 'Awaiting attestation: ',
    mapCaption: 'Gaps (red/orange hatching)', none: 'none', yes: 'yes', no: 'no',
    checkNames: CHECKS_EN,
  },
};

export function parseLang(value: string | undefined): Lang | null {
  if (value === undefined || value === '') return 'zh';
  return (LANGS as readonly string[]).includes(value) ? (value as Lang) : null;
}

const UNIT_SUFFIX: Record<Unit, string> = { '%': '%', count: '', m: ' m', m2: ' m²', bool: '' };

/** A number as the report prints it: integers as they are, others to two decimals. */
export const formatNumber = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(2));

export function formatValue(c: Pick<CheckResult, 'value' | 'unit' | 'pass'>, l: Labels): string {
  if (c.value === null) return c.pass === null ? l.pending : '—';
  if (c.unit === 'bool') return c.value === 1 ? l.yes : l.no;
  return `${formatNumber(c.value)}${UNIT_SUFFIX[c.unit]}`;
}

export function formatThreshold(c: Pick<CheckResult, 'threshold' | 'unit'>): string {
  return c.threshold === null ? '—' : `≥ ${formatNumber(c.threshold)}${UNIT_SUFFIX[c.unit]}`;
}

export const passLabel = (pass: boolean | null, l: Labels): string => (pass === true ? l.met : pass === false ? l.notMet : l.pending);
