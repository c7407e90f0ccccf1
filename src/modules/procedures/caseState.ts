/** A stored case as the engine reads it (plan, state, parameters), and the columns a transition writes. */
import type { Updateable } from 'kysely';
import type { ProcedureCaseTable } from '../../db/schema';
import type { CaseState, Transition } from '../../domain/workflow/engine';
import type { ProcedurePlan } from '../../domain/workflow/plan';
import type { CaseRow } from './caseQueries';

/** What a case carries besides its steps: why it was proposed, a monitoring entry's source and category and deadline. */
export interface CaseParams {
  reason?: string;
  source?: string;
  monitorCategory?: string;
  discoveredOn?: string;
  dueOn?: string;
  /** Monitoring entry: the income period and the income it was judged on. */
  incomeBasis?: string;
}

const asObject = (value: unknown): Record<string, unknown> => (typeof value === 'string' ? JSON.parse(value) : (value as Record<string, unknown>));

export const planOf = (row: Pick<CaseRow, 'plan'>): ProcedurePlan => asObject(row.plan) as unknown as ProcedurePlan;
export const paramsOf = (row: Pick<CaseRow, 'params'>): CaseParams => (row.params ? (asObject(row.params) as CaseParams) : {});

export function stateOf(row: CaseRow): CaseState {
  return {
    status: row.status as CaseState['status'],
    stepIndex: row.step_index,
    noticeStartsOn: row.notice_starts_on,
    noticeEndsOn: row.notice_ends_on,
    openObjections: row.open_objections,
    sampled: row.sampled,
  };
}

/** The case columns after a transition (seq of the step it writes, time of the change). */
export function columnsAfter(row: CaseRow, plan: ProcedurePlan, t: Transition, seq: number, at: Date): Updateable<ProcedureCaseTable> {
  const s = t.state;
  return {
    status: s.status,
    step_index: s.stepIndex,
    step_code: plan.steps[s.stepIndex].code,
    notice_starts_on: s.noticeStartsOn,
    notice_ends_on: s.noticeEndsOn,
    notice_id: s.noticeEndsOn ? row.notice_id : null,
    open_objections: s.openObjections,
    sampled: s.sampled,
    spot_check_id: s.sampled === null ? null : row.spot_check_id,
    last_seq: seq,
    updated_at: at,
    closed_at: t.closed ? at : null,
  };
}
