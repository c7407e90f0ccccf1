import { describe, expect, it } from 'vitest';
import { assessHousehold } from './assessHousehold';
import { gradeRisk } from './gradeRisk';
import type { RiskEvent } from './riskTypes';
import { defaultPolicy, household, income } from './testFacts';
import type { HouseholdFacts } from './types';

const policy = defaultPolicy('411426001001', 2021);
const henan = defaultPolicy('410000000000', 2021);

function grade(facts: Partial<HouseholdFacts>, events: RiskEvent[] = [], openRiskTypes: string[] = [], p = henan) {
  const assessment = assessHousehold(household({ incomes: [income(2020, 9000), income(2021, 9000)], ...facts }), p, { year: 2021 });
  return gradeRisk({ assessment, events, openRiskTypes }, p.rules);
}

describe('risk grading: red / yellow / green', () => {
  it('is green with no reason', () => {
    const g = grade({});
    expect(g).toMatchObject({ grade: 'green', gradeLabel: '绿色', reasons: [], missing: [] });
    expect(g.ruleLabel).toMatch(/本地默认/);
  });

  const cases: { name: string; facts?: Partial<HouseholdFacts>; events?: RiskEvent[]; open?: string[]; grade: string; codes: string[] }[] = [
    { name: 'income at the poverty line is red', facts: { incomes: [income(2020, 9000), income(2021, 4000)] }, grade: 'red', codes: ['income_not_above_line', 'income_fall'] },
    { name: 'income between the poverty line and the monitoring line is yellow', facts: { incomes: [income(2020, 5500), income(2021, 5999.99)] }, grade: 'yellow', codes: ['income_below_monitoring_line'] },
    { name: 'income at the monitoring line is green', facts: { incomes: [income(2020, 5500), income(2021, 6000)] }, grade: 'green', codes: [] },
    { name: 'a fall of exactly 30% is not a reason', facts: { incomes: [income(2020, 10000), income(2021, 7000)] }, grade: 'green', codes: [] },
    { name: 'a fall of more than 30% is yellow', facts: { incomes: [income(2020, 10000), income(2021, 6999)] }, grade: 'yellow', codes: ['income_fall'] },
    { name: 'a failing guarantee is red', facts: { house: { grade: 'D', renovated: false, relocated: null } }, grade: 'red', codes: ['criterion_failed'] },
    { name: 'serious illness costing exactly 50% of annual income is not red', events: [{ type: 'illness', date: '2021-05-01', cost: 18000 }], grade: 'green', codes: [] },
    { name: 'serious illness costing more than 50% is red', events: [{ type: 'illness', date: '2021-05-01', cost: 18000.01 }], grade: 'red', codes: ['serious_event'] },
    { name: 'costs of serious events add up', events: [{ type: 'illness', date: '2021-05-01', cost: 10000 }, { type: 'disaster', date: '2021-08-01', cost: 9000 }], grade: 'red', codes: ['serious_event'] },
    { name: 'an event older than 12 months does not count', events: [{ type: 'accident', date: '2020-12-31', cost: 50000 }], grade: 'green', codes: [] },
    { name: 'an event on the first day of the window counts', events: [{ type: 'accident', date: '2021-01-01', cost: 50000 }], grade: 'red', codes: ['serious_event'] },
    { name: 'an event after the assessment date does not count', events: [{ type: 'accident', date: '2022-01-01', cost: 50000 }], grade: 'green', codes: [] },
    { name: 'a cost of a type that is not serious does not count', events: [{ type: 'schooling', date: '2021-05-01', cost: 50000 }], grade: 'green', codes: [] },
    { name: 'an open risk type is yellow', open: ['unstable_employment'], grade: 'yellow', codes: ['open_risk'] },
  ];
  it.each(cases)('$name', ({ facts = {}, events = [], open = [], grade: expected, codes }) => {
    const g = grade(facts, events, open);
    expect(g.grade).toBe(expected);
    expect(g.reasons.map((r) => r.code)).toEqual(codes);
  });

  it('lists every reason that applied, red first', () => {
    const g = grade(
      { incomes: [income(2020, 9000), income(2021, 3000)], house: { grade: 'C', renovated: false, relocated: false }, clothingSecure: false },
      [{ type: 'illness', date: '2021-03-01', cost: 20000 }],
      ['illness', 'schooling'],
    );
    expect(g.grade).toBe('red');
    expect(g.reasons.map((r) => [r.grade, r.code])).toEqual([
      ['red', 'income_not_above_line'],
      ['red', 'criterion_failed'],
      ['red', 'criterion_failed'],
      ['red', 'serious_event'],
      ['yellow', 'income_fall'],
      ['yellow', 'open_risk'],
      ['yellow', 'open_risk'],
    ]);
    expect(g.reasons.map((r) => r.text)).toEqual([
      '人均纯收入 3,000.00 元，未超过收入标准 4,000 元',
      '不愁穿不达标：走访记录：不愁穿未达到',
      '住房安全有保障不达标：住房鉴定为 C 级（达标等级为 A、B 级），无危房改造完成或易地搬迁入住记录',
      '近 12 个月因病刚性支出合计 20,000.00 元，超过家庭年纯收入 12,000.00 元的 50%',
      '人均纯收入由上年 9,000.00 元降至 3,000.00 元，下降 66.7%，超过 30%',
      '存在未消除的风险：因病',
      '存在未消除的风险：因学',
    ]);
  });

  it('uses 1.5 × the poverty line as the monitoring line in 2020', () => {
    const p = defaultPolicy('410000000000', 2020);
    const assessment = assessHousehold(household({ incomes: [income(2019, 5000), income(2020, 5999)] }), p, { year: 2020 });
    const g = gradeRisk({ assessment, events: [], openRiskTypes: [] }, p.rules);
    expect(g.reasons.map((r) => r.text)).toEqual(['人均纯收入 5,999.00 元，低于 2020 年监测线 6,000 元（扶贫标准的 1.5 倍）']);
  });

  it('follows the local record: 商丘 does not list 因意外事故 as an open risk type', () => {
    expect(grade({}, [], ['accident'], policy).grade).toBe('green');
    expect(grade({}, [], ['accident'], henan).grade).toBe('yellow');
  });

  it('is never green when data is missing', () => {
    const g = grade({ incomes: [], foodSecure: null });
    expect(g.grade).toBe('undetermined');
    expect(g.gradeLabel).toBe('不能判定：缺少数据');
    expect(g.missing).toEqual(['2021 年人均纯收入或收入标准', '不愁吃（走访记录“不愁吃”）']);
  });

  it('is red despite missing data when a red reason applies', () => {
    const g = grade({ foodSecure: null, house: { grade: 'D', renovated: null, relocated: null } });
    expect(g.grade).toBe('red');
    expect(g.missing).toHaveLength(1);
  });

  it('cannot weigh a serious event without the annual income', () => {
    const g = grade({ incomes: [] }, [{ type: 'disaster', date: '2021-07-01', cost: 5000 }]);
    expect(g.missing).toContain('家庭年纯收入（近 12 个月因灾刚性支出 5,000.00 元）');
  });
});

