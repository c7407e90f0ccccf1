/**
 * The village exit procedure (贫困村出列): started only where the village's verdict of the year
 * passes (the refusal names every failing condition), then moved step by step on the workflow
 * engine; 公示 with objections as for households; 公告 completes it and records the exit year on
 * the village record. Every action is a step row and an audit event, in one transaction.
 */
import type { Db } from '../../db/database';
import { applyAction, availableActions, type ActionOption, type CaseAction, type CaseState } from '../../domain/workflow/engine';
import type { ProcedurePlan } from '../../domain/workflow/plan';
import { roleLabel } from '../../domain/roles';
import { villageExitPlan, VILLAGE_EXIT_STARTERS } from '../../domain/villages/exitFlow';
import { AppError, badRequest, conflict, notFound } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import { villagePlace } from './records';
import * as x from './exitQueries';
import { rulesResolver, villageAssessment } from './verdicts';
import { loadActivePolicies } from '../policy/service';

export interface ExitActor {
  actor: AuditActor & { at?: Date };
  role: string;
  today: string;
}

const STATUS_LABELS: Record<string, string> = { in_progress: '办理中', completed: '已出列', rejected: '不予通过' };

export interface ExitCaseView {
  id: number;
  countyCode: string;
  villageCode: string;
  year: number;
  status: string;
  statusLabel: string;
  step: { index: number; code: string; label: string } | null;
  steps: { code: string; label: string }[];
  noticeStartsOn: string | null;
  noticeEndsOn: string | null;
  noticeDays: number | null;
  openObjections: number;
  policyKey: string;
  failingAtStart: string[];
  history: { seq: number; stepLabel: string; action: string; result: string; onDate: string; actorName: string | null; actorRole: string | null; comment: string | null }[];
  objections: { seq: number; receivedOn: string; objector: string | null; content: string; resolved: boolean; upheld: boolean | null; resolution: string | null }[];
  actions: ActionOption[];
}

const planOf = (row: x.ExitCaseRow) => (typeof row.plan === 'string' ? JSON.parse(row.plan) : row.plan) as ProcedurePlan;
const stateOf = (row: x.ExitCaseRow): CaseState => ({
  status: row.status as CaseState['status'], stepIndex: row.step_index, noticeStartsOn: row.notice_starts_on, noticeEndsOn: row.notice_ends_on,
  openObjections: row.open_objections, sampled: null,
});

export async function exitCaseView(db: Db, row: x.ExitCaseRow, role: string | null, today: string): Promise<ExitCaseView> {
  const plan = planOf(row);
  const [steps, objections] = await Promise.all([x.stepsOf(db, row.county_code, row.id), x.objectionsOf(db, row.county_code, row.id)]);
  const step = row.status === 'in_progress' ? plan.steps[row.step_index] : null;
  const verdict = (typeof row.verdict === 'string' ? JSON.parse(row.verdict) : row.verdict) as { failing?: string[] };
  return {
    id: Number(row.id), countyCode: row.county_code, villageCode: row.village_code, year: row.year, status: row.status, statusLabel: STATUS_LABELS[row.status] ?? row.status,
    step: step ? { index: row.step_index, code: step.code, label: step.label } : null,
    steps: plan.steps.map((s) => ({ code: s.code, label: s.label })),
    noticeStartsOn: row.notice_starts_on, noticeEndsOn: row.notice_ends_on, noticeDays: plan.steps.find((s) => s.kind === 'notice')?.noticeDays ?? null,
    openObjections: row.open_objections, policyKey: row.policy_key, failingAtStart: verdict.failing ?? [],
    history: steps.map((s) => ({ seq: s.seq, stepLabel: s.step_label, action: s.action, result: s.result, onDate: s.on_date, actorName: s.actor_name, actorRole: s.actor_role, comment: s.comment })),
    objections: objections.map((o) => ({ seq: o.seq, receivedOn: o.received_on, objector: o.objector, content: o.content, resolved: o.resolved, upheld: o.upheld, resolution: o.resolution })),
    actions: role ? availableActions(plan, stateOf(row), role, today) : [],
  };
}

