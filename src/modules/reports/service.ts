/**
 * Use cases of the reports: the cause breakdown of a place (seed 001's tables) and the status
 * and exit progress by year, both read from the registry rollup after refreshing the stale
 * counties under the place.
 */
import type { Db } from '../../db/database';
import { householdStatus, labelOf, povertyCause } from '../../domain/enums';
import { NATION, NATION_NAME, pathCodes, type PlaceStep } from '../places/service';
import { notFound } from '../../server/errors';
import { percentShare } from './shares';
import * as q from './queries';
import { dueForRefresh, refreshStaleRollups } from './rollups';

export { refreshRollups, refreshStaleRollups } from './rollups';
export { statusYearAt, dateAfterYearEnd } from './shares';
export { causeReportSchema, reportPlaceSchema } from './schemas';
export { sendWorkbook } from './send';
export { reportWorkbook, attachmentHeader, XLSX_MEDIA_TYPE, type ReportSheet, type SheetColumn, type CellValue } from './workbook';

/** Statuses of the remaining poor (未脱贫, 返贫). */
export const REMAINING_POOR: readonly string[] = ['poor', 'returned'];

export interface ReportPlace {
  code: string;
  name: string;
  level: number;
  path: { code: string; name: string; level: number }[];
}

/** The place, its path, children and years from one statement (`placeFrame`); 404 for an unknown place. */
function placeOfFrame(code: string, frame: q.PlaceFrame): ReportPlace {
  if (code === NATION) return { code: NATION, name: NATION_NAME, level: 0, path: [] };
  const self = frame.path.at(-1);
  if (!self || self.code !== code) throw notFound(`行政区划 ${code} `);
  return { code: self.code, name: self.name, level: self.level, path: frame.path };
}

/** The place with its path, after bringing its rollups up to date; 404 for an unknown place. */
export async function preparePlace(db: Db, code: string): Promise<ReportPlace> {
  return (await preparePlaceOnce(db, code)).place;
}

/** The year-end a report reads: the one asked for, else the latest the place has (null: no data). */
export async function reportYear(db: Db, place: string, asked: number | undefined): Promise<{ year: number | null; minYear: number | null; maxYear: number | null }> {
  const span = await q.yearSpan(db, place);
  return { year: asked ?? span.maxYear, ...span };
}

/** A place with its path, children and the years its rollups cover, read once for several reports of it. */
export interface PreparedPlace {
  place: ReportPlace;
  span: q.YearSpan;
  children: PlaceStep[];
}

/**
 * The place, its children and year span after bringing its rollups up to date: one statement
 * when no county under it is stale (then the stale counties are rebuilt and the frame read
 * again). A caller that reads several reports of the place (the dashboard) hands it on.
 */
export async function preparePlaceOnce(db: Db, code: string): Promise<PreparedPlace> {
  let frame = await q.placeFrame(db, code, code === NATION ? [] : pathCodes(code));
  let place = placeOfFrame(code, frame);
  const due = dueForRefresh(frame.stale);
  if (due.length > 0) {
    await refreshStaleRollups(db, due);
    frame = await q.placeFrame(db, code, code === NATION ? [] : pathCodes(code));
    place = placeOfFrame(code, frame);
  }
  return { place, span: { minYear: frame.minYear, maxYear: frame.maxYear }, children: frame.children };
}

/** The prepared place of `code` (given by the caller, else read now, refreshing stale rollups first). */
export async function preparedOf(db: Db, code: string, prepared: PreparedPlace | undefined): Promise<PreparedPlace> {
  if (prepared && prepared.place.code === code) return prepared;
  return preparePlaceOnce(db, code);
}

export interface CauseLine {
  cause: string;
  label: string;
  households: number;
  householdShare: number;
  persons: number;
  personShare: number;
}

export interface CauseChild {
  code: string;
  name: string;
  level: number;
  households: number;
  persons: number;
  /** Households by main cause. */
  causes: Record<string, number>;
}

