/**
 * The household side of a procedure: the household a case is about, its members' labour, when
 * it became monitored, and the status change that completes a case (status, year, history).
 * Pairings, measures and everything else of the household are never touched here.
 */
import type { Db } from '../../db/database';
import { chinaDate } from '../../domain/dates';

export interface ProcedureHousehold {
  county_code: string;
  household_no: string;
  township_code: string;
  village_code: string;
  head_name: string;
  status: string;
  monitor_category: string | null;
  identified_year: number | null;
  exit_year: number | null;
  size: number;
  main_cause: string | null;
}

const COLUMNS = ['county_code', 'household_no', 'township_code', 'village_code', 'head_name', 'status', 'monitor_category', 'identified_year', 'exit_year', 'size', 'main_cause'] as const;

/** A household by number, wherever it is (the caller checks reach), locked when asked. */
export async function householdByNo(db: Db, householdNo: string, forUpdate = false): Promise<ProcedureHousehold | undefined> {
  const q = db.selectFrom('household').select(COLUMNS).where('household_no', '=', householdNo);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function lockHouseholds(db: Db, countyCode: string, householdNos: string[]): Promise<ProcedureHousehold[]> {
  if (householdNos.length === 0) return [];
  return db.selectFrom('household').select(COLUMNS).where('county_code', '=', countyCode).where('household_no', 'in', householdNos).orderBy('household_no').forUpdate().execute();
}

export async function memberLabour(db: Db, countyCode: string, householdNo: string): Promise<{ name: string; labour: string | null }[]> {
  return db.selectFrom('person').select(['name', 'labour']).where('county_code', '=', countyCode).where('household_no', '=', householdNo).orderBy('id_number').execute();
}

/** The household's yearly per-capita net income (risk elimination reads it as income over time). */
export async function yearIncomes(db: Db, countyCode: string, householdNo: string): Promise<{ year: number; perCapitaNet: number }[]> {
  return db.selectFrom('household_income').select(['year', 'per_capita_net as perCapitaNet']).where('county_code', '=', countyCode).where('household_no', '=', householdNo).orderBy('year').execute();
}

/** The household's assistance measures with their type label and start date. */
export async function deliveredMeasures(db: Db, countyCode: string, householdNo: string): Promise<{ label: string; startedOn: string | null }[]> {
  return db
    .selectFrom('household_measure as m')
    .innerJoin('measure_type as t', 't.code', 'm.measure_type')
    .select(['t.label as label', 'm.started_on as startedOn'])
    .where('m.county_code', '=', countyCode)
    .where('m.household_no', '=', householdNo)
    .orderBy('m.id')
    .execute();
}

/** The day the household's current monitoring began: its last completed monitoring entry. */
export async function monitoredSinceByCase(db: Db, countyCode: string, householdNo: string): Promise<string | null> {
  const row = await db
    .selectFrom('procedure_case')
    .select('closed_at')
    .where('county_code', '=', countyCode)
    .where('household_no', '=', householdNo)
    .where('procedure', '=', 'monitoring_entry')
    .where('status', '=', 'completed')
    .orderBy('closed_at', 'desc')
    .executeTakeFirst();
  return row?.closed_at ? chinaDate(new Date(row.closed_at)) : null;
}

/** The first year of the household's latest unbroken run of 'monitored' years in its history. */
export async function monitoredSinceYear(db: Db, countyCode: string, householdNo: string): Promise<number | null> {
  const rows = await db
    .selectFrom('household_status_history')
    .select(['year', 'status'])
    .where('county_code', '=', countyCode)
    .where('household_no', '=', householdNo)
    .orderBy('year', 'desc')
    .execute();
  let since: number | null = null;
  for (const r of rows) {
    if (r.status !== 'monitored') break;
    since = r.year;
  }
  return since;
}
