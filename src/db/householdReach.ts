/**
 * Record reach of household data as SQL, the set-based side of access (one record is reached
 * in the routes with `reachRecord` / `assertInScope` from src/server): rows whose household lies
 * in the caller's place scope, and for a pairing cadre only his paired households. Every list
 * of households, members, cases, visits … filters with `householdReach`.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import { inScope, type PlaceColumns, type PlaceScope } from './placeScope';

/**
 * What a household query must filter by: the place scope, and for a pairing cadre (his user
 * id) his paired households. Built per request by `householdAccessOf` (src/server/access.ts).
 */
export interface HouseholdAccess {
  scope: PlaceScope;
  pairedCadreId: number | null;
}

/** Every household (console, jobs, and reads that locate a record before the route refuses it). */
export const EVERY_HOUSEHOLD: HouseholdAccess = { scope: { all: true }, pairedCadreId: null };

/** The place columns of a row and its household key columns. */
export interface HouseholdColumns extends PlaceColumns {
  householdNo: string;
}

/** Columns of a household row of alias `h`. */
export const HOUSEHOLD_COLUMNS: Required<HouseholdColumns> = { county: 'h.county_code', township: 'h.township_code', village: 'h.village_code', householdNo: 'h.household_no' };

/**
 * SQL condition: the household (by its county_code and household_no columns) is one of the
 * cadre's paired households.
 */
export function pairedHouseholdCondition(userId: number, cols: { county: string; householdNo: string }): Expression<SqlBool> {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM cadre_household ch WHERE ch.user_id = ${userId} AND ch.county_code = ${sql.ref(cols.county)} AND ch.household_no = ${sql.ref(cols.householdNo)})`;
}

/** SQL condition: the row's household lies within the reach (place scope, and a cadre's pairings). */
export function householdReach(access: HouseholdAccess, cols: HouseholdColumns = HOUSEHOLD_COLUMNS): Expression<SqlBool> {
  const place = inScope(access.scope, cols);
  if (access.pairedCadreId === null) return place;
  return sql<SqlBool>`(${place} AND ${pairedHouseholdCondition(access.pairedCadreId, { county: cols.county, householdNo: cols.householdNo })})`;
}