export interface CauseReport {
  place: ReportPlace;
  year: number | null;
  statuses: string[];
  households: number;
  persons: number;
  causes: CauseLine[];
  children: CauseChild[];
}

const UNRECORDED = '';
const causeOrder = (cause: string) => {
  const i = povertyCause.entries.findIndex((e) => e.code === cause);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
};
export const causeLabel = (cause: string) => (cause === UNRECORDED ? '未填写' : labelOf(povertyCause, cause) ?? cause);

/** Households and persons by main cause at a year-end, with shares to two decimals, and per child place. */
export async function causeReport(db: Db, code: string, options: { year?: number; statuses?: readonly string[]; prepared?: PreparedPlace } = {}): Promise<CauseReport> {
  const { place, span, children: childSteps } = await preparedOf(db, code, options.prepared);
  const statuses = [...(options.statuses ?? REMAINING_POOR)];
  const year = options.year ?? span.maxYear;
  const rows = year === null ? [] : await q.countByChildAndCause(db, code, year, statuses);
  const children = place.level === 5 ? [] : childSteps;
  const byCause = new Map<string, { households: number; persons: number }>();
  const byChild = new Map<string, CauseChild>();
  for (const c of children) byChild.set(c.code, { code: c.code, name: c.name, level: c.level, households: 0, persons: 0, causes: {} });
  for (const r of rows) {
    const total = byCause.get(r.cause) ?? { households: 0, persons: 0 };
    total.households += r.households;
    total.persons += r.persons;
    byCause.set(r.cause, total);
    const child = byChild.get(r.child);
    if (!child) continue;
    child.households += r.households;
    child.persons += r.persons;
    child.causes[r.cause] = (child.causes[r.cause] ?? 0) + r.households;
  }
  const households = [...byCause.values()].reduce((n, c) => n + c.households, 0);
  const persons = [...byCause.values()].reduce((n, c) => n + c.persons, 0);
  const causes = [...byCause]
    .sort(([a], [b]) => causeOrder(a) - causeOrder(b))
    .map(([cause, c]) => ({
      cause,
      label: causeLabel(cause),
      households: c.households,
      householdShare: percentShare(c.households, households),
      persons: c.persons,
      personShare: percentShare(c.persons, persons),
    }));
  return { place, year, statuses, households, persons, causes, children: [...byChild.values()] };
}

export interface ProgressFigures {
  /** Remaining poor (未脱贫 + 返贫) at the year-end. */
  remainingHouseholds: number;
  remainingPersons: number;
  /** Exited (已脱贫) at the year-end, all exit years. */
  exitedHouseholds: number;
  exitedPersons: number;
  /** Exits of that year. */
  exitsHouseholds: number;
  exitsPersons: number;
  /** Returns to poverty of that year. */
  returnsHouseholds: number;
  returnsPersons: number;
  /** Monitored (监测对象) at the year-end. */
  monitoredHouseholds: number;
  monitoredPersons: number;
}

export interface ProgressYear extends ProgressFigures {
  year: number;
}

export interface ProgressChild extends ProgressFigures {
  code: string;
  name: string;
  level: number;
}

export interface ProgressReport {
  place: ReportPlace;
  year: number | null;
  years: ProgressYear[];
  children: ProgressChild[];
}

const emptyFigures = (): ProgressFigures => ({
  remainingHouseholds: 0, remainingPersons: 0, exitedHouseholds: 0, exitedPersons: 0, exitsHouseholds: 0, exitsPersons: 0,
  returnsHouseholds: 0, returnsPersons: 0, monitoredHouseholds: 0, monitoredPersons: 0,
});

function addTo(f: ProgressFigures, r: { status: string; change: string; households: number; persons: number }): void {
  if (REMAINING_POOR.includes(r.status)) {
    f.remainingHouseholds += r.households;
    f.remainingPersons += r.persons;
  }
  if (r.status === 'exited') {
    f.exitedHouseholds += r.households;
    f.exitedPersons += r.persons;
  }
  if (r.status === 'monitored') {
    f.monitoredHouseholds += r.households;
    f.monitoredPersons += r.persons;
  }
  if (r.change === 'exited') {
    f.exitsHouseholds += r.households;
    f.exitsPersons += r.persons;
  }
  if (r.change === 'returned') {
    f.returnsHouseholds += r.households;
    f.returnsPersons += r.persons;
  }
}

