/**
 * 三率一度 (POLICY.md §7): comprehensive poverty incidence, missed-identification rate,
 * wrong-exit rate and public approval, each with the policy's threshold, whether it is breached,
 * and the sum that gave it in words.
 */
import type { SampleFindings } from '../../domain/counties/verdict';

/** The sample counts (sampled, missed, exited sampled, wrongly exited, respondents, satisfied) with the number of surveys and the rural population. */
export interface SurveyTotals extends SampleFindings {
  surveys: number;
  ruralPopulation: number;
}

export interface QualityThresholds {
  maxIncidence: number;
  maxMissedRate: number;
  maxWrongExitRate: number;
  minApproval: number;
}

export type RateKey = 'incidence' | 'missedRate' | 'wrongExitRate' | 'approval';

export interface Rate {
  key: RateKey;
  label: string;
  /** null when nothing was surveyed for it. */
  value: number | null;
  threshold: number;
  /** 'below': must be < threshold; 'atMost': ≤; 'atLeast': ≥. */
  rule: 'below' | 'atMost' | 'atLeast';
  breach: boolean | null;
  explanation: string;
}

const pct = (x: number) => `${(Math.round(x * 10000) / 100).toString()}%`;
const RULE_WORDS = { below: '低于', atMost: '不超过', atLeast: '不低于' } as const;

function rate(key: RateKey, label: string, numerator: number, denominator: number, terms: string, threshold: number, rule: Rate['rule']): Rate {
  const standard = `标准：${RULE_WORDS[rule]} ${pct(threshold)}`;
  if (denominator <= 0) return { key, label, value: null, threshold, rule, breach: null, explanation: `${label}：尚无抽样调查数据（${standard}）` };
  const value = numerator / denominator;
  const ok = rule === 'below' ? value < threshold : rule === 'atMost' ? value <= threshold + 1e-12 : value >= threshold - 1e-12;
  return { key, label, value, threshold, rule, breach: !ok, explanation: `${label} = ${terms} = ${pct(value)}，${standard}${ok ? '' : '，未达标'}` };
}

export function qualityRates(t: SurveyTotals, remainingPoor: number, th: QualityThresholds): Rate[] {
  return [
    rate('incidence', '综合贫困发生率', remainingPoor + t.missedPersons + t.wronglyExitedPersons, t.ruralPopulation,
      `（剩余贫困人口 ${remainingPoor} + 漏评 ${t.missedPersons} + 错退 ${t.wronglyExitedPersons}）÷ 农村户籍人口 ${t.ruralPopulation}`, th.maxIncidence, 'atMost'),
    rate('missedRate', '漏评率', t.missedPersons, t.personsSampled, `漏评 ${t.missedPersons} ÷ 抽查人数 ${t.personsSampled}`, th.maxMissedRate, 'atMost'),
    rate('wrongExitRate', '错退率', t.wronglyExitedPersons, t.exitedPersonsSampled, `错退 ${t.wronglyExitedPersons} ÷ 抽查脱贫人数 ${t.exitedPersonsSampled}`, th.maxWrongExitRate, 'atMost'),
    rate('approval', '群众认可度', t.satisfied, t.respondents, `认可 ${t.satisfied} ÷ 受访 ${t.respondents}`, th.minApproval, 'atLeast'),
  ];
}

export const EMPTY_TOTALS: SurveyTotals = { surveys: 0, ruralPopulation: 0, personsSampled: 0, missedPersons: 0, exitedPersonsSampled: 0, wronglyExitedPersons: 0, respondents: 0, satisfied: 0 };

export function addTotals(a: SurveyTotals, b: SurveyTotals): SurveyTotals {
  return {
    surveys: a.surveys + b.surveys,
    ruralPopulation: a.ruralPopulation + b.ruralPopulation,
    personsSampled: a.personsSampled + b.personsSampled,
    missedPersons: a.missedPersons + b.missedPersons,
    exitedPersonsSampled: a.exitedPersonsSampled + b.exitedPersonsSampled,
    wronglyExitedPersons: a.wronglyExitedPersons + b.wronglyExitedPersons,
    respondents: a.respondents + b.respondents,
    satisfied: a.satisfied + b.satisfied,
  };
}

/** Problems of a survey as entered (each names the field and the value), empty when it is consistent. */
export function surveyProblems(s: Omit<SurveyTotals, 'surveys'>): string[] {
  const problems: string[] = [];
  const fields: [keyof typeof s, string][] = [
    ['ruralPopulation', '农村户籍人口'], ['personsSampled', '抽查人数'], ['missedPersons', '漏评人数'], ['exitedPersonsSampled', '抽查脱贫人数'],
    ['wronglyExitedPersons', '错退人数'], ['respondents', '受访人数'], ['satisfied', '认可人数'],
  ];
  for (const [k, label] of fields) if (!Number.isInteger(s[k]) || s[k] < 0) problems.push(`${label}（${k}）应为不小于 0 的整数，实为 ${s[k]}`);
  if (problems.length) return problems;
  if (s.ruralPopulation === 0) problems.push('农村户籍人口（ruralPopulation）应大于 0，实为 0');
  if (s.missedPersons > s.personsSampled) problems.push(`漏评人数（missedPersons）${s.missedPersons} 大于抽查人数 ${s.personsSampled}`);
  if (s.wronglyExitedPersons > s.exitedPersonsSampled) problems.push(`错退人数（wronglyExitedPersons）${s.wronglyExitedPersons} 大于抽查脱贫人数 ${s.exitedPersonsSampled}`);
  if (s.satisfied > s.respondents) problems.push(`认可人数（satisfied）${s.satisfied} 大于受访人数 ${s.respondents}`);
  return problems;
}
