/**
 * 一达标: per-capita net income of the year above the region's standard, and (stably) the
 * previous year's too where it is recorded. The national line must be exceeded ("> line");
 * Guangdong's relative standard must be reached ("≥ 45% of the provincial rural income").
 */
import { povertyLineFor, relativeExitLineFor } from '../policy/lines';
import type { PolicyRules } from '../policy/rulesSchema';
import { decide, failed, missing, passed, type Finding } from './criterion';
import { lineYuan, percent, roundCents, yuan } from './format';
import type { CriterionResult, FactValue, HouseholdFacts, IncomeFigures, IncomeRecord } from './types';

/** (wages + net production + property + transfers − production costs) / household size, to the cent. */
export function perCapitaNet(record: IncomeRecord): number | null {
  if (!(record.householdSize > 0)) return null;
  return roundCents(annualNet(record) / record.householdSize);
}

export function annualNet(record: IncomeRecord): number {
  return roundCents(record.wages + record.productionNet + record.property + record.transfer - record.productionCost);
}

interface Standard {
  amount: number;
  comparison: 'above' | 'atLeast';
  text: string;
}

/** The standard for a year, or the Chinese name of what is missing. */
export function incomeStandardFor(rules: PolicyRules, year: number): Standard | { missing: string } {
  if (rules.income.standard === 'relative') {
    const line = relativeExitLineFor(rules, year);
    if (!line) return { missing: `${year} 年全省农村居民人均可支配收入` };
    return {
      amount: line.amount,
      comparison: 'atLeast',
      text: `${year} 年全省农村居民人均可支配收入 ${yuan(line.provincialIncome)}的 ${percent(line.share)}（${lineYuan(line.amount)}）`,
    };
  }
  const line = povertyLineFor(rules, year);
  if (!line) return { missing: `${year} 年扶贫标准` };
  const carried = line.fromYear === year ? '' : `（${year} 年沿用）`;
  return { amount: line.amount, comparison: 'above', text: `${line.fromYear} 年标准 ${lineYuan(line.amount)}${carried}` };
}

export function meets(value: number, standard: Standard): boolean {
  return standard.comparison === 'above' ? value > standard.amount : value >= standard.amount;
}

function compare(label: string, value: number, standard: Standard): Finding {
  const head = `${label} ${yuan(value)}`;
  if (meets(value, standard)) return passed(`${head}，${standard.comparison === 'above' ? '高于' : '达到'} ${standard.text}`);
  if (value === standard.amount) return failed(`${head}，等于 ${standard.text}，须高于标准`);
  return failed(`${head}，低于 ${standard.text}`);
}

export function assessIncome(facts: HouseholdFacts, rules: PolicyRules, year: number): { result: CriterionResult; figures: IncomeFigures } {
  const current = facts.incomes.find((r) => r.year === year);
  const previous = facts.incomes.find((r) => r.year === year - 1);
  const standard = incomeStandardFor(rules, year);
  const findings: Finding[] = [];
  const values: Record<string, FactValue> = { year };
  const figures: IncomeFigures = {
    year,
    perCapitaNet: null,
    annualNet: null,
    previousPerCapitaNet: previous ? perCapitaNet(previous) : null,
    line: 'missing' in standard ? null : standard.amount,
    comparison: 'missing' in standard || standard.comparison === 'above' ? 'above' : 'atLeast',
    meetsLine: null,
  };
  if ('missing' in standard) findings.push(missing(standard.missing));
  else values.line = standard.amount;

  if (!current) findings.push(missing(`${year} 年收入记录`));
  else {
    const value = perCapitaNet(current);
    Object.assign(values, {
      wages: current.wages,
      productionNet: current.productionNet,
      property: current.property,
      transfer: current.transfer,
      productionCost: current.productionCost,
      householdSize: current.householdSize,
      perCapitaNet: value,
    });
    figures.annualNet = annualNet(current);
    figures.perCapitaNet = value;
    if (value === null) findings.push(missing(`${year} 年收入记录的家庭人口（实为 ${current.householdSize}）`));
    else if (!('missing' in standard)) {
      figures.meetsLine = meets(value, standard);
      findings.push(compare('人均纯收入', value, standard));
    }
  }

  if (rules.income.checkPreviousYear) findings.push(...previousYear(previous, rules, year, values));
  return { result: decide('income', findings, values), figures };
}

function previousYear(previous: IncomeRecord | undefined, rules: PolicyRules, year: number, values: Record<string, FactValue>): Finding[] {
  const last = year - 1;
  if (!previous) return [passed(`无 ${last} 年收入记录，仅按当年判定`)];
  const value = perCapitaNet(previous);
  values.previousPerCapitaNet = value;
  const standard = incomeStandardFor(rules, last);
  if ('missing' in standard) return [passed(`缺少${standard.missing}，未核对上年收入`)];
  values.previousLine = standard.amount;
  if (value === null) return [missing(`${last} 年收入记录的家庭人口（实为 ${previous.householdSize}）`)];
  const finding = compare(`上年（${last} 年）人均纯收入`, value, standard);
  return finding.status === 'fail' ? [failed(`${finding.text}，收入尚不稳定`)] : [finding];
}
