import { describe, expect, it } from 'vitest';
import { assessHousehold } from './assessHousehold';
import { defaultPolicy, household, income, member } from './testFacts';

const policy = defaultPolicy('411426001001', 2019);

describe('assessHousehold', () => {
  it('meets the exit standard when every criterion passes', () => {
    const a = assessHousehold(household(), policy, { year: 2019 });
    expect(a.outcome).toBe('meets');
    expect(a.outcomeLabel).toBe('达到退出标准');
    expect(a.criteria.map((c) => [c.criterion, c.status])).toEqual([
      ['income', 'pass'], ['food', 'pass'], ['clothing', 'pass'], ['education', 'pass'],
      ['medical', 'pass'], ['housing', 'pass'], ['water', 'pass'],
    ]);
    expect(a.failing).toEqual([]);
    expect(a.asOf).toBe('2019-12-31');
    for (const c of a.criteria) expect(c.reason.length).toBeGreaterThan(0);
  });

  it('records the policy versions it used', () => {
    const a = assessHousehold(household(), defaultPolicy('411426001001', 2020), { year: 2020 });
    expect(a.policyVersions.map((v) => `${v.id}@${v.effectiveYear}v${v.version}`)).toEqual(['national@2011v1', 'shangqiu-risk@2020v1']);
  });

  it('does not meet the standard when one criterion fails, even with others undetermined', () => {
    const facts = household({ house: { grade: 'D', renovated: false, relocated: false }, foodSecure: null });
    const a = assessHousehold(facts, policy, { year: 2019 });
    expect(a.outcome).toBe('does_not_meet');
    expect(a.failing).toEqual(['housing']);
    expect(a.undetermined).toEqual(['food']);
  });

  it('cannot decide when data is missing and nothing fails (never a silent pass)', () => {
    const facts = household({ water: { litresPerDay: null, qualityOk: true, tripMinutes: null, piped: true, outageDays: 0, scarceArea: false } });
    const a = assessHousehold(facts, policy, { year: 2019 });
    expect(a.outcome).toBe('undetermined');
    expect(a.outcomeLabel).toBe('不能判定：缺少数据');
    expect(a.undetermined).toEqual(['water']);
    expect(a.criteria.find((c) => c.criterion === 'water')).toMatchObject({ pass: null, missing: ['供水量'] });
  });

  it('counts ages on the given date', () => {
    const facts = household({ members: [member(), member({ name: '王小明', birthDate: '2003-07-01', schooling: 'dropout' })] });
    expect(assessHousehold(facts, policy, { year: 2019, asOf: '2019-06-30' }).failing).toEqual(['education']);
    expect(assessHousehold(facts, policy, { year: 2019, asOf: '2019-07-01' }).failing).toEqual([]);
  });

  it('assesses a past year from the records of that year', () => {
    const facts = household({ incomes: [income(2016, 2900), income(2017, 3100), income(2018, 2990), income(2019, 5000)] });
    const policy2017 = defaultPolicy('411426001001', 2017);
    const a2017 = assessHousehold(facts, policy2017, { year: 2017 });
    expect(a2017.failing).toEqual(['income']);
    expect(a2017.criteria[0].reason).toMatch(/上年（2016 年）人均纯收入 2,900.00 元，低于 2016 年标准 2,952 元/);
    expect(a2017.income).toMatchObject({ year: 2017, perCapitaNet: 3100, line: 2952 });
    expect(assessHousehold(facts, policy, { year: 2019 }).failing).toEqual(['income']);
  });
});
