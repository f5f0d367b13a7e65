/**
 * Source columns → twin attributes (domain.md §1): Chinese and English headers, kinds
 * named in either language, values coerced to the attribute's type with errors that name
 * where they came from ("row 12, column 视场角").
 */
import { FEATURE_KINDS, type FeatureKind } from '../../../engine/twin/types.ts';
import { SHP_FIELD_NAMES } from './fieldNames.ts';
import { ImportFormatError, type SourceProps } from './types.ts';

type ValueType = 'string' | 'number' | 'boolean' | 'strings';
interface Alias { attr: string; type: ValueType; names: string[]; kinds?: FeatureKind[] }

/** Header normal form: lower case, no spaces, underscores, hyphens or brackets with units. */
export const normalizeHeader = (h: string) => h.trim().toLowerCase().replace(/[（(][^)）]*[)）]$/, '').replace(/[\s_\-.]/g, '');

const ALIASES: Alias[] = [
  { attr: 'kind', type: 'string', names: ['kind', '类别', '要素类别', '要素类型', '图层', 'layer', 'category'] },
  { attr: 'id', type: 'string', names: ['id', '编号', '标识', 'featureid'] },
  { attr: 'name', type: 'string', names: ['name', '名称', '名字', '设备名称', '点位名称', '摄像头名称', '楼栋名称', '小区名称', 'mc'] },
  { attr: 'type', type: 'string', names: ['type', '类型', '子类型', 'subtype', '设施类型'] },
  { attr: 'code', type: 'string', names: ['code', '编码', '设备编码', '国标编码', '国标编号', 'gbcode', 'gb28181', 'deviceid', '设备id'] },
  { attr: 'adminCode', type: 'string', names: ['admincode', '行政区划代码', '行政区划', '区划代码', '区划编码', '行政区划编码'] },
  { attr: 'compoundId', type: 'string', names: ['compoundid', '小区编号', '所属小区', '小区id'] },
  // camera
  { attr: 'purpose', type: 'string', names: ['purpose', '用途', '监控类型', '点位类型'], kinds: ['camera'] },
  { attr: 'headingDeg', type: 'number', names: ['heading', 'headingdeg', '朝向', '方向', '方向角', '方位角', 'azimuth', 'direction'], kinds: ['camera'] },
  { attr: 'hfovDeg', type: 'number', names: ['hfov', 'hfovdeg', 'fov', '视场角', '水平视场角', '水平视角', '视角'], kinds: ['camera'] },
  { attr: 'vfovDeg', type: 'number', names: ['vfov', 'vfovdeg', '垂直视场角', '垂直视角'], kinds: ['camera'] },
  { attr: 'tiltDeg', type: 'number', names: ['tilt', 'tiltdeg', 'pitch', '俯仰角', '倾角', '俯角'], kinds: ['camera'] },
  { attr: 'rangeM', type: 'number', names: ['range', 'rangem', '可视距离', '监控距离', '视距', '监控半径'], kinds: ['camera'] },
  { attr: 'mountHeightM', type: 'number', names: ['mountheight', 'mountheightm', 'height', '安装高度', '高度', '架设高度'], kinds: ['camera'] },
  { attr: 'online', type: 'boolean', names: ['online', '在线', '是否在线', '在线状态'], kinds: ['camera'] },
  { attr: 'intact', type: 'boolean', names: ['intact', '完好', '是否完好', '完好状态'], kinds: ['camera'] },
  { attr: 'imageOut', type: 'boolean', names: ['imageout', '图像输出', '视频输出', '是否输出图像'], kinds: ['camera'] },
  // 5G
  { attr: 'azimuthDeg', type: 'number', names: ['azimuth', 'azimuthdeg', '方位角', '朝向', 'heading'], kinds: ['fiveG'] },
  { attr: 'beamwidthDeg', type: 'number', names: ['beamwidth', 'beamwidthdeg', '波束宽度'], kinds: ['fiveG'] },
  { attr: 'heightM', type: 'number', names: ['height', 'heightm', '高度', '挂高', '天线挂高'], kinds: ['fiveG'] },
  { attr: 'eirpDbm', type: 'number', names: ['eirp', 'eirpdbm', '发射功率'], kinds: ['fiveG'] },
  { attr: 'operator', type: 'string', names: ['operator', '运营商'], kinds: ['fiveG'] },
  { attr: 'band', type: 'string', names: ['band', '频段'], kinds: ['fiveG'] },
  { attr: 'liftCovered', type: 'boolean', names: ['liftcovered', '电梯覆盖'], kinds: ['fiveG'] },
  { attr: 'garageCovered', type: 'boolean', names: ['garagecovered', '车库覆盖', '地下车库覆盖'], kinds: ['fiveG'] },
  // buildings, compounds, community
  { attr: 'floors', type: 'number', names: ['floors', '层数', '楼层数', '地上层数', '楼层'], kinds: ['building'] },
  { attr: 'floorHeightM', type: 'number', names: ['floorheight', 'floorheightm', '层高'], kinds: ['building'] },
  { attr: 'use', type: 'string', names: ['use', '用途', '建筑用途', '使用性质'], kinds: ['building'] },
  { attr: 'households', type: 'number', names: ['households', '户数', '住户数', '总户数'], kinds: ['building', 'community'] },
  { attr: 'fibreHouseholds', type: 'number', names: ['fibrehouseholds', 'fiberhouseholds', '光纤户数', '千兆户数', '光纤入户数'], kinds: ['building'] },
  { attr: 'tvHouseholds', type: 'number', names: ['tvhouseholds', '电视户数', 'iptv户数'], kinds: ['building'] },
  { attr: 'energyMeters', type: 'number', names: ['energymeters', '智能电表数', '电表数', '能耗计量户数'], kinds: ['building'] },
  { attr: 'closed', type: 'boolean', names: ['closed', '封闭', '是否封闭', '封闭式'], kinds: ['compound'] },
  { attr: 'hasEbikes', type: 'boolean', names: ['hasebikes', '有电动车', '电动车'], kinds: ['compound'] },
  { attr: 'population', type: 'number', names: ['population', '人口', '常住人口', '总人口'], kinds: ['community'] },
  { attr: 'agedShare', type: 'number', names: ['agedshare', '老龄化率', '老年人口占比'], kinds: ['community'] },
  { attr: 'agedPopulation', type: 'number', names: ['agedpopulation', '老年人口', '60岁以上人口'], kinds: ['community'] },
  { attr: 'elderlyServices', type: 'strings', names: ['elderlyservices', '智慧养老服务'], kinds: ['community'] },
  { attr: 'agedAlone', type: 'number', names: ['agedalone', '独居老人'], kinds: ['community'] },
  { attr: 'agedAloneWithAlarm', type: 'number', names: ['agedalonewithalarm'], kinds: ['community'] },
  { attr: 'agedAloneWithSmartDevice', type: 'number', names: ['agedalonewithsmartdevice'], kinds: ['community'] },
  // lights, poles, chargers, venues
  { attr: 'smart', type: 'boolean', names: ['smart', '智能', '是否智能', '智慧路灯'], kinds: ['light'] },
  { attr: 'functions', type: 'strings', names: ['functions', '功能'], kinds: ['smartPole'] },
  { attr: 'timedCharging', type: 'boolean', names: ['timedcharging', '定时充电'], kinds: ['charger'] },
  { attr: 'autoPowerOff', type: 'boolean', names: ['autopoweroff', '自动断电', '充满自停'], kinds: ['charger'] },
  { attr: 'faultAlarm', type: 'boolean', names: ['faultalarm', '故障报警'], kinds: ['charger'] },
  { attr: 'provincialPlatform', type: 'boolean', names: ['provincialplatform', '接入省级平台', '省级平台'], kinds: ['charger'] },
  { attr: 'smartFitness', type: 'boolean', names: ['smartfitness', '智能健身'], kinds: ['venue'] },
];

