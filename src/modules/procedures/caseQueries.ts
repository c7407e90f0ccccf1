/**
 * SQL of procedure cases and their steps. Every read of cases takes the caller's reach (place
 * scope; a pairing cadre only his paired households); `locateCase` alone ignores it, so a
 * route can refuse a case outside the reach with an audited 404.
 */
import { sql, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { householdReach, type HouseholdAccess, type HouseholdColumns } from '../../db/householdReach';
import { underPlace } from '../../db/placeScope';
import type { ProcedureCaseTable, ProcedureStepTable } from '../../db/schema';

export type CaseRow = Selectable<ProcedureCaseTable>;
export type StepRow = Selectable<ProcedureStepTable>;

const CASE_PLACE: HouseholdColumns = { county: 'c.county_code', township: 'c.township_code', village: 'c.village_code', householdNo: 'c.household_no' };

/** Any case by id, ignoring reach (to refuse it with an audited 404). */
export async function locateCase(db: Db, id: number): Promise<Pick<CaseRow, 'id' | 'county_code' | 'village_code' | 'household_no'> | undefined> {
  return db.selectFrom('procedure_case as c').select(['c.id', 'c.county_code', 'c.village_code', 'c.household_no']).where('c.id', '=', id).executeTakeFirst();
}

/** Cases within reach, locked for update when asked; missing ids are simply absent. */
export async function casesByIds(db: Db, access: HouseholdAccess, ids: readonly number[], forUpdate = false): Promise<CaseRow[]> {
  if (ids.length === 0) return [];
  const query = db.selectFrom('procedure_case as c').selectAll('c').where('c.id', 'in', [...ids]).where(() => householdReach(access, CASE_PLACE)).orderBy('c.id');
  return (forUpdate ? query.forUpdate() : query).execute();
}

export async function openCaseOf(db: Db, countyCode: string, householdNo: string): Promise<CaseRow | undefined> {
  return db.selectFrom('procedure_case').selectAll().where('county_code', '=', countyCode).where('household_no', '=', householdNo).where('status', '=', 'in_progress').executeTakeFirst();
}

export async function insertCase(db: Db, values: Insertable<ProcedureCaseTable>): Promise<CaseRow> {
  return db.insertInto('procedure_case').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateCase(db: Db, countyCode: string, id: number, values: Updateable<ProcedureCaseTable>): Promise<void> {
  await db.updateTable('procedure_case').set(values).where('county_code', '=', countyCode).where('id', '=', id).execute();
}

export async function insertSteps(db: Db, rows: Insertable<ProcedureStepTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('procedure_step').values(rows.slice(i, i + 500)).execute();
}

export async function insertStepEvidence(db: Db, rows: { county_code: string; case_id: number; seq: number; evidence_id: number }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('procedure_step_evidence').values(rows.slice(i, i + 1000)).execute();
}

export async function stepsOf(db: Db, countyCode: string, caseId: number): Promise<StepRow[]> {
  return db.selectFrom('procedure_step').selectAll().where('county_code', '=', countyCode).where('case_id', '=', caseId).orderBy('seq').execute();
}

export async function stepEvidenceOf(db: Db, countyCode: string, caseId: number) {
  return db
    .selectFrom('procedure_step_evidence as se')
    .innerJoin('procedure_evidence as e', (j) => j.onRef('e.county_code', '=', 'se.county_code').onRef('e.id', '=', 'se.evidence_id'))
    .select(['se.seq', 'e.id', 'e.kind', 'e.name', 'e.media_type', 'e.size', 'e.sha256', 'e.digest_alg'])
    .where('se.county_code', '=', countyCode)
    .where('se.case_id', '=', caseId)
    .orderBy('se.seq')
    .orderBy('e.id')
    .execute();
}

export interface CaseFilter {
  id?: number;
  place?: string;
  procedure?: string;
  step?: string;
  status?: string;
  householdNo?: string;
  /** Only cases whose current step the role acts at. */
  waitingOnRole?: string;
}

function filtered(db: Db, access: HouseholdAccess, f: CaseFilter) {
  let q = db.selectFrom('procedure_case as c').where(() => householdReach(access, CASE_PLACE));
  if (f.place && f.place !== '0') q = q.where(() => underPlace(f.place!, CASE_PLACE));
  if (f.id !== undefined) q = q.where('c.id', '=', f.id);
  if (f.procedure) q = q.where('c.procedure', '=', f.procedure);
  if (f.step) q = q.where('c.step_code', '=', f.step);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.householdNo) q = q.where('c.household_no', '=', f.householdNo);
  if (f.waitingOnRole) {
    q = q.where('c.status', '=', 'in_progress').where(sql<SqlBool>`(c.plan -> 'steps' -> c.step_index::int -> 'roles') ? ${f.waitingOnRole}`);
  }
  return q;
}

export async function countCases(db: Db, access: HouseholdAccess, f: CaseFilter): Promise<number> {
  const row = await filtered(db, access, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

export type CaseListRow = CaseRow & { head_name: string; household_status: string; village_name: string | null; township_name: string | null };

export async function listCases(db: Db, access: HouseholdAccess, f: CaseFilter, offset: number, limit: number): Promise<CaseListRow[]> {
  return filtered(db, access, f)
    .innerJoin('household as h', (j) => j.onRef('h.county_code', '=', 'c.county_code').onRef('h.household_no', '=', 'c.household_no'))
    .leftJoin('place as pv', 'pv.code', 'c.village_code')
    .leftJoin('place as pt', 'pt.code', 'c.township_code')
    .selectAll('c')
    .select(['h.head_name', 'h.status as household_status', 'pv.name as village_name', 'pt.name as township_name'])
    .orderBy('c.updated_at', 'desc')
    .orderBy('c.id', 'desc')
    .offset(offset)
    .limit(limit)
    .execute();
}

/** Counts of open cases by procedure and step within reach (the lists by procedure and step). */
export async function openCaseCounts(db: Db, access: HouseholdAccess, place: string | undefined) {
  return filtered(db, access, { place, status: 'in_progress' })
    .select(['c.procedure', 'c.step_code', sql<number>`count(*)::int`.as('cases'), sql<number>`sum(c.persons)::int`.as('persons')])
    .groupBy(['c.procedure', 'c.step_code'])
    .execute();
}

/** Cases waiting at a spot-check step and not yet drawn, under a place, within reach. */
export async function undrawnCases(db: Db, access: HouseholdAccess, place: string, procedure: string): Promise<CaseRow[]> {
  return filtered(db, access, { place, procedure, status: 'in_progress' })
    .selectAll('c')
    .where(sql<SqlBool>`c.plan -> 'steps' -> c.step_index::int ->> 'kind' = 'spot_check'`)
    .where('c.sampled', 'is', null)
    .orderBy('c.id')
    .forUpdate()
    .execute();
}
