/**
 * SQL of 县摘帽: registry figures per county (set-based), the county exit record, the exit
 * cases with their steps and objections, and the centre's re-check draws. Every county table is
 * read and written with its county_code.
 */
import { sql, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { codeInScope, codeUnder, type PlaceScope } from '../../db/placeScope';
import type { CountyExitCaseTable, CountyExitObjectionTable, CountyExitStepTable, CountyExitTable, CountyRecheckDrawTable, CountyRecheckTable } from '../../db/schema';

export type ExitRow = Selectable<CountyExitTable>;
export type CaseRow = Selectable<CountyExitCaseTable>;
export type StepRow = Selectable<CountyExitStepTable>;
export type ObjectionRow = Selectable<CountyExitObjectionTable>;
export type DrawRow = Selectable<CountyRecheckDrawTable>;
export type RecheckRow = Selectable<CountyRecheckTable>;

export interface RegistryFigures {
  county_code: string;
  remaining_poor: number;
  exited_persons: number;
  registered_persons: number;
}

/** Persons of the registry per county of the list: still poor (未脱贫, 返贫), exited, all. */
export async function registryFigures(db: Db, counties: readonly string[]): Promise<RegistryFigures[]> {
  if (counties.length === 0) return [];
  return db
    .selectFrom('household as h')
    .where('h.county_code', 'in', [...counties])
    .select([
      'h.county_code',
      sql<number>`coalesce(sum(h.size) FILTER (WHERE h.status IN ('poor', 'returned')), 0)::int`.as('remaining_poor'),
      sql<number>`coalesce(sum(h.size) FILTER (WHERE h.status = 'exited'), 0)::int`.as('exited_persons'),
      sql<number>`coalesce(sum(h.size), 0)::int`.as('registered_persons'),
    ])
    .groupBy('h.county_code')
    .execute();
}

/** Rows of `year` whose county lies at or under `place` (codeUnder takes '0' as everywhere) and in the scope. */
function ofYearUnder(scope: PlaceScope, place: string, year: number) {
  return sql<SqlBool>`(year = ${year} AND ${codeInScope(scope, 'county_code')} AND ${codeUnder(place, 'county_code')})`;
}

export async function exitsOf(db: Db, counties: readonly string[]): Promise<ExitRow[]> {
  if (counties.length === 0) return [];
  return db.selectFrom('county_exit').selectAll().where('county_code', 'in', [...counties]).execute();
}

/** Counties declared exited in `year` at or under `place`, within the scope. */
export async function exitedIn(db: Db, scope: PlaceScope, place: string, year: number): Promise<ExitRow[]> {
  return db
    .selectFrom('county_exit')
    .selectAll()
    .where(() => ofYearUnder(scope, place, year))
    .orderBy('county_code')
    .execute();
}

export async function insertExit(db: Db, values: Insertable<CountyExitTable>): Promise<void> {
  await db.insertInto('county_exit').values(values).execute();
}

export async function setExitStatus(db: Db, countyCode: string, status: string): Promise<void> {
  await db.updateTable('county_exit').set({ status }).where('county_code', '=', countyCode).execute();
}

export async function findCase(db: Db, id: number, forUpdate = false): Promise<CaseRow | undefined> {
  const query = db.selectFrom('county_exit_case').selectAll().where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

/** The case of a county by its key, locked (the county is part of every lookup). */
export async function lockCase(db: Db, countyCode: string, id: number): Promise<CaseRow | undefined> {
  return db.selectFrom('county_exit_case').selectAll().where('county_code', '=', countyCode).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function openCaseOf(db: Db, countyCode: string): Promise<CaseRow | undefined> {
  return db.selectFrom('county_exit_case').selectAll().where('county_code', '=', countyCode).where('status', '=', 'in_progress').executeTakeFirst();
}

export async function casesUnder(db: Db, scope: PlaceScope, place: string, year: number): Promise<CaseRow[]> {
  return db
    .selectFrom('county_exit_case')
    .selectAll()
    .where(() => ofYearUnder(scope, place, year))
    .orderBy('county_code')
    .orderBy('id')
    .execute();
}

export async function insertCase(db: Db, values: Insertable<CountyExitCaseTable>): Promise<CaseRow> {
  return db.insertInto('county_exit_case').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateCase(db: Db, countyCode: string, id: number, values: Updateable<CountyExitCaseTable>): Promise<void> {
  await db.updateTable('county_exit_case').set(values).where('county_code', '=', countyCode).where('id', '=', id).execute();
}

export async function insertStep(db: Db, values: Insertable<CountyExitStepTable>): Promise<void> {
  await db.insertInto('county_exit_step').values(values).execute();
}

export async function stepsOf(db: Db, countyCode: string, caseId: number): Promise<StepRow[]> {
  return db.selectFrom('county_exit_step').selectAll().where('county_code', '=', countyCode).where('case_id', '=', caseId).orderBy('seq').execute();
}

export async function insertObjection(db: Db, values: Insertable<CountyExitObjectionTable>): Promise<ObjectionRow> {
  return db.insertInto('county_exit_objection').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function objectionsOf(db: Db, countyCode: string, caseId: number): Promise<ObjectionRow[]> {
  return db.selectFrom('county_exit_objection').selectAll().where('county_code', '=', countyCode).where('case_id', '=', caseId).orderBy('id').execute();
}

export async function resolveObjection(db: Db, countyCode: string, id: number, values: Updateable<CountyExitObjectionTable>): Promise<number> {
  const r = await db.updateTable('county_exit_objection').set(values).where('county_code', '=', countyCode).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Draws of a year whose place contains `place` or lies under it (a draw covers its place). */
export async function overlappingDraws(db: Db, year: number, place: string): Promise<DrawRow[]> {
  return db
    .selectFrom('county_recheck_draw')
    .selectAll()
    .where('year', '=', year)
    .where(sql<SqlBool>`(place_code = '0' OR ${place} = '0' OR left(${place}, length(place_code)) = place_code OR left(place_code, ${place.length}) = ${place})`)
    .execute();
}

export async function insertDraw(db: Db, values: Insertable<CountyRecheckDrawTable>): Promise<DrawRow> {
  return db.insertInto('county_recheck_draw').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function drawsOf(db: Db, year: number): Promise<DrawRow[]> {
  return db.selectFrom('county_recheck_draw').selectAll().where('year', '=', year).orderBy('id').execute();
}

export async function insertRechecks(db: Db, rows: Insertable<CountyRecheckTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('county_recheck').values(rows).execute();
}

export async function rechecksUnder(db: Db, scope: PlaceScope, place: string, year: number): Promise<RecheckRow[]> {
  return db
    .selectFrom('county_recheck')
    .selectAll()
    .where(() => ofYearUnder(scope, place, year))
    .orderBy('county_code')
    .execute();
}

export async function lockRecheck(db: Db, countyCode: string, year: number): Promise<RecheckRow | undefined> {
  return db.selectFrom('county_recheck').selectAll().where('county_code', '=', countyCode).where('year', '=', year).forUpdate().executeTakeFirst();
}

export async function updateRecheck(db: Db, countyCode: string, year: number, values: Updateable<CountyRecheckTable>): Promise<void> {
  await db.updateTable('county_recheck').set(values).where('county_code', '=', countyCode).where('year', '=', year).execute();
}
