/**
 * The leader's dashboard (领导驾驶舱): one screen for a place — the large numbers at the latest
 * year-end, the trend by year, the main causes, the children with their remaining poor for the
 * drill-down, the listed places and the open rectifications. Everything read from rollups and
 * ledgers, never from the person table.
 */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { rectificationTotals } from '../rectification/service';
import { causeReport, preparePlaceOnce, progressReport, type ProgressFigures, type ReportPlace } from '../reports/service';
import { supervisionListing } from './service';

export interface DashboardChild {
  code: string;
  name: string;
  level: number;
  remainingHouseholds: number;
  remainingPersons: number;
  exitsPersons: number;
  exitedPersons: number;
  /** Listed for supervision (at the listing's date). */
  listed: boolean;
}

export interface Dashboard {
  place: ReportPlace;
  year: number | null;
  totals: ProgressFigures;
  trend: { year: number; remainingHouseholds: number; remainingPersons: number; exitsHouseholds: number; exitsPersons: number; exitedPersons: number }[];
  causes: { cause: string; label: string; households: number; householdShare: number; persons: number }[];
  children: DashboardChild[];
  supervision: { asOf: string | null; statusYear: number | null; counties: number; townships: number; villages: number; listed: { code: string; name: string; level: string; persons: number; latestPersons: number; delistable: boolean }[] };
  rectifications: { open: number; overdue: number; closed: number; reopened: number };
}

const EMPTY: ProgressFigures = {
  remainingHouseholds: 0, remainingPersons: 0, exitedHouseholds: 0, exitedPersons: 0, exitsHouseholds: 0, exitsPersons: 0,
  returnsHouseholds: 0, returnsPersons: 0, monitoredHouseholds: 0, monitoredPersons: 0,
};

/** The leader's dashboard of `place` at the end of `year` (the business year; default the latest year with data). */
export async function leaderDashboard(db: Db, scope: PlaceScope, place: string, today: string, year?: number): Promise<Dashboard> {
  // Bring the rollups up to date and read the place and its years once, then the independent
  // reads side by side (the cause report's default year is the progress report's: the latest).
  const [prepared, rectifications] = await Promise.all([preparePlaceOnce(db, place), rectificationTotals(db, scope, place, today)]);
  const [progress, causes, listing] = await Promise.all([
    progressReport(db, place, { prepared, year }),
    causeReport(db, place, { prepared, year }),
    supervisionListing(db, scope, place, { today, prepared }),
  ]);
  const listedPlaces = [...listing.counties, ...listing.townships, ...listing.villages];
  const listed = new Set(listedPlaces.map((l) => l.code));
  const latest = progress.years.find((y) => y.year === progress.year);
  const { year: _year, ...totals } = latest ?? { year: 0, ...EMPTY };
  return {
    place: progress.place,
    year: progress.year,
    totals,
    trend: progress.years.map((y) => ({
      year: y.year, remainingHouseholds: y.remainingHouseholds, remainingPersons: y.remainingPersons,
      exitsHouseholds: y.exitsHouseholds, exitsPersons: y.exitsPersons, exitedPersons: y.exitedPersons,
    })),
    causes: causes.causes.map((c) => ({ cause: c.cause, label: c.label, households: c.households, householdShare: c.householdShare, persons: c.persons })),
    children: progress.children.map((c) => ({
      code: c.code, name: c.name, level: c.level, remainingHouseholds: c.remainingHouseholds, remainingPersons: c.remainingPersons,
      exitsPersons: c.exitsPersons, exitedPersons: c.exitedPersons, listed: listed.has(c.code),
    })),
    supervision: {
      asOf: listing.asOf,
      statusYear: listing.statusYear,
      counties: listing.counties.length,
      townships: listing.townships.length,
      villages: listing.villages.length,
      listed: listedPlaces.map((l) => ({ code: l.code, name: l.name, level: l.level, persons: l.persons, latestPersons: l.latestPersons, delistable: l.delistable })),
    },
    rectifications,
  };
}
