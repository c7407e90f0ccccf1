import { describe, expect, it } from 'vitest';
import { NATIONAL_RULES } from '../policy/defaults';
import { addDays, chinaDate, isCalendarDate, monthsBetween } from '../dates';
import { DEFAULT_PROCEDURE_FLOWS } from './defaultFlows';
import { exitProblems, riskEliminationProblems, startProblems, type AssessmentSummary } from './guards';
import { incomeStabilityProblem, measuresProblem, monitoringIncomePeriod } from './riskElimination';
import { planProcedure } from './plan';

const plan = (p: 'exit' | 'identification' | 'monitoring_entry' | 'risk_elimination') => planProcedure(DEFAULT_PROCEDURE_FLOWS, NATIONAL_RULES.procedures, p, 2021);

const meets: AssessmentSummary = { year: 2020, outcome: 'meets', criteria: [{ label: '收入', status: 'pass', reason: '人均纯收入 5000 元' }], riskReasons: [] };
const fails: AssessmentSummary = {
  year: 2020,
  outcome: 'does_not_meet',
  criteria: [
    { label: '收入', status: 'pass', reason: '人均纯收入 5000 元' },
    { label: '住房安全', status: 'fail', reason: '住房鉴定为 D 级危房' },
    { label: '饮水安全', status: 'undetermined', reason: '未登记水量' },
  ],
  riskReasons: [],
};

describe('who may start what', () => {
  it.each([
    ['exit', 'poor', true],
    ['exit', 'returned', true],
    ['exit', 'exited', false],
    ['exit', 'monitored', false],
    ['identification', 'not_poor', true],
    ['identification', 'exited', true],
    ['identification', 'poor', false],
    ['monitoring_entry', 'exited', true],
    ['monitoring_entry', 'not_poor', true],
    ['monitoring_entry', 'monitored', false],
    ['risk_elimination', 'monitored', true],
    ['risk_elimination', 'exited', false],
    ['risk_elimination', 'deregistered', false],
  ] as const)('%s from %s: %s', (procedure, status, allowed) => {
    expect(startProblems(plan(procedure), 'H1', status, 'village_operator')).toHaveLength(allowed ? 0 : 1);
  });

  it('says the status found and the statuses allowed', () => {
    expect(startProblems(plan('exit'), '540425000001', 'exited', 'village_operator')).toEqual(['户 540425000001 当前状态为「已脱贫」，不能发起贫困户退出程序（须为：未脱贫、返贫）']);
  });

  it('refuses a starter outside the definition; a department may start monitoring entry', () => {
    expect(startProblems(plan('exit'), 'H1', 'poor', 'county_operator')[0]).toContain('您的角色（county_operator）不能发起');
    expect(startProblems(plan('monitoring_entry'), 'H1', 'exited', 'department_operator')).toEqual([]);
  });
});

describe('exit needs a passing assessment', () => {
  it('passes a household that meets every criterion', () => expect(exitProblems(meets)).toEqual([]));
  it('lists each criterion that fails or cannot be decided', () => {
    expect(exitProblems(fails)).toEqual(['2020 年评估未达到退出标准', '住房安全：住房鉴定为 D 级危房', '饮水安全：未登记水量']);
    expect(exitProblems({ ...fails, outcome: 'undetermined' })[0]).toBe('2020 年评估不能判定（缺少数据）');
  });
});

describe('risk elimination', () => {
  const base = {
    assessment: meets,
    monitoredSince: '2021-01-15',
    today: '2021-07-15',
    members: [{ name: '张三', labour: 'ordinary' }, { name: '李四', labour: 'none' }],
    caseOpenMonths: 6,
    needsLabour: true,
    incomes: [{ year: 2020, perCapitaNet: 9000, line: 6000 }, { year: 2021, perCapitaNet: 9000, line: 6000 }],
    stableMonths: 6,
    measures: [{ label: '产业扶持', startedOn: '2021-03-01' }],
    minMeasures: 1,
  };
  it('passes after six months with a member able to work', () => expect(riskEliminationProblems(base)).toEqual([]));
  it('refuses before six months are over', () => {
    expect(riskEliminationProblems({ ...base, today: '2021-07-14' })).toEqual(['自 2021-01-15 纳入监测仅 5 个月，不满 6 个月']);
    expect(riskEliminationProblems({ ...base, monitoredSince: null })[0]).toContain('无法确定纳入监测的日期');
  });
  it('never for a household with no member able to work', () => {
    const problems = riskEliminationProblems({ ...base, members: [{ name: '李四', labour: 'lost' }, { name: '王五', labour: null }] });
    expect(problems).toEqual(['家中没有有劳动能力的成员（李四（丧失劳动力）、王五（劳动能力未登记）），应继续监测并落实兜底保障，不能消除风险']);
    expect(riskEliminationProblems({ ...base, needsLabour: false, members: [{ name: '李四', labour: 'lost' }] })).toEqual([]);
  });
  it('refuses while income is below the monitoring line or a criterion fails', () => {
    const low = { ...meets, riskReasons: [{ code: 'income_below_monitoring_line', text: '人均纯收入 5000 元，低于 2021 年监测线 6000 元' }] };
    expect(riskEliminationProblems({ ...base, assessment: low })).toEqual(['人均纯收入 5000 元，低于 2021 年监测线 6000 元']);
    expect(riskEliminationProblems({ ...base, assessment: fails })).toHaveLength(3);
  });
});

