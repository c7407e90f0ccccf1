/**
 * Shares as seed 001 prints them: percent of the total to two decimals, rounded half up
 * (2065 of 3061 → 67.46). Integer arithmetic, so no binary rounding surprises.
 */

/** Percent of `total` to two decimals, half up; 0 when the total is 0. */
export function percentShare(part: number, total: number): number {
  if (total <= 0) return 0;
  return Math.floor((part * 20000 + total) / (2 * total)) / 100;
}

/** "67.46%" */
export function formatPercent(share: number): string {
  return share.toFixed(2) + '%';
}

/**
 * The year-end a status is read at on a date: the end of that year on 31 December, otherwise
 * the end of the year before (a plan dated 2020-03-03 works with the 2019 year-end figures).
 */
export function statusYearAt(date: string): number {
  const year = Number(date.slice(0, 4));
  return date.slice(5) === '12-31' ? year : year - 1;
}

/** The day after a year-end: the date whose status year is `year`. */
export function dateAfterYearEnd(year: number): string {
  return `${year + 1}-01-01`;
}
