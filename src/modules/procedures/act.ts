/**
 * Applying one action to one or many cases in one transaction: every case through the engine
 * (and, for a case about to be completed, its household's status and — for an exit — its
 * assessment), all refused if any is refused (nothing half-written, every refusal named), then
 * each case's own step, evidence links and audit event: a bulk approval of 200 cases leaves 200
 * step records and 200 events.
 */
import type { Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { ProcedureCaseTable } from '../../db/schema';
import { applyAction, STEP_RESULT_LABELS, type CaseAction, type Transition } from '../../domain/workflow/engine';
import type { ProcedurePlan } from '../../domain/workflow/plan';
import { AppError } from '../../server/errors';
import { recordAudit, type AuditActor, type AuditEventInput } from '../audit/service';
import { roleLabel } from '../auth/service';
import { insertStepEvidence, insertSteps, updateCase, type CaseRow } from './caseQueries';
import { columnsAfter, planOf, stateOf } from './caseState';
import { closingProblems, completeCase } from './completion';
import type { EvidenceRow } from './evidenceQueries';
import { lockHouseholds, type ProcedureHousehold } from './householdQueries';

/** Who acts, as what, on which day. */
export interface Author {
  actor: AuditActor;
  username: string;
  role: string;
  /** China date of `at`. */
  today: string;
  at: Date;
}

export interface ActOptions {
  /** Files backing the step (already checked to exist); their kinds are the evidence the engine sees. */
  evidence?: EvidenceRow[];
  comment?: string | null;
  /** Extra facts kept with the step (objection id, draw id, notice id…). */
  details?: (row: CaseRow) => Record<string, unknown> | null;
  /** Case columns written with the transition (the notice or draw the case joins). */
  columns?: (row: CaseRow) => Updateable<ProcedureCaseTable>;
}

export interface AppliedCase {
  row: CaseRow;
  plan: ProcedurePlan;
  transition: Transition;
  seq: number;
}

export interface Refused {
  caseId: number;
  householdNo: string;
  message: string;
}

export function refusedError(refusals: Refused[], total: number): AppError {
  const shown = refusals.slice(0, 5).map((r) => `第 ${r.caseId} 号（户 ${r.householdNo}）：${r.message}`).join('；');
  const more = refusals.length > 5 ? `；另有 ${refusals.length - 5} 件` : '';
  const head = total > 1 ? `所选 ${total} 件中有 ${refusals.length} 件不能办理，全部未办理。` : '';
  return new AppError(409, 'procedure_refused', `${head}${shown}${more}`, { refusals });
}

function evidenceProblem(row: CaseRow, evidence: EvidenceRow[]): string | null {
  const foreign = evidence.find((e) => e.county_code !== row.county_code || !row.village_code.startsWith(e.place_code));
  return foreign ? `材料「${foreign.name}」（第 ${foreign.id} 号）属于 ${foreign.place_code}，不能作为 ${row.village_code} 村这户的佐证` : null;
}

const AUDIT_ACTIONS: Record<CaseAction['type'], string> = {
  approve: 'procedure.approve', return: 'procedure.return', reject: 'procedure.reject', publish: 'procedure.publish',
  object: 'procedure.objection', resolve: 'procedure.objection_resolve', sample: 'procedure.sample', verify: 'procedure.verify',
};

const commentOf = (action: CaseAction, fallback: string | null | undefined): string | null =>
  'comment' in action && action.comment.trim() ? action.comment.trim() : (fallback?.trim() || null);

/** Apply `actionOf(row)` to every case (rows locked by the caller); throws a 409 naming each refusal. */
export async function applyToCases(db: Db, rows: CaseRow[], actionOf: (row: CaseRow) => CaseAction, author: Author, options: ActOptions = {}): Promise<AppliedCase[]> {
  const evidence = options.evidence ?? [];
  const refusals: Refused[] = [];
  const applied: AppliedCase[] = [];
  for (const row of rows) {
    const plan = planOf(row);
    const problem = evidenceProblem(row, evidence);
    if (problem) {
      refusals.push({ caseId: row.id, householdNo: row.household_no, message: problem });
      continue;
    }
    const t = applyAction(plan, stateOf(row), actionOf(row), { role: author.role, today: author.today, roleLabel });
    if (!t.ok) refusals.push({ caseId: row.id, householdNo: row.household_no, message: t.message });
    else applied.push({ row, plan, transition: t, seq: row.last_seq + 1 });
  }
  const households = new Map<string, ProcedureHousehold>();
  const closing = applied.filter((a) => a.transition.state.status === 'completed');
  for (const county of new Set(closing.map((a) => a.row.county_code))) {
    const nos = closing.filter((a) => a.row.county_code === county).map((a) => a.row.household_no);
    for (const h of await lockHouseholds(db, county, nos)) households.set(`${county}:${h.household_no}`, h);
  }
  for (const a of closing) {
    const h = households.get(`${a.row.county_code}:${a.row.household_no}`)!;
    for (const message of await closingProblems(db, a.plan, a.row, h)) refusals.push({ caseId: a.row.id, householdNo: a.row.household_no, message });
  }
  if (refusals.length) throw refusedError(refusals, rows.length);

  const events: AuditEventInput[] = [];
  for (const a of applied) {
    const { row, plan, transition: t, seq } = a;
    await updateCase(db, row.county_code, row.id, { ...columnsAfter(row, plan, t, seq, author.at), ...options.columns?.(row) });
    if (t.state.status === 'completed') events.push(await completeCase(db, plan, row, households.get(`${row.county_code}:${row.household_no}`)!, author.actor, author.at));
  }
  await insertSteps(
    db,
    applied.map(({ row, transition: t, seq }) => {
      const action = actionOf(row);
      const details = options.details?.(row) ?? null;
      return {
        county_code: row.county_code,
        case_id: row.id,
        seq,
        step_code: t.step.code,
        step_label: t.step.label,
        action: action.type,
        result: t.result,
        on_date: author.today,
        at: author.at,
        actor_id: author.actor.userId,
        actor_name: author.username,
        actor_role: author.role,
        comment: commentOf(action, options.comment),
        details: details ? JSON.stringify(details) : null,
      };
    }),
  );
  await insertStepEvidence(db, applied.flatMap(({ row, seq }) => evidence.map((e) => ({ county_code: row.county_code, case_id: row.id, seq, evidence_id: e.id }))));
  for (const { row, plan, transition: t } of applied) {
    const type = actionOf(row).type;
    const next = plan.steps[t.state.stepIndex];
    events.push({
      ...author.actor,
      at: author.at,
      action: AUDIT_ACTIONS[type],
      objectType: 'procedure_case',
      objectId: String(row.id),
      placeCode: row.village_code,
      before: { step: row.step_code, status: row.status },
      after: { step: next.code, status: t.state.status, result: t.result },
      note: `户 ${row.household_no} ${plan.label}「${t.step.label}」：${STEP_RESULT_LABELS[t.result]}`,
    });
  }
  for (const e of events) await recordAudit(db, e);
  return applied;
}
