/**
 * The county exit procedure (县申请 → 市初审 → 省核查 → 公示 → 批准) on the workflow engine:
 * started only where the county's verdict passes (the refusal names every failing condition),
 * each action checked by the engine and by the level of the user's place, 公示 with objections
 * as for households, and approval recording the county as exited (摘帽) in the case's year.
 * Every change is audited in its transaction.
 */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { countyExitPlan, levelRefusal, LEVEL_LABEL, type CountyExitPlan } from '../../domain/counties/exitFlow';
import { applyAction, availableActions, STEP_RESULT_LABELS, type CaseAction, type CaseState } from '../../domain/workflow/engine';
import { badRequest, conflict, notFound } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import { roleLabel } from '../auth/service';
import { placeNames } from '../places/service';
import * as q from './queries';
import { countyRules, verdictOf } from './verdicts';

export interface CaseActor {
  audit: AuditActor;
  username: string;
  role: string;
  placeCode: string;
  at: Date;
  today: string;
}

export const CASE_STATUS_LABELS: Record<string, string> = { in_progress: '办理中', completed: '已批准摘帽', rejected: '不予通过' };

const stateOf = (c: q.CaseRow): CaseState => ({
  status: c.status as CaseState['status'],
  stepIndex: c.step_index,
  noticeStartsOn: c.notice_starts_on,
  noticeEndsOn: c.notice_ends_on,
  openObjections: c.open_objections,
  sampled: null,
});

/** Start the exit of a county for a year: refused unless its verdict passes and it has not exited. */
export async function startCountyExit(db: Db, scope: PlaceScope, countyCode: string, year: number, actor: CaseActor) {
  const row = await verdictOf(db, scope, countyCode, year);
  if (!row) throw notFound(`县 ${countyCode} `);
  const plan = countyExitPlan((await countyRules(db, countyCode, year)).rules.countyExit);
  const first = plan.steps[0];
  if (!first.roles.includes(actor.role)) throw conflict(`摘帽申请由${first.roles.map(roleLabel).join('或')}发起，您的角色（${roleLabel(actor.role)}）不能发起`);
  const wrongLevel = levelRefusal(first, actor.placeCode);
  if (wrongLevel) throw conflict(wrongLevel);
  if (row.exit) throw conflict(`${row.name}已于 ${row.exit.year} 年摘帽，不能再次申请`);
  if (!row.verdict.passed) {
    throw conflict(`${row.name} ${year} 年未达到摘帽标准，不能发起摘帽申请：${row.verdict.failing.join('；')}`, { failing: row.verdict.failing });
  }
  const id = await db.transaction().execute(async (tx) => {
    if (await q.openCaseOf(tx, countyCode)) throw conflict(`${row.name}已有办理中的摘帽申请`);
    const c = await q.insertCase(tx, {
      county_code: countyCode, year, step_code: first.code, plan: JSON.stringify(plan), policy_key: row.policyKey, verdict: JSON.stringify(row.verdict),
      started_by: actor.username, started_at: actor.at, updated_at: actor.at, last_seq: 1,
    });
    await q.insertStep(tx, {
      county_code: countyCode, case_id: Number(c.id), seq: 1, step_code: first.code, step_label: first.label, action: 'start', result: 'started',
      on_date: actor.today, at: actor.at, actor_name: actor.username, actor_role: actor.role, comment: `摘帽标准逐项达标：${row.verdict.conditions.map((x) => x.reason).join('；')}`,
    });
    await recordAudit(tx, { ...actor.audit, action: 'county_exit.start', objectType: 'county_exit_case', objectId: String(c.id), placeCode: countyCode, after: { year, verdict: row.verdict.conditions.map((x) => x.reason) } });
    return Number(c.id);
  });
  return caseView(db, id, actor);
}

