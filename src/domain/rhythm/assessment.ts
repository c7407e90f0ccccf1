/**
 * 考核 (seed 002 全面量化考核, POLICY §8) as pure rules: a scheme's indicators with weights in
 * hundredths of a point that must add up to exactly 100 points; an indicator is entered by the
 * inspectors or computed from fupin's figures by a rule — all-or-nothing (meets the target →
 * full weight), proportional (weight × min(actual / target, 1)) or deduction (weight − k × count,
 * not below 0). An entered score above its weight is refused. Bands have inclusive lower edges.
 */

export const ASSESSMENT_METRICS = {
  overdue_rectifications: '逾期未整改问题数（考核日前最后一个月末快照）',
  on_time_submissions: '月度进展按时上报月数',
  exits_persons: '当年脱贫人口（考核日前最后一个月末快照）',
} as const;
export type AssessmentMetric = keyof typeof ASSESSMENT_METRICS;

export const ASSESSMENT_RULES = { all_or_nothing: '达标得满分', proportional: '按完成比例得分', deduction: '按次扣分' } as const;

export interface Indicator {
  code: string;
  name: string;
  /** Hundredths of a point. */
  weight: number;
  source: 'entered' | 'computed';
  metric?: AssessmentMetric;
  rule?: keyof typeof ASSESSMENT_RULES;
  /** Target of all-or-nothing / proportional (at least; for deduction unused). */
  target?: number;
  /** Hundredths of a point deducted per count. */
  k?: number;
}

export const BANDS = [{ from: 9000, label: '优秀' }, { from: 8000, label: '良好' }, { from: 6000, label: '一般' }, { from: 0, label: '较差' }];

export class SchemeError extends Error {
  constructor(message: string, readonly field: string, readonly value: unknown) {
    super(message);
  }
}

const points = (hundredths: number) => (hundredths / 100).toFixed(2);

/** Refuse a scheme whose weights do not add up to 100 points or whose computed indicators lack their rule. */
export function checkScheme(indicators: readonly Indicator[]): void {
  const codes = new Set<string>();
  indicators.forEach((ind, i) => {
    if (codes.has(ind.code)) throw new SchemeError(`第 ${i + 1} 项指标的代码 ${ind.code} 重复`, `indicators.${i}.code`, ind.code);
    codes.add(ind.code);
    if (ind.source === 'computed') {
      if (!ind.metric || !ind.rule) throw new SchemeError(`第 ${i + 1} 项指标“${ind.name}”由系统计算，须写明数据来源（metric）和计分规则（rule）`, `indicators.${i}.metric`, ind.metric ?? null);
      if (ind.rule === 'deduction' && !ind.k) throw new SchemeError(`第 ${i + 1} 项指标“${ind.name}”按次扣分，须写明每次扣分（k）`, `indicators.${i}.k`, ind.k ?? null);
      if (ind.rule !== 'deduction' && !ind.target) throw new SchemeError(`第 ${i + 1} 项指标“${ind.name}”须写明目标值（target）`, `indicators.${i}.target`, ind.target ?? null);
    }
  });
  const total = indicators.reduce((n, ind) => n + ind.weight, 0);
  if (total !== 10000) throw new SchemeError(`各项指标分值合计 ${points(total)} 分，应恰为 100 分`, 'indicators', points(total));
}

/** The score (hundredths) of a computed indicator from its actual figure. */
export function computedScore(ind: Indicator, actual: number): number {
  if (ind.rule === 'all_or_nothing') return actual >= (ind.target ?? 0) ? ind.weight : 0;
  if (ind.rule === 'proportional') return Math.round(ind.weight * Math.min(actual / (ind.target ?? 1), 1));
  return Math.max(0, ind.weight - (ind.k ?? 0) * actual);
}

/** Refuse an entered score outside 0 … its weight. */
export function checkEntered(ind: Indicator, score: number): void {
  if (score < 0 || score > ind.weight) throw new SchemeError(`指标“${ind.name}”的得分 ${points(score)} 超出 0 至 ${points(ind.weight)} 分`, 'score', points(score));
}

export const bandOf = (total: number) => BANDS.find((b) => total >= b.from)!.label;

/** Ranks by total, ties sharing a rank (1, 2, 2, 4). */
export function ranks(totals: readonly number[]): number[] {
  return totals.map((t) => 1 + totals.filter((o) => o > t).length);
}
