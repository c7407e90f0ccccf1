/**
 * SQL of villages: the yearly village record (村情), the registry figures of villages at a
 * year-end (computed from households and persons, never typed), stored verdicts. Every
 * statement carries the county (Citus); place filters through placeScope.
 */
import { sql, type Insertable, type Selectable, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, underPlace, type PlaceScope } from '../../db/placeScope';
import type { VillageRecordTable, VillageVerdictTable } from '../../db/schema';

export type VillageRecordRow = Selectable<VillageRecordTable>;
export type NewVillageRecord = Insertable<VillageRecordTable>;

/** Statuses counted as poor in a village's incidence (POLICY §7: 未脱贫 and 返贫). */
export const POOR_STATUSES = ['poor', 'returned'] as const;

/** Rows under a place ('0': everywhere). */
const under = (place: string, cols: { county: string; township: string; village: string }) => (place === '0' ? sql<SqlBool>`true` : underPlace(place, cols));

const recordCols = { county: 'r.county_code', township: 'r.township_code', village: 'r.village_code' };
const householdCols = { county: 'h.county_code', township: 'h.township_code', village: 'h.village_code' };

export async function findRecord(db: Db, villageCode: string, year: number, forUpdate = false): Promise<VillageRecordRow | undefined> {
  let q = db.selectFrom('village_record').selectAll()
    .where('county_code', '=', villageCode.slice(0, 6)).where('village_code', '=', villageCode).where('year', '=', year);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Insert or replace the record of a village and year (the time passed in, not now()). */
export async function upsertRecord(db: Db, row: NewVillageRecord): Promise<void> {
  const { county_code: _c, village_code: _v, year: _y, ...rest } = row;
  await db.insertInto('village_record').values(row)
    .onConflict((oc) => oc.columns(['county_code', 'village_code', 'year']).doUpdateSet(rest))
    .execute();
}

/** The records of a year under a place and inside a scope. */
export async function recordsUnder(db: Db, scope: PlaceScope, place: string, year: number): Promise<VillageRecordRow[]> {
  return db.selectFrom('village_record as r').selectAll('r')
    .where(under(place, recordCols)).where(inScope(scope, recordCols)).where('r.year', '=', year)
    .orderBy('r.village_code').execute();
}

export async function recordYears(db: Db, villageCode: string): Promise<number[]> {
  const rows = await db.selectFrom('village_record').select('year')
    .where('county_code', '=', villageCode.slice(0, 6)).where('village_code', '=', villageCode).orderBy('year').execute();
  return rows.map((r) => r.year);
}

export interface RegistryFigures {
  villageCode: string;
  townshipCode: string;
  households: number;
  persons: number;
  poorHouseholds: number;
  poorPersons: number;
}

/**
 * Registry figures per village at the end of `year`, set-based: each household's status that
 * year (its current status, unless a later year is recorded in its status history: then the
 * history row of the year or the latest before), its registered members (`size`) counted;
 * deregistered households left out. One pass over the households, history read only for
 * households with a later year.
 */
export async function registryFigures(db: Db, place: string, year: number, villages?: readonly string[]): Promise<RegistryFigures[]> {
  const only = villages ? sql`AND h.village_code = ANY(${[...villages]}::text[])` : sql``;
  const poor = sql`st.status = ANY(${[...POOR_STATUSES]}::text[])`;
  const result = await sql<RegistryFigures>`
    WITH hh AS (
      SELECT h.county_code, h.household_no, h.village_code, h.township_code, h.status, h.size
      FROM household h WHERE ${under(place, householdCols)} ${only}
    ), later AS (
      SELECT DISTINCT s.county_code, s.household_no
      FROM household_status_history s JOIN hh ON hh.county_code = s.county_code AND hh.household_no = s.household_no
      WHERE s.year > ${year}
    ), past AS (
      SELECT DISTINCT ON (s.county_code, s.household_no) s.county_code, s.household_no, s.status
      FROM household_status_history s JOIN later l ON l.county_code = s.county_code AND l.household_no = s.household_no
      WHERE s.year <= ${year}
      ORDER BY s.county_code, s.household_no, s.year DESC
    ), st AS (
      SELECT hh.village_code, hh.township_code, hh.size, CASE WHEN l.household_no IS NULL THEN hh.status ELSE coalesce(p.status, hh.status) END AS status
      FROM hh
      LEFT JOIN later l ON l.county_code = hh.county_code AND l.household_no = hh.household_no
      LEFT JOIN past p ON p.county_code = hh.county_code AND p.household_no = hh.household_no
    )
    SELECT st.village_code AS "villageCode", min(st.township_code) AS "townshipCode",
      count(*)::int AS households,
      coalesce(sum(st.size), 0)::int AS persons,
      (count(*) FILTER (WHERE ${poor}))::int AS "poorHouseholds",
      coalesce(sum(st.size) FILTER (WHERE ${poor}), 0)::int AS "poorPersons"
    FROM st
    WHERE st.status <> 'deregistered'
    GROUP BY st.village_code`.execute(db);
  return result.rows;
}

export type VerdictRow = Insertable<VillageVerdictTable>;

/** Replace the stored verdicts of these villages of a year (deleted, then the new rows inserted). */
export async function replaceVerdicts(db: Db, year: number, remove: readonly string[], rows: VerdictRow[]): Promise<void> {
  for (let i = 0; i < remove.length; i += 5000) {
    const codes = remove.slice(i, i + 5000);
    await db.deleteFrom('village_verdict').where('county_code', 'in', [...new Set(codes.map((c) => c.slice(0, 6)))]).where('village_code', 'in', codes).where('year', '=', year).execute();
  }
  for (let i = 0; i < rows.length; i += 2000) {
    await db.insertInto('village_verdict').values(rows.slice(i, i + 2000)).execute();
  }
}

/** The stored verdicts of a place and year, as much as tells whether one changed. */
export async function storedVerdicts(db: Db, place: string, year: number) {
  return db.selectFrom('village_verdict as r')
    .select(['r.village_code', 'r.passed', 'r.poor_persons', 'r.registered', 'r.relative_poor', 'r.policy_key', sql<string>`r.conditions ->> 'failing'`.as('failing')])
    .where(under(place, recordCols)).where('r.year', '=', year).execute();
}
