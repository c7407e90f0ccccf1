/**
 * Use cases of the rectification ledger (问题整改台账): register a finding, move it through the
 * loop (loop.ts) with evidence at each step, reopen it when 回头看 fails, list and count open,
 * overdue and closed findings by unit and place. Every change is audited in its transaction;
 * "today" is given by the caller (the app's clock), so overdue is computed on an injectable date.
 */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { badRequest, conflict, notFound } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import { daysBetween } from '../../domain/dates';
import { childOf } from '../../domain/placeCode';
import { placeNames } from '../places/service';
import { actionsFrom, applyStep, isOverdue, LoopError, RECTIFICATION_ACTIONS, RECTIFICATION_SOURCES, RECTIFICATION_STATUSES, type RectificationStatus, type StepAction } from './loop';
import * as q from './queries';
import type { RectificationInput, StepInputBody } from './schemas';

export { RECTIFICATION_SOURCES, RECTIFICATION_STATUSES, RECTIFICATION_ACTIONS } from './loop';
export { rectificationInput, stepInput, detailSchema } from './schemas';

export interface LedgerContext {
  actor: AuditActor & { at?: Date };
  /** The office's date, 'YYYY-MM-DD'. */
  today: string;
}

export interface RectificationView extends q.RectificationRow {
  placeName: string;
  sourceLabel: string;
  statusLabel: string;
  overdue: boolean;
  /** Days to the deadline (negative: overdue); null once closed. */
  daysLeft: number | null;
}

const label = <T extends Record<string, string>>(table: T, code: string) => (table as Record<string, string>)[code] ?? code;

function viewOf(row: q.RectificationRow, names: Map<string, { name: string }>, today: string): RectificationView {
  return {
    ...row,
    placeName: names.get(row.placeCode)?.name ?? row.placeCode,
    sourceLabel: label(RECTIFICATION_SOURCES, row.source),
    statusLabel: label(RECTIFICATION_STATUSES, row.status),
    overdue: isOverdue(row, today),
    daysLeft: row.status === 'closed' ? null : daysBetween(today, row.deadline),
  };
}

async function viewsOf(db: Db, rows: q.RectificationRow[], today: string): Promise<RectificationView[]> {
  const names = await placeNames(db, [...new Set(rows.map((r) => r.placeCode))]);
  return rows.map((r) => viewOf(r, names, today));
}

export interface RectificationDetail extends RectificationView {
  actions: { action: string; label: string }[];
  steps: (q.StepRow & { label: string })[];
}

export async function getRectification(db: Db, id: number, today: string): Promise<RectificationDetail> {
  const row = await q.findRectification(db, id);
  if (!row) throw notFound(`整改问题 ${id} `);
  const [view] = await viewsOf(db, [row], today);
  const steps = await q.stepsOf(db, id);
  return {
    ...view,
    actions: actionsFrom(row.status as RectificationStatus).map((a) => ({ action: a, label: RECTIFICATION_ACTIONS[a] })),
    steps: steps.map((s) => ({ ...s, label: label(RECTIFICATION_ACTIONS, s.action) })),
  };
}

/** Where a finding is: its place code (for the scope check before reading or acting). */
export async function locateRectification(db: Db, id: number): Promise<{ id: number; placeCode: string } | undefined> {
  const row = await q.findRectification(db, id);
  return row && { id: row.id, placeCode: row.placeCode };
}

