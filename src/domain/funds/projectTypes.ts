/** Codes of the project library: types (with their fund-rule class), statuses, benefit links, fund kinds. */

export interface ProjectTypeInfo {
  label: string;
  /** 产业项目: counts toward the industrial share of the integrated funds. */
  industrial: boolean;
  /** 种养加: crop, livestock and processing projects (a part of the industrial ones). */
  cropLivestockProcessing: boolean;
}

export const PROJECT_TYPES = {
  planting: { label: '种植业', industrial: true, cropLivestockProcessing: true },
  livestock: { label: '养殖业', industrial: true, cropLivestockProcessing: true },
  processing: { label: '农产品加工', industrial: true, cropLivestockProcessing: true },
  tourism: { label: '乡村旅游', industrial: true, cropLivestockProcessing: false },
  ecommerce: { label: '电商扶贫', industrial: true, cropLivestockProcessing: false },
  photovoltaic: { label: '光伏扶贫', industrial: true, cropLivestockProcessing: false },
  workshop: { label: '扶贫车间', industrial: true, cropLivestockProcessing: false },
  infrastructure: { label: '基础设施', industrial: false, cropLivestockProcessing: false },
  relocation: { label: '易地扶贫搬迁', industrial: false, cropLivestockProcessing: false },
  housing: { label: '危房改造', industrial: false, cropLivestockProcessing: false },
  education: { label: '教育培训', industrial: false, cropLivestockProcessing: false },
  other: { label: '其他', industrial: false, cropLivestockProcessing: false },
} as const satisfies Record<string, ProjectTypeInfo>;

export type ProjectType = keyof typeof PROJECT_TYPES;
export const PROJECT_TYPE_CODES = Object.keys(PROJECT_TYPES) as [ProjectType, ...ProjectType[]];
export const INDUSTRIAL_TYPES = PROJECT_TYPE_CODES.filter((t) => PROJECT_TYPES[t].industrial);
export const CROP_LIVESTOCK_PROCESSING_TYPES = PROJECT_TYPE_CODES.filter((t) => PROJECT_TYPES[t].cropLivestockProcessing);

export const PROJECT_STATUSES = {
  planned: '入库',
  approved: '已批复',
  started: '已开工',
  completed: '已完工',
  accepted: '已验收',
} as const;
export type ProjectStatus = keyof typeof PROJECT_STATUSES;
export const PROJECT_STATUS_CODES = Object.keys(PROJECT_STATUSES) as [ProjectStatus, ...ProjectStatus[]];

/** The one status each status may move to (项目按程序推进, no step skipped). */
const NEXT: Record<ProjectStatus, ProjectStatus | null> = { planned: 'approved', approved: 'started', started: 'completed', completed: 'accepted', accepted: null };

/** The date column a status sets when reached. */
export const STATUS_DATE: Partial<Record<ProjectStatus, 'started_on' | 'completed_on' | 'accepted_on'>> = { started: 'started_on', completed: 'completed_on', accepted: 'accepted_on' };

export function nextStatus(status: ProjectStatus): ProjectStatus | null {
  return NEXT[status];
}

/** Why the move is refused, or null when allowed. */
export function transitionProblem(from: ProjectStatus, to: ProjectStatus): string | null {
  if (NEXT[from] === to) return null;
  const next = NEXT[from];
  return next
    ? `项目状态为“${PROJECT_STATUSES[from]}”，下一步只能是“${PROJECT_STATUSES[next]}”，不能改为“${PROJECT_STATUSES[to]}”`
    : `项目已“${PROJECT_STATUSES[from]}”，不能再改变状态`;
}

export const BENEFIT_LINKS = {
  order: '订单帮扶',
  work: '务工就业',
  shares: '股份合作（资产入股）',
  dividends: '收益分红',
  rent: '土地流转租金',
  direct: '直接扶持到户',
  other: '其他',
} as const;
export type BenefitLink = keyof typeof BENEFIT_LINKS;
export const BENEFIT_LINK_CODES = Object.keys(BENEFIT_LINKS) as [BenefitLink, ...BenefitLink[]];

export const FUND_KINDS = {
  central: '中央财政',
  province: '省级财政',
  city: '市级财政',
  county: '县级财政',
  partner_city: '对口帮扶城市',
  donation: '社会捐赠',
} as const;
export type FundKind = keyof typeof FUND_KINDS;
export const FUND_KIND_CODES = Object.keys(FUND_KINDS) as [FundKind, ...FundKind[]];
