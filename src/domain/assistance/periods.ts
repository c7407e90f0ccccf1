/**
 * Visit periods (走访周期) and whether a pairing is overdue. Periods are calendar-aligned: a
 * period of 1 month is a calendar month, 3 months a calendar quarter (Jan–Mar, Apr–Jun …),
 * 6 months a half-year, 12 a year. Dates are 'YYYY-MM-DD' (China time, as the office counts).
 */

export interface Period {
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The period of `periodMonths` months that contains `date`. */
export function periodOf(date: string, periodMonths: number): Period {
  if (!Number.isInteger(periodMonths) || periodMonths < 1 || 12 % periodMonths !== 0) {
    throw new RangeError(`走访周期应为能整除 12 的月数（1、2、3、4、6、12），实际为 ${periodMonths}`);
  }
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const first = Math.floor((month - 1) / periodMonths) * periodMonths + 1;
  const last = first + periodMonths - 1;
  return { start: `${year}-${pad(first)}-01`, end: `${year}-${pad(last)}-${pad(lastDayOf(year, last))}` };
}

/** The complete period before the one containing `date`. */
export function previousPeriod(date: string, periodMonths: number): Period {
  const { start } = periodOf(date, periodMonths);
  const d = new Date(start + 'T00:00:00Z');
  d.setUTCDate(0);
  return periodOf(d.toISOString().slice(0, 10), periodMonths);
}

export interface VisitRule {
  role: string;
  label: string;
  minVisits: number;
  periodMonths: number;
}

export interface VisitCounts {
  /** The pairing's first day; a pairing that began inside a period owes nothing for it. */
  startedOn: string;
  /** Visits by the pairing's cadre to the household in the previous complete period. */
  previousVisits: number;
  /** Visits in the current period up to the day asked about. */
  currentVisits: number;
  lastVisitOn: string | null;
}

export interface VisitStanding {
  rule: VisitRule;
  previous: Period & { visits: number; required: boolean };
  current: Period & { visits: number };
  /** The previous complete period had fewer visits than the rule asks: 逾期未走访. */
  overdue: boolean;
  /** The current period still lacks visits (not yet overdue): 本期待走访. */
  due: boolean;
  reason: string;
}

/** Whether a pairing met its visit rule, judged on `asOf` (the previous complete period decides "overdue"). */
export function visitStanding(rule: VisitRule, counts: VisitCounts, asOf: string): VisitStanding {
  const current = periodOf(asOf, rule.periodMonths);
  const previous = previousPeriod(asOf, rule.periodMonths);
  const required = counts.startedOn <= previous.start;
  const overdue = required && counts.previousVisits < rule.minVisits;
  const due = counts.currentVisits < rule.minVisits;
  const span = `${previous.start} 至 ${previous.end}`;
  const reason = !required
    ? `结对始于 ${counts.startedOn}，上一周期（${span}）不作要求`
    : overdue
      ? `${rule.label}每 ${rule.periodMonths} 个月至少走访 ${rule.minVisits} 次，上一周期（${span}）只走访 ${counts.previousVisits} 次`
      : `上一周期（${span}）走访 ${counts.previousVisits} 次，达到每 ${rule.periodMonths} 个月 ${rule.minVisits} 次的要求`;
  return { rule, previous: { ...previous, visits: counts.previousVisits, required }, current: { ...current, visits: counts.currentVisits }, overdue, due, reason };
}

/** The rule of a visit role, else the pairing-cadre rule (the first rule when that is absent). */
export function ruleFor(rules: readonly VisitRule[], role: string): VisitRule {
  return rules.find((r) => r.role === role) ?? rules.find((r) => r.role === 'pairing_cadre') ?? rules[0];
}
