import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_RECORDS, NATIONAL_RULES } from './defaults';
import { entryFor, monitoringLineFor, povertyLineFor, relativeExitLineFor } from './lines';
import { resolvePolicy } from './resolve';

describe('lines by year', () => {
  it.each([
    [2011, 2536, 2011], [2014, 2800, 2014], [2016, 2952, 2016], [2017, 2952, 2017],
    [2018, 2995, 2018], [2019, 3218, 2019], [2020, 4000, 2020], [2023, 4000, 2020],
  ])('poverty line of %i is %i (from %i)', (year, amount, fromYear) => {
    expect(povertyLineFor(NATIONAL_RULES, year)).toEqual({ amount, fromYear });
  });

  it('has no poverty line before 2011', () => {
    expect(povertyLineFor(NATIONAL_RULES, 2010)).toBeUndefined();
  });

  it.each([
    ['0', 2019, undefined],
    ['0', 2020, { amount: 6000, fromYear: 2020, multipleOfPovertyLine: 1.5 }],
    ['0', 2021, { amount: 6000, fromYear: 2021 }],
    ['0', 2024, { amount: 6000, fromYear: 2021 }],
    ['5301', 2023, { amount: 6000, fromYear: 2021 }],
    ['5301', 2024, { amount: 8700, fromYear: 2024 }],
    ['5301', 2025, { amount: 8700, fromYear: 2024 }],
  ])('monitoring line in %s for %i', (place, year, expected) => {
    expect(monitoringLineFor(resolvePolicy(DEFAULT_POLICY_RECORDS, place, year).rules, year)).toEqual(expected);
  });

  it('computes the relative exit line of Guangdong from the provincial income of that year', () => {
    const rules = resolvePolicy(DEFAULT_POLICY_RECORDS, '441882', 2018).rules;
    expect(relativeExitLineFor(rules, 2018)).toEqual({ amount: 7725.47, fromYear: 2018, provincialIncome: 17167.7, share: 0.45 });
    expect(relativeExitLineFor(rules, 2021)).toBeUndefined();
    expect(relativeExitLineFor(NATIONAL_RULES, 2018)).toBeUndefined();
  });

  it('picks the latest entry not after the year', () => {
    expect(entryFor({ 2015: 'a', 2019: 'b', 2017: 'c' }, 2018)).toEqual({ year: 2017, value: 'c' });
    expect(entryFor({ 2015: 'a' }, 2014)).toBeUndefined();
  });
});
