/**
 * Month snapshots (POLICY §8: month-end snapshots are taken automatically; a report's figures
 * come from a snapshot frozen when it is submitted; no snapshot is made "as of" a past date).
 * A snapshot copies, at the moment it is taken, every village's registry figures (the year-end
 * status of the business year, read from the rollup after refreshing it) and every place's open
 * and overdue rectifications. The rows are never changed (a trigger refuses UPDATE and DELETE);
 * the monthly, quarterly and yearly reports and the trend charts read them.
 */
import type { Database, Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { chinaDate } from '../../domain/dates';
import { monthOf, monthsOfPeriod, monthToClose, type PeriodKind } from '../../domain/rhythm/deadlines';
import { notFound } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import { placeNames } from '../places/service';
import { refreshStaleRollups, reportYear } from '../reports/service';
import * as q from './snapshotQueries';
import { SNAPSHOT_KINDS } from '../../domain/rhythm/labels';

export type { SnapshotHeader } from './snapshotQueries';
export { FIGURES, FIGURE_LABELS, SNAPSHOT_KINDS, type Figures } from '../../domain/rhythm/labels';

export interface TakeSnapshot {
  county: string;
  /** The lines' place: the county (month-end, on demand) or the submitting township. */
  under: string;
  kind: 'month_end' | 'on_demand' | 'submission';
  /** The month the figures are of (first day). */
  month: string;
  at: Date;
  actor: AuditActor | null;
}

/**
 * Take a snapshot in the caller's transaction (`tx`); the registry rollup must be fresh (see
 * `freshen`). Null when the month-end snapshot of that county and month exists already.
 */
export async function takeSnapshotIn(tx: Db, spec: TakeSnapshot): Promise<number | null> {
  const { maxYear, minYear } = await reportYear(tx, spec.county, undefined);
  const year = Number(spec.month.slice(0, 4));
  // The business year's year-end status; the registry's latest year when it has none later.
  const statusYear = maxYear === null || minYear === null ? null : year >= maxYear ? maxYear : year < minYear ? null : year;
  const id = await q.insertSnapshot(tx, { county: spec.county, month: spec.month, kind: spec.kind, under: spec.under, statusYear, takenAt: spec.at, takenBy: spec.actor?.username ?? null });
  if (id === null) return null;
  const lines = await q.insertSnapshotLines(tx, spec.county, id, spec.under, statusYear, chinaDate(spec.at));
  if (spec.actor) {
    await recordAudit(tx, { ...spec.actor, action: 'rhythm.snapshot', objectType: 'month_snapshot', objectId: `${spec.county}-${id}`, placeCode: spec.under, after: { month: spec.month, kind: spec.kind, statusYear, lines } });
  }
  return id;
}

/** Bring the county's rollup up to date before a snapshot reads it (outside the snapshot's transaction). */
export const freshen = (db: Db, county: string) => refreshStaleRollups(db, [county]);

/** A snapshot on demand of a county or township now (of the current month); returns its header. */
export async function takeSnapshotNow(db: Db, place: string, actor: AuditActor, at: Date): Promise<q.SnapshotHeader> {
  const county = place.slice(0, 6);
  await freshen(db, county);
  const id = await db.transaction().execute((tx) => takeSnapshotIn(tx, { county, under: place.length > 6 ? place : county, kind: 'on_demand', month: monthOf(chinaDate(at)), at, actor }));
  return (await q.findSnapshot(db, county, id!))!;
}

/**
 * The month-end sweep: for every county with registry data, the snapshot of the month just
 * over, unless taken already (by this or another server). Run on the server's schedule.
 */
export async function takeMonthEndSnapshots(db: Db, at: Date): Promise<{ month: string; taken: string[] }> {
  const month = monthToClose(chinaDate(at));
  const taken: string[] = [];
  for (const county of await q.countiesWithData(db)) {
    if (await q.monthEndSnapshot(db, county, month)) continue;
    await freshen(db, county);
    const id = await db.transaction().execute((tx) => takeSnapshotIn(tx, { county, under: county, kind: 'month_end', month, at, actor: null }));
    if (id !== null) taken.push(county);
  }
  return { month, taken };
}

const HOUR_MS = 3_600_000;

/** `fupin serve`: the month-end sweep now and every hour; errors are logged, never thrown. */
export function scheduleMonthEndSnapshots(database: Database, now: () => Date, log: (m: string) => void, everyMs = HOUR_MS): NodeJS.Timeout {
  const once = () =>
    takeMonthEndSnapshots(database.db, now()).then(
      (r) => r.taken.length > 0 && log(`月末快照（${r.month.slice(0, 7)}）：已生成 ${r.taken.length} 个县`),
      (e: unknown) => log(`月末快照失败：${e instanceof Error ? e.message : String(e)}`),
    );
  void once();
  const timer = setInterval(() => void once(), everyMs);
  timer.unref();
  return timer;
}

export interface MonthFigures extends q.Figures {
  month: string;
  /** False: no month-end snapshot of this month yet. */
  taken: boolean;
}

const zero = (): q.Figures => Object.fromEntries(q.FIGURES.map((f) => [f, 0])) as q.Figures;

/** The figures under a place at each month-end of a year (a trend chart). */
export async function monthlyTrend(db: Db, scope: PlaceScope, place: string, year: number): Promise<MonthFigures[]> {
  const months = monthsOfPeriod(year, 'year', 1);
  const rows = new Map((await q.figuresByMonth(db, scope, place, months)).map((r) => [r.month, r]));
  return months.map((month) => {
    const row = rows.get(month);
    if (!row) return { month, taken: false, ...zero() };
    const { counties: _counties, month: _month, ...figures } = row;
    return { month, taken: true, ...figures };
  });
}

export interface PeriodReport {
  place: { code: string; name: string };
  year: number;
  kind: PeriodKind;
  index: number;
  title: string;
  months: MonthFigures[];
  /** The last month of the period with a month-end snapshot (null: none yet). */
  endMonth: string | null;
  children: (q.Figures & { code: string; name: string })[];
}

/** 月报告 / 季小结 / 年总结 of a place: each month's figures, and by child place at the period's last month-end. */
export async function periodReport(db: Db, scope: PlaceScope, place: string, year: number, kind: PeriodKind, index: number): Promise<PeriodReport> {
  const names = await placeNames(db, [place], { withNation: true });
  if (!names.has(place)) throw notFound(`行政区划 ${place} `);
  const wanted = monthsOfPeriod(year, kind, index);
  const trend = (await monthlyTrend(db, scope, place, year)).filter((m) => wanted.includes(m.month));
  const endMonth = [...trend].reverse().find((m) => m.taken)?.month ?? null;
  const rows = endMonth ? await q.monthFiguresByChild(db, scope, place, endMonth) : [];
  const childNames = await placeNames(db, rows.map((r) => r.code));
  const period = kind === 'month' ? `${index}月` : kind === 'quarter' ? `第${index}季度` : '';
  const label = kind === 'month' ? '月报告' : kind === 'quarter' ? '季小结' : '年总结';
  return {
    place: { code: place, name: names.get(place)!.name },
    year, kind, index,
    title: `${names.get(place)!.name}${year}年${period}${label}`,
    months: trend,
    endMonth,
    children: rows.map((r) => ({ ...r, name: childNames.get(r.code)?.name ?? r.code })),
  };
}

/** Snapshot headers under a place, with their kind's label. */
export async function listSnapshots(db: Db, place: string) {
  return (await q.listSnapshots(db, place)).map((s) => ({ ...s, kindLabel: SNAPSHOT_KINDS[s.kind] ?? s.kind }));
}

/** One snapshot's figures under a place (its total and its children). */
export async function snapshotDetail(db: Db, county: string, id: number, place: string) {
  const header = await q.findSnapshot(db, county, id);
  if (!header) throw notFound(`快照 ${county}-${id} `);
  const figures = await q.snapshotFigures(db, county, id, place);
  const names = await placeNames(db, figures.children.map((c) => c.code));
  return { ...header, kindLabel: SNAPSHOT_KINDS[header.kind] ?? header.kind, place, total: figures.total, children: figures.children.map((c) => ({ ...c, name: names.get(c.code)?.name ?? c.code })) };
}
