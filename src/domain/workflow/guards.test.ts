import { describe, expect, it } from 'vitest';
import { NATIONAL_RULES } from '../policy/defaults';
import { addDays, chinaDate, isCalendarDate, monthsBetween } from '../dates';
import { DEFAULT_PROCEDURE_FLOWS } from './defaultFlows';
import { exitProblems, riskEliminationProblems, startProblems, type AssessmentSummary } from './guards';
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
