/**
 * Progress against a yearly exit target, in the campaign's words: met (达成), on track (the
 * cases in progress would reach it), behind (落后于计划: a past year missed, or even every case
 * in progress would not reach it), planned (a later year), no target.
 */

export type ProgressStatus = 'met' | 'on_track' | 'behind' | 'planned' | 'no_target';

export const PROGRESS_LABELS: Record<ProgressStatus, string> = {
  met: '已完成', on_track: '按计划推进', behind: '落后于计划', planned: '尚未开始', no_target: '未设目标',
};

export interface YearProgress {
  targetPersons: number | null;
  targetHouseholds: number | null;
  exitedPersons: number;
  exitedHouseholds: number;
  inProgressPersons: number;
  forecastPersons: number;
  /** Exited persons as a share of the target (null without a target). */
  share: number | null;
  status: ProgressStatus;
  statusLabel: string;
}

export function yearProgress(input: { year: number; currentYear: number; targetPersons: number | null; targetHouseholds: number | null; exitedPersons: number; exitedHouseholds: number; inProgressPersons: number }): YearProgress {
  const forecast = input.exitedPersons + input.inProgressPersons;
  const t = input.targetPersons;
  let status: ProgressStatus;
  if (t === null) status = 'no_target';
  else if (input.exitedPersons >= t) status = 'met';
  else if (input.year > input.currentYear) status = 'planned';
  else if (input.year < input.currentYear) status = 'behind';
  else status = forecast >= t ? 'on_track' : 'behind';
  return {
    targetPersons: t,
    targetHouseholds: input.targetHouseholds,
    exitedPersons: input.exitedPersons,
    exitedHouseholds: input.exitedHouseholds,
    inProgressPersons: input.inProgressPersons,
    forecastPersons: forecast,
    share: t ? Math.round((input.exitedPersons / t) * 10000) / 10000 : null,
    status,
    statusLabel: PROGRESS_LABELS[status],
  };
}

export interface MonthPoint {
  month: number;
  persons: number;
  cumulative: number;
  /** The straight-line plan up to this month (target × month / 12). */
  planned: number | null;
}

/** Completed persons per month (1–12), cumulated, beside a straight-line plan of the target. */
export function monthlySeries(completed: { month: number; persons: number }[], target: number | null): MonthPoint[] {
  let cumulative = 0;
  return Array.from({ length: 12 }, (_, i) => {
    const month = i + 1;
    const persons = completed.filter((c) => c.month === month).reduce((n, c) => n + c.persons, 0);
    cumulative += persons;
    return { month, persons, cumulative, planned: target === null ? null : Math.round((target * month) / 12) };
  });
}