/** Register a finding (登记问题): the first step of its loop. */
export async function createRectification(db: Db, input: RectificationInput, ctx: LedgerContext): Promise<RectificationDetail> {
  if (input.foundOn > ctx.today) throw badRequest(`发现日期（foundOn）${input.foundOn} 晚于今天 ${ctx.today}`, [{ field: 'foundOn', value: input.foundOn }]);
  if (input.deadline < input.foundOn) throw badRequest(`整改时限（deadline）${input.deadline} 早于发现日期 ${input.foundOn}`, [{ field: 'deadline', value: input.deadline }]);
  const names = await placeNames(db, [input.placeCode]);
  if (!names.has(input.placeCode)) throw badRequest(`问题所在地区（placeCode）${input.placeCode} 不存在`, [{ field: 'placeCode', value: input.placeCode }]);
  // Inside a caller's transaction (an inspection finding opens its rectification with it) or its own.
  const inTransaction = <T>(work: (tx: Db) => Promise<T>): Promise<T> => (db.isTransaction ? work(db) : db.transaction().execute(work));
  const id = await inTransaction(async (tx) => {
    const newId = await q.insertRectification(tx, {
      place_code: input.placeCode,
      source: input.source,
      source_ref: input.sourceRef ?? null,
      found_on: input.foundOn,
      finding: input.finding,
      responsible_leader: input.responsibleLeader ?? null,
      responsible_unit: input.responsibleUnit,
      responsible_person: input.responsiblePerson ?? null,
      deadline: input.deadline,
      measures: input.measures ?? null,
      created_by: ctx.actor.username,
    });
    await q.insertStep(tx, newId, { action: 'report', onDate: input.foundOn, note: input.finding, evidence: [], actor: ctx.actor.username, statusAfter: 'reported' });
    await recordAudit(tx, { ...ctx.actor, action: 'rectification.create', objectType: 'rectification', objectId: String(newId), placeCode: input.placeCode, after: input });
    return newId;
  });
  return getRectification(db, id, ctx.today);
}

/** One step of the loop (开始整改, 报告整改完成, 核验, 销号, 回头看), checked and audited. */
export async function actOnRectification(db: Db, id: number, body: StepInputBody, ctx: LedgerContext): Promise<RectificationDetail> {
  await db.transaction().execute(async (tx) => {
    const row = await q.findRectification(tx, id, true);
    if (!row) throw notFound(`整改问题 ${id} `);
    const steps = await q.stepsOf(tx, id);
    const action = body.action as StepAction;
    const onDate = body.onDate ?? ctx.today;
    let outcome;
    try {
      outcome = applyStep(row.status as RectificationStatus, action, { onDate, note: body.note, evidence: body.evidence }, {
        foundOn: row.foundOn,
        today: ctx.today,
        lastStepOn: steps.at(-1)?.onDate ?? row.foundOn,
      });
    } catch (e) {
      if (!(e instanceof LoopError)) throw e;
      const details = [{ field: e.field, value: e.value }];
      throw e.field === 'action' ? conflict(`整改问题 ${id}：${e.message}`, details) : badRequest(`整改问题 ${id}：${e.message}`, details);
    }
    const backToWork = outcome.statusAfter === 'rectifying' && row.status !== 'reported';
    if (body.deadline && !backToWork && action !== 'start') {
      throw badRequest('只有开始整改、核验未通过或回头看未通过时可以改整改时限（deadline）', [{ field: 'deadline', value: body.deadline }]);
    }
    if (body.deadline && body.deadline < onDate) throw badRequest(`新的整改时限（deadline）${body.deadline} 早于本步日期 ${onDate}`, [{ field: 'deadline', value: body.deadline }]);
    const after = {
      status: outcome.statusAfter,
      reopenCount: row.reopenCount + (outcome.reopened ? 1 : 0),
      closedOn: outcome.closedOn === undefined ? row.closedOn : outcome.closedOn,
      deadline: body.deadline ?? row.deadline,
      measures: body.measures ?? row.measures,
    };
    await q.updateRectificationState(tx, id, after);
    await q.insertStep(tx, id, { action, onDate, note: body.note, evidence: body.evidence.filter((e) => e.trim() !== ''), actor: ctx.actor.username, statusAfter: outcome.statusAfter });
    await recordAudit(tx, {
      ...ctx.actor,
      action: `rectification.${action}`,
      objectType: 'rectification',
      objectId: String(id),
      placeCode: row.placeCode,
      before: { status: row.status, deadline: row.deadline, reopenCount: row.reopenCount },
      after: { ...after, onDate, evidence: body.evidence },
    });
  });
  return getRectification(db, id, ctx.today);
}

export interface RectificationListFilter {
  place: string;
  status?: string;
  source?: string;
  unit?: string;
  due?: 'overdue' | 'soon';
}

