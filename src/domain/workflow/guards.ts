/**
 * Whether a procedure may start (and an exit complete) for a household: its status, the
 * starter's role, and the procedure's own conditions (POLICY.md §5), each refusal a sentence
 * a cadre can act on.
 */
import { householdStatus, labelOf, labourCapacity } from '../enums';
import { monthsBetween } from '../dates';
import type { ProcedurePlan } from './plan';
import { incomeStabilityProblem, measuresProblem, type DeliveredMeasure, type YearIncome } from './riskElimination';

export const statusLabel = (code: string) => labelOf(householdStatus, code);

/** The status the case ends in, or the reasons it cannot start. */
export function startProblems(plan: ProcedurePlan, householdNo: string, status: string, role: string, roleLabel: (r: string) => string = (r) => r): string[] {
  const problems: string[] = [];
  if (!(status in plan.outcomes)) {
    const allowed = Object.keys(plan.outcomes).map(statusLabel).join('、');
    problems.push(`户 ${householdNo} 当前状态为「${statusLabel(status)}」，不能发起${plan.label}程序（须为：${allowed}）`);
  }
  if (!plan.starters.includes(role)) problems.push(`${plan.label}程序由${plan.starters.map(roleLabel).join('或')}发起，您的角色（${roleLabel(role)}）不能发起`);
  return problems;
}

/** What an assessment says, as far as a procedure reads it. */
export interface AssessmentSummary {
  year: number;
  outcome: 'meets' | 'does_not_meet' | 'undetermined';
  criteria: { label: string; status: 'pass' | 'fail' | 'undetermined'; reason: string }[];
  /** Risk reasons of the grading (codes and sentences). */
  riskReasons: { code: string; text: string }[];
  perCapitaNet?: number | null;
}

/** An exit needs the household to meet every criterion of its current assessment. */
export function exitProblems(a: AssessmentSummary): string[] {
  if (a.outcome === 'meets') return [];
  const head = a.outcome === 'undetermined' ? `${a.year} 年评估不能判定（缺少数据）` : `${a.year} 年评估未达到退出标准`;
  return [head, ...a.criteria.filter((c) => c.status !== 'pass').map((c) => `${c.label}：${c.reason}`)];
}

export interface RiskEliminationFacts {
  assessment: AssessmentSummary;
  /** When the household became a monitored household ('YYYY-MM-DD'), if known. */
  monitoredSince: string | null;
  today: string;
  members: { name: string; labour: string | null }[];
  caseOpenMonths: number;
  needsLabour: boolean;
  /** Yearly per-capita income with each year's monitoring line. */
  incomes: YearIncome[];
  /** procedures.riskEliminationStableMonths */
  stableMonths: number;
  /** The household's assistance measures (any year). */
  measures: DeliveredMeasure[];
  /** procedures.riskEliminationMinMeasures */
  minMeasures: number;
}

/**
 * Risk elimination: 两不愁三保障 and water secure, income not below the monitoring line and
 * stably above it for the policy's months, the case open long enough, at least the policy's
 * number of measures delivered since monitoring began, and (by default) a member able to
 * work — never for a household whose members cannot work (they stay monitored after 兜底
 * support). Every condition that fails is named.
 */
export function riskEliminationProblems(f: RiskEliminationFacts): string[] {
  const problems = exitProblems(f.assessment);
  for (const r of f.assessment.riskReasons) if (r.code === 'income_below_monitoring_line') problems.push(r.text);
  if (!f.monitoredSince) problems.push('无法确定纳入监测的日期，不能判断监测期是否已满');
  else {
    const months = monthsBetween(f.monitoredSince, f.today);
    if (months < f.caseOpenMonths) problems.push(`自 ${f.monitoredSince} 纳入监测仅 ${Math.max(months, 0)} 个月，不满 ${f.caseOpenMonths} 个月`);
  }
  const stable = incomeStabilityProblem(f.incomes, f.today, f.stableMonths);
  if (stable) problems.push(stable);
  const measures = measuresProblem(f.measures, f.monitoredSince, f.today, f.minMeasures);
  if (measures) problems.push(measures);
  if (f.needsLabour) {
    const able = f.members.filter((m) => m.labour !== null && m.labour !== 'lost' && m.labour !== 'none');
    if (able.length === 0) {
      const list = f.members.map((m) => `${m.name}（${m.labour ? labelOf(labourCapacity, m.labour) : '劳动能力未登记'}）`).join('、');
      problems.push(`家中没有有劳动能力的成员（${list || '无成员'}），应继续监测并落实兜底保障，不能消除风险`);
    }
  }
  return problems;
}
