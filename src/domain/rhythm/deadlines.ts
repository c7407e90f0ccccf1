/**
 * The reporting rhythm (POLICY.md §8, seeds 001 and 002) as pure rules: which month a date is
 * in, the deadline of a month's report by the reporting level (township → county by the 15th,
 * a local default; county → city by the 20th, seed 001), timeliness judged by the first
 * submission, and the months of a quarter or a year. A deadline day past the month's end is
 * the month's last day; a weekend or holiday does not move it (POLICY §8).
 */
import { isCalendarDate } from '../dates';

/** Local default when a policy record gives no township day (POLICY §8: "by the 15th (local default)"). */
export const TOWNSHIP_DAY_DEFAULT = 15;

export type ReportingLevel = 'township' | 'county';

/** The level that submits a month's report, by its code (a township 9 digits, a county 6); null otherwise. */
export function reportingLevelOf(code: string): ReportingLevel | null {
  if (/^\d{9}$/.test(code)) return 'township';
  if (/^\d{6}$/.test(code)) return 'county';
  return null;
}

/** 'YYYY-MM' → 'YYYY-MM-01'; null when it is not a month. */
export function monthStart(month: string): string | null {
  if (!/^\d{4}-\d{2}$/.test(month)) return null;
  const day = `${month}-01`;
  return isCalendarDate(day) ? day : null;
}

/** The first day of the month of a date. */
export const monthOf = (date: string): string => `${date.slice(0, 7)}-01`;

/** The first day of the month before / after a month's first day. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const n = y * 12 + (m - 1) + by;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}-01`;
}

function lastDay(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export interface ReportingDays {
  /** County → city (seed 001: 每月20日前). */
  monthlyProgressDay: number;
  /** Township → county (local default 15). */
  townshipProgressDay?: number;
}

/** The deadline (last day, inclusive, to 24:00 China time) of a month's report by a level. */
export function dueOn(month: string, level: ReportingLevel, days: ReportingDays): string {
  const day = level === 'county' ? days.monthlyProgressDay : days.townshipProgressDay ?? TOWNSHIP_DAY_DEFAULT;
  return `${month.slice(0, 7)}-${String(Math.min(day, lastDay(month))).padStart(2, '0')}`;
}

/** Late when the first submission's China date is after the deadline day. */
export const isLate = (submittedOn: string, due: string): boolean => submittedOn > due;

/** A month's report may be submitted from the first day of that month on, never for a month to come. */
export function submittable(month: string, today: string): boolean {
  return month <= monthOf(today);
}

export type PeriodKind = 'month' | 'quarter' | 'year';

/** The months (first days) of a period of a year: month 1–12, quarter 1–4, the year. */
export function monthsOfPeriod(year: number, kind: PeriodKind, index: number): string[] {
  const first = kind === 'month' ? index : kind === 'quarter' ? (index - 1) * 3 + 1 : 1;
  const count = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
  return Array.from({ length: count }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}-01`);
}

export const PERIOD_LABELS: Record<PeriodKind, string> = { month: '月报告', quarter: '季小结', year: '年总结' };

/** The month-end snapshot of month M is due once M is over: the month before today's. */
export const monthToClose = (today: string): string => shiftMonth(monthOf(today), -1);

export const REPORT_STATUSES = { submitted: '已上报待签收', returned: '已退回待重报', signed_off: '已签收' } as const;
export type ReportStatus = keyof typeof REPORT_STATUSES;

/** The state of an expected report on a day: what the late/missing list shows. */
export function submissionState(report: { status: string; late: boolean } | null, due: string, today: string): { code: string; label: string; flagged: boolean } {
  if (!report) return today > due ? { code: 'missing', label: '逾期未报', flagged: true } : { code: 'pending', label: '未到期未报', flagged: false };
  const label = REPORT_STATUSES[report.status as ReportStatus] ?? report.status;
  return report.late ? { code: 'late', label: `逾期上报（${label}）`, flagged: true } : { code: 'on_time', label: `按时上报（${label}）`, flagged: false };
}
