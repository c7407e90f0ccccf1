/** Exit cases counted for targets and progress: completed per month, in progress per child place. */
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { childPlaceColumn, inScope, underPlace, type PlaceScope } from '../../db/placeScope';

const CASE_PLACE = { county: 'c.county_code', township: 'c.township_code', village: 'c.village_code' };

function exitCases(db: Db, scope: PlaceScope, place: string, year: number) {
  return db
    .selectFrom('procedure_case as c')
    .where('c.procedure', '=', 'exit')
    .where('c.year', '=', year)
    .where(() => inScope(scope, CASE_PLACE))
    .where(() => (place === '0' ? sql<SqlBool>`true` : underPlace(place, CASE_PLACE)));
}

/** Exit cases of the year still in progress, per child place: the forecast's extra. */
export async function inProgressExits(db: Db, scope: PlaceScope, place: string, year: number): Promise<{ code: string; cases: number; persons: number }[]> {
  const child = childPlaceColumn(place, CASE_PLACE);
  return exitCases(db, scope, place, year)
    .where('c.status', '=', 'in_progress')
    .select([child.as('code'), sql<number>`count(*)::int`.as('cases'), sql<number>`coalesce(sum(c.persons), 0)::int`.as('persons')])
    .groupBy(child)
    .execute();
}

/** Exit cases of the year completed, per month of completion (China time). */
export async function completedExitsByMonth(db: Db, scope: PlaceScope, place: string, year: number): Promise<{ month: number; cases: number; persons: number }[]> {
  const month = sql<number>`extract(month from (c.closed_at AT TIME ZONE 'UTC') + interval '8 hours')::int`;
  return exitCases(db, scope, place, year)
    .where('c.status', '=', 'completed')
    .select([month.as('month'), sql<number>`count(*)::int`.as('cases'), sql<number>`coalesce(sum(c.persons), 0)::int`.as('persons')])
    .groupBy(month)
    .orderBy(month)
    .execute();
}
