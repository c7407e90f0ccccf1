/**
 * The fund rules of seeds 001 and 003 (POLICY.md §8), checked for a county and year from the
 * figures read out of the ledgers. Each rule answers pass / fail / no data with the values it
 * read, in Chinese. Shares are compared exactly (integers), so 50% of the funds passes "≥ 50%".
 */
import { percentText, yuanText } from './money';

export interface FundRuleLimits {
  industrialShareMin: number;
  cropLivestockProcessingShareMin: number;
  firstQuarterStartRateMin: number;
  photovoltaicWelfareShareMin: number;
}

export interface FundFigures {
  year: number;
  /** 统筹整合资金: every source of the county and year. */
  integratedFen: number;
  /** Allocated from those sources to industrial projects. */
  industrialFen: number;
  /** … of which to crop, livestock and processing projects (种养加). */
  cropLivestockProcessingFen: number;
  /** Industrial projects of the year, and how many of them started by 31 March. */
  industrialProjects: number;
  startedFirstQuarter: number;
  /** Village photovoltaic revenue of the year, and the part paid to public-welfare jobs and labour. */
  pvRevenueFen: number;
  pvWelfareFen: number;
}

export type FundRuleCode = 'industrial_share' | 'crop_livestock_processing_share' | 'first_quarter_start_rate' | 'photovoltaic_welfare_share';

export interface FundRuleResult {
  code: FundRuleCode;
  label: string;
  /** null: nothing to measure yet (no funds, no projects, no revenue). */
  pass: boolean | null;
  numerator: number;
  denominator: number;
  share: number | null;
  threshold: number;
  text: string;
}

const SCALE = 1_000_000n;

/** numerator / denominator ≥ min, exactly. */
export function shareAtLeast(numerator: number, denominator: number, min: number): boolean {
  return BigInt(numerator) * SCALE >= BigInt(Math.round(min * Number(SCALE))) * BigInt(denominator);
}

function rule(code: FundRuleCode, label: string, num: number, den: number, min: number, describe: (share: string) => string, empty: string): FundRuleResult {
  if (den <= 0) return { code, label, pass: null, numerator: num, denominator: den, share: null, threshold: min, text: `${empty}，无法判定（要求不低于 ${percentText(min)}）` };
  const pass = shareAtLeast(num, den, min);
  const share = num / den;
  return { code, label, pass, numerator: num, denominator: den, share, threshold: min, text: `${describe(percentText(share))}，${pass ? '达到' : '未达到'}不低于 ${percentText(min)} 的要求` };
}

export function checkFundRules(f: FundFigures, limits: FundRuleLimits): FundRuleResult[] {
  return [
    rule('industrial_share', '产业项目资金占统筹整合资金比例', f.industrialFen, f.integratedFen, limits.industrialShareMin,
      (s) => `${f.year} 年统筹整合资金 ${yuanText(f.integratedFen)}，安排产业项目 ${yuanText(f.industrialFen)}，占 ${s}`, `${f.year} 年没有登记资金来源`),
    rule('crop_livestock_processing_share', '种养加项目资金占产业项目资金比例', f.cropLivestockProcessingFen, f.industrialFen, limits.cropLivestockProcessingShareMin,
      (s) => `产业项目资金 ${yuanText(f.industrialFen)}，其中种养加项目 ${yuanText(f.cropLivestockProcessingFen)}，占 ${s}`, `${f.year} 年没有安排产业项目资金`),
    rule('first_quarter_start_rate', '第一季度产业项目开工率', f.startedFirstQuarter, f.industrialProjects, limits.firstQuarterStartRateMin,
      (s) => `${f.year} 年产业项目 ${f.industrialProjects} 个，${f.year}-03-31 前开工 ${f.startedFirstQuarter} 个，开工率 ${s}`, `${f.year} 年项目库没有产业项目`),
    rule('photovoltaic_welfare_share', '村级光伏收益用于公益岗位和劳务比例', f.pvWelfareFen, f.pvRevenueFen, limits.photovoltaicWelfareShareMin,
      (s) => `${f.year} 年村级光伏电站收益 ${yuanText(f.pvRevenueFen)}，用于公益岗位和劳务 ${yuanText(f.pvWelfareFen)}，占 ${s}`, `${f.year} 年没有登记村级光伏收益`),
  ];
}
