import { describe, expect, it } from 'vitest';
import { assessHousehold } from './assessHousehold';
import { gradeRisk } from './gradeRisk';
import { suggestMonitoringCategory, type MonitoringCandidate } from './monitoringCategory';
import type { RiskEvent } from './riskTypes';
import { defaultPolicy, household, income } from './testFacts';

const policy = defaultPolicy('410000000000', 2021);

function suggest(candidate: MonitoringCandidate, perCapita: number, events: RiskEvent[] = [], open: string[] = [], previous = perCapita) {
  const assessment = assessHousehold(household({ incomes: [income(2020, previous), income(2021, perCapita)] }), policy, { year: 2021 });
  const grading = gradeRisk({ assessment, events, openRiskTypes: open }, policy.rules);
  return suggestMonitoringCategory(candidate, grading, policy.rules);
}

const exited = { status: 'exited', exitYear: 2019 };
const notPoor = { status: 'not_poor', exitYear: null };
const illness: RiskEvent[] = [{ type: 'illness', date: '2021-06-01', cost: 30000 }];

describe('monitoring category suggestion', () => {
  it.each([
    { name: 'exited, income below the monitoring line', h: exited, pc: 5000, category: 'unstable' },
    { name: 'exited, serious illness', h: exited, pc: 9000, events: illness, category: 'unstable' },
    { name: 'risk eliminated after exit, at risk again', h: { status: 'risk_eliminated', exitYear: 2018 }, pc: 5000, category: 'unstable' },
    { name: 'never poor, near the line', h: notPoor, pc: 5000, category: 'marginal' },
    { name: 'never poor, below the poverty line', h: notPoor, pc: 3000, category: 'marginal' },
    { name: 'never poor, serious illness', h: notPoor, pc: 9000, events: illness, category: 'sudden' },
    { name: 'never poor, income fell sharply', h: notPoor, pc: 9000, previous: 20000, category: 'sudden' },
    { name: 'risk eliminated, never registered poor', h: { status: 'risk_eliminated', exitYear: null }, pc: 5000, category: 'marginal' },
    { name: 'already monitored', h: { status: 'monitored', exitYear: 2019 }, pc: 5000, category: null },
    { name: 'still registered poor', h: { status: 'poor', exitYear: null }, pc: 3000, category: null },
    { name: 'returned to poverty', h: { status: 'returned', exitYear: 2018 }, pc: 3000, category: null },
    { name: 'deregistered', h: { status: 'deregistered', exitYear: null }, pc: 3000, category: null },
    { name: 'exited and green', h: exited, pc: 9000, category: null },
    { name: 'exited, only an open risk type (not a trigger by default)', h: exited, pc: 9000, open: ['schooling'], category: null },
  ])('$name → $category', ({ h, pc, events, open, previous, category }) => {
    const s = suggest(h, pc, events, open, previous);
    expect(s?.category ?? null).toBe(category);
  });

  it('explains the suggestion', () => {
    const s = suggest(exited, 5000);
    expect(s).toEqual({
      category: 'unstable',
      label: '脱贫不稳定户',
      reason: '已脱贫，人均纯收入 5,000.00 元，低于 2021 年监测线 6,000 元；建议纳入监测（脱贫不稳定户）',
      triggers: [{ code: 'income_below_monitoring_line', grade: 'yellow', text: '人均纯收入 5,000.00 元，低于 2021 年监测线 6,000 元' }],
    });
  });

  it('follows the triggers of the policy', () => {
    const rules = { ...policy.rules, risk: { ...policy.rules.risk, monitoringTriggers: ['open_risk' as const] } };
    const assessment = assessHousehold(household({ incomes: [income(2021, 9000)] }), policy, { year: 2021 });
    const grading = gradeRisk({ assessment, events: [], openRiskTypes: ['schooling'] }, rules);
    expect(suggestMonitoringCategory(exited, grading, rules)?.category).toBe('unstable');
  });
});