// the short .dbf names the shapefile export writes (fieldNames.ts) read back as the attributes
for (const alias of ALIASES) {
  const field = SHP_FIELD_NAMES[alias.attr];
  if (field && !alias.names.includes(normalizeHeader(field))) alias.names.push(normalizeHeader(field));
}

const KIND_NAMES: Record<FeatureKind, string[]> = {
  community: ['community', 'communities', '社区', '社区边界', '社区范围'],
  compound: ['compound', 'compounds', '小区', '院落', '小区边界'],
  building: ['building', 'buildings', '建筑', '建筑物', '楼栋', '楼宇', '住宅楼', '房屋'],
  keyLocation: ['keylocation', 'keylocations', '重点部位', '重点区域', '重点点位'],
  camera: ['camera', 'cameras', '摄像头', '摄像机', '监控', '视频监控', '监控点位', '监控点'],
  fiveG: ['fiveg', '5g', '5g基站', '基站', '5g覆盖'],
  light: ['light', 'lights', '路灯', '照明', '灯'],
  smartPole: ['smartpole', 'smartpoles', '智慧灯杆', '多功能杆', '智能灯杆'],
  charger: ['charger', 'chargers', '充电桩', '充电设施', '充电点'],
  venue: ['venue', 'venues', '场馆', '体育场地', '健身场地', '文体设施'],
  facility: ['facility', 'facilities', '设施', '智能设施'],
  path: ['path', 'paths', '道路', '步道', '路网', '步行道'],
};
const KIND_BY_NAME = new Map<string, FeatureKind>(
  Object.entries(KIND_NAMES).flatMap(([kind, names]) => names.map((n) => [normalizeHeader(n), kind as FeatureKind])),
);

