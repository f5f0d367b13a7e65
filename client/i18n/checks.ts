/**
 * Short names of the standards' checks, for the scorecard's sub-rows (a row's own name is in
 * the report). Every check id of data/standards/shandong-2022.json has an entry (a test says so).
 */
import type { Lang } from './index.ts';

export const CHECK_NAMES: Record<string, Record<Lang, string>> = {
  fibre: { zh: '千兆光纤入户率', en: 'Gigabit fibre households' },
  '5g': { zh: '5G 覆盖面积占比', en: '5G-covered area' },
  '5g-indoor': { zh: '电梯、地下车库 5G 深度覆盖', en: '5G deep coverage of lifts and garages' },
  tv: { zh: '有线 / IPTV 电视入户率', en: 'TV / IPTV households' },
  'video-coverage': { zh: '重点部位视频覆盖率', en: 'Key locations covered by video' },
  'video-online': { zh: '摄像机在线率', en: 'Cameras online' },
  'video-intact': { zh: '摄像机完好率', en: 'Cameras intact' },
  'video-imageout': { zh: '图像接入率', en: 'Camera images delivered' },
  'video-compliance': { zh: '国标编码合规率', en: 'GB/T 28181 codes compliant' },
  lighting: { zh: '智能路灯占比', en: 'Smart street lights' },
  charging: { zh: '小区电动车智能充电', en: 'Smart chargers in compounds' },
  'ebike-parking-safety': { zh: '电动自行车停放场所安全', en: 'E-bike parking safety' },
  energy: { zh: '户用能源计量', en: 'Household energy meters' },
  platform: { zh: '智慧社区综合信息平台', en: 'Integrated information platform' },
  'gov-services': { zh: '一站式政务服务', en: 'One-stop government services' },
  medical: { zh: '智慧就诊与远程医疗', en: 'Smart clinic and telemedicine' },
  elderly: { zh: '智慧养老服务', en: 'Smart elderly care' },
  'elderly-response': { zh: '独居老人紧急呼叫 15 分钟响应', en: '15-minute response to elderly calls' },
  employment: { zh: '就业创业信息服务', en: 'Employment information' },
  library: { zh: '智慧图书设施', en: 'Smart library facilities' },
  'sports-walk': { zh: '15 分钟步行可达运动场地', en: 'Sports venue within a 15-minute walk' },
  convenience: { zh: '智能便民设施', en: 'Smart convenience facilities' },
  'convenience-on-demand': { zh: '按需配备便民设施', en: 'Convenience facilities as needed' },
  'local-services': { zh: '周边生活服务整合', en: 'Nearby consumer services' },
  'online-payment': { zh: '水电气暖物业费线上缴纳', en: 'Utility bills paid online' },
  garbage: { zh: '垃圾分类智能监管', en: 'Garbage sorting monitored' },
  'equipment-monitoring': { zh: '设施设备智能监测', en: 'Equipment monitoring' },
  patrol: { zh: '电子巡更覆盖', en: 'Electronic patrol coverage' },
  police: { zh: '社区警务信息', en: 'Community policing information' },
  access: { zh: '封闭小区出入口门禁', en: 'Gates of closed compounds' },
  perimeter: { zh: '周界防范覆盖', en: 'Perimeter protection' },
  throwing: { zh: '高空抛物监测覆盖楼栋', en: 'Throwing-monitored buildings' },
  'fire-ebike': { zh: '电梯电动车入梯检测', en: 'E-bike-into-lift detection' },
  'fire-hazard': { zh: '消防隐患监测', en: 'Fire-hazard monitoring' },
  'fire-alarm': { zh: '公共区域火灾自动报警', en: 'Automatic fire alarms' },
  emergency: { zh: '一键求助覆盖公共空间', en: 'Emergency help covers public space' },
  'disaster-warning': { zh: '灾害风险监测预警', en: 'Disaster monitoring and warnings' },
  governance: { zh: '数字化治理与党建', en: 'Digital governance' },
  participation: { zh: '线上议事与公开', en: 'Online participation' },
  'special-groups': { zh: '特殊人群管理', en: 'Special-group management' },
  epidemic: { zh: '疫情防控信息管理', en: 'Epidemic information' },
  publicity: { zh: '年度宣传普及活动', en: 'Annual publicity activity' },
  'experience-services': { zh: '智慧应用体验服务', en: 'Smart-application experience' },
  'info-security': { zh: '个人信息安全保护', en: 'Personal data protection' },
  'innovation-scenario': { zh: '创新应用场景', en: 'Innovative application scenario' },
  'innovation-practice': { zh: '省级推广创新做法', en: 'Innovative practice promoted' },
  mechanism: { zh: '领导与协调机制', en: 'Leadership and coordination' },
  satisfaction: { zh: '居民满意度 ≥ 70 %', en: 'Resident satisfaction ≥ 70 %' },
};

/** The check's short name in `lang`; an unknown id (another standard's) is shown as is. */
export const checkName = (id: string, lang: Lang): string => CHECK_NAMES[id]?.[lang] ?? id;
