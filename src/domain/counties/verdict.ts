/**
 * The 县摘帽 verdict (POLICY.md §7): each condition a veto, compared as an exact fraction (no
 * rounding; a value exactly at the threshold passes), shown with two decimals of a percent or as
 * many more (up to four) as it takes to differ from the threshold when the exact value does.
 *
 *   错退率 = wrongly exited persons found / exited persons sampled ≤ 2%
 *   漏评率 = missed persons found / non-registered persons surveyed ≤ 2%
 *   群众认可度 = households approving / households surveyed ≥ 90%
 *   综合贫困发生率 = (remaining poor + 漏评率 × non-registered rural persons + 错退率 × exited
 *                    persons) / rural 户籍人口 ≤ 2% (≤ 3% in the western regions)
 */

export interface CountyExitRules {
  incidence: { threshold: number; westThreshold: number; source: string };
  wrongExitRate: { threshold: number; source: string };
  missedRate: { threshold: number; source: string };
  approval: { threshold: number; source: string };
  westernRegions: string[];
  westernRegionsSource: string;
}

/** What the county's 抽查 and surveys found (sums over its sample records). */
export interface SampleFindings {
  personsSampled: number;
  missedPersons: number;
  exitedPersonsSampled: number;
  wronglyExitedPersons: number;
  respondents: number;
  satisfied: number;
}

export interface CountyFigures {
  countyCode: string;
  /** Persons of households still poor (未脱贫, 返贫), from the registry. */
  remainingPoor: number;
  /** Persons of exited households, from the registry. */
  exitedPersons: number;
  /** Every person of the county's registry (registered households of any status). */
  registeredPersons: number;
  /** The county's rural 户籍人口 of the year; null when not known. */
  ruralPopulation: number | null;
  /** Where ruralPopulation comes from, in words. */
  ruralPopulationSource: string;
  /** Sum of the sample records; null when there are none. */
  samples: SampleFindings | null;
  /** Words naming the sample records (e.g. "2 次抽样调查"). */
  samplesSource: string;
}

export type ConditionKey = 'incidence' | 'wrongExitRate' | 'missedRate' | 'approval';

export interface Condition {
  key: ConditionKey;
  label: string;
  /** The exact value as a number (null when it cannot be computed). */
  value: number | null;
  /** The value as shown ("2.30%", "2.002%"), null when unknown. */
  shown: string | null;
  threshold: number;
  thresholdShown: string;
  comparison: 'atMost' | 'atLeast';
  passed: boolean;
  /** "错退率 2.30% > 2%", "群众认可度 95.00% ≥ 90%", or why it could not be computed. */
  reason: string;
  /** How the value was computed, in words with the numbers. */
  formula: string;
  /** Where the threshold comes from. */
  source: string;
}

export interface CountyVerdict {
  countyCode: string;
  passed: boolean;
  western: boolean;
  conditions: Condition[];
  /** The reasons of the conditions that fail. */
  failing: string[];
}

/** A fraction of two non-negative integers (BigInt: products of counts stay exact). */
interface Fraction { n: bigint; d: bigint }

/** A decimal policy value (0.02, 0.9) as an exact fraction. */
export function decimalFraction(x: number): Fraction {
  const [whole, decimals = ''] = String(x).split('.');
  if (String(x).includes('e')) throw new RangeError(`阈值 ${x} 不是普通小数`);
  const d = 10n ** BigInt(decimals.length);
  return { n: BigInt(whole) * d + BigInt(decimals || '0'), d };
}

const compare = (a: Fraction, b: Fraction): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};

const toNumber = (f: Fraction) => Number(f.n) / Number(f.d);

/** A percent with `digits` decimals, exact (BigInt rounding half up). */
function percentText(f: Fraction, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const scaled = (f.n * 100n * scale * 2n + f.d) / (2n * f.d);
  const int = scaled / scale;
  const frac = (scaled % scale).toString().padStart(digits, '0');
  return `${int}${digits ? '.' + frac : ''}%`;
}

/** A threshold as a short percent: 0.02 → "2%", 0.025 → "2.5%". */
export function thresholdText(x: number): string {
  return `${Number((x * 100).toFixed(6))}%`;
}

/** Two decimals, or up to four while the shown value equals the threshold shown at that precision and the exact values differ. */
export function shownPercent(value: Fraction, threshold: Fraction): string {
  const differs = compare(value, threshold) !== 0;
  for (let digits = 2; digits < 4; digits++) {
    const text = percentText(value, digits);
    if (!differs || text !== percentText(threshold, digits)) return text;
  }
  return percentText(value, 4);
}

