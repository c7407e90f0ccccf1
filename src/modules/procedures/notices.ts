/**
 * Public notice (公示) and its objection register. A village publishes the cases at their
 * notice step together, as one printable notice (names, household size, reason, period, how to
 * object); an objection holds its case at the notice until it is resolved — dismissed, the case
 * may pass once the period is over; upheld, the case goes back to the village.
 */
import type { Db } from '../../db/database';
import { isCalendarDate } from '../../domain/dates';
import { noticeEndsOn } from '../../domain/workflow/engine';
import { badRequest, conflict, notFound } from '../../server/errors';
import { DEFAULT_PROCEDURE_FLOWS } from '../../domain/workflow/defaultFlows';
import type { ProcedureCode } from '../../domain/workflow/flowSchema';
import { applyToCases, type Author } from './act';
import { paramsOf, planOf } from './caseState';
import {
  insertNotice, insertObjection, linkNoticeCases, listNotices, noticeById, noticeHouseholds, objectionById, objectionsOf,
  resolveObjectionRow, resolveOpenObjections, type NoticeRow, type ObjectionRow,
} from './noticeQueries';
import { checkCases, lockCases, type Caller } from './reach';
import { placeNames } from '../places/service';
import { objectionView } from './views';

export interface PublishInput {
  caseIds: number[];
  startsOn: string;
  contact: string;
}

/** Publish one notice for cases of one village and procedure, all standing at their notice step. */
export async function publishNotice(db: Db, caller: Caller, input: PublishInput, author: Author): Promise<NoticeRow> {
  if (!isCalendarDate(input.startsOn)) throw badRequest(`公示开始日期（startsOn）${input.startsOn} 不是有效日期（应为 YYYY-MM-DD）`);
  const contact = input.contact.trim();
  if (!contact) throw badRequest('须写明异议受理方式（contact），如受理单位、电话和地点');
  await checkCases(db, caller, input.caseIds);
  return db.transaction().execute(async (tx) => {
    const rows = await lockCases(tx, caller, input.caseIds);
    const villages = new Set(rows.map((r) => r.village_code));
    const procedures = new Set(rows.map((r) => r.procedure));
    if (villages.size > 1 || procedures.size > 1) throw badRequest(`一张公示只能包含同一个村、同一种程序的户；所选案件涉及 ${villages.size} 个村、${procedures.size} 种程序`);
    const days = new Set(rows.map((r) => planOf(r).steps[r.step_index].noticeDays));
    if (days.size > 1) throw badRequest(`所选案件的公示天数不同（${[...days].join('、')} 天），请分开公示`);
    const [first] = rows;
    const noticeDays = [...days][0] ?? 1;
    const notice = await insertNotice(tx, {
      county_code: first.county_code,
      village_code: first.village_code,
      procedure: first.procedure,
      starts_on: input.startsOn,
      ends_on: noticeEndsOn(input.startsOn, noticeDays),
      days: noticeDays,
      contact,
      published_by: author.username,
      published_at: author.at,
    });
    await linkNoticeCases(tx, first.county_code, notice.id, rows.map((r) => r.id));
    await applyToCases(tx, rows, () => ({ type: 'publish', startsOn: input.startsOn }), author, {
      details: () => ({ noticeId: notice.id }),
      columns: () => ({ notice_id: notice.id }),
    });
    return notice;
  });
}

/** A notice within reach (404 outside). */
export async function reachNotice(db: Db, caller: Caller, id: number) {
  const notice = await noticeById(db, id);
  if (!notice) throw notFound(`公示第 ${id} 号`);
  await caller.reach({ type: 'procedure_notice', id: String(id), placeCode: notice.village_code });
  return notice;
}

export interface ObjectionInput {
  caseId: number;
  objector: string;
  contact?: string | null;
  receivedOn: string;
  content: string;
}

