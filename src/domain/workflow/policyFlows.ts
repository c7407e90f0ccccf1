/**
 * Where the engine reads a procedure from: the `procedures.flows` of the resolved policy. A
 * national record saved before procedures were data has no flows; it is read with the shipped
 * defaults, so a regional override of one step still merges onto a complete definition.
 */
import { NATIONAL_REGION, type PolicyRecord, type PolicyRules } from '../policy/record';
import { DEFAULT_PROCEDURE_FLOWS } from './defaultFlows';
import type { ProcedureCode } from './flowSchema';
import { planProcedure, type ProcedurePlan } from './plan';

/** The records, with the shipped flows filled into a national record that has none. */
export function withDefaultFlows(records: readonly PolicyRecord[]): PolicyRecord[] {
  return records.map((r) => {
    if (r.regionCode !== NATIONAL_REGION || r.rules.procedures?.flows) return r;
    return { ...r, rules: { ...r.rules, procedures: { ...r.rules.procedures, flows: DEFAULT_PROCEDURE_FLOWS } } };
  });
}

/** The plan of a procedure under resolved rules, for a case of `year`. */
export function planFromRules(rules: PolicyRules, procedure: ProcedureCode, year: number): ProcedurePlan {
  const p = rules.procedures;
  return planProcedure(p.flows ?? DEFAULT_PROCEDURE_FLOWS, p, procedure, year);
}