/** Start the exit of a village for a year (村申请): refused unless its verdict passes. */
export async function startVillageExit(db: Db, villageCode: string, year: number, ctx: ExitActor): Promise<ExitCaseView> {
  const village = await villagePlace(db, villageCode);
  if (!VILLAGE_EXIT_STARTERS.includes(ctx.role)) throw new AppError(403, 'forbidden', `贫困村出列由${VILLAGE_EXIT_STARTERS.map(roleLabel).join('或')}发起申请，您的角色（${roleLabel(ctx.role)}）不能发起`);
  const assessed = await villageAssessment(db, villageCode, year);
  const record = assessed.record;
  if (!record) throw conflict(`${village.name} ${year} 年村情未填写，不能发起出列`);
  if (!record.poor_village) throw conflict(`${village.name}不是贫困村，无需出列`);
  if (record.exit_year !== null && record.exit_year <= year) throw conflict(`${village.name}已于 ${record.exit_year} 年出列`);
  if (assessed.verdict.passed !== true) {
    throw conflict(`${village.name} ${year} 年未达到出列标准，不能发起出列：${assessed.verdict.failing.join('；')}`, { failing: assessed.verdict.failing });
  }
  const rules = rulesResolver(await loadActivePolicies(db))(villageCode, year).rules;
  const plan = villageExitPlan(rules.procedures.exitPublicNoticeDays);
  const at = ctx.actor.at ?? new Date();
  const id = await db.transaction().execute(async (tx) => {
    if (await x.openCaseOf(tx, villageCode)) throw conflict(`${village.name}已有办理中的出列程序`);
    const caseId = await x.insertCase(tx, {
      county_code: villageCode.slice(0, 6), village_code: villageCode, township_code: village.townshipCode, year,
      plan: JSON.stringify(plan), policy_key: assessed.policyKey, verdict: JSON.stringify(assessed.verdict), started_by: ctx.actor.username, started_at: at,
    });
    await x.insertStep(tx, {
      county_code: villageCode.slice(0, 6), case_id: caseId, seq: 0, step_code: 'village_application', step_label: '村申请', action: 'start', result: 'passed',
      on_date: ctx.today, at, actor_name: ctx.actor.username, actor_role: ctx.role, comment: `达标：${assessed.verdict.conditions.filter((c) => c.judged).map((c) => c.text).join('；')}`,
    });
    await recordAudit(tx, { ...ctx.actor, action: 'village.exit.start', objectType: 'village_exit_case', objectId: String(caseId), placeCode: villageCode, after: { year, policyKey: assessed.policyKey } });
    return caseId;
  });
  return exitCaseView(db, (await x.findCase(db, villageCode.slice(0, 6), id))!, ctx.role, ctx.today);
}

export interface ExitActionInput {
  type: 'approve' | 'return' | 'reject' | 'publish' | 'object' | 'resolve';
  comment?: string;
  startsOn?: string;
  objector?: string;
  upheld?: boolean;
}

function engineAction(input: ExitActionInput): CaseAction {
  const comment = input.comment ?? '';
  switch (input.type) {
    case 'approve': return { type: 'approve', evidence: [] };
    case 'return': return { type: 'return', comment };
    case 'reject': return { type: 'reject', comment };
    case 'publish': return { type: 'publish', startsOn: input.startsOn ?? '' };
    case 'object': return { type: 'object' };
    case 'resolve': return { type: 'resolve', upheld: input.upheld === true, comment };
  }
}

/** One action on a village exit case, by the engine's rules. */
export async function actOnVillageExit(db: Db, countyCode: string, id: number, input: ExitActionInput, ctx: ExitActor): Promise<ExitCaseView> {
  if (input.type === 'object' && !input.comment?.trim()) throw badRequest('登记异议须写明异议内容（comment）', { problems: [{ field: 'comment', value: '', message: '异议内容不能为空' }] });
  const at = ctx.actor.at ?? new Date();
  await db.transaction().execute(async (tx) => {
    const row = await x.findCase(tx, countyCode, id, true);
    if (!row) throw notFound(`出列程序 ${id} `);
    const plan = planOf(row);
    const t = applyAction(plan, stateOf(row), engineAction(input), { role: ctx.role, today: ctx.today, roleLabel });
    if (!t.ok) throw conflict(t.message, { code: t.code });
    const seq = row.last_seq + 1;
    if (input.type === 'object') {
      const n = (await x.objectionsOf(tx, countyCode, id)).length + 1;
      await x.insertObjection(tx, { county_code: countyCode, case_id: id, seq: n, received_on: ctx.today, objector: input.objector?.trim() || null, content: input.comment!.trim() });
    }
    if (input.type === 'resolve') {
      const open = (await x.objectionsOf(tx, countyCode, id)).find((o) => !o.resolved);
      if (open) await x.resolveObjection(tx, countyCode, id, open.seq, input.upheld === true, input.comment ?? '');
    }
    const next: x.ExitCaseRow = {
      ...row, status: t.state.status, step_index: t.state.stepIndex, notice_starts_on: t.state.noticeStartsOn, notice_ends_on: t.state.noticeEndsOn,
      open_objections: t.state.openObjections, last_seq: seq, closed_at: t.closed ? at : null,
    };
    await x.updateCase(tx, next);
    await x.insertStep(tx, {
      county_code: countyCode, case_id: id, seq, step_code: t.step.code, step_label: t.step.label, action: input.type, result: t.result,
      on_date: input.type === 'publish' ? input.startsOn! : ctx.today, at, actor_name: ctx.actor.username, actor_role: ctx.role, comment: input.comment ?? null,
    });
    if (t.closed && t.state.status === 'completed') await x.markExited(tx, row.village_code, row.year, ctx.actor.username, at);
    await recordAudit(tx, {
      ...ctx.actor, action: `village.exit.${input.type}`, objectType: 'village_exit_case', objectId: String(id), placeCode: row.village_code,
      after: { step: t.step.label, result: t.result, comment: input.comment ?? null },
    });
  });
  return exitCaseView(db, (await x.findCase(db, countyCode, id))!, ctx.role, ctx.today);
}

/** Where a case is (for the reach check before acting). */
export async function locateExitCase(db: Db, countyCode: string, id: number): Promise<{ villageCode: string } | undefined> {
  const row = await x.findCase(db, countyCode, id);
  return row && { villageCode: row.village_code };
}

export async function villageExitCases(db: Db, villageCode: string, role: string | null, today: string): Promise<ExitCaseView[]> {
  const rows = await x.casesOf(db, villageCode);
  return Promise.all(rows.map((r) => exitCaseView(db, r, role, today)));
}
