/**
 * Red / yellow / green (POLICY §6; a per-county policy record, local defaults by default).
 * Red: a guarantee fails, income not above the line, or a serious event in the last 12 months
 * whose rigid expenditure exceeds 50% of the household's annual income. Yellow: income between
 * the poverty line and the monitoring line, income fell > 30%, or a risk type is open.
 * Every reason that applied is returned. Missing data never makes a household green: with no
 * red or yellow reason but data missing, the grade is 不能判定.
 */
import { monitoringLineFor } from '../policy/lines';
import { relativePovertyLineFor, relativePovertyVerdict } from '../policy/targets';
import type { PolicyRules, RISK_REASONS } from '../policy/rulesSchema';
import { CRITERION_LABELS } from './criterion';
import { lineYuan, percent, yuan } from './format';
import { monthsBefore, riskTypeLabel, type RiskEvent } from './riskTypes';
import type { HouseholdAssessment } from './types';

export type RiskReasonCode = (typeof RISK_REASONS)[number];
export type RiskGrade = 'red' | 'yellow' | 'green' | 'undetermined';

export const RISK_GRADE_LABELS: Record<RiskGrade, string> = {
  red: '红色', yellow: '黄色', green: '绿色', undetermined: '不能判定：缺少数据',
};

export interface RiskReason {
  code: RiskReasonCode;
  grade: 'red' | 'yellow';
  text: string;
}

export interface RiskInput {
  assessment: HouseholdAssessment;
  events: RiskEvent[];
  /** Risk types of the household not yet eliminated (风险类型). */
  openRiskTypes: string[];
  /** Defaults to the assessment's date. */
  asOf?: string;
}

export interface RiskGrading {
  grade: RiskGrade;
  gradeLabel: string;
  reasons: RiskReason[];
  missing: string[];
  /** Where the rule comes from ("本地默认…"), shown beside the grade. */
  ruleLabel: string;
}

function incomeReasons(a: HouseholdAssessment, rules: PolicyRules, reasons: RiskReason[], missing: string[]): void {
  const { perCapitaNet: x, previousPerCapitaNet: prev, line, meetsLine } = a.income;
  if (meetsLine === null || x === null || line === null) missing.push(`${a.year} 年人均纯收入或收入标准`);
  else if (!meetsLine) {
    const verb = a.income.comparison === 'above' ? '未超过' : '未达到';
    if (!relativeReason(a, x, rules, reasons)) reasons.push({ code: 'income_not_above_line', grade: 'red', text: `人均纯收入 ${yuan(x)}，${verb}收入标准 ${lineYuan(line)}` });
  } else {
    const monitoring = monitoringLineFor(rules, a.year);
    if (monitoring && x < monitoring.amount) {
      const basis = monitoring.multipleOfPovertyLine ? `（扶贫标准的 ${monitoring.multipleOfPovertyLine} 倍）` : '';
      reasons.push({ code: 'income_below_monitoring_line', grade: 'yellow', text: `人均纯收入 ${yuan(x)}，低于 ${a.year} 年监测线 ${lineYuan(monitoring.amount)}${basis}` });
    }
  }
  if (x !== null && prev !== null && prev > 0) {
    const fall = (prev - x) / prev;
    if (fall > rules.risk.incomeFallShare) {
      reasons.push({ code: 'income_fall', grade: 'yellow', text: `人均纯收入由上年 ${yuan(prev)}降至 ${yuan(x)}，下降 ${percent(fall)}，超过 ${percent(rules.risk.incomeFallShare)}` });
    }
  }
}

/**
 * Guangdong 2016–2020 (POLICY §6): red only below the relative-poverty identification line
 * (< 4000 yuan at 2014 prices, the year's nominal value where entered); at or above it but
 * short of the exit income, yellow. False where no relative standard applies.
 */
function relativeReason(a: HouseholdAssessment, x: number, rules: PolicyRules, reasons: RiskReason[]): boolean {
  const line = relativePovertyLineFor(rules, a.year);
  if (!line) return false;
  const verdict = relativePovertyVerdict(x, line);
  if (verdict.poor) reasons.push({ code: 'income_not_above_line', grade: 'red', text: verdict.text });
  else reasons.push({ code: 'relative_exit_short', grade: 'yellow', text: `${verdict.text}，但未达到退出收入标准 ${lineYuan(a.income.line!)}` });
  return true;
}

function seriousEventReason(input: RiskInput, rules: PolicyRules, asOf: string, reasons: RiskReason[], missing: string[]): void {
  const r = rules.risk;
  const from = monthsBefore(asOf, r.seriousEventLookbackMonths);
  const serious = input.events.filter((e) => (r.seriousEventTypes as string[]).includes(e.type) && e.date > from && e.date <= asOf);
  const spent = serious.reduce((sum, e) => sum + e.cost, 0);
  if (!serious.length || spent <= 0) return;
  const annual = input.assessment.income.annualNet;
  const kinds = [...new Set(serious.map((e) => riskTypeLabel(e.type)))].join('、');
  if (annual === null) {
    missing.push(`家庭年纯收入（近 ${r.seriousEventLookbackMonths} 个月${kinds}刚性支出 ${yuan(spent)}）`);
    return;
  }
  if (spent > annual * r.seriousEventExpenditureShare) {
    reasons.push({
      code: 'serious_event',
      grade: 'red',
      text: `近 ${r.seriousEventLookbackMonths} 个月${kinds}刚性支出合计 ${yuan(spent)}，超过家庭年纯收入 ${yuan(annual)}的 ${percent(r.seriousEventExpenditureShare)}`,
    });
  }
}

export function gradeRisk(input: RiskInput, rules: PolicyRules): RiskGrading {
  const a = input.assessment;
  const asOf = input.asOf ?? a.asOf;
  const reasons: RiskReason[] = [];
  const missing: string[] = [];
  incomeReasons(a, rules, reasons, missing);
  for (const c of a.criteria) {
    if (c.criterion === 'income' || !rules.risk.redCriteria.includes(c.criterion)) continue;
    if (c.status === 'fail') reasons.push({ code: 'criterion_failed', grade: 'red', text: `${CRITERION_LABELS[c.criterion]}不达标：${c.reason}` });
    else if (c.status === 'undetermined') missing.push(`${CRITERION_LABELS[c.criterion]}（${c.missing.join('、')}）`);
  }
  seriousEventReason(input, rules, asOf, reasons, missing);
  for (const type of new Set(input.openRiskTypes)) {
    if ((rules.risk.openRiskTypes as string[]).includes(type)) {
      reasons.push({ code: 'open_risk', grade: 'yellow', text: `存在未消除的风险：${riskTypeLabel(type)}` });
    }
  }
  reasons.sort((x, y) => (x.grade === y.grade ? 0 : x.grade === 'red' ? -1 : 1));
  const grade: RiskGrade = reasons.some((r) => r.grade === 'red') ? 'red' : reasons.length ? 'yellow' : missing.length ? 'undetermined' : 'green';
  return { grade, gradeLabel: RISK_GRADE_LABELS[grade], reasons, missing, ruleLabel: rules.risk.label };
}
