import { describe, expect, it } from 'vitest';
import { COUNTY_EXIT_DEFAULTS } from '../policy/countyExitSchema';
import { countyVerdict, shownPercent, type CountyFigures } from './verdict';

const rules = COUNTY_EXIT_DEFAULTS;
const base: CountyFigures = {
  countyCode: '411421',
  remainingPoor: 100,
  exitedPersons: 5000,
  registeredPersons: 10000,
  ruralPopulation: 100000,
  ruralPopulationSource: '抽样调查登记',
  samples: { personsSampled: 1000, missedPersons: 10, exitedPersonsSampled: 1000, wronglyExitedPersons: 10, respondents: 100, satisfied: 95 },
  samplesSource: '1 次抽样调查',
};
const cond = (f: CountyFigures, key: string) => countyVerdict(f, rules).conditions.find((c) => c.key === key)!;

describe('县摘帽 verdict', () => {
  it('passes every condition at its threshold exactly (≤ 2%, ≥ 90%)', () => {
    const at = { ...base, samples: { ...base.samples!, wronglyExitedPersons: 20, missedPersons: 20, satisfied: 90 } };
    expect(cond(at, 'wrongExitRate')).toMatchObject({ passed: true, reason: '错退率 2.00% = 2%' });
    expect(cond(at, 'missedRate')).toMatchObject({ passed: true, reason: '漏评率 2.00% = 2%' });
    expect(cond(at, 'approval')).toMatchObject({ passed: true, reason: '群众认可度 90.00% = 90%' });
  });

  it('fails one above, showing enough decimals to differ from the threshold', () => {
    const above = { ...base, samples: { ...base.samples!, exitedPersonsSampled: 5000, wronglyExitedPersons: 101, respondents: 1000, satisfied: 899 } };
    expect(cond(above, 'wrongExitRate')).toMatchObject({ passed: false, shown: '2.02%', reason: '错退率 2.02% > 2%，未达标' });
    expect(cond(above, 'approval')).toMatchObject({ passed: false, reason: '群众认可度 89.90% < 90%，未达标' });
    const hair = { ...base, samples: { ...base.samples!, exitedPersonsSampled: 100000, wronglyExitedPersons: 2002 } };
    expect(cond(hair, 'wrongExitRate')).toMatchObject({ passed: false, shown: '2.002%' });
    expect(shownPercent({ n: 20001n, d: 1000000n }, { n: 2n, d: 100n })).toBe('2.0001%');
  });

  it('computes the comprehensive incidence with the sample rates extrapolated, 2% exactly passes, 3% in the west', () => {
    // (R + 1% × 90000 + 1% × 5000) / 100000 = (R + 950) / 100000; R = 1050 gives exactly 2%
    const at = { ...base, remainingPoor: 1050 };
    expect(cond(at, 'incidence')).toMatchObject({ passed: true, shown: '2.00%' });
    expect(cond({ ...at, remainingPoor: 1051 }, 'incidence')).toMatchObject({ passed: false, shown: '2.001%' });
    const west = { ...at, countyCode: '540425', remainingPoor: 2050 };
    expect(countyVerdict(west, rules).western).toBe(true);
    expect(cond(west, 'incidence')).toMatchObject({ passed: true, reason: '综合贫困发生率 3.00% = 3%' });
    expect(cond({ ...west, remainingPoor: 2051 }, 'incidence').passed).toBe(false);
  });

  it('fails with the reason when there are no samples or no population', () => {
    const v = countyVerdict({ ...base, samples: null, samplesSource: '无抽样调查' }, rules);
    expect(v.passed).toBe(false);
    expect(v.failing[1]).toBe('错退率：尚无抽查记录（无抽样调查），不能判定达标（标准：不高于 2%）');
    expect(cond({ ...base, ruralPopulation: null, ruralPopulationSource: '无记录' }, 'incidence').reason).toContain('缺少农村户籍人口（无记录）');
  });

  it('passes as a whole only when every condition passes', () => {
    const v = countyVerdict(base, rules);
    expect(v.passed).toBe(true);
    expect(v.conditions.map((c) => c.key)).toEqual(['incidence', 'wrongExitRate', 'missedRate', 'approval']);
    expect(v.conditions[0].source).toContain('2016');
  });
});

describe('县摘帽 rules as policy data', () => {
  it('refuses an impossible threshold, naming the field in Chinese', async () => {
    const { validatePolicy } = await import('../policy/validate');
    const result = validatePolicy({ id: 'x', regionCode: '41', effectiveYear: 2019, version: 1, status: 'draft', title: '河南', rules: { countyExit: { approval: { threshold: 90 } } } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0].message).toBe('贫困县退出（摘帽）标准 · 群众认可度 · 群众认可度不低于（rules.countyExit.approval.threshold）应不大于 1，实为 90');
  });

  it('treats a prefecture a province adds to the western list as western', () => {
    const rulesWithEnshi = { ...rules, westernRegions: [...rules.westernRegions, '4228'] };
    expect(countyVerdict({ ...base, countyCode: '422801' }, rulesWithEnshi).western).toBe(true);
    expect(countyVerdict({ ...base, countyCode: '422801' }, rules).western).toBe(false);
  });
});
