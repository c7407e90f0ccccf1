/**
 * What the people and households of each demo region look like: ethnic mix, family sizes,
 * causes of poverty, when households were identified. Incomes are shaped against the income
 * standard of the default policy records for the place and year (the national line; for
 * 星子镇 Guangdong's 45% of the provincial rural income), so exits fit the exit rule.
 */
import { codeOf, ethnicity as ethnicityEnum } from '../../domain/enums';
import { incomeStandardFor } from '../../domain/assessment/income';
import { DEFAULT_POLICY_RECORDS } from '../../domain/policy/defaults';
import { resolvePolicy } from '../../domain/policy/resolve';
import type { NameStyle } from './names';

export interface RegionProfile {
  name: string;
  /** [GB 3304 code, weight]. */
  ethnicities: [string, number][];
  maxSize: number;
  /** Main causes for households whose causes the seeds do not give: [code, weight]. */
  causes: [string, number][];
  identifiedYears: [number, number][];
  /** Income records run from this year to the demo year (for exited households also from the year before their exit). */
  firstIncomeYear: number;
  /** Share of members of working age who work outside the province. */
  migrantShare: number;
  pipedWater: number;
  commercialInsurance: number;
}

const eth = (label: string): string => {
  const code = codeOf(ethnicityEnum, label);
  if (!code) throw new Error(`未知民族：${label}`);
  return code;
};

const SHANGQIU: RegionProfile = {
  name: '商丘市',
  ethnicities: [[eth('汉族'), 97], [eth('回族'), 3]],
  maxSize: 7,
  causes: [['illness', 55], ['disability', 20], ['schooling', 4], ['disaster', 1], ['skills', 6], ['labour', 9], ['capital', 4], ['motivation', 1]],
  identifiedYears: [[2014, 70], [2015, 14], [2016, 8], [2017, 4], [2018, 3], [2019, 1]],
  firstIncomeYear: 2017,
  migrantShare: 0.35,
  pipedWater: 0.88,
  commercialInsurance: 0.9,
};

const CHAYU: RegionProfile = {
  name: '察隅县',
  ethnicities: [[eth('藏族'), 86], [eth('怒族'), 4], [eth('傈僳族'), 3], [eth('纳西族'), 3], [eth('汉族'), 4]],
  maxSize: 10,
  causes: [['skills', 30], ['capital', 20], ['transport', 15], ['land', 10], ['labour', 10], ['illness', 10], ['disability', 3], ['disaster', 2]],
  identifiedYears: [[2014, 85], [2015, 15]],
  firstIncomeYear: 2015,
  migrantShare: 0.05,
  pipedWater: 0.7,
  commercialInsurance: 0.3,
};

const XINGZI: RegionProfile = {
  name: '星子镇',
  ethnicities: [[eth('汉族'), 95], [eth('瑶族'), 5]],
  maxSize: 8,
  causes: [['illness', 35], ['disability', 20], ['labour', 20], ['skills', 12], ['capital', 8], ['schooling', 5]],
  identifiedYears: [[2015, 85], [2016, 15]],
  firstIncomeYear: 2015,
  migrantShare: 0.3,
  pipedWater: 0.9,
  commercialInsurance: 0.5,
};

const LONGSHAN: RegionProfile = {
  name: '龙山镇',
  ethnicities: [[eth('汉族'), 80], [eth('傣族'), 6], [eth('德昂族'), 4], [eth('傈僳族'), 4], [eth('彝族'), 4], [eth('苗族'), 2]],
  maxSize: 9,
  causes: [['transport', 30], ['land', 15], ['water', 10], ['skills', 15], ['capital', 15], ['illness', 10], ['labour', 5]],
  identifiedYears: [[2014, 80], [2015, 12], [2016, 8]],
  firstIncomeYear: 2016,
  migrantShare: 0.2,
  pipedWater: 0.95,
  commercialInsurance: 0.5,
};

export function profileFor(countyCode: string): RegionProfile {
  if (countyCode.startsWith('4114')) return SHANGQIU;
  if (countyCode === '540425') return CHAYU;
  if (countyCode === '441882') return XINGZI;
  if (countyCode === '530523') return LONGSHAN;
  throw new Error(`演示数据没有 ${countyCode} 的地区概况`);
}

export function nameStyleOf(ethnicityCode: string): NameStyle {
  if (ethnicityCode === eth('藏族') || ethnicityCode === eth('怒族')) return 'tibetan';
  if (ethnicityCode === eth('傣族')) return 'dai';
  return 'han';
}

const lines = new Map<string, number>();

/** The per-capita income standard for a county and year, under the rules in force in `rulesYear`. */
export function incomeLineFor(countyCode: string, year: number, rulesYear = year): number {
  const key = `${countyCode}:${year}:${rulesYear}`;
  let line = lines.get(key);
  if (line === undefined) {
    const standard = incomeStandardFor(resolvePolicy(DEFAULT_POLICY_RECORDS, countyCode, rulesYear).rules, year);
    if ('missing' in standard) throw new Error(`演示数据：缺少 ${countyCode} 的收入标准（${standard.missing}）`);
    line = standard.amount;
    lines.set(key, line);
  }
  return line;
}
