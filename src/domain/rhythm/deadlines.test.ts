import { describe, expect, it } from 'vitest';
import { dueOn, isLate, monthToClose, monthsOfPeriod, shiftMonth, submissionState } from './deadlines';

describe('reporting rhythm', () => {
  it('takes the deadline day from policy, clamped to the month', () => {
    expect(dueOn('2024-03-01', 'county', { monthlyProgressDay: 20 })).toBe('2024-03-20');
    expect(dueOn('2024-03-01', 'township', { monthlyProgressDay: 20 })).toBe('2024-03-15');
    expect(dueOn('2024-02-01', 'county', { monthlyProgressDay: 31 })).toBe('2024-02-29');
  });
  it('judges lateness by the day, the deadline day itself on time', () => {
    expect(isLate('2024-03-20', '2024-03-20')).toBe(false);
    expect(isLate('2024-03-21', '2024-03-20')).toBe(true);
  });
  it('shifts months across years and lists periods', () => {
    expect(shiftMonth('2024-01-01', -1)).toBe('2023-12-01');
    expect(monthToClose('2024-01-01')).toBe('2023-12-01');
    expect(monthsOfPeriod(2024, 'quarter', 2)).toEqual(['2024-04-01', '2024-05-01', '2024-06-01']);
    expect(monthsOfPeriod(2024, 'year', 1)).toHaveLength(12);
  });
  it('lists a missing report only after its deadline', () => {
    expect(submissionState(null, '2024-03-15', '2024-03-15').flagged).toBe(false);
    expect(submissionState(null, '2024-03-15', '2024-03-16').code).toBe('missing');
    expect(submissionState({ status: 'signed_off', late: true }, '2024-03-15', '2024-04-01').code).toBe('late');
  });
});
