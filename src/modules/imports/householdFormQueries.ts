/** SQL of 新增农户 (householdForm.ts). */
import type { Db } from '../../db/database';

/** True when the county already has a household of this number. */
export async function householdNumberTaken(db: Db, countyCode: string, householdNo: string): Promise<boolean> {
  const row = await db
    .selectFrom('household')
    .select('household_no')
    .where('county_code', '=', countyCode)
    .where('household_no', '=', householdNo)
    .executeTakeFirst();
  return row !== undefined;
}