/** Register an objection against one household of a notice. */
export async function registerObjection(db: Db, caller: Caller, noticeId: number, input: ObjectionInput, author: Author): Promise<ObjectionRow> {
  if (!isCalendarDate(input.receivedOn) || input.receivedOn > author.today) throw badRequest(`异议收到日期（receivedOn）${input.receivedOn} 无效：应为不晚于今天的日期 YYYY-MM-DD`);
  if (!input.objector.trim() || !input.content.trim()) throw badRequest('须写明异议人（objector）和异议内容（content）');
  const notice = await reachNotice(db, caller, noticeId);
  await checkCases(db, caller, [input.caseId]);
  return db.transaction().execute(async (tx) => {
    const [row] = await lockCases(tx, caller, [input.caseId]);
    if (row.notice_id !== notice.id) throw conflict(`第 ${row.id} 号（户 ${row.household_no}）不在公示第 ${notice.id} 号中公示，或已离开公示步骤`);
    if (input.receivedOn < notice.starts_on) throw badRequest(`异议收到日期 ${input.receivedOn} 早于公示开始日期 ${notice.starts_on}`);
    const objection = await insertObjection(tx, {
      county_code: row.county_code,
      notice_id: notice.id,
      case_id: row.id,
      objector: input.objector.trim(),
      contact: input.contact?.trim() || null,
      received_on: input.receivedOn,
      content: input.content.trim(),
      recorded_by: author.username,
    });
    await applyToCases(tx, [row], () => ({ type: 'object' }), author, { comment: `${objection.objector}：${objection.content}`, details: () => ({ noticeId: notice.id, objectionId: objection.id }) });
    return objection;
  });
}

export interface ResolutionInput {
  outcome: 'dismissed' | 'upheld';
  resolution: string;
}

/** Resolve an objection: dismissed keeps the case at its notice, upheld returns it to the village. */
export async function resolveObjection(db: Db, caller: Caller, objectionId: number, input: ResolutionInput, author: Author): Promise<ObjectionRow> {
  const found = await objectionById(db, objectionId);
  if (!found) throw notFound(`异议第 ${objectionId} 号`);
  await checkCases(db, caller, [found.case_id]);
  return db.transaction().execute(async (tx) => {
    const o = (await objectionById(tx, objectionId, true))!;
    const [row] = await lockCases(tx, caller, [o.case_id]);
    if (o.status !== 'open') throw conflict(`异议第 ${o.id} 号已于 ${o.resolved_on} 处理（${o.outcome === 'upheld' ? '异议成立' : '异议不成立'}）`);
    const resolution = { outcome: input.outcome, resolution: input.resolution.trim(), resolved_on: author.today, resolved_by: author.username };
    await resolveObjectionRow(tx, o, resolution);
    if (input.outcome === 'upheld') await resolveOpenObjections(tx, o, { ...resolution, resolution: `随第 ${o.id} 号异议成立一并处理：${resolution.resolution}` });
    await applyToCases(tx, [row], () => ({ type: 'resolve', upheld: input.outcome === 'upheld', comment: input.resolution }), author, { details: () => ({ noticeId: o.notice_id, objectionId: o.id }) });
    return (await objectionById(tx, o.id))!;
  });
}

const procedureLabel = (code: string) => (code in DEFAULT_PROCEDURE_FLOWS ? DEFAULT_PROCEDURE_FLOWS[code as ProcedureCode].label : code);

/** A notice as printed for the village board: households, period, how to object, and its objection register. */
export async function getNotice(db: Db, caller: Caller, id: number) {
  const notice = await reachNotice(db, caller, id);
  const [households, objections] = await Promise.all([noticeHouseholds(db, notice.county_code, id), objectionsOf(db, notice.county_code, { noticeId: id })]);
  const v = notice.village_code;
  const names = await placeNames(db, [v.slice(0, 6), v.slice(0, 9), v]);
  return {
    id: notice.id,
    procedure: notice.procedure,
    procedureLabel: procedureLabel(notice.procedure),
    villageCode: v,
    villageName: notice.village_name ?? v,
    placePath: [v.slice(0, 6), v.slice(0, 9), v].map((c) => names.get(c)?.name ?? c).join(' / '),
    startsOn: notice.starts_on,
    endsOn: notice.ends_on,
    days: notice.days,
    contact: notice.contact,
    publishedBy: notice.published_by,
    publishedAt: new Date(notice.published_at).toISOString(),
    households: households.map((h) => ({
      caseId: h.case_id,
      householdNo: h.household_no,
      headName: h.head_name,
      persons: h.persons,
      reason: paramsOf(h).reason ?? null,
      stillAtNotice: h.status === 'in_progress' && h.notice_id === notice.id,
    })),
    objections: objections.map(objectionView),
  };
}

export async function listNoticeViews(db: Db, caller: Caller, place: string | undefined) {
  const rows = await listNotices(db, caller.access.scope, place, 200);
  return {
    items: rows.map((n) => ({
      id: n.id,
      procedure: n.procedure,
      procedureLabel: procedureLabel(n.procedure),
      villageCode: n.village_code,
      villageName: n.village_name ?? n.village_code,
      startsOn: n.starts_on,
      endsOn: n.ends_on,
      days: n.days,
      cases: n.cases,
      openObjections: n.open_objections,
    })),
  };
}
