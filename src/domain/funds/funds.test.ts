import { describe, expect, it } from 'vitest';
import { checkFundRules, shareAtLeast, type FundFigures } from './fundRules';
import { extensionProblem, loanProblems, loanSchedule, loanStanding, addMonths, type LoanTerms } from './loanSchedule';
import { fenOf, splitByShares } from './money';
import { transitionProblem } from './projectTypes';

const LIMITS = { industrialShareMin: 0.5, cropLivestockProcessingShareMin: 0.8, firstQuarterStartRateMin: 0.5, photovoltaicWelfareShareMin: 0.8 };
const LOAN_LIMITS = { microLoanMax: 50000, microLoanYears: 3, microLoanExtensionMonths: 6 };

describe('money', () => {
  it.each([[1.5, 150], [2546.7, 254670], [0.01, 1], [1.005, null], [Number.NaN, null]])('fenOf(%s) = %s', (yuan, fen) => expect(fenOf(yuan)).toBe(fen));

  it('splits seed 003: 20,000 yuan × 3608 persons shared 6:3:1', () => {
    const total = 20000 * 3608 * 100;
    expect(splitByShares(total, [6, 3, 1])).toEqual([4_329_600_000, 2_164_800_000, 721_600_000]);
  });

  it.each([[100, [1, 1, 1], [34, 33, 33]], [1, [6, 3, 1], [1, 0, 0]], [7, [1, 2], [2, 5]]])('splits %s fen by %j into whole fen adding up', (total, shares, parts) => {
    expect(splitByShares(total, shares)).toEqual(parts);
  });
});

describe('fund rules at their boundaries', () => {
  const base: FundFigures = { year: 2020, integratedFen: 1000, industrialFen: 500, cropLivestockProcessingFen: 400, industrialProjects: 4, startedFirstQuarter: 2, pvRevenueFen: 1000, pvWelfareFen: 800 };
  const pass = (f: FundFigures) => Object.fromEntries(checkFundRules(f, LIMITS).map((r) => [r.code, r.pass]));

  it('passes exactly at 50%, 80%, 50%, 80%', () => {
    expect(pass(base)).toEqual({ industrial_share: true, crop_livestock_processing_share: true, first_quarter_start_rate: true, photovoltaic_welfare_share: true });
  });

  it('fails one fen (one project) below each boundary', () => {
    expect(pass({ ...base, industrialFen: 499, cropLivestockProcessingFen: 399 })).toMatchObject({ industrial_share: false, crop_livestock_processing_share: false });
    expect(pass({ ...base, cropLivestockProcessingFen: 399 }).crop_livestock_processing_share).toBe(false);
    expect(pass({ ...base, startedFirstQuarter: 1 }).first_quarter_start_rate).toBe(false);
    expect(pass({ ...base, pvWelfareFen: 799 }).photovoltaic_welfare_share).toBe(false);
  });

  it('answers no data when there is nothing to measure, and says why', () => {
    const results = checkFundRules({ ...base, integratedFen: 0, industrialFen: 0, industrialProjects: 0, pvRevenueFen: 0 }, LIMITS);
    expect(results.map((r) => r.pass)).toEqual([null, null, null, null]);
    expect(results[0].text).toContain('没有登记资金来源');
  });

  it('names the values it read', () => {
    expect(checkFundRules(base, LIMITS)[0].text).toBe('2020 年统筹整合资金 10.00 元，安排产业项目 5.00 元，占 50.0%，达到不低于 50.0% 的要求');
  });

  it('compares large sums exactly', () => {
    expect(shareAtLeast(5_000_000_000_000, 10_000_000_000_000, 0.5)).toBe(true);
    expect(shareAtLeast(4_999_999_999_999, 10_000_000_000_000, 0.5)).toBe(false);
  });
});

describe('project status transitions', () => {
  it.each([['planned', 'approved', null], ['approved', 'started', null], ['planned', 'started', 'fail'], ['accepted', 'planned', 'fail'], ['completed', 'accepted', null]] as const)('%s → %s', (from, to, outcome) => {
    expect(transitionProblem(from, to) === null).toBe(outcome === null);
  });
});

describe('micro-loans', () => {
  const loan: LoanTerms = { amountFen: 5_000_000, termMonths: 36, installments: 3, annualRate: 0.0435, subsidyRate: 0.0435, issuedOn: '2019-03-15', extendedMonths: 0, repaidFen: 0 };

  it('refuses amounts, terms and extensions beyond the policy', () => {
    expect(loanProblems(5_000_000, 36, 1, LOAN_LIMITS)).toEqual([]);
    expect(loanProblems(5_000_001, 37, 1, LOAN_LIMITS).map((p) => p.field)).toEqual(['amount', 'termMonths']);
    expect(extensionProblem(0, 6, false, LOAN_LIMITS)).toBeNull();
    expect(extensionProblem(3, 4, false, LOAN_LIMITS)).toContain('超过政策上限 6 个月');
    expect(extensionProblem(0, 1, true, LOAN_LIMITS)).toContain('已还清');
  });

  it('schedules equal principal with interest on the balance', () => {
    const s = loanSchedule(loan);
    expect(s.map((i) => [i.dueOn, i.principalFen, i.interestFen])).toEqual([
      ['2020-03-15', 1_666_666, 217_500],
      ['2021-03-15', 1_666_666, 145_000],
      ['2022-03-15', 1_666_668, 72_500],
    ]);
    expect(s.reduce((a, i) => a + i.principalFen, 0)).toBe(loan.amountFen);
  });

  it('clamps month ends', () => expect(addMonths('2024-01-31', 1)).toBe('2024-02-29'));

  it('goes overdue the day after an unpaid due date, back to normal when repaid, and an extension postpones', () => {
    expect(loanStanding(loan, '2020-03-15', 30).state).toBe('active');
    const late = loanStanding(loan, '2020-03-16', 30);
    expect(late).toMatchObject({ state: 'overdue', overdueSince: '2020-03-15', overdueFen: 1_666_666 });
    expect(loanStanding({ ...loan, repaidFen: 1_666_666 }, '2020-03-16', 30).state).toBe('active');
    expect(loanStanding({ ...loan, extendedMonths: 6 }, '2020-03-16', 30).state).toBe('active');
    expect(loanStanding({ ...loan, extendedMonths: 6 }, '2020-09-16', 30).overdueSince).toBe('2020-09-15');
    expect(loanStanding({ ...loan, repaidFen: loan.amountFen }, '2030-01-01', 30).state).toBe('repaid');
  });

  it('is due soon within the given days of the next installment', () => {
    expect(loanStanding(loan, '2020-02-14', 30).dueSoon).toBe(true);
    expect(loanStanding(loan, '2020-02-13', 30).dueSoon).toBe(false);
  });
});
