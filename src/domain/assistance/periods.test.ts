import { describe, expect, it } from 'vitest';
import { periodOf, previousPeriod, ruleFor, visitStanding, type VisitRule } from './periods';

const monthly: VisitRule = { role: 'pairing_cadre', label: '结对帮扶干部', minVisits: 1, periodMonths: 1 };
const twiceQuarterly: VisitRule = { role: 'township_leadership_member', label: '乡镇领导班子成员', minVisits: 2, periodMonths: 3 };

describe('visit periods', () => {
  it.each([
    ['2024-01-01', 1, '2024-01-01', '2024-01-31'],
    ['2024-02-29', 1, '2024-02-01', '2024-02-29'],
    ['2023-02-15', 1, '2023-02-01', '2023-02-28'],
    ['2024-03-31', 3, '2024-01-01', '2024-03-31'],
    ['2024-04-01', 3, '2024-04-01', '2024-06-30'],
    ['2024-12-31', 3, '2024-10-01', '2024-12-31'],
    ['2024-07-01', 6, '2024-07-01', '2024-12-31'],
    ['2024-05-05', 12, '2024-01-01', '2024-12-31'],
  ])('%s in periods of %i months lies in %s … %s', (date, months, start, end) => {
    expect(periodOf(date, months)).toEqual({ start, end });
  });

  it.each([
    ['2024-01-15', 1, '2023-12-01', '2023-12-31'],
    ['2024-03-01', 1, '2024-02-01', '2024-02-29'],
    ['2024-01-01', 3, '2023-10-01', '2023-12-31'],
    ['2024-04-01', 3, '2024-01-01', '2024-03-31'],
  ])('the period before %s (%i months) is %s … %s', (date, months, start, end) => {
    expect(previousPeriod(date, months)).toEqual({ start, end });
  });

  it('refuses a period that does not divide the year', () => {
    expect(() => periodOf('2024-01-01', 5)).toThrow(/整除 12/);
  });
});

describe('visitStanding', () => {
  const counts = { startedOn: '2023-06-01', previousVisits: 0, currentVisits: 0, lastVisitOn: null };

  it('is overdue when the previous month had no visit, and only then', () => {
    expect(visitStanding(monthly, counts, '2024-04-01').overdue).toBe(true);
    expect(visitStanding(monthly, { ...counts, previousVisits: 1 }, '2024-04-01').overdue).toBe(false);
  });

  it('does not ask for the period in which the pairing began', () => {
    const s = visitStanding(monthly, { ...counts, startedOn: '2024-03-02' }, '2024-04-01');
    expect(s.previous.required).toBe(false);
    expect(s.overdue).toBe(false);
    expect(visitStanding(monthly, { ...counts, startedOn: '2024-03-01' }, '2024-04-01').overdue).toBe(true);
  });

  it('asks township leadership members for two visits a quarter', () => {
    expect(visitStanding(twiceQuarterly, { ...counts, previousVisits: 1 }, '2024-04-01').overdue).toBe(true);
    const met = visitStanding(twiceQuarterly, { ...counts, previousVisits: 2, currentVisits: 1 }, '2024-04-01');
    expect(met.overdue).toBe(false);
    expect(met.due).toBe(true);
    expect(met.reason).toContain('2024-01-01 至 2024-03-31');
  });

  it('falls back to the pairing-cadre rule for an unknown role', () => {
    expect(ruleFor([twiceQuarterly, monthly], 'someone')).toBe(monthly);
    expect(ruleFor([twiceQuarterly, monthly], 'township_leadership_member')).toBe(twiceQuarterly);
  });
});
