/**
 * What completing a case does to its household: the status the procedure's definition names
 * for the status it started from, recorded for the case's year in the status history, with an
 * audited event on the household (its card's timeline). 摘帽不摘帮扶: pairings, measures and
 * policies are not touched — an exited household keeps its cadres.
 */
import { householdStatus, labelOf, monitorCategory } from '../../domain/enums';
import { exitProblems } from '../../domain/workflow/guards';
import type { ProcedurePlan } from '../../domain/workflow/plan';
import type { Db } from '../../db/database';
import type { AuditActor, AuditEventInput } from '../audit/service';
import { assessmentFor } from './assessment';
import type { CaseRow } from './caseQueries';
import { paramsOf } from './caseState';
import { setHouseholdStatus, type HouseholdStatusChange as StatusChange } from '../registry/service';
import type { ProcedureHousehold } from './householdQueries';

/** The household's status after the case, or the reason it cannot complete. */
export function statusChangeFor(plan: ProcedurePlan, row: CaseRow, h: ProcedureHousehold): StatusChange | string {
  const to = plan.outcomes[h.status];
  if (!to) return `户 ${h.household_no} 当前状态为「${labelOf(householdStatus, h.status)}」，${plan.label}程序不能从该状态完成`;
  const category = plan.procedure === 'monitoring_entry' || plan.procedure === 'risk_remark' ? (paramsOf(row).monitorCategory ?? null) : h.monitor_category;
  return {
    status: to,
    monitor_category: to === 'monitored' || to === 'risk_eliminated' ? category : null,
    exit_year: to === 'exited' ? row.year : h.exit_year,
    identified_year: h.identified_year ?? (to === 'poor' ? row.year : null),
  };
}

/** Reasons an exit cannot be marked now: the assessment of the case's year must still pass. */
export async function closingProblems(db: Db, plan: ProcedurePlan, row: CaseRow, h: ProcedureHousehold): Promise<string[]> {
  const change = statusChangeFor(plan, row, h);
  if (typeof change === 'string') return [change];
  if (plan.procedure !== 'exit') return [];
  const problems = exitProblems(await assessmentFor(db, row.household_no, row.year));
  return problems.length ? [`户 ${row.household_no}（${h.head_name}）不能标注脱贫：${problems.join('；')}`] : [];
}

const describe = (c: Pick<StatusChange, 'status' | 'monitor_category'>) =>
  labelOf(householdStatus, c.status) + (c.monitor_category ? `（${labelOf(monitorCategory, c.monitor_category)}）` : '');

/**
 * Apply the status change of a completed case (inside the case's transaction); returns the
 * household's audit event, which the caller records last in the transaction.
 */
export async function completeCase(db: Db, plan: ProcedurePlan, row: CaseRow, h: ProcedureHousehold, actor: AuditActor, at: Date): Promise<AuditEventInput> {
  const change = statusChangeFor(plan, row, h);
  if (typeof change === 'string') throw new Error(change);
  const reason = `${plan.label}程序（第 ${row.id} 号）完成：${describe(h)} → ${describe(change)}`;
  await setHouseholdStatus(db, h, change, row.year, reason, at);
  const was: Record<string, unknown> = { status: h.status, monitorCategory: h.monitor_category, exitYear: h.exit_year, identifiedYear: h.identified_year };
  const now: Record<string, unknown> = { status: change.status, monitorCategory: change.monitor_category, exitYear: change.exit_year, identifiedYear: change.identified_year };
  const changed = Object.keys(now).filter((k) => was[k] !== now[k]);
  return {
    ...actor,
    at,
    action: 'household.status_change',
    objectType: 'household',
    objectId: h.household_no,
    placeCode: h.village_code,
    before: Object.fromEntries(changed.map((k) => [k, was[k]])),
    after: Object.fromEntries(changed.map((k) => [k, now[k]])),
    note: reason,
  };
}
