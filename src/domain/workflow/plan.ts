/**
 * A procedure's definition made concrete for one case: the policy's numbers filled in (notice
 * days, spot-check share), evidence not yet required in that year left out, a notice step of
 * 0 days left out (monitoring entry publicises only where a local rule says so), and each
 * return pointing at a step index. The plan is stored with the case, so a later policy change
 * never alters a running case.
 */
import { DEFAULT_PROCEDURE_FLOWS } from './defaultFlows';
import type { FROM_YEAR_RULES, NOTICE_DAY_RULES, ProcedureCode, ProcedureDefinition, ProcedureFlows, SAMPLE_SHARE_RULES, StepKind } from './flowSchema';

export type ProcedureNumbers = Record<(typeof NOTICE_DAY_RULES)[number] | (typeof SAMPLE_SHARE_RULES)[number] | (typeof FROM_YEAR_RULES)[number], number>;

export interface EvidenceRequirement {
  code: string;
  label: string;
}

export interface PlannedStep {
  code: string;
  label: string;
  kind: StepKind;
  roles: string[];
  evidence: EvidenceRequirement[];
  /** Index of the step a return (or an upheld objection, or a failed spot check) goes back to. */
  returnTo: number;
  noticeDays: number | null;
  sampleShare: number | null;
}

export interface ProcedurePlan {
  procedure: ProcedureCode;
  label: string;
  outcomes: Record<string, string>;
  starters: string[];
  steps: PlannedStep[];
}

export class PlanError extends Error {}

/** What is wrong with a procedure definition as the engine reads it (empty when nothing). */
export function definitionProblems(name: string, d: ProcedureDefinition): string[] {
  const problems: string[] = [];
  const codes = d.steps.map((s) => s.code);
  const last = d.steps.length - 1;
  d.steps.forEach((s, i) => {
    const at = `${name}第 ${i + 1} 步「${s.label}」`;
    if (codes.indexOf(s.code) !== i) problems.push(`${at}的代码 ${s.code} 与前面的步骤重复`);
    if (s.kind === 'decision' && i !== last) problems.push(`${at}是审定标注步骤，只能是最后一步`);
    if (s.kind === 'notice' && !s.noticeDaysRule) problems.push(`${at}是公示步骤，须指定公示天数取自哪条规则（noticeDaysRule）`);
    if (s.kind === 'spot_check' && !s.sampleShareRule) problems.push(`${at}是抽查步骤，须指定抽查比例取自哪条规则（sampleShareRule）`);
    if (s.returnTo !== undefined) {
      const target = codes.indexOf(s.returnTo);
      if (target < 0 || target >= i) problems.push(`${at}的退回步骤 ${s.returnTo} 不是它之前的步骤`);
    }
  });
  if (d.steps[last]?.kind !== 'decision') problems.push(`${name}的最后一步应为审定标注步骤（kind: decision），实为「${d.steps[last]?.label ?? '无'}」`);
  return problems;
}

/** The plan of `procedure` for a case of `year`; PlanError names what is wrong with the definition. */
export function planProcedure(flows: ProcedureFlows, numbers: ProcedureNumbers, procedure: ProcedureCode, year: number): ProcedurePlan {
  const d = flows[procedure] ?? DEFAULT_PROCEDURE_FLOWS[procedure];
  const problems = definitionProblems(d.label, d);
  if (problems.length) throw new PlanError(`程序定义有误：${problems.join('；')}`);
  const kept = d.steps.filter((s) => s.kind !== 'notice' || numbers[s.noticeDaysRule!] > 0);
  const steps = kept.map((s, i): PlannedStep => {
    let returnTo = 0;
    if (s.returnTo !== undefined) {
      returnTo = kept.findIndex((k) => k.code === s.returnTo);
      if (returnTo < 0) throw new PlanError(`程序定义有误：${d.label}「${s.label}」退回到的步骤 ${s.returnTo} 因公示天数为 0 已省略`);
    }
    return {
      code: s.code,
      label: s.label,
      kind: s.kind,
      roles: [...s.roles],
      evidence: s.evidence.filter((e) => !e.fromYearRule || year >= numbers[e.fromYearRule]).map((e) => ({ code: e.code, label: e.label })),
      returnTo: i === 0 ? 0 : returnTo,
      noticeDays: s.kind === 'notice' ? numbers[s.noticeDaysRule!] : null,
      sampleShare: s.kind === 'spot_check' ? numbers[s.sampleShareRule!] : null,
    };
  });
  return { procedure, label: d.label, outcomes: { ...d.outcomes }, starters: [...d.starters], steps };
}