function judge(key: ConditionKey, label: string, value: Fraction | null, threshold: number, comparison: Condition['comparison'], formula: string, source: string, missing: string): Condition {
  const t = decimalFraction(threshold);
  const thresholdShown = thresholdText(threshold);
  if (!value) {
    return { key, label, value: null, shown: null, threshold, thresholdShown, comparison, passed: false, reason: `${label}：${missing}，不能判定达标（标准：${comparison === 'atMost' ? '不高于' : '不低于'} ${thresholdShown}）`, formula, source };
  }
  const c = compare(value, t);
  const passed = comparison === 'atMost' ? c <= 0 : c >= 0;
  const shown = shownPercent(value, t);
  const sign = c === 0 ? '=' : c < 0 ? '<' : '>';
  return { key, label, value: toNumber(value), shown, threshold, thresholdShown, comparison, passed, reason: `${label} ${shown} ${sign} ${thresholdShown}${passed ? '' : '，未达标'}`, formula, source };
}

const big = (x: number) => BigInt(Math.round(x));

/** True when the county lies in a western region of the list (a province or a prefecture). */
export function isWestern(countyCode: string, regions: readonly string[]): boolean {
  return regions.some((r) => countyCode.startsWith(r));
}

export function countyVerdict(f: CountyFigures, rules: CountyExitRules): CountyVerdict {
  const s = f.samples;
  const western = isWestern(f.countyCode, rules.westernRegions);
  const noSample = `尚无抽查记录（${f.samplesSource}）`;
  const wrong = s && s.exitedPersonsSampled > 0 ? { n: big(s.wronglyExitedPersons), d: big(s.exitedPersonsSampled) } : null;
  const missed = s && s.personsSampled > 0 ? { n: big(s.missedPersons), d: big(s.personsSampled) } : null;
  const approval = s && s.respondents > 0 ? { n: big(s.satisfied), d: big(s.respondents) } : null;
  const P = f.ruralPopulation;
  const nonRegistered = P === null ? 0 : Math.max(0, P - f.registeredPersons);
  let incidence: Fraction | null = null;
  if (P !== null && P > 0 && wrong && missed) {
    // (R + m/s·N + w/e·X) / P = (R·s·e + m·N·e + w·X·s) / (P·s·e)
    const n = big(f.remainingPoor) * missed.d * wrong.d + missed.n * big(nonRegistered) * wrong.d + wrong.n * big(f.exitedPersons) * missed.d;
    incidence = { n, d: big(P) * missed.d * wrong.d };
  }
  const pct = (fr: Fraction | null) => (fr ? percentText(fr, 2) : '—');
  const incidenceThreshold = western ? rules.incidence.westThreshold : rules.incidence.threshold;
  const incidenceMissing = P === null || P <= 0 ? `缺少农村户籍人口（${f.ruralPopulationSource}）` : noSample;
  const conditions = [
    judge('incidence', '综合贫困发生率', incidence, incidenceThreshold, 'atMost',
      `（剩余贫困人口 ${f.remainingPoor} + 漏评率 ${pct(missed)} × 未建档农村人口 ${nonRegistered} + 错退率 ${pct(wrong)} × 已脱贫人口 ${f.exitedPersons}）÷ 农村户籍人口 ${P ?? '—'}（${f.ruralPopulationSource}）`,
      western ? `${rules.incidence.source}；西部地区：${rules.westernRegionsSource}` : rules.incidence.source, incidenceMissing),
    judge('wrongExitRate', '错退率', wrong, rules.wrongExitRate.threshold, 'atMost',
      `错退 ${s?.wronglyExitedPersons ?? 0} 人 ÷ 抽查已脱贫 ${s?.exitedPersonsSampled ?? 0} 人（${f.samplesSource}）`, rules.wrongExitRate.source, noSample),
    judge('missedRate', '漏评率', missed, rules.missedRate.threshold, 'atMost',
      `漏评 ${s?.missedPersons ?? 0} 人 ÷ 抽查未建档 ${s?.personsSampled ?? 0} 人（${f.samplesSource}）`, rules.missedRate.source, noSample),
    judge('approval', '群众认可度', approval, rules.approval.threshold, 'atLeast',
      `认可 ${s?.satisfied ?? 0} 户 ÷ 调查 ${s?.respondents ?? 0} 户（${f.samplesSource}）`, rules.approval.source, noSample),
  ];
  const failing = conditions.filter((c) => !c.passed).map((c) => c.reason);
  return { countyCode: f.countyCode, passed: failing.length === 0, western, conditions, failing };
}
