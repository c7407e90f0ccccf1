/** SQL read by risk elimination as run from 2026: the year's income items and 自付 costs (收支核算口径), and the measures still under contract. */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { IncomeItems } from '../../domain/prevention/kinds';

export async function incomeItemsOf(db: Db, countyCode: string, householdNo: string, year: number): Promise<{ income: IncomeItems; size: number } | null> {
  const row = await db.selectFrom('household_income')
    .select([
      sql<number>`wages::float8`.as('wages'), sql<number>`production_net::float8`.as('production_net'), sql<number>`property::float8`.as('property'),
      sql<number>`transfer::float8`.as('transfer'), sql<number>`production_cost::float8`.as('production_cost'), 'household_size',
    ])
    .where('county_code', '=', countyCode).where('household_no', '=', householdNo).where('year', '=', year)
    .executeTakeFirst();
  if (!row) return null;
  const { household_size, ...income } = row;
  return { income, size: Number(household_size) };
}

export async function costsByItem(db: Db, countyCode: string, householdNo: string, year: number): Promise<Record<string, number>> {
  const rows = await db.selectFrom('household_cost').select(['item', sql<number>`amount::float8`.as('amount')])
    .where('county_code', '=', countyCode).where('household_no', '=', householdNo).where('year', '=', year).execute();
  return Object.fromEntries(rows.map((r) => [r.item, r.amount]));
}

/** Measures not ended by `today` (no end date, or ending later): they run to term whatever the status. */
export async function runningMeasures(db: Db, countyCode: string, householdNo: string, today: string): Promise<{ label: string; endedOn: string | null }[]> {
  return db
    .selectFrom('household_measure as m')
    .innerJoin('measure_type as t', 't.code', 'm.measure_type')
    .select(['t.label as label', sql<string | null>`m.ended_on::text`.as('endedOn')])
    .where('m.county_code', '=', countyCode)
    .where('m.household_no', '=', householdNo)
    .where((eb) => eb.or([eb('m.ended_on', 'is', null), eb('m.ended_on', '>', today)]))
    .orderBy('m.id')
    .execute();
}
