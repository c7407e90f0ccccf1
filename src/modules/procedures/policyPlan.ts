/** The plan of a procedure for a village and year, from the policy records in force. */
import type { Db } from '../../db/database';
import type { PolicyRules } from '../../domain/policy/record';
import { versionKey } from '../../domain/policy/resolve';
import type { ProcedureCode } from '../../domain/workflow/flowSchema';
import { PlanError, type ProcedurePlan } from '../../domain/workflow/plan';
import { planFromRules, withDefaultFlows } from '../../domain/workflow/policyFlows';
import { AppError } from '../../server/errors';
import { loadActivePolicies, resolveOrFail } from '../policy/service';

export interface PolicyPlan {
  plan: ProcedurePlan;
  policyKey: string;
  numbers: PolicyRules['procedures'];
  /** The rules in force (risk elimination reads the monitoring line of each year). */
  rules: PolicyRules;
}

export async function policyPlan(db: Db, placeCode: string, procedure: ProcedureCode, year: number): Promise<PolicyPlan> {
  const resolved = resolveOrFail(withDefaultFlows(await loadActivePolicies(db)), placeCode, year);
  try {
    return { plan: planFromRules(resolved.rules, procedure, year), policyKey: versionKey(resolved.versions), numbers: resolved.rules.procedures, rules: resolved.rules };
  } catch (e) {
    if (e instanceof PlanError) throw new AppError(400, 'procedure_definition', `${e.message}（${year} 年 ${placeCode} 适用的政策：${versionKey(resolved.versions)}）`);
    throw e;
  }
}
