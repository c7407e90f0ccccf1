/** SQL of public notices, their cases, the objection register and spot-check draws. */
import { sql, type Insertable, type Selectable, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, underPlace, type PlaceScope } from '../../db/placeScope';
import type { ProcedureNoticeTable, ProcedureObjectionTable, SpotCheckDrawTable } from '../../db/schema';

export type NoticeRow = Selectable<ProcedureNoticeTable>;
export type ObjectionRow = Selectable<ProcedureObjectionTable>;
export type DrawRow = Selectable<SpotCheckDrawTable>;

export async function insertNotice(db: Db, values: Insertable<ProcedureNoticeTable>): Promise<NoticeRow> {
  return db.insertInto('procedure_notice').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function linkNoticeCases(db: Db, countyCode: string, noticeId: number, caseIds: number[]): Promise<void> {
  await db.insertInto('procedure_notice_case').values(caseIds.map((id) => ({ county_code: countyCode, notice_id: noticeId, case_id: id }))).execute();
}

export async function noticeById(db: Db, id: number): Promise<(NoticeRow & { village_name: string | null }) | undefined> {
  return db
    .selectFrom('procedure_notice as n')
    .leftJoin('place as p', 'p.code', 'n.village_code')
    .selectAll('n')
    .select('p.name as village_name')
    .where('n.id', '=', id)
    .executeTakeFirst();
}

export async function listNotices(db: Db, scope: PlaceScope, place: string | undefined, limit: number) {
  let q = db
    .selectFrom('procedure_notice as n')
    .leftJoin('place as p', 'p.code', 'n.village_code')
    .selectAll('n')
    .select(['p.name as village_name', sql<number>`(SELECT count(*)::int FROM procedure_notice_case nc WHERE nc.county_code = n.county_code AND nc.notice_id = n.id)`.as('cases')])
    .select(sql<number>`(SELECT count(*)::int FROM procedure_objection o WHERE o.county_code = n.county_code AND o.notice_id = n.id AND o.status = 'open')`.as('open_objections'))
    .where(() => inScope(scope, { county: 'n.county_code', village: 'n.village_code' }));
  if (place && place !== '0') q = q.where(() => underPlace(place, { county: 'n.county_code', village: 'n.village_code' }));
  return q.orderBy('n.starts_on', 'desc').orderBy('n.id', 'desc').limit(limit).execute();
}

/** The households of a notice, in the order of their household numbers. */
export async function noticeHouseholds(db: Db, countyCode: string, noticeId: number) {
  return db
    .selectFrom('procedure_notice_case as nc')
    .innerJoin('procedure_case as c', (j) => j.onRef('c.county_code', '=', 'nc.county_code').onRef('c.id', '=', 'nc.case_id'))
    .innerJoin('household as h', (j) => j.onRef('h.county_code', '=', 'c.county_code').onRef('h.household_no', '=', 'c.household_no'))
    .select(['c.id as case_id', 'c.household_no', 'h.head_name', 'c.persons', 'c.params', 'c.status', 'c.step_code', 'c.notice_id'])
    .where('nc.county_code', '=', countyCode)
    .where('nc.notice_id', '=', noticeId)
    .orderBy('c.household_no')
    .execute();
}

export async function insertObjection(db: Db, values: Insertable<ProcedureObjectionTable>): Promise<ObjectionRow> {
  return db.insertInto('procedure_objection').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function objectionById(db: Db, id: number, forUpdate = false): Promise<ObjectionRow | undefined> {
  const q = db.selectFrom('procedure_objection').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function resolveObjectionRow(db: Db, o: ObjectionRow, values: Pick<ObjectionRow, 'outcome' | 'resolution' | 'resolved_on' | 'resolved_by'>): Promise<void> {
  await db.updateTable('procedure_objection').set({ ...values, status: 'resolved' }).where('county_code', '=', o.county_code).where('id', '=', o.id).execute();
}

/** Close the other open objections of the same case and notice (the case leaves the notice). */
export async function resolveOpenObjections(db: Db, o: ObjectionRow, values: Pick<ObjectionRow, 'outcome' | 'resolution' | 'resolved_on' | 'resolved_by'>): Promise<void> {
  await db
    .updateTable('procedure_objection')
    .set({ ...values, status: 'resolved' })
    .where('county_code', '=', o.county_code)
    .where('notice_id', '=', o.notice_id)
    .where('case_id', '=', o.case_id)
    .where('status', '=', 'open')
    .execute();
}

export async function objectionsOf(db: Db, countyCode: string, where: { noticeId?: number; caseId?: number }): Promise<ObjectionRow[]> {
  let q = db.selectFrom('procedure_objection').selectAll().where('county_code', '=', countyCode);
  if (where.noticeId !== undefined) q = q.where('notice_id', '=', where.noticeId);
  if (where.caseId !== undefined) q = q.where('case_id', '=', where.caseId);
  return q.orderBy('id').execute();
}

export async function insertDraw(db: Db, values: Insertable<SpotCheckDrawTable>): Promise<DrawRow> {
  return db.insertInto('spot_check_draw').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function drawById(db: Db, id: number): Promise<DrawRow | undefined> {
  return db.selectFrom('spot_check_draw').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Where each case of a draw stands now (sampled ones: awaiting, verified or returned). */
export async function drawCases(db: Db, countyCode: string, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('procedure_case as c')
    .innerJoin('household as h', (j) => j.onRef('h.county_code', '=', 'c.county_code').onRef('h.household_no', '=', 'c.household_no'))
    .select(['c.id', 'c.household_no', 'h.head_name', 'c.village_code', 'c.status', 'c.step_code', 'c.sampled', 'c.persons'])
    .where('c.county_code', '=', countyCode)
    .where('c.id', 'in', ids)
    .orderBy('c.id')
    .execute();
}

/** The verification of each sampled case of a draw (its 'verify' step records). */
export async function drawVerifications(db: Db, countyCode: string, drawId: number) {
  return db
    .selectFrom('procedure_step')
    .select(['case_id', 'result', 'comment', 'on_date', 'actor_name'])
    .where('county_code', '=', countyCode)
    .where('action', '=', 'verify')
    .where(sql<SqlBool>`details ->> 'drawId' = ${String(drawId)}`)
    .orderBy('case_id')
    .orderBy('seq')
    .execute();
}
