import { describe, expect, it } from 'vitest';
import { dateAfterYearEnd, formatPercent, percentShare, statusYearAt } from './shares';

describe('percentShare', () => {
  it.each([
    // seed 001, 夏邑县 (3061 households) and 虞城县 (3595)
    [2065, 3061, 67.46], [610, 3061, 19.93], [33, 3061, 1.08], [5, 3061, 0.16], [90, 3061, 2.94],
    [229, 3061, 7.48], [22, 3061, 0.72], [7, 3061, 0.23],
    [2383, 3595, 66.29], [957, 3595, 26.62], [38, 3595, 1.06], [14, 3595, 0.39], [197, 3595, 5.48], [6, 3595, 0.17],
    // half up at the boundary, whole and empty totals
    [1, 8, 12.5], [1, 16, 6.25], [1, 32, 3.13], [1, 3, 33.33], [2, 3, 66.67], [5, 5, 100], [0, 5, 0], [3, 0, 0],
  ])('%i of %i is %f%%', (part, total, share) => {
    expect(percentShare(part, total)).toBe(share);
  });

  it('writes two decimals', () => {
    expect(formatPercent(percentShare(1, 2))).toBe('50.00%');
    expect(formatPercent(percentShare(7, 3061))).toBe('0.23%');
  });
});

describe('statusYearAt', () => {
  it.each([
    ['2020-03-03', 2019],
    ['2019-12-31', 2019],
    ['2020-01-01', 2019],
    ['2019-12-30', 2018],
  ])('%s reads the %i year-end', (date, year) => {
    expect(statusYearAt(date)).toBe(year);
  });

  it('round-trips with dateAfterYearEnd', () => {
    expect(statusYearAt(dateAfterYearEnd(2019))).toBe(2019);
  });
});
