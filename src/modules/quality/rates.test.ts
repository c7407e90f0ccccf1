import { describe, expect, it } from 'vitest';
import { addTotals, EMPTY_TOTALS, qualityRates, surveyProblems, type SurveyTotals } from './rates';

const TH = { maxIncidence: 0.02, maxMissedRate: 0.02, maxWrongExitRate: 0.02, minApproval: 0.9 };
const survey: SurveyTotals = { surveys: 1, ruralPopulation: 10000, personsSampled: 500, missedPersons: 5, exitedPersonsSampled: 300, wronglyExitedPersons: 9, respondents: 200, satisfied: 181 };

describe('三率一度', () => {
  it('computes each rate with its sum and threshold', () => {
    const [incidence, missed, wrong, approval] = qualityRates(survey, 120, TH);
    expect(incidence).toMatchObject({ value: 134 / 10000, breach: false, explanation: '综合贫困发生率 = （剩余贫困人口 120 + 漏评 5 + 错退 9）÷ 农村户籍人口 10000 = 1.34%，标准：不超过 2%' });
    expect(missed).toMatchObject({ value: 0.01, breach: false });
    expect(wrong).toMatchObject({ value: 0.03, breach: true, explanation: '错退率 = 错退 9 ÷ 抽查脱贫人数 300 = 3%，标准：不超过 2%，未达标' });
    expect(approval).toMatchObject({ value: 0.905, breach: false });
  });

  it.each([
    // POLICY §7: 综合贫困发生率 ≤ 2% (at the threshold it passes).
    ['incidence exactly at 2% passes (not more than)', { ...survey, missedPersons: 0, wronglyExitedPersons: 0 }, 200, 'incidence', false],
    ['incidence one person over 2% breaches', { ...survey, missedPersons: 0, wronglyExitedPersons: 0 }, 201, 'incidence', true],
    ['missed rate exactly 2% passes (not more than)', { ...survey, missedPersons: 10 }, 0, 'missedRate', false],
    ['approval exactly 90% passes (at least)', { ...survey, satisfied: 180 }, 0, 'approval', false],
    ['approval just under 90% breaches', { ...survey, satisfied: 179 }, 0, 'approval', true],
  ] as const)('%s', (_name, totals, remaining, key, breach) => {
    expect(qualityRates(totals, remaining, TH).find((r) => r.key === key)!.breach).toBe(breach);
  });

  it('says so when nothing was surveyed', () => {
    const rates = qualityRates(EMPTY_TOTALS, 50, TH);
    expect(rates.every((r) => r.value === null && r.breach === null)).toBe(true);
    expect(rates[3].explanation).toBe('群众认可度：尚无抽样调查数据（标准：不低于 90%）');
  });

  it('adds surveys of several places', () => {
    expect(addTotals(survey, survey)).toMatchObject({ surveys: 2, ruralPopulation: 20000, satisfied: 362 });
  });

  it('refuses inconsistent surveys, naming the field and value', () => {
    expect(surveyProblems({ ...survey, missedPersons: 501 })).toEqual(['漏评人数（missedPersons）501 大于抽查人数 500']);
    expect(surveyProblems({ ...survey, satisfied: -1 })).toEqual(['认可人数（satisfied）应为不小于 0 的整数，实为 -1']);
    expect(surveyProblems({ ...survey, ruralPopulation: 0 })).toEqual(['农村户籍人口（ruralPopulation）应大于 0，实为 0']);
    expect(surveyProblems({ ...survey, wronglyExitedPersons: 301, respondents: 1.5 })).toEqual(['受访人数（respondents）应为不小于 0 的整数，实为 1.5']);
    expect(surveyProblems(survey)).toEqual([]);
  });
});