export type CountyCaseAction =
  | { type: 'approve' | 'return' | 'reject'; comment?: string }
  | { type: 'publish'; startsOn: string }
  | { type: 'object'; objector: string; content: string; receivedOn?: string }
  | { type: 'resolve'; objectionId: number; upheld: boolean; comment: string };

function engineAction(a: CountyCaseAction, plan: CountyExitPlan, index: number): CaseAction {
  switch (a.type) {
    case 'approve': return { type: 'approve', evidence: plan.steps[index].evidence.map((e) => e.code) };
    case 'return': return { type: 'return', comment: a.comment ?? '' };
    case 'reject': return { type: 'reject', comment: a.comment ?? '' };
    case 'publish': return { type: 'publish', startsOn: a.startsOn };
    case 'object': return { type: 'object' };
    case 'resolve': return { type: 'resolve', upheld: a.upheld, comment: a.comment };
  }
}

/** Where a case is (for the scope check before reading or acting). */
export async function locateCountyCase(db: Db, id: number): Promise<{ id: number; countyCode: string } | undefined> {
  const c = await q.findCase(db, id);
  return c && { id, countyCode: c.county_code };
}

/** One action on a case; approval of the last step records the county as exited. */
export async function actOnCountyCase(db: Db, id: number, action: CountyCaseAction, actor: CaseActor) {
  await db.transaction().execute(async (tx) => {
    const found = await q.findCase(tx, id);
    if (!found) throw notFound(`摘帽申请 ${id} `);
    const c = (await q.lockCase(tx, found.county_code, id))!;
    const plan = c.plan as CountyExitPlan;
    const step = plan.steps[c.step_index];
    if (c.status === 'in_progress') {
      const wrongLevel = levelRefusal(step, actor.placeCode);
      if (wrongLevel) throw conflict(wrongLevel);
    }
    const t = applyAction(plan, stateOf(c), engineAction(action, plan, c.step_index), { role: actor.role, today: actor.today, roleLabel });
    if (!t.ok) throw conflict(t.message, { code: t.code });
    let comment = 'comment' in action ? action.comment ?? null : null;
    if (action.type === 'object') {
      if (!action.objector.trim() || !action.content.trim()) throw badRequest('异议须写明异议人（objector）和异议内容（content）');
      const receivedOn = action.receivedOn ?? actor.today;
      if (receivedOn > actor.today) throw badRequest(`收到日期（receivedOn）${receivedOn} 晚于今天（${actor.today}）`);
      await q.insertObjection(tx, { county_code: c.county_code, case_id: id, objector: action.objector, received_on: receivedOn, content: action.content, recorded_by: actor.username });
      comment = `${action.objector}：${action.content}`;
    }
    if (action.type === 'resolve') {
      const done = await q.resolveObjection(tx, c.county_code, action.objectionId, {
        status: 'resolved', outcome: action.upheld ? 'upheld' : 'dismissed', resolution: action.comment, resolved_on: actor.today, resolved_by: actor.username,
      });
      if (!done) throw badRequest(`异议 ${action.objectionId}（objectionId）不是本案待处理的异议`);
    }
    const seq = c.last_seq + 1;
    await q.updateCase(tx, c.county_code, id, {
      status: t.state.status, step_index: t.state.stepIndex, step_code: plan.steps[t.state.stepIndex].code,
      notice_starts_on: t.state.noticeStartsOn, notice_ends_on: t.state.noticeEndsOn, open_objections: t.state.openObjections,
      last_seq: seq, updated_at: actor.at, closed_at: t.closed ? actor.at : null,
    });
    await q.insertStep(tx, {
      county_code: c.county_code, case_id: id, seq, step_code: t.step.code, step_label: t.step.label, action: action.type, result: t.result,
      on_date: actor.today, at: actor.at, actor_name: actor.username, actor_role: actor.role, comment,
    });
    if (t.state.status === 'completed') {
      await q.insertExit(tx, { county_code: c.county_code, year: c.year, approved_on: actor.today, status: 'exited', case_id: id, recorded_by: actor.username, recorded_at: actor.at });
    }
    await recordAudit(tx, {
      ...actor.audit, action: `county_exit.${action.type}`, objectType: 'county_exit_case', objectId: String(id), placeCode: c.county_code,
      before: { step: step.code, status: c.status }, after: { step: plan.steps[t.state.stepIndex].code, status: t.state.status, result: t.result },
    });
  });
  return caseView(db, id, actor);
}

