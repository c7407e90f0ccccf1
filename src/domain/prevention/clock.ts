/**
 * The legal clock of monitoring entry: from the first clue, each step of the province's profile
 * has its days (calendar or working days, with the holiday calendar as data) and the whole its
 * total. A case shows its remaining time; when a step or the whole is overdue the case turns
 * orange and is shown to the level above the step's actor; overdue by more than the policy's
 * days it turns red and goes one level higher again.
 */
import { addDays } from '../dates';
import type { ClockProfile, PreventionRules } from './schema';

export interface HolidayCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

export function calendarOf(clock: Pick<PreventionRules['clock'], 'holidaysByYear' | 'workdaysByYear'>): HolidayCalendar {
  return { holidays: new Set(Object.values(clock.holidaysByYear).flat()), workdays: new Set(Object.values(clock.workdaysByYear).flat()) };
}

export function isWorkingDay(date: string, cal: HolidayCalendar): boolean {
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const weekday = new Date(date + 'T00:00:00Z').getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The day `days` counted days after `start` (the start itself not counted). */
export function addCounted(start: string, days: number, unit: ClockProfile['unit'], cal: HolidayCalendar): string {
  if (unit === 'calendar') return addDays(start, days);
  let d = start;
  for (let n = 0; n < days; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) n++;
  }
  return d;
}

/** Counted days from `from` to `to`: positive when `to` is later, negative when earlier. */
export function countedBetween(from: string, to: string, unit: ClockProfile['unit'], cal: HolidayCalendar): number {
  if (from === to) return 0;
  const [a, b, sign] = from < to ? [from, to, 1] : [to, from, -1];
  if (unit === 'calendar') return sign * Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
  let n = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n++;
  return sign * n;
}

export type ClockStatus = 'on_time' | 'orange' | 'red' | 'done' | 'done_late';
export const CLOCK_STATUS_LABELS: Record<ClockStatus, string> = { on_time: '时限内', orange: '超期（橙色预警）', red: '严重超期（红色预警）', done: '按时办结', done_late: '超期办结' };

const LEVEL_ABOVE: Record<string, string[]> = { village: ['乡镇', '县级'], township: ['县级', '市级'], county: ['市级', '省级'] };

export interface StepDeadline {
  code: string;
  label: string;
  dueOn: string;
}

export interface CaseClock {
  profile: string;
  profileLabel: string;
  unit: ClockProfile['unit'];
  unitLabel: string;
  clueOn: string;
  dueOn: string;
  steps: StepDeadline[];
  currentStep: StepDeadline | null;
  /** Counted days left to the current step's deadline (negative when overdue). */
  stepRemaining: number | null;
  /** Counted days left to the total deadline (negative when overdue). */
  remaining: number;
  status: ClockStatus;
  statusLabel: string;
  escalateTo: string | null;
  text: string;
}

export interface ClockInput {
  profileCode: string;
  profile: ClockProfile;
  calendar: HolidayCalendar;
  redAfterDays: number;
  clueOn: string;
  today: string;
  /** The procedure step the case is at (null once closed). */
  procedureStep: string | null;
  /** village / township / county: who acts at that step. */
  actorLevel: string | null;
  /** The day the case was decided, when it is closed. */
  decidedOn: string | null;
}

export function caseClock(c: ClockInput): CaseClock {
  const { profile: p, calendar, clueOn, today } = c;
  const unitLabel = p.unit === 'working' ? '个工作日' : '天';
  let used = 0;
  const steps = p.steps.map((s) => {
    used += s.days;
    return { code: s.code, label: s.label, dueOn: addCounted(clueOn, used, p.unit, calendar) };
  });
  const dueOn = addCounted(clueOn, p.totalDays, p.unit, calendar);
  const base = { profile: c.profileCode, profileLabel: p.label, unit: p.unit, unitLabel, clueOn, dueOn, steps };
  if (c.decidedOn) {
    const late = c.decidedOn > dueOn;
    const status: ClockStatus = late ? 'done_late' : 'done';
    return { ...base, currentStep: null, stepRemaining: null, remaining: countedBetween(c.decidedOn, dueOn, p.unit, calendar), status, statusLabel: CLOCK_STATUS_LABELS[status], escalateTo: null, text: `${c.decidedOn} 办结，时限至 ${dueOn}（${p.label}）：${CLOCK_STATUS_LABELS[status]}` };
  }
  const index = p.steps.findIndex((s) => c.procedureStep !== null && s.procedureSteps.includes(c.procedureStep));
  const currentStep = index >= 0 ? steps[index] : null;
  const remaining = countedBetween(today, dueOn, p.unit, calendar);
  const stepRemaining = currentStep ? countedBetween(today, currentStep.dueOn, p.unit, calendar) : null;
  const overdueBy = Math.max(-remaining, stepRemaining === null ? 0 : -stepRemaining, 0);
  const status: ClockStatus = overdueBy === 0 ? 'on_time' : overdueBy > c.redAfterDays ? 'red' : 'orange';
  const above = c.actorLevel ? LEVEL_ABOVE[c.actorLevel] : undefined;
  const escalateTo = status === 'on_time' || !above ? null : status === 'orange' ? above[0] : above[1];
  const stepText = currentStep ? `当前「${currentStep.label}」时限至 ${currentStep.dueOn}，` : '';
  const left = remaining >= 0 ? `剩余 ${remaining} ${unitLabel}` : `已超期 ${-remaining} ${unitLabel}`;
  const stepLate = stepRemaining !== null && stepRemaining < 0 && remaining >= 0 ? `，本步骤已超期 ${-stepRemaining} ${unitLabel}` : '';
  const escalation = escalateTo ? `；${CLOCK_STATUS_LABELS[status]}，报${escalateTo}督办` : '';
  return { ...base, currentStep, stepRemaining, remaining, status, statusLabel: CLOCK_STATUS_LABELS[status], escalateTo, text: `${stepText}总时限至 ${dueOn}（${p.label}），${left}${stepLate}${escalation}` };
}
