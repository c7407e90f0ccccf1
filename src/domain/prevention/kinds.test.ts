import { describe, expect, it } from 'vitest';
import { PREVENTION_DEFAULTS } from './defaults';
import { classifyHousehold, kindChanges, rangeFor, type HouseholdFacts } from './kinds';

const rules = { ...PREVENTION_DEFAULTS, rangeByYear: { ...PREVENTION_DEFAULTS.rangeByYear, 2026: { upper: 8100, notice: '测试省乡村振兴局 2026 年第 1 号通知' } } };
const range = rangeFor(rules, 2026)!;
const income = (perCapita: number, size = 2) => ({ wages: perCapita * size, production_net: 0, property: 0, transfer: 0, production_cost: 0 });
const facts = (perCapita: number, extra: Partial<HouseholdFacts> = {}): HouseholdFacts => ({ formerlyPoor: false, size: 2, income: income(perCapita), costs: {}, previousPerCapita: null, ...extra });

describe('the three kinds at the boundary of a province range', () => {
  it('脱贫不稳定户: a 脱贫户 at the figure is in, a fen above is out', () => {
    expect(classifyHousehold(rules, range, facts(8100, { formerlyPoor: true }))).toMatchObject({ kind: 'unstable', perCapita: 8100 });
    expect(classifyHousehold(rules, range, facts(8100.01, { formerlyPoor: true })).kind).toBeNull();
    expect(classifyHousehold(rules, range, facts(8100, { formerlyPoor: true })).reason).toBe('脱贫不稳定户：人均纯收入 8100 元，不超过监测范围 8100 元（2026 年；依据：测试省乡村振兴局 2026 年第 1 号通知）');
  });
  it('边缘易致贫户: an ordinary household at the figure is in, a fen above is out', () => {
    expect(classifyHousehold(rules, range, facts(8100)).kind).toBe('marginal');
    expect(classifyHousehold(rules, range, facts(8100.01)).reason).toContain('人均纯收入 8100.01 元，超过监测范围 8100 元（2026 年；');
  });
  it('突发严重困难户: above the range, in when 合规自付 costs bring it to the figure, out a fen short', () => {
    const at = classifyHousehold(rules, range, facts(9100, { costs: { medical_compliant: 1500, schooling_compliant: 500, medical_other: 9000 } }));
    expect(at).toMatchObject({ kind: 'sudden', afterCosts: 8100 });
    expect(at.reason).toContain('扣除合规自付医疗费用 1500 元、合规自付教育费用 500 元后人均 8100 元');
    expect(classifyHousehold(rules, range, facts(9100, { costs: { medical_compliant: 1999.98 } })).kind).toBeNull();
    // The 口径 decides: 目录外自费 costs count only when the 口径 lists them.
    const wide = { ...rules, accounting: { ...rules.accounting, deductedCosts: ['medical_compliant', 'medical_other'] as const } };
    expect(classifyHousehold({ ...wide, accounting: { ...wide.accounting, deductedCosts: [...wide.accounting.deductedCosts] } }, range, facts(9100, { costs: { medical_other: 2000 } })).kind).toBe('sudden');
  });
  it('突发严重困难户 by a fall in income over the share; the range of an earlier year carries over and says so', () => {
    expect(classifyHousehold(rules, range, facts(10000, { previousPerCapita: 20001 })).kind).toBe('sudden');
    expect(classifyHousehold(rules, range, facts(10000, { previousPerCapita: 20000 })).kind).toBeNull();
    const r2025 = rangeFor(rules, 2025)!;
    expect(classifyHousehold(rules, r2025, facts(6000)).reason).toContain('监测范围 6000 元（2025 年，沿用 2021 年；');
    expect(classifyHousehold(rules, rangeFor(rules, 2019), facts(1)).reason).toBe('该年度未设置监测范围，无法判定');
  });
  it('lists who enters, leaves or changes kind', () => {
    const before = classifyHousehold(rules, range, facts(8000));
    const after = classifyHousehold(rules, { ...range, upper: 7900 }, facts(8000));
    expect(kindChanges([{ householdNo: 'a', before, after }, { householdNo: 'b', before, after: before }])).toMatchObject([{ householdNo: 'a', change: 'leave' }]);
  });
});