/** A case with its plan, history, objections and what the user may do now. */
export async function caseView(db: Db, id: number, viewer: Pick<CaseActor, 'role' | 'placeCode' | 'today'>) {
  const c = await q.findCase(db, id);
  if (!c) throw notFound(`摘帽申请 ${id} `);
  const plan = c.plan as CountyExitPlan;
  const [steps, objections, names] = await Promise.all([q.stepsOf(db, c.county_code, id), q.objectionsOf(db, c.county_code, id), placeNames(db, [c.county_code])]);
  const step = plan.steps[c.step_index];
  const atLevel = levelRefusal(step, viewer.placeCode) === null;
  const actions = atLevel ? availableActions(plan, stateOf(c), viewer.role, viewer.today) : [];
  return {
    id: Number(c.id),
    countyCode: c.county_code,
    countyName: names.get(c.county_code)?.name ?? c.county_code,
    year: c.year,
    status: c.status,
    statusLabel: CASE_STATUS_LABELS[c.status] ?? c.status,
    stepIndex: c.step_index,
    stepLabel: step.label,
    waitingOn: c.status === 'in_progress' ? `${LEVEL_LABEL[step.level]}${step.roles.map(roleLabel).join('或')}` : null,
    steps: plan.steps.map((s) => ({ code: s.code, label: s.label, kind: s.kind, level: LEVEL_LABEL[s.level], noticeDays: s.noticeDays, noticeSource: s.noticeSource ?? null })),
    noticeStartsOn: c.notice_starts_on,
    noticeEndsOn: c.notice_ends_on,
    openObjections: c.open_objections,
    policyKey: c.policy_key,
    verdict: c.verdict as { passed: boolean; conditions: { label: string; reason: string }[] },
    startedBy: c.started_by,
    startedAt: new Date(c.started_at).toISOString(),
    history: steps.map((s) => ({
      seq: s.seq, stepLabel: s.step_label, action: s.action, result: s.result, resultLabel: s.result === 'started' ? '发起' : STEP_RESULT_LABELS[s.result as keyof typeof STEP_RESULT_LABELS] ?? s.result,
      onDate: s.on_date, actor: s.actor_name, actorRole: s.actor_role ? roleLabel(s.actor_role) : null, comment: s.comment,
    })),
    objections: objections.map((o) => ({ id: Number(o.id), objector: o.objector, receivedOn: o.received_on, content: o.content, status: o.status, outcome: o.outcome, resolution: o.resolution, resolvedOn: o.resolved_on })),
    actions,
  };
}

export type CountyCaseView = Awaited<ReturnType<typeof caseView>>;

/** The exit cases of a year at or under a place. */
export async function listCountyCases(db: Db, scope: PlaceScope, place: string, year: number) {
  const rows = await q.casesUnder(db, scope, place, year);
  const names = await placeNames(db, [...new Set(rows.map((r) => r.county_code))]);
  return rows.map((c) => {
    const plan = c.plan as CountyExitPlan;
    return {
      id: Number(c.id), countyCode: c.county_code, countyName: names.get(c.county_code)?.name ?? c.county_code, year: c.year,
      status: c.status, statusLabel: CASE_STATUS_LABELS[c.status] ?? c.status, stepLabel: plan.steps[c.step_index].label,
      startedAt: new Date(c.started_at).toISOString(), noticeEndsOn: c.notice_ends_on, openObjections: c.open_objections,
    };
  });
}
