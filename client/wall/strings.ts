/** Wall and district strings (zh default, en with ?lang=en). */
export type WallLang = 'zh' | 'en';

const zh = {
  tierAchieved: '已达等级',
  tierNone: '未达基础型',
  target: '目标',
  devicesOnline: '在线摄像机',
  live: '实时',
  reconnecting: '重新连接中',
  loading: '加载中…',
  loadError: '加载失败',
  notInTier: '本等级不要求',
  overview: '全景',
  gapOf: '差距',
  events: '最新动态',
  noEvents: '暂无动态',
  offline: '离线',
  online: '上线',
  broken: '损坏',
  repaired: '恢复完好',
  noImage: '无图像输出',
  imageBack: '图像输出恢复',
  edited: '社区数据已更新',
  district: '辖区总览',
  rank: '排名',
  name: '社区',
  failingRows: '未达标项',
  allTiers: '全部等级',
  filterName: '按名称筛选',
  evaluating: '评估中',
  evaluated: '已评估',
  communities: '个社区',
  openCommunity: '打开社区地图',
  version: '版本',
  tierBasic: '基础型', tierGrowth: '成长型', tierBenchmark: '标杆型',
};
type Strings = typeof zh;

const en: Strings = {
  tierAchieved: 'Tier achieved',
  tierNone: 'Below basic',
  target: 'Target',
  devicesOnline: 'Cameras online',
  live: 'Live',
  reconnecting: 'Reconnecting',
  loading: 'Loading…',
  loadError: 'Failed to load',
  notInTier: 'not required at this tier',
  overview: 'Overview',
  gapOf: 'Gap',
  events: 'Latest events',
  noEvents: 'No events yet',
  offline: 'offline',
  online: 'online',
  broken: 'broken',
  repaired: 'intact again',
  noImage: 'no image output',
  imageBack: 'image output back',
  edited: 'community data updated',
  district: 'District',
  rank: 'Rank',
  name: 'Community',
  failingRows: 'Failing rows',
  allTiers: 'All tiers',
  filterName: 'Filter by name',
  evaluating: 'Evaluating',
  evaluated: 'Evaluated',
  communities: 'communities',
  openCommunity: 'Open the community map',
  version: 'version',
  tierBasic: 'Basic', tierGrowth: 'Growth', tierBenchmark: 'Benchmark',
};

export type WallKey = keyof Strings;
export const wallText = (lang: WallLang) => (key: WallKey): string => (lang === 'en' ? en : zh)[key];

export function tierName(lang: WallLang, tier: string | null): string {
  const t = wallText(lang);
  switch (tier) {
    case null: return t('tierNone');
    case 'basic': return t('tierBasic');
    case 'growth': return t('tierGrowth');
    case 'benchmark': return t('tierBenchmark');
    default: return tier;
  }
}

export const langOf = (params: URLSearchParams): WallLang => (params.get('lang') === 'en' ? 'en' : 'zh');
