/** The plan of a procedure for a village and year, from the policy records in force. */
import type { Db } from '../../db/database';
import { versionKey } from '../../domain/policy/resolve';
import type { ProcedureCode } from '../../domain/workflow/flowSchema';
import { PlanError, type ProcedurePlan, type ProcedureNumbers } from '../../domain/workflow/plan';
import { planFromRules, withDefaultFlows } from '../../domain/workflow/policyFlows';
import { AppError } from '../../server/errors';
import { loadActivePolicies, resolveOrFail } from '../policy/service';

export interface PolicyPlan {
  plan: ProcedurePlan;
  policyKey: string;
  numbers: ProcedureNumbers & { monitoringEntryDays: number; riskEliminationCaseOpenMonths: number; riskEliminationNeedsLabour: boolean };
}

export async function policyPlan(db: Db, placeCode: string, procedure: ProcedureCode, year: number): Promise<PolicyPlan> {
  const resolved = resolveOrFail(withDefaultFlows(await loadActivePolicies(db)), placeCode, year);
  try {
    return { plan: planFromRules(resolved.rules, procedure, year), policyKey: versionKey(resolved.versions), numbers: resolved.rules.procedures };
  } catch (e) {
    if (e instanceof PlanError) throw new AppError(400, 'procedure_definition', `${e.message}（${year} 年 ${placeCode} 适用的政策：${versionKey(resolved.versions)}）`);
    throw e;
  }
}
