/**
 * Yearly exit targets per place (persons and households to exit, seed 002's township plan and
 * seed 003's 30/30/40% in the demo) and progress against them: exits recorded in the registry
 * per child place and year, completed exit cases per month, and a forecast from the cases in
 * progress; places behind plan are marked.
 */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { badRequest } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import { completedExitsByMonth, inProgressExits } from '../procedures/service';
import { monthlySeries, yearProgress, type YearProgress } from './progress';
import { exitsByChild, targetOf, targetsFor, targetYears, upsertTargets } from './queries';
import { childPlaces, reachablePlace } from '../places/service';

export { upsertTargets, type TargetValues } from './queries';
export { PROGRESS_LABELS, type ProgressStatus } from './progress';

export interface TargetInput {
  placeCode: string;
  year: number;
  persons: number;
  households?: number | null;
  source?: string | null;
}

/** Set (or change) the target of a place and year; audited with the previous value. */
export async function setTarget(db: Db, scope: PlaceScope, input: TargetInput, actor: AuditActor & { at: Date }) {
  const problems: string[] = [];
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) problems.push(`年度（year）应为 2000–2100 的整数，实为 ${input.year}`);
  if (!Number.isInteger(input.persons) || input.persons < 0) problems.push(`目标人数（persons）应为不小于 0 的整数，实为 ${input.persons}`);
  if (input.households != null && (!Number.isInteger(input.households) || input.households < 0)) problems.push(`目标户数（households）应为不小于 0 的整数，实为 ${input.households}`);
  if (problems.length) throw badRequest(`${input.placeCode} ${input.year} 年目标有误：${problems.join('；')}`);
  const place = await reachablePlace(db, scope, input.placeCode);
  return db.transaction().execute(async (tx) => {
    const before = await targetOf(tx, place.code, input.year);
    await upsertTargets(tx, [{ place_code: place.code, year: input.year, persons: input.persons, households: input.households ?? null, source: input.source ?? null, updated_by: actor.username }], actor.at);
    await recordAudit(tx, {
      ...actor,
      action: 'target.set',
      objectType: 'exit_target',
      objectId: `${place.code}@${input.year}`,
      placeCode: place.code,
      before: before ? { persons: before.persons, households: before.households } : null,
      after: { persons: input.persons, households: input.households ?? null },
      note: `${place.name} ${input.year} 年减贫目标`,
    });
    return { placeCode: place.code, placeName: place.name, year: input.year, persons: input.persons, households: input.households ?? null };
  });
}

export interface OverviewRow {
  code: string;
  name: string;
  byYear: Record<string, YearProgress>;
}

/** Targets and exits of a place and of each of its children over a range of years. */
export async function targetOverview(db: Db, scope: PlaceScope, placeCode: string, from: number, to: number, currentYear: number) {
  if (!(from <= to && to - from <= 20)) throw badRequest(`年份范围 ${from}–${to} 无效（起始不晚于截止，至多 21 年）`);
  const place = await reachablePlace(db, scope, placeCode);
  const children = await childPlaces(db, place.code);
  const targets = await targetsFor(db, [place.code, ...children.map((c) => c.code)], from, to);
  const exits = await exitsByChild(db, scope, place.code, from, to);
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const inProgress = new Map<number, Awaited<ReturnType<typeof inProgressExits>>>();
  for (const y of years) if (y >= currentYear) inProgress.set(y, await inProgressExits(db, scope, place.code, y));
  const cell = (code: string | null, year: number, target: { persons: number; households: number | null } | null) => {
    const mine = exits.filter((e) => e.year === year && (code === null || e.code === code));
    const pending = (inProgress.get(year) ?? []).filter((p) => code === null || p.code === code);
    return yearProgress({
      year,
      currentYear,
      targetPersons: target?.persons ?? null,
      targetHouseholds: target?.households ?? null,
      exitedPersons: mine.reduce((n, e) => n + e.persons, 0),
      exitedHouseholds: mine.reduce((n, e) => n + e.households, 0),
      inProgressPersons: pending.reduce((n, p) => n + p.persons, 0),
    });
  };
  const targetOfPlace = (code: string, year: number) => targets.find((t) => t.place_code === code && t.year === year) ?? null;
  const rows: OverviewRow[] = children
    .map((c) => ({ code: c.code, name: c.name, byYear: Object.fromEntries(years.map((y) => [String(y), cell(c.code, y, targetOfPlace(c.code, y))])) }))
    .filter((r) => Object.values(r.byYear).some((p) => p.targetPersons !== null || p.exitedPersons > 0 || p.inProgressPersons > 0));
  const totalTarget = (year: number) => {
    const own = targetOfPlace(place.code, year);
    if (own) return own;
    const set = children.map((c) => targetOfPlace(c.code, year)).filter((t) => t !== null);
    if (set.length === 0) return null;
    return { persons: set.reduce((n, t) => n + t.persons, 0), households: set.every((t) => t.households !== null) ? set.reduce((n, t) => n + (t.households ?? 0), 0) : null };
  };
  const total: OverviewRow = { code: place.code, name: place.name, byYear: Object.fromEntries(years.map((y) => [String(y), cell(null, y, totalTarget(y))])) };
  return { place, years, currentYear, total, rows, behind: rows.filter((r) => Object.values(r.byYear).some((p) => p.status === 'behind')).map((r) => r.code) };
}

/** One year's progress of a place month by month (completed exit cases), with the registry's total and the forecast. */
export async function monthlyProgress(db: Db, scope: PlaceScope, placeCode: string, year: number, currentYear: number) {
  const place = await reachablePlace(db, scope, placeCode);
  const overview = await targetOverview(db, scope, place.code, year, year, currentYear);
  const p = overview.total.byYear[String(year)];
  const completed = await completedExitsByMonth(db, scope, place.code, year);
  const byCases = completed.reduce((n, c) => n + c.persons, 0);
  return {
    place,
    year,
    target: p,
    months: monthlySeries(completed, p.targetPersons),
    /** Exits the registry records for the year without a completed case in the system (imported, or recorded before). */
    recordedWithoutCase: Math.max(p.exitedPersons - byCases, 0),
  };
}

/** The years to show by default: those with targets at or under the place, else the last three. */
export async function defaultYears(db: Db, placeCode: string, currentYear: number): Promise<{ from: number; to: number }> {
  const t = await targetYears(db, placeCode);
  return t.min !== null && t.max !== null ? { from: t.min, to: t.max } : { from: currentYear - 2, to: currentYear };
}