describe('Guangdong relative poverty (seed 003): below 4000 yuan at 2014 prices, adjusted to the year, is red', () => {
  // 2018 exit income: 45% of 17,167.7 = 7,725.47 yuan; the 2018 nominal line entered as 4,350.
  const gd = defaultPolicy('441882100200', 2018);
  const withNominal: typeof gd = { ...gd, rules: { ...gd.rules, relativePoverty: { ...gd.rules.relativePoverty!, householdLineByYear: { 2018: 4350 } } } };
  const gradeGd = (perCapita: number, p = withNominal) => {
    const assessment = assessHousehold(household({ incomes: [income(2018, perCapita)] }), p, { year: 2018 });
    return gradeRisk({ assessment, events: [], openRiskTypes: [] }, p.rules);
  };
  it('one fen below the adjusted line is red, and the reason shows the adjusted line', () => {
    const g = gradeGd(4349.99);
    expect(g.grade).toBe('red');
    expect(g.reasons.map((r) => r.text)).toEqual(['人均可支配收入 4,349.99 元，低于2018 年相对贫困户识别标准 4,350 元（4,000 元（2014 年不变价）按 2018 年价格调整），属相对贫困户']);
  });
  it('exactly at the adjusted line is yellow: not relatively poor, but short of the exit income', () => {
    const g = gradeGd(4350);
    expect(g.grade).toBe('yellow');
    expect(g.reasons).toEqual([{ code: 'relative_exit_short', grade: 'yellow', text: '人均可支配收入 4,350.00 元，不低于2018 年相对贫困户识别标准 4,350 元（4,000 元（2014 年不变价）按 2018 年价格调整），但未达到退出收入标准 7,725.47 元' }]);
  });
  it('without the year\'s nominal value the 4000 stands in, and the reason says so', () => {
    const g = gradeGd(3999.99, gd);
    expect(g.reasons[0].text).toBe('人均可支配收入 3,999.99 元，低于相对贫困户识别标准 4,000 元（2014 年不变价）（未填写 2018 年名义值，按不变价标准），属相对贫困户');
    expect(gradeGd(4000, gd).grade).toBe('yellow');
  });
  it('at the exit income no income reason remains', () => expect(gradeGd(7725.47).reasons.filter((r) => r.code !== 'income_below_monitoring_line')).toEqual([]));
});

describe('shares beside a threshold', () => {
  it('show two decimals, more when needed to differ from the threshold', async () => {
    const { shareBeside } = await import('../policy/targets');
    expect(shareBeside(2 / 42, 0.04)).toBe('4.76%');
    expect(shareBeside(0.05, 0.05)).toBe('5%');
    expect(shareBeside(0.05002, 0.05)).toBe('5.002%');
    expect(shareBeside(0.1, 0.05)).toBe('10%');
  });
});