/** Days ahead that count as "due soon". */
export const DUE_SOON_DAYS = 7;

function queryFilter(f: RectificationListFilter, today: string): q.RectificationFilter {
  const soonEnd = new Date(Date.parse(today + 'T00:00:00Z') + DUE_SOON_DAYS * 86_400_000).toISOString().slice(0, 10);
  return {
    place: f.place,
    status: f.status,
    source: f.source,
    unit: f.unit,
    overdueOn: f.due === 'overdue' ? today : undefined,
    dueBetween: f.due === 'soon' ? { from: today, to: soonEnd } : undefined,
  };
}

export async function listRectifications(db: Db, scope: PlaceScope, f: RectificationListFilter, page: { page: number; pageSize: number } | null, today: string) {
  const { total, rows } = await q.listRectificationRows(db, scope, queryFilter(f, today), page ? { offset: (page.page - 1) * page.pageSize, limit: page.pageSize } : undefined);
  return { total, page: page?.page ?? 1, pageSize: page?.pageSize ?? total, today, items: await viewsOf(db, rows, today) };
}

export interface CountLine {
  key: string;
  name: string;
  open: number;
  overdue: number;
  closed: number;
  reopened: number;
}

/** Open, overdue, closed and reopened findings under a place: totals, by responsible unit, by child place. */
export async function rectificationSummary(db: Db, scope: PlaceScope, place: string, today: string) {
  const byUnit = await q.countRectifications(db, scope, place, 'unit', today);
  const byCode = await q.countRectifications(db, scope, place, 'place', today);
  const children = new Map<string, CountLine>();
  for (const r of byCode) {
    const key = childOf(place, r.key);
    const line = children.get(key) ?? { key, name: key, open: 0, overdue: 0, closed: 0, reopened: 0 };
    line.open += r.open;
    line.overdue += r.overdue;
    line.closed += r.closed;
    line.reopened += r.reopened;
    children.set(key, line);
  }
  const names = await placeNames(db, [...children.keys()]);
  const byPlace = [...children.values()].map((l) => ({ ...l, name: names.get(l.key)?.name ?? l.key })).sort((a, b) => a.key.localeCompare(b.key));
  const totals = byUnit.reduce((t, r) => ({ open: t.open + r.open, overdue: t.overdue + r.overdue, closed: t.closed + r.closed, reopened: t.reopened + r.reopened }), { open: 0, overdue: 0, closed: 0, reopened: 0 });
  return { place, today, totals, byUnit: byUnit.map((r) => ({ ...r, name: r.key })), byPlace };
}

/** The totals of `rectificationSummary` alone (for the dashboard): one query, no breakdown. */
export async function rectificationTotals(db: Db, scope: PlaceScope, place: string, today: string): Promise<{ open: number; overdue: number; closed: number; reopened: number }> {
  const byUnit = await q.countRectifications(db, scope, place, 'unit', today);
  return byUnit.reduce((t, r) => ({ open: t.open + r.open, overdue: t.overdue + r.overdue, closed: t.closed + r.closed, reopened: t.reopened + r.reopened }), { open: 0, overdue: 0, closed: 0, reopened: 0 });
}

/** Open and overdue findings under each of these places (for the supervision listing). */
export async function openRectificationsUnder(db: Db, scope: PlaceScope, codes: readonly string[], today: string): Promise<Map<string, { open: number; overdue: number }>> {
  const out = new Map<string, { open: number; overdue: number }>(codes.map((c) => [c, { open: 0, overdue: 0 }]));
  if (codes.length === 0) return out;
  // One query under the places' common ancestor (a county, city, province or the nation).
  const counties = [...new Set(codes.map((c) => c.slice(0, 6)))];
  const common = [6, 4, 2].find((n) => counties.every((c) => c.slice(0, n) === counties[0].slice(0, n)));
  for (const r of await q.countRectifications(db, scope, common ? counties[0].slice(0, common) : '0', 'place', today)) {
    for (const code of codes) {
      if (!r.key.startsWith(code)) continue;
      const line = out.get(code)!;
      line.open += r.open;
      line.overdue += r.overdue;
    }
  }
  return out;
}
