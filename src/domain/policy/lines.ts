/** The year's lines read from rules: poverty line, monitoring line, relative-poverty exit line. */
import type { PolicyRules } from './rulesSchema';

/** The entry of a year map for the latest year ≤ year, with the year it came from. */
export function entryFor<T>(byYear: Record<string, T>, year: number): { year: number; value: T } | undefined {
  let best: number | undefined;
  for (const key of Object.keys(byYear)) {
    const y = Number(key);
    if (y <= year && (best === undefined || y > best)) best = y;
  }
  return best === undefined ? undefined : { year: best, value: byYear[String(best)] };
}

export interface Line {
  amount: number;
  /** The year whose figure was used (a 2022 assessment reads the 2020 poverty line). */
  fromYear: number;
}

export function povertyLineFor(rules: PolicyRules, year: number): Line | undefined {
  const entry = entryFor(rules.income.povertyLineByYear, year);
  return entry && { amount: entry.value, fromYear: entry.year };
}

export interface MonitoringLine extends Line {
  /** Set when the line is a multiple of the poverty line (2020 rules: 1.5 ×). */
  multipleOfPovertyLine?: number;
}

export function monitoringLineFor(rules: PolicyRules, year: number): MonitoringLine | undefined {
  const entry = entryFor(rules.monitoring.lineByYear, year);
  if (!entry) return undefined;
  if ('amount' in entry.value) return { amount: entry.value.amount, fromYear: entry.year };
  const poverty = povertyLineFor(rules, year);
  if (!poverty) return undefined;
  const factor = entry.value.multipleOfPovertyLine;
  return { amount: Math.round(poverty.amount * factor * 100) / 100, fromYear: entry.year, multipleOfPovertyLine: factor };
}

export interface RelativeExitLine extends Line {
  provincialIncome: number;
  share: number;
}

/** Guangdong (seed 003): a household exits at ≥ share × that year's provincial rural income. */
export function relativeExitLineFor(rules: PolicyRules, year: number): RelativeExitLine | undefined {
  const rp = rules.relativePoverty;
  const income = rp?.provincialRuralIncomeByYear[String(year)];
  if (!rp || income === undefined) return undefined;
  return { amount: Math.round(income * rp.householdExitShare * 100) / 100, fromYear: year, provincialIncome: income, share: rp.householdExitShare };
}
