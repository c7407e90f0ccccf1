import { describe, expect, it } from 'vitest';
import { NATIONAL_RULES } from '../../domain/policy/defaults';
import { statusInYear } from './evaluate';
import { assessmentPlan } from './plan';
import { anyOf, dateLit, floatLit, intLit, textArrayLit, textLit } from './sqlLiterals';
import { childLengthOf, tally } from './tally';

describe('assessmentPlan', () => {
  it('works out the lines of the year and the year before, and the serious-event window', () => {
    const p = assessmentPlan(NATIONAL_RULES, 2021);
    expect(p.income).toEqual({ standard: { amount: 4000, atLeast: false }, previousStandard: { amount: 4000, atLeast: false }, checkPreviousYear: true });
    expect(p.risk).toMatchObject({ monitoringLine: 6000, seriousEventsAfter: '2020-12-31', seriousEventShare: 0.5 });
    expect(p.risk.redCriteria).not.toContain('income');
    expect(assessmentPlan(NATIONAL_RULES, 2020).risk.monitoringLine).toBe(6000);
    expect(assessmentPlan(NATIONAL_RULES, 2019).income.previousStandard).toEqual({ amount: 2995, atLeast: false });
    expect(assessmentPlan(NATIONAL_RULES, 2010).income.standard).toBeNull();
    expect(assessmentPlan(NATIONAL_RULES, 2019).risk.monitoringLine).toBeNull();
  });

  it('has no previous-year standard when the rules do not check it', () => {
    const rules = { ...NATIONAL_RULES, income: { ...NATIONAL_RULES.income, checkPreviousYear: false } };
    expect(assessmentPlan(rules, 2021).income.previousStandard).toBeNull();
  });
});

describe('statusInYear', () => {
  const current = { status: 'exited', monitor_category: null };
  const history = [
    { year: 2016, status: 'poor', monitor_category: null },
    { year: 2019, status: 'exited', monitor_category: null },
  ];
  it.each([
    [2021, 'exited'],
    [2019, 'exited'],
    [2018, 'poor'],
    [2016, 'poor'],
    [2015, 'not_poor'],
  ])('in %i the status is %s', (year, status) => {
    expect(statusInYear(current, history, year).status).toBe(status);
  });
  it('is the current status without history', () => {
    expect(statusInYear({ status: 'monitored', monitor_category: 'marginal' }, [], 2010)).toEqual({ status: 'monitored', monitorCategory: 'marginal' });
  });
});

describe('SQL literals', () => {
  it('quotes and checks every constant', () => {
    expect(textLit("O'Brien")).toBe("'O''Brien'");
    expect(textArrayLit(['a', "b'c"])).toBe("ARRAY['a', 'b''c']::text[]");
    expect(textArrayLit([])).toBe("'{}'::text[]");
    expect(floatLit(0.1)).toBe("'0.1'::float8");
    expect(() => floatLit(Number.NaN)).toThrow(/数值无效/);
    expect(() => intLit(1.5)).toThrow(/整数无效/);
    expect(() => dateLit("2021-01-01'; DROP TABLE x; --")).toThrow(/日期无效/);
    expect(anyOf([false, null, 'a = 1', undefined, 'b'])).toBe('(a = 1) OR (b)');
    expect(anyOf([])).toBe('false');
  });
});

describe('tally and child places', () => {
  it('counts households and persons by grade and outcome', () => {
    const t = tally([
      { risk_grade: 'red', outcome: 'does_not_meet', households: 2, persons: 7 },
      { risk_grade: 'red', outcome: 'undetermined', households: 1, persons: 3 },
      { risk_grade: 'green', outcome: 'meets', households: 4, persons: 12 },
    ]);
    expect(t.grades).toEqual({ red: { households: 3, persons: 10 }, yellow: { households: 0, persons: 0 }, green: { households: 4, persons: 12 }, undetermined: { households: 0, persons: 0 } });
    expect(t.outcomes.meets).toEqual({ households: 4, persons: 12 });
  });
  it.each([['0', 2], ['41', 4], ['4114', 6], ['411426', 9], ['411426001', 12], ['411426001001', 12]])('children of %s have %i-digit codes', (code, n) => {
    expect(childLengthOf(code)).toBe(n);
  });
});
