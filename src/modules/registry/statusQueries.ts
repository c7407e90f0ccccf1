/**
 * The changes other modules make to a household, through the registry's service and inside the
 * caller's transaction (the registry owns the household table): a procedure's completion sets
 * the status, an overdue loan opens a risk type.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { markRollupsStale } from '../../db/rollupMarks';

/** A household by its key (as the other modules' rows carry it). */
export interface HouseholdKey {
  county_code: string;
  household_no: string;
}

export interface HouseholdStatusChange {
  status: string;
  monitor_category: string | null;
  exit_year: number | null;
  identified_year: number | null;
}

/** Set the household's status and record it as the status of `year` (replacing that year's record). */
export async function setHouseholdStatus(db: Db, h: HouseholdKey, change: HouseholdStatusChange, year: number, reason: string, at: Date): Promise<void> {
  await db
    .updateTable('household')
    .set({ status: change.status, monitor_category: change.monitor_category, exit_year: change.exit_year, identified_year: change.identified_year, updated_at: at })
    .where('county_code', '=', h.county_code)
    .where('household_no', '=', h.household_no)
    .execute();
  await db
    .insertInto('household_status_history')
    .values({ county_code: h.county_code, household_no: h.household_no, year, status: change.status, monitor_category: change.monitor_category, reason, recorded_at: at })
    .onConflict((oc) => oc.columns(['county_code', 'household_no', 'year']).doUpdateSet({ status: change.status, monitor_category: change.monitor_category, reason, recorded_at: at }))
    .execute();
  await markRollupsStale(db, [h.county_code]);
}

/**
 * Open a risk type on the household (the yellow "未消除的风险" input of risk grading) unless it
 * is open already; true when it was added.
 */
export async function openRiskType(db: Db, countyCode: string, householdNo: string, riskType: string): Promise<boolean> {
  const r = await sql`UPDATE household SET open_risk_types = array_append(open_risk_types, ${riskType}), updated_at = now()
    WHERE county_code = ${countyCode} AND household_no = ${householdNo} AND NOT (${riskType} = ANY(open_risk_types)) RETURNING household_no`.execute(db);
  return r.rows.length === 1;
}
