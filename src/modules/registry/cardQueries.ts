/**
 * SQL of a household's card in one round trip (issue 26): the household with its place names,
 * members, incomes by year and status history, the three lists as JSON beside the row. Read
 * whoever asks (as `householdByNo` with EVERY_HOUSEHOLD): the route refuses it when out of reach.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { HouseholdWithPlace, PersonRow, incomesOf, statusHistoryOf } from './queries';

export interface CardLists {
  /** The head first, then by birth date (as `membersOf`). */
  members: PersonRow[];
  incomes: Awaited<ReturnType<typeof incomesOf>>;
  history: Awaited<ReturnType<typeof statusHistoryOf>>;
}

export type HouseholdCardRow = HouseholdWithPlace & { card: CardLists };

export async function householdCardByNo(db: Db, householdNo: string): Promise<HouseholdCardRow | undefined> {
  const row = await db
    .selectFrom('household as h')
    .leftJoin('place as pc', 'pc.code', 'h.county_code')
    .leftJoin('place as pt', 'pt.code', 'h.township_code')
    .leftJoin('place as pv', 'pv.code', 'h.village_code')
    .selectAll('h')
    .select(['pc.name as county_name', 'pt.name as township_name', 'pv.name as village_name'])
    .select(sql<CardLists>`json_build_object(
      'members', coalesce((SELECT json_agg(p ORDER BY (p.relation = 'head') DESC, p.birth_date, p.id_number) FROM person p
                           WHERE p.county_code = h.county_code AND p.household_no = h.household_no), '[]'),
      'incomes', coalesce((SELECT json_agg(i ORDER BY i.year) FROM household_income i
                           WHERE i.county_code = h.county_code AND i.household_no = h.household_no), '[]'),
      'history', coalesce((SELECT json_agg(json_build_object('year', s.year, 'status', s.status, 'monitor_category', s.monitor_category, 'reason', s.reason) ORDER BY s.year)
                           FROM household_status_history s WHERE s.county_code = h.county_code AND s.household_no = h.household_no), '[]'))`.as('card'))
    .where('h.household_no', '=', householdNo)
    .executeTakeFirst();
  return row as HouseholdCardRow | undefined;
}
