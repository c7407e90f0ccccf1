/**
 * The 2004 rural drinking-water scale as a policy option: each indicator is graded 安全 /
 * 基本安全 / 不安全 — quantity (≥ 40 / ≥ 20 L), convenience (piped or ≤ 10 / ≤ 20 min),
 * guarantee rate ((365 − outage days) / 365 ≥ 95% / ≥ 90%), quality (达标 or not) — and the
 * household passes when every indicator reaches the level the policy requires.
 */
import type { PolicyRules } from '../policy/rulesSchema';
import { decide, failed, missing, passed, type Finding } from './criterion';
import { percent, plain } from './format';
import type { CriterionResult, WaterFacts } from './types';
import { waterValues } from './waterValues';

type Scale = PolicyRules['water']['scale2004'];
type Level = 'safe' | 'basic' | 'unsafe';

const LEVEL_TEXT: Record<Level, string> = { safe: '安全', basic: '基本安全', unsafe: '不安全' };
const RANK: Record<Level, number> = { unsafe: 0, basic: 1, safe: 2 };

/** Share of the year with water: 36 outage days → 90.1%, 37 → 89.9%. */
export const guaranteeRate = (outageDays: number): number => (365 - outageDays) / 365;

function graded(level: Level, required: Level, text: string): Finding {
  const sentence = `${text}，${LEVEL_TEXT[level]}`;
  return RANK[level] >= RANK[required] ? passed(sentence) : failed(`${sentence}（要求${LEVEL_TEXT[required]}）`);
}

function levelOf(value: number, safe: number, basic: number, higherIsBetter: boolean): Level {
  const reaches = (limit: number) => (higherIsBetter ? value >= limit : value <= limit);
  return reaches(safe) ? 'safe' : reaches(basic) ? 'basic' : 'unsafe';
}

export function assessWater2004(w: WaterFacts, scale: Scale): CriterionResult {
  const required = scale.requiredLevel;
  const { safe, basic } = scale;
  const findings: Finding[] = [];
  findings.push(w.litresPerDay === null
    ? missing('供水量')
    : graded(levelOf(w.litresPerDay, safe.minLitres, basic.minLitres, true), required, `水量 ${plain(w.litresPerDay)} 升/人·日`));
  findings.push(w.qualityOk === null
    ? missing('水质检测或检查结果')
    : graded(w.qualityOk ? 'safe' : 'unsafe', required, w.qualityOk ? '水质达标' : '水质不达标'));
  if (w.piped === true) findings.push(graded('safe', required, '自来水入户'));
  else if (w.tripMinutes !== null) {
    findings.push(graded(levelOf(w.tripMinutes, safe.maxTripMinutes, basic.maxTripMinutes, false), required, `取水往返 ${plain(w.tripMinutes)} 分钟`));
  } else findings.push(missing(w.piped === null ? '是否自来水入户、取水往返时间' : '取水往返时间'));
  let rate: number | null = null;
  if (w.outageDays === null) findings.push(missing('全年累计断水天数'));
  else {
    rate = guaranteeRate(w.outageDays);
    const level = levelOf(rate, safe.minGuaranteeRate, basic.minGuaranteeRate, true);
    findings.push(graded(level, required, `断水 ${plain(w.outageDays)} 天，供水保证率 ${percent(rate)}`));
  }
  const values = { scale: 'scale_2004', requiredLevel: required, guaranteeRate: rate, ...waterValues(w) };
  const passText = `按2004年评价指标体系（要求${LEVEL_TEXT[required]}）：${findings.map((f) => f.text).join('，')}`;
  return decide('water', findings, values, passText);
}
