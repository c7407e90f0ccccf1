/** The business years that have data within a reach: the income years of its households. */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { householdReach, type HouseholdAccess } from '../../db/householdReach';

/** Distinct income years (ascending) of the households within reach. */
export async function incomeYearsWithin(db: Db, access: HouseholdAccess): Promise<number[]> {
  const rows = await sql<{ year: number }>`
    SELECT DISTINCT i.year::int AS year FROM household_income i
    JOIN household h ON h.county_code = i.county_code AND h.household_no = i.household_no
    WHERE ${householdReach(access)}
    ORDER BY 1`.execute(db);
  return rows.rows.map((r) => r.year);
}
