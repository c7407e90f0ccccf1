import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_RECORDS, NATIONAL_RULES } from '../policy/defaults';
import { resolvePolicy } from '../policy/resolve';
import { DEFAULT_PROCEDURE_FLOWS } from './defaultFlows';
import { PROCEDURES, type ProcedureDefinition } from './flowSchema';
import { definitionProblems, planProcedure, PlanError, type ProcedureNumbers } from './plan';
import { planFromRules, withDefaultFlows } from './policyFlows';

const NUMBERS: ProcedureNumbers = { ...NATIONAL_RULES.procedures };

describe('plans from the shipped definitions', () => {
  it('exit follows seed 004 with a 7-day notice and a 10% spot check', () => {
    const plan = planProcedure(DEFAULT_PROCEDURE_FLOWS, NUMBERS, 'exit', 2019);
    expect(plan.steps.map((s) => s.label)).toEqual(['村民代表大会民主评议', '村两委组织信息核实（农户签字认可）', '村内公示', '乡镇核查', '县级抽查', '县级标注脱贫']);
    expect(plan.steps.map((s) => s.roles[0])).toEqual(['village_operator', 'village_operator', 'village_operator', 'township_operator', 'county_operator', 'county_operator']);
    expect(plan.steps[2]).toMatchObject({ kind: 'notice', noticeDays: 7, returnTo: 0 });
    expect(plan.steps[4]).toMatchObject({ kind: 'spot_check', sampleShare: 0.1, returnTo: 1 });
    expect(plan.outcomes).toEqual({ poor: 'exited', returned: 'exited' });
  });

  it('every shipped definition is sound', () => {
    for (const p of PROCEDURES) expect(definitionProblems(p, DEFAULT_PROCEDURE_FLOWS[p])).toEqual([]);
  });

  it('monitoring entry has no notice under the national default and asks for consent from 2021', () => {
    const y2020 = planProcedure(DEFAULT_PROCEDURE_FLOWS, NUMBERS, 'monitoring_entry', 2020);
    expect(y2020.steps.map((s) => s.code)).toEqual(['village_review', 'township_review', 'county_decision']);
    expect(y2020.steps[0].evidence.map((e) => e.code)).toEqual(['review_minutes']);
    const y2021 = planProcedure(DEFAULT_PROCEDURE_FLOWS, NUMBERS, 'monitoring_entry', 2021);
    expect(y2021.steps[0].evidence.map((e) => e.code)).toEqual(['review_minutes', 'consent']);
    expect(y2021.steps[2].returnTo).toBe(1);
  });

  it('商丘 publicises monitoring entry for 5 days (its policy record)', () => {
    const rules = resolvePolicy(DEFAULT_POLICY_RECORDS, '411426207201', 2021).rules;
    const plan = planFromRules(rules, 'monitoring_entry', 2021);
    expect(plan.steps.map((s) => s.code)).toEqual(['village_review', 'public_notice', 'township_review', 'county_decision']);
    expect(plan.steps[1].noticeDays).toBe(5);
  });

  it('a province changes a step by a policy record', () => {
    const province = {
      id: 'x', regionCode: '41', effectiveYear: 2018, version: 1, status: 'active' as const, title: '省程序',
      rules: { procedures: { exitPublicNoticeDays: 5, flows: { exit: { steps: [...DEFAULT_PROCEDURE_FLOWS.exit.steps.filter((s) => s.code !== 'county_spot_check')] } } } },
    };
    const rules = resolvePolicy([...DEFAULT_POLICY_RECORDS, province], '411426', 2019).rules;
    const plan = planFromRules(rules, 'exit', 2019);
    expect(plan.steps.map((s) => s.code)).not.toContain('county_spot_check');
    expect(plan.steps[2].noticeDays).toBe(5);
    expect(plan.label).toBe('贫困户退出');
  });

  it('a national record stored without flows reads with the shipped ones', () => {
    const stored = DEFAULT_POLICY_RECORDS.map((r) => (r.regionCode === '0' ? { ...r, rules: { ...r.rules, procedures: { ...NATIONAL_RULES.procedures, flows: undefined } } } : r));
    const rules = resolvePolicy(withDefaultFlows(stored), '540425', 2017).rules;
    expect(planFromRules(rules, 'exit', 2017).steps).toHaveLength(6);
    expect(withDefaultFlows(DEFAULT_POLICY_RECORDS)[0]).toBe(DEFAULT_POLICY_RECORDS[0]);
  });
});

describe('definitions the engine refuses', () => {
  const exit = DEFAULT_PROCEDURE_FLOWS.exit;
  const broken = (steps: ProcedureDefinition['steps']): ProcedureDefinition => ({ ...exit, steps });
  const s = exit.steps;

  it.each([
    ['a decision before the end', broken([s[5], s[0]]), '是审定标注步骤，只能是最后一步'],
    ['no decision at the end', broken([s[0], s[1]]), '最后一步应为审定标注步骤'],
    ['a repeated step code', broken([s[0], s[0], s[5]]), '与前面的步骤重复'],
    ['a return to a later step', broken([{ ...s[0], returnTo: undefined }, { ...s[1], returnTo: 'county_marking' }, s[5]]), '不是它之前的步骤'],
    ['a notice without its days', broken([s[0], { ...s[2], noticeDaysRule: undefined }, s[5]]), '须指定公示天数'],
    ['a spot check without its share', broken([s[0], { ...s[4], sampleShareRule: undefined, returnTo: undefined }, s[5]]), '须指定抽查比例'],
  ])('%s', (_name, definition, message) => {
    expect(definitionProblems('退出', definition).join('；')).toContain(message);
    expect(() => planProcedure({ ...DEFAULT_PROCEDURE_FLOWS, exit: definition }, NUMBERS, 'exit', 2019)).toThrow(PlanError);
  });

  it('a return to a notice left out for 0 days', () => {
    const flows = {
      ...DEFAULT_PROCEDURE_FLOWS,
      monitoring_entry: { ...DEFAULT_PROCEDURE_FLOWS.monitoring_entry, steps: DEFAULT_PROCEDURE_FLOWS.monitoring_entry.steps.map((x) => (x.code === 'township_review' ? { ...x, returnTo: 'public_notice' } : x)) },
    };
    expect(() => planProcedure(flows, NUMBERS, 'monitoring_entry', 2021)).toThrow('因公示天数为 0 已省略');
  });
});