/** Status and exit progress of a place: every year it has, and its children at `year` (default the latest). */
export async function progressReport(db: Db, code: string, options: { year?: number; prepared?: PreparedPlace } = {}): Promise<ProgressReport> {
  const { place, span, children: childSteps } = await preparedOf(db, code, options.prepared);
  const { minYear, maxYear } = span;
  const year = options.year ?? maxYear;
  const childRows = place.level < 5 ? childSteps : [];
  // Independent reads, side by side (one after another on a single connection).
  const [byYear, byChild] = await Promise.all([
    minYear !== null && maxYear !== null ? q.countByYearAndStatus(db, code, minYear, maxYear) : [],
    year !== null ? q.countByChildAndStatus(db, code, year) : [],
  ]);
  const years = new Map<number, ProgressYear>();
  if (minYear !== null && maxYear !== null) {
    for (let y = minYear; y <= maxYear; y++) years.set(y, { year: y, ...emptyFigures() });
    for (const r of byYear) addTo(years.get(r.year)!, r);
  }
  const children = new Map<string, ProgressChild>();
  for (const c of childRows) children.set(c.code, { code: c.code, name: c.name, level: c.level, ...emptyFigures() });
  for (const r of byChild) {
    const child = children.get(r.child);
    if (child) addTo(child, r);
  }
  return { place, year, years: [...years.values()], children: [...children.values()] };
}

/** Chinese label of a status code (for exports). */
export const statusLabel = (code: string) => labelOf(householdStatus, code) ?? code;

export type { ListingLevel, RemainingRow } from './queries';

/**
 * Remaining poor (未脱贫 + 返贫) per place of each level asked under `place` at the end of
 * `year`, only places above that level's line (`lines`: level → persons). The counties come
 * from the county rollup; the townships are summed once for both their own line and the
 * villages' (a village has no more remaining poor than its township, so only the villages of
 * the townships over the village line are read).
 */
export async function remainingPoorByLevels(db: Db, place: string, year: number, lines: ReadonlyMap<q.ListingLevel, number>): Promise<Map<q.ListingLevel, q.RemainingRow[]>> {
  const out = new Map<q.ListingLevel, q.RemainingRow[]>();
  const county = lines.get('county');
  const township = lines.get('township');
  const village = lines.get('village');
  const prefilter = village !== undefined && village > 0 && place.length < 9;
  const townshipLine = Math.min(township ?? Infinity, prefilter ? village : Infinity);
  const [counties, townships] = await Promise.all([
    county === undefined ? undefined : q.remainingByLevel(db, place, 'county', year, REMAINING_POOR, county),
    townshipLine === Infinity ? undefined : q.remainingByLevel(db, place, 'township', year, REMAINING_POOR, townshipLine),
  ]);
  if (counties) out.set('county', counties);
  if (townships && township !== undefined) out.set('township', townships.filter((t) => t.persons > township));
  if (village !== undefined) {
    if (!prefilter) out.set('village', await q.remainingByLevel(db, place, 'village', year, REMAINING_POOR, village));
    else {
      const over = townships!.filter((t) => t.persons > village).map((t) => t.code);
      out.set('village', over.length > 50 ? await q.remainingByLevel(db, place, 'village', year, REMAINING_POOR, village) : await q.remainingInTownships(db, over, year, REMAINING_POOR, village));
    }
  }
  return out;
}

/** Remaining poor of exactly these places of one level at the end of `year` (absent: none). */
export function remainingPoorOf(db: Db, level: q.ListingLevel, codes: readonly string[], year: number): Promise<q.RemainingRow[]> {
  return q.remainingOf(db, level, codes, year, REMAINING_POOR);
}
