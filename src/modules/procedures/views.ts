/** Cases, steps, objections and notices as the API shows them. */
import { householdStatus, labelOf } from '../../domain/enums';
import { STEP_RESULT_LABELS, type StepResult } from '../../domain/workflow/engine';
import type { ProcedurePlan } from '../../domain/workflow/plan';
import { roleLabel } from '../auth/service';
import type { CaseListRow, CaseRow } from './caseQueries';
import { paramsOf, planOf } from './caseState';
import type { ObjectionRow } from './noticeQueries';

export const CASE_STATUS_LABELS: Record<string, string> = { in_progress: '办理中', completed: '已办结', rejected: '未通过（已终止）' };

const RESULT_LABELS: Record<string, string> = { ...STEP_RESULT_LABELS, started: '发起' };
export const resultLabel = (result: string) => RESULT_LABELS[result as StepResult] ?? result;

const iso = (d: Date | string) => new Date(d).toISOString();

export function stepOf(plan: ProcedurePlan, index: number) {
  const s = plan.steps[index];
  return { index, code: s.code, label: s.label, kind: s.kind, roles: s.roles, roleLabels: s.roles.map(roleLabel) };
}

export function caseSummary(row: CaseListRow, viewer: { role: string; today: string }) {
  const plan = planOf(row);
  const params = paramsOf(row);
  const open = row.status === 'in_progress';
  return {
    id: row.id,
    procedure: row.procedure,
    procedureLabel: plan.label,
    variant: row.variant,
    householdNo: row.household_no,
    headName: row.head_name,
    householdStatus: row.household_status,
    villageCode: row.village_code,
    placeName: [row.township_name, row.village_name].filter(Boolean).join(' / '),
    year: row.year,
    persons: row.persons,
    status: row.status,
    statusLabel: CASE_STATUS_LABELS[row.status] ?? row.status,
    step: stepOf(plan, row.step_index),
    stepCount: plan.steps.length,
    noticeId: row.notice_id === null ? null : Number(row.notice_id),
    noticeStartsOn: row.notice_starts_on,
    noticeEndsOn: row.notice_ends_on,
    openObjections: row.open_objections,
    sampled: row.sampled,
    reason: params.reason ?? null,
    dueOn: params.dueOn ?? null,
    overdue: open && !!params.dueOn && row.procedure === 'monitoring_entry' && viewer.today > params.dueOn,
    waitingOnMe: open && plan.steps[row.step_index].roles.includes(viewer.role),
    startedAt: iso(row.started_at),
    updatedAt: iso(row.updated_at),
  };
}

export const objectionView = (o: ObjectionRow) => ({
  id: Number(o.id),
  noticeId: Number(o.notice_id),
  caseId: Number(o.case_id),
  objector: o.objector,
  contact: o.contact,
  receivedOn: o.received_on,
  content: o.content,
  recordedBy: o.recorded_by,
  status: o.status,
  outcome: o.outcome,
  resolution: o.resolution,
  resolvedOn: o.resolved_on,
  resolvedBy: o.resolved_by,
});

export const householdStatusLabel = (code: string) => labelOf(householdStatus, code);

export type { CaseRow };
