/**
 * For a household that should be monitored but is not: which category to propose.
 * 脱贫不稳定户 for an exited household at risk; for a household never registered poor,
 * 突发严重困难户 after a serious event or a sharp income fall, otherwise 边缘易致贫户.
 * Registered poor (未脱贫, 返贫), deregistered and already monitored households get none.
 * Which risk reasons call for monitoring is policy (risk.monitoringTriggers).
 */
import { householdStatus, labelOf, monitorCategory } from '../enums';
import type { PolicyRules } from '../policy/rulesSchema';
import type { RiskGrading, RiskReason } from './gradeRisk';

export type MonitorCategory = 'unstable' | 'marginal' | 'sudden';

export interface MonitoringSuggestion {
  category: MonitorCategory;
  label: string;
  reason: string;
  triggers: RiskReason[];
}

export interface MonitoringCandidate {
  /** enums.householdStatus code */
  status: string;
  exitYear: number | null;
}

function categoryFor(h: MonitoringCandidate, triggers: RiskReason[]): MonitorCategory | undefined {
  const exited = h.status === 'exited' || (h.status === 'risk_eliminated' && h.exitYear !== null);
  if (exited) return 'unstable';
  if (h.status !== 'not_poor' && h.status !== 'risk_eliminated') return undefined;
  return triggers.some((t) => t.code === 'serious_event' || t.code === 'income_fall') ? 'sudden' : 'marginal';
}

export function suggestMonitoringCategory(household: MonitoringCandidate, grading: RiskGrading, rules: PolicyRules): MonitoringSuggestion | null {
  const triggers = grading.reasons.filter((r) => rules.risk.monitoringTriggers.includes(r.code));
  if (!triggers.length) return null;
  const category = categoryFor(household, triggers);
  if (!category) return null;
  const label = labelOf(monitorCategory, category);
  const status = labelOf(householdStatus, household.status);
  return {
    category,
    label,
    reason: `${status}，${triggers.map((t) => t.text).join('；')}；建议纳入监测（${label}）`,
    triggers,
  };
}
