/** SQL of the village exit procedure: cases, their steps and objections (county in every key). */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { VillageExitCaseTable, VillageExitObjectionTable, VillageExitStepTable } from '../../db/schema';

export type ExitCaseRow = Selectable<VillageExitCaseTable>;
export type ExitStepRow = Selectable<VillageExitStepTable>;
export type ObjectionRow = Selectable<VillageExitObjectionTable>;

export async function insertCase(db: Db, row: { county_code: string; village_code: string; township_code: string; year: number; plan: string; policy_key: string; verdict: string; started_by: string | null; started_at: Date }): Promise<number> {
  const r = await db.insertInto('village_exit_case').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function findCase(db: Db, countyCode: string, id: number, forUpdate = false): Promise<ExitCaseRow | undefined> {
  let q = db.selectFrom('village_exit_case').selectAll().where('county_code', '=', countyCode).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function openCaseOf(db: Db, villageCode: string): Promise<ExitCaseRow | undefined> {
  return db.selectFrom('village_exit_case').selectAll()
    .where('county_code', '=', villageCode.slice(0, 6)).where('village_code', '=', villageCode).where('status', '=', 'in_progress').executeTakeFirst();
}

export async function casesOf(db: Db, villageCode: string): Promise<ExitCaseRow[]> {
  return db.selectFrom('village_exit_case').selectAll()
    .where('county_code', '=', villageCode.slice(0, 6)).where('village_code', '=', villageCode).orderBy('id', 'desc').execute();
}

export async function updateCase(db: Db, row: ExitCaseRow): Promise<void> {
  await db.updateTable('village_exit_case').set({
    status: row.status, step_index: row.step_index, notice_starts_on: row.notice_starts_on, notice_ends_on: row.notice_ends_on,
    open_objections: row.open_objections, last_seq: row.last_seq, closed_at: row.closed_at,
  }).where('county_code', '=', row.county_code).where('id', '=', row.id).execute();
}

export async function insertStep(db: Db, row: Omit<ExitStepRow, 'at'> & { at: Date }): Promise<void> {
  await db.insertInto('village_exit_step').values(row).execute();
}

export async function stepsOf(db: Db, countyCode: string, caseId: number): Promise<ExitStepRow[]> {
  return db.selectFrom('village_exit_step').selectAll().where('county_code', '=', countyCode).where('case_id', '=', caseId).orderBy('seq').execute();
}

export async function insertObjection(db: Db, row: { county_code: string; case_id: number; seq: number; received_on: string; objector: string | null; content: string }): Promise<void> {
  await db.insertInto('village_exit_objection').values(row).execute();
}

export async function objectionsOf(db: Db, countyCode: string, caseId: number): Promise<ObjectionRow[]> {
  return db.selectFrom('village_exit_objection').selectAll().where('county_code', '=', countyCode).where('case_id', '=', caseId).orderBy('seq').execute();
}

export async function resolveObjection(db: Db, countyCode: string, caseId: number, seq: number, upheld: boolean, resolution: string): Promise<number> {
  const r = await db.updateTable('village_exit_objection').set({ resolved: true, upheld, resolution })
    .where('county_code', '=', countyCode).where('case_id', '=', caseId).where('seq', '=', seq).where('resolved', '=', false).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function markExited(db: Db, villageCode: string, year: number, by: string | null, at: Date): Promise<number> {
  const r = await db.updateTable('village_record').set({ exit_year: year, updated_by: by, updated_at: at })
    .where('county_code', '=', villageCode.slice(0, 6)).where('village_code', '=', villageCode).where('year', '>=', year).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
