/** Codes and Chinese labels of the reporting rhythm, 督查 and 问责 (stored codes, displayed labels). */

/** The figures a month snapshot keeps per place. */
export const FIGURES = [
  'remaining_households', 'remaining_persons', 'exited_households', 'exited_persons', 'exits_households', 'exits_persons',
  'returns_households', 'returns_persons', 'monitored_households', 'monitored_persons', 'open_rectifications', 'overdue_rectifications',
] as const;
export type FigureColumn = (typeof FIGURES)[number];
export type Figures = Record<FigureColumn, number>;

export const FIGURE_LABELS: Record<FigureColumn, string> = {
  remaining_households: '剩余贫困户（户）',
  remaining_persons: '剩余贫困人口（人）',
  exited_households: '已脱贫户（户）',
  exited_persons: '已脱贫人口（人）',
  exits_households: '当年脱贫户（户）',
  exits_persons: '当年脱贫人口（人）',
  returns_households: '当年返贫户（户）',
  returns_persons: '当年返贫人口（人）',
  monitored_households: '监测户（户）',
  monitored_persons: '监测人口（人）',
  open_rectifications: '未销号整改问题（个）',
  overdue_rectifications: '逾期未整改问题（个）',
};

export const SNAPSHOT_KINDS: Record<string, string> = { month_end: '月末快照', on_demand: '即时快照', submission: '上报快照' };

export const INSPECTION_MODES = { open: '明察', covert: '暗访' } as const;

/** 问责方式 (seed 000 speaks of 约谈、通报、问责; the ladder is the usual one of the 问责条例, local list). */
export const ACCOUNTABILITY_MEASURES = {
  reminder: '提醒谈话',
  criticism: '批评教育',
  written_review: '责令书面检查',
  admonition: '诫勉',
  notice: '通报批评',
  removal: '组织调整',
  discipline: '党纪政务处分',
} as const;

export const CAUSE_KINDS = { finding: '督查发现问题', rectification: '整改逾期', task: '任务逾期', basis: '其他依据' } as const;
