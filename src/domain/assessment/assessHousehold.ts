/**
 * 一达标 两不愁 三保障 + 饮水安全 (POLICY §4): a household meets the exit standard when every
 * criterion passes. A criterion lacking data is 不能判定 — never a silent pass — and the
 * household's outcome is then 不能判定 too, unless another criterion already fails.
 */
import type { ResolvedPolicy } from '../policy/resolve';
import { assessEducation } from './education';
import { assessClothing, assessFood } from './foodClothing';
import { assessHousing } from './housing';
import { assessIncome } from './income';
import { assessMedical } from './medical';
import type { HouseholdAssessment, HouseholdFacts, Outcome } from './types';
import { assessWater } from './water';

export interface AssessmentOptions {
  /** The assessment year: its income record and its lines are read. */
  year: number;
  /** The day ages are counted on (YYYY-MM-DD); by default the last day of the year. */
  asOf?: string;
}

export const OUTCOME_LABELS: Record<Outcome, string> = {
  meets: '达到退出标准',
  does_not_meet: '未达到退出标准',
  undetermined: '不能判定：缺少数据',
};

export function assessHousehold(facts: HouseholdFacts, policy: ResolvedPolicy, options: AssessmentOptions): HouseholdAssessment {
  const { year } = options;
  const asOf = options.asOf ?? `${year}-12-31`;
  const rules = policy.rules;
  const income = assessIncome(facts, rules, year);
  const criteria = [
    income.result,
    assessFood(facts),
    assessClothing(facts),
    assessEducation(facts, rules, asOf),
    assessMedical(facts, rules),
    assessHousing(facts, rules),
    assessWater(facts, rules),
  ];
  const failing = criteria.filter((c) => c.status === 'fail').map((c) => c.criterion);
  const undetermined = criteria.filter((c) => c.status === 'undetermined').map((c) => c.criterion);
  const outcome: Outcome = failing.length ? 'does_not_meet' : undetermined.length ? 'undetermined' : 'meets';
  return {
    householdNo: facts.householdNo,
    year,
    asOf,
    outcome,
    outcomeLabel: OUTCOME_LABELS[outcome],
    criteria,
    failing,
    undetermined,
    income: income.figures,
    policyVersions: policy.versions,
  };
}