describe('risk elimination: income stable for six months and a measure delivered', () => {
  const line = 6000;
  it('counts the months from 1 January of the first year of the run above the line: exactly six passes', () => {
    const incomes = [{ year: 2023, perCapitaNet: line, line }, { year: 2024, perCapitaNet: line + 1, line }];
    expect(incomeStabilityProblem(incomes, '2024-07-01', 6)).toBeNull();
    expect(incomeStabilityProblem(incomes, '2024-06-30', 6)).toBe('收入稳定高于监测线的条件不满足：自 2024-01-01 起（2024 年收入记录）高于监测线仅 5 个月，不满 6 个月');
  });
  it('refuses when the latest income is at or below the line, or missing', () => {
    expect(incomeStabilityProblem([{ year: 2024, perCapitaNet: line, line }], '2024-12-01', 6)).toBe('收入稳定高于监测线的条件不满足：2024 年人均纯收入 6000 元，未超过监测线 6000 元（须连续 6 个月以上稳定高于监测线）');
    expect(incomeStabilityProblem([], '2024-12-01', 6)).toContain('无收入记录');
    expect(incomeStabilityProblem([{ year: 2024, perCapitaNet: 7000, line: null }], '2024-12-01', 6)).toContain('2024 年监测线缺失');
  });
  it('a gap in the yearly records ends the run', () => {
    const incomes = [{ year: 2021, perCapitaNet: 9000, line }, { year: 2024, perCapitaNet: 9000, line }];
    expect(incomeStabilityProblem(incomes, '2024-03-01', 6)).toContain('自 2024-01-01 起');
    expect(incomeStabilityProblem(incomes, '2024-03-01', 2)).toBeNull();
  });
  it('counts measures started since monitoring began and not after today', () => {
    const m = (startedOn: string | null) => ({ label: '产业扶持', startedOn });
    expect(measuresProblem([m('2024-02-01')], '2024-02-01', '2024-08-01', 1)).toBeNull();
    expect(measuresProblem([m('2024-01-31'), m('2024-08-02'), m(null)], '2024-02-01', '2024-08-01', 1)).toBe('帮扶措施落实的条件不满足：纳入监测（2024-02-01）以来至今落实的帮扶措施 0 项，须至少 1 项；另有 3 项措施开始日期不在此期间或未登记，不计入');
    expect(measuresProblem([], '2024-02-01', '2024-08-01', 1)).toBe('帮扶措施落实的条件不满足：纳入监测（2024-02-01）以来至今落实的帮扶措施 0 项，须至少 1 项');
  });
});

describe('monitoring entry income period (monitoring.lookbackMonths)', () => {
  it('is the whole months before the month of discovery; yearly income falls back to the last full year in it', () => {
    expect(monitoringIncomePeriod('2024-06-10', 12)).toMatchObject({ from: '2023-06', to: '2024-05', year: 2023, text: '收入核算期 2023-06 至 2024-05（纳入监测前 12 个月）' });
    expect(monitoringIncomePeriod('2024-01-01', 12)).toMatchObject({ from: '2023-01', to: '2023-12', year: 2023 });
    expect(monitoringIncomePeriod('2024-01-31', 6)).toMatchObject({ from: '2023-07', to: '2023-12', year: 2023 });
    expect(monitoringIncomePeriod('2024-03-05', 24)).toMatchObject({ from: '2022-03', to: '2024-02', year: 2023 });
  });
});

describe('dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-1-01', false],
    ['', false],
  ])('%s is a date: %s', (text, valid) => expect(isCalendarDate(text)).toBe(valid));
  it('adds days across months and years', () => {
    expect(addDays('2024-02-27', 7)).toBe('2024-03-05');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
  });
  it('counts whole months', () => {
    expect(monthsBetween('2021-01-31', '2021-07-30')).toBe(5);
    expect(monthsBetween('2021-01-15', '2022-01-15')).toBe(12);
  });
  it('takes the date in China', () => {
    expect(chinaDate(new Date('2024-03-07T16:00:00Z'))).toBe('2024-03-08');
    expect(chinaDate(new Date('2024-03-07T15:59:59Z'))).toBe('2024-03-07');
  });
});
