/** SQL of exit targets and of the registry's exits they are measured against. */
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { childPlaceColumn, inScope, underPlace, type PlaceScope } from '../../db/placeScope';

export interface TargetValues {
  place_code: string;
  year: number;
  persons: number;
  households: number | null;
  source: string | null;
  updated_by: string | null;
}

export async function upsertTargets(db: Db, rows: TargetValues[], at: Date): Promise<void> {
  for (const r of rows) {
    await db
      .insertInto('exit_target')
      .values({ ...r, updated_at: at })
      .onConflict((oc) => oc.columns(['place_code', 'year']).doUpdateSet({ persons: r.persons, households: r.households, source: r.source, updated_by: r.updated_by, updated_at: at }))
      .execute();
  }
}

export async function targetOf(db: Db, place: string, year: number) {
  return db.selectFrom('exit_target').selectAll().where('place_code', '=', place).where('year', '=', year).executeTakeFirst();
}

export async function targetsFor(db: Db, codes: string[], from: number, to: number) {
  if (codes.length === 0) return [];
  return db.selectFrom('exit_target').selectAll().where('place_code', 'in', codes).where('year', '>=', from).where('year', '<=', to).execute();
}

const HOUSEHOLD_PLACE = { county: 'h.county_code', township: 'h.township_code', village: 'h.village_code' };

/** Households and persons that exited in each year, per child place (the registry's exit year). */
export async function exitsByChild(db: Db, scope: PlaceScope, place: string, from: number, to: number) {
  const child = childPlaceColumn(place, HOUSEHOLD_PLACE);
  return db
    .selectFrom('household as h')
    .where(() => inScope(scope, HOUSEHOLD_PLACE))
    .where(() => (place === '0' ? sql<SqlBool>`true` : underPlace(place, HOUSEHOLD_PLACE)))
    .where('h.exit_year', '>=', from)
    .where('h.exit_year', '<=', to)
    .select([child.as('code'), 'h.exit_year as year', sql<number>`count(*)::int`.as('households'), sql<number>`coalesce(sum(h.size), 0)::int`.as('persons')])
    .groupBy([child, 'h.exit_year'])
    .execute();
}

/** The first and last year with a target at or under a place. */
export async function targetYears(db: Db, place: string): Promise<{ min: number | null; max: number | null }> {
  let q = db.selectFrom('exit_target').select([sql<number | null>`min(year)`.as('min'), sql<number | null>`max(year)`.as('max')]);
  if (place !== '0') q = q.where('place_code', 'like', place + '%');
  return q.executeTakeFirstOrThrow();
}
