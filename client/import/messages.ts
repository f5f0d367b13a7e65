/** Labels of the import dialog, Chinese first; `{name}` placeholders filled by `say`. */
export type ImportLang = 'zh' | 'en';

const zh = {
  title: '导入数据', file: '文件', chooseFile: '选择文件', format: '格式', auto: '自动', autoByExtension: '自动（按扩展名）',
  crs: '坐标系', crsAuto: '自动（按文件或坐标判断）', crsWgs84: 'WGS-84（GPS）', crsGcj02: 'GCJ-02（高德/腾讯）', crsBd09: 'BD-09（百度）',
  crsCgcs2000: 'CGCS2000', crsEpsg: 'EPSG 代码', epsgCode: 'EPSG 代码，如 4548', kind: '要素类别', kindAuto: '自动（按列或图层名）',
  target: '导入到', newCommunity: '新社区', layerOf: '添加图层到社区 {id}', communityId: '社区编号（可选）', replace: '替换同编号要素/社区',
  preview: '预览', commit: '确认导入', uploading: '上传中 {pct}%', reading: '解析中…',
  parsing: '解析中 {pct}%（已读 {n} 个要素）', writing: '写入中（已写 {n} 个要素）', committing: '提交中（{n} 个要素）…', counts: '要素数量', total: '合计 {n}',
  warnings: '提示', errors: '错误（{n}）', noErrors: '校验通过，可以导入', extent: '范围', crsUsed: '坐标系：{crs}（{source}）',
  source_stated: '指定', source_detected: '文件声明', source_guessed: '按坐标推断', source_default: '默认',
  imported: '已导入：{id} 第 {version} 版', added: '新增 {added}，替换 {replaced}', failed: '失败：{message}', more: '……另有 {n} 条',
} as const;

export type ImportMessageKey = keyof typeof zh;

const en: Record<ImportMessageKey, string> = {
  title: 'Import data', file: 'File', chooseFile: 'Choose a file', format: 'Format', auto: 'Auto', autoByExtension: 'Auto (by extension)',
  crs: 'Coordinates', crsAuto: 'Auto (from the file or the numbers)', crsWgs84: 'WGS-84 (GPS)', crsGcj02: 'GCJ-02 (Amap/Tencent)', crsBd09: 'BD-09 (Baidu)',
  crsCgcs2000: 'CGCS2000', crsEpsg: 'EPSG code', epsgCode: 'EPSG code, e.g. 4548', kind: 'Feature kind', kindAuto: 'Auto (from a column or layer name)',
  target: 'Import into', newCommunity: 'a new community', layerOf: 'a layer of community {id}', communityId: 'Community id (optional)', replace: 'Replace features/community with the same id',
  preview: 'Preview', commit: 'Import', uploading: 'Uploading {pct}%', reading: 'Reading…',
  parsing: 'Reading {pct}% ({n} features so far)', writing: 'Writing ({n} features so far)', committing: 'Committing ({n} features)…', counts: 'Features', total: 'total {n}',
  warnings: 'Notes', errors: 'Errors ({n})', noErrors: 'Valid: ready to import', extent: 'Extent', crsUsed: 'CRS: {crs} ({source})',
  source_stated: 'stated', source_detected: 'from the file', source_guessed: 'guessed from the numbers', source_default: 'default',
  imported: 'Imported: {id} version {version}', added: '{added} added, {replaced} replaced', failed: 'Failed: {message}', more: '… {n} more',
};

const tables: Record<ImportLang, Record<ImportMessageKey, string>> = { zh, en };

export function say(lang: ImportLang, key: ImportMessageKey, vars: Record<string, string | number> = {}): string {
  return tables[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** Kind names for the select, Chinese first. */
export const KIND_LABELS: Record<string, string> = {
  community: '社区 community', compound: '小区 compound', building: '楼栋 building', keyLocation: '重点部位 keyLocation',
  camera: '摄像头 camera', fiveG: '5G fiveG', light: '路灯 light', smartPole: '智慧灯杆 smartPole', charger: '充电桩 charger',
  venue: '场馆 venue', facility: '设施 facility', path: '道路 path',
};