/** The twin kind a word stands for (`摄像头` → camera, `buildings` → building), or null. */
export function kindFromName(name: string): FeatureKind | null {
  const n = normalizeHeader(name);
  if ((FEATURE_KINDS as readonly string[]).includes(name.trim())) return name.trim() as FeatureKind;
  return KIND_BY_NAME.get(n) ?? null;
}

const aliasCache = new Map<string, Alias | null>();
/** The twin attribute a header stands for, for features of `kind`. */
export function attributeFor(header: string, kind: FeatureKind | null): Alias | null {
  const key = `${kind}\u0000${header}`;
  if (aliasCache.has(key)) return aliasCache.get(key)!;
  const n = normalizeHeader(header);
  const found = ALIASES.find((a) => a.names.includes(n) && (!a.kinds || (kind !== null && a.kinds.includes(kind)))) ?? null;
  aliasCache.set(key, found);
  return found;
}

const TRUE = new Set(['true', 't', 'yes', 'y', '1', '是', '有', '在线', '完好', '正常', '√', '✓']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0', '否', '无', '离线', '损坏', '故障', '×', '✗']);

/** Parse a number written by people: "1,234.5", "１２", " 3 ". Null when it is not one. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/,(?=\d{3}\b)/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  return Number(t);
}

function coerce(value: unknown, type: ValueType, where: string, header: string): unknown {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value.trim() : String(value);
    case 'number': {
      if (typeof value === 'number') return value;
      const n = typeof value === 'string' ? parseNumber(value) : null;
      if (n === null) throw new ImportFormatError(`${where}, column ${header}: ${JSON.stringify(value)} is not a number`, { where, column: header, value });
      return n;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const t = String(value).trim().toLowerCase();
      if (TRUE.has(t)) return true;
      if (FALSE.has(t)) return false;
      throw new ImportFormatError(`${where}, column ${header}: ${JSON.stringify(value)} is not yes/no (是/否, true/false, 1/0)`, { where, column: header, value });
    }
    case 'strings':
      return Array.isArray(value) ? value.map(String) : String(value).split(/[,，、;；|]/).map((s) => s.trim()).filter(Boolean);
  }
}

export interface MappingContext {
  /** "row 12", "feature 3", "record 7 of layer 楼栋": the start of an error message */
  where: string;
  /** kind from the caller or the layer name, used when the record has no kind of its own */
  defaultKind: FeatureKind | null;
  /** for the error when no kind can be found */
  kindHint: string;
}

/**
 * Map one record's attributes to twin properties. Unknown columns are kept under their own
 * name (the validator reports them). Returns properties with `kind` set.
 */
export function mapAttributes(record: SourceProps, ctx: MappingContext): SourceProps {
  let kind = ctx.defaultKind;
  for (const [header, value] of Object.entries(record)) {
    if (attributeFor(header, null)?.attr !== 'kind' || value === null || value === undefined || String(value).trim() === '') continue;
    const k = kindFromName(String(value));
    if (!k) {
      throw new ImportFormatError(`${ctx.where}, column ${header}: unknown kind ${JSON.stringify(value)} (expected one of ${FEATURE_KINDS.join(', ')}, or a Chinese name such as 摄像头, 楼栋, 小区, 路灯, 充电桩)`,
        { where: ctx.where, column: header, value });
    }
    kind = k;
  }
  if (!kind) throw new ImportFormatError(`${ctx.where}: no kind: ${ctx.kindHint}`, { where: ctx.where });
  const props: SourceProps = { kind };
  for (const [header, value] of Object.entries(record)) {
    const alias = attributeFor(header, kind);
    if (alias?.attr === 'kind') continue;
    if (!alias) {
      if (value !== null && value !== undefined && value !== '') props[header] = value;
      continue;
    }
    const v = coerce(value, alias.type, ctx.where, header);
    if (v !== undefined) props[alias.attr] = v;
  }
  return props;
}
