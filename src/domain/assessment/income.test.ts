import { describe, expect, it } from 'vitest';
import { assessIncome, perCapitaNet } from './income';
import { defaultPolicy, household, income } from './testFacts';

const national = defaultPolicy().rules;
const guangdong = defaultPolicy('441882100200', 2017).rules;

describe('per-capita net income', () => {
  it('sums the components, subtracts production costs and divides by the household size', () => {
    const record = { year: 2019, wages: 8000, productionNet: 3000, property: 500, transfer: 1600, productionCost: 500, householdSize: 4 };
    expect(perCapitaNet(record)).toBe(3150);
  });
  it('rounds to the cent', () => {
    expect(perCapitaNet(income(2019, 0, 3, { wages: 10000 }))).toBe(3333.33);
  });
  it('is unknown for a household size of 0', () => {
    expect(perCapitaNet(income(2019, 1000, 0))).toBeNull();
  });
});

describe('income criterion (national line, "> line")', () => {
  const cases: { name: string; incomes: ReturnType<typeof income>[]; year: number; status: string; reason: RegExp | string }[] = [
    { name: 'below the line', incomes: [income(2019, 3150)], year: 2019, status: 'fail',
      reason: '人均纯收入 3,150.00 元，低于 2019 年标准 3,218 元' },
    { name: 'exactly at the line fails', incomes: [income(2019, 3218)], year: 2019, status: 'fail', reason: /等于 2019 年标准 3,218 元，须高于标准/ },
    { name: 'one cent above passes', incomes: [income(2019, 3218.01, 1)], year: 2019, status: 'pass', reason: /3,218.01 元，高于 2019 年标准 3,218 元/ },
    { name: 'previous year below its own line fails (not stable)', incomes: [income(2018, 2995), income(2019, 5000)], year: 2019, status: 'fail',
      reason: /上年（2018 年）人均纯收入 2,995.00 元，等于 2018 年标准 2,995 元，须高于标准，收入尚不稳定/ },
    { name: 'both years above pass', incomes: [income(2018, 3000), income(2019, 3300)], year: 2019, status: 'pass', reason: /上年（2018 年）人均纯收入 3,000.00 元，高于 2018 年标准 2,995 元/ },
    { name: 'no record of the year', incomes: [income(2018, 5000)], year: 2019, status: 'undetermined', reason: '不能判定：缺少数据（2019 年收入记录）；上年（2018 年）人均纯收入 5,000.00 元，高于 2018 年标准 2,995 元' },
    { name: 'no record but the previous year fails', incomes: [income(2018, 1000)], year: 2019, status: 'fail', reason: /收入尚不稳定；另缺少数据（2019 年收入记录）/ },
    { name: 'household size 0', incomes: [income(2019, 5000, 0)], year: 2019, status: 'undetermined', reason: /2019 年收入记录的家庭人口（实为 0）/ },
    { name: 'a year before any line', incomes: [income(2010, 5000)], year: 2010, status: 'undetermined', reason: /缺少数据（2010 年扶贫标准）/ },
    { name: 'a year after 2020 uses the 2020 line', incomes: [income(2022, 4000.5)], year: 2022, status: 'pass', reason: /高于 2020 年标准 4,000 元（2022 年沿用）/ },
    { name: 'negative net income', incomes: [income(2019, 0, 2, { productionCost: 3000 })], year: 2019, status: 'fail', reason: /人均纯收入 -1,500.00 元，低于/ },
  ];
  it.each(cases)('$name', ({ incomes, year, status, reason }) => {
    const { result } = assessIncome(household({ incomes }), national, year);
    expect(result.status).toBe(status);
    expect(result.pass).toBe(status === 'undetermined' ? null : status === 'pass');
    if (typeof reason === 'string') expect(result.reason).toBe(reason);
    else expect(result.reason).toMatch(reason);
  });

  it('records the values read and the figures for risk grading', () => {
    const { result, figures } = assessIncome(household({ incomes: [income(2018, 4000), income(2019, 3150)] }), national, 2019);
    expect(result.values).toMatchObject({ year: 2019, line: 3218, perCapitaNet: 3150, wages: 12600, householdSize: 4, previousPerCapitaNet: 4000, previousLine: 2995 });
    expect(figures).toEqual({ year: 2019, perCapitaNet: 3150, annualNet: 12600, previousPerCapitaNet: 4000, line: 3218, comparison: 'above', meetsLine: false });
  });

  it('skips the previous year when the rules say so', () => {
    const rules = { ...national, income: { ...national.income, checkPreviousYear: false } };
    const { result } = assessIncome(household({ incomes: [income(2018, 100), income(2019, 5000)] }), rules, 2019);
    expect(result.status).toBe('pass');
  });
});

describe('income criterion (Guangdong relative standard, "≥ 45%")', () => {
  const line2017 = Math.round(15779.7 * 0.45 * 100) / 100;
  it.each([
    { perCapita: line2017, status: 'pass' },
    { perCapita: line2017 - 0.01, status: 'fail' },
  ])('$perCapita yuan → $status', ({ perCapita, status }) => {
    const { result, figures } = assessIncome(household({ incomes: [income(2017, perCapita, 1)] }), guangdong, 2017);
    expect(result.status).toBe(status);
    expect(figures.comparison).toBe('atLeast');
    expect(result.reason).toMatch(/2017 年全省农村居民人均可支配收入 15,779.70 元的 45%（7,100.87 元）/);
  });
  it('cannot decide a year without the provincial income', () => {
    const { result } = assessIncome(household({ incomes: [income(2021, 9000, 1)] }), guangdong, 2021);
    expect(result.status).toBe('undetermined');
    expect(result.missing).toEqual(['2021 年全省农村居民人均可支配收入']);
  });
});
