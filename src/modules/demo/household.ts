/** A household's rule data (housing, water, food), income by year and status history. */
import type { Random } from './random';
import { incomeLineFor, type RegionProfile } from './profiles';
import { DEMO_YEAR } from './plan';

export interface HouseholdConditions {
  attribute: string;
  food_secure: boolean;
  clothing_secure: boolean;
  house_grade: string;
  house_renovated: boolean;
  relocated: boolean;
  water_lpd: number;
  water_quality_ok: boolean;
  water_trip_minutes: number;
  water_piped: boolean;
  water_outage_days: number;
  water_scarce_area: boolean;
}

export interface IncomeRow {
  year: number;
  wages: number;
  production_net: number;
  property: number;
  transfer: number;
  production_cost: number;
  household_size: number;
  per_capita_net: number;
}

export interface StatusRow {
  year: number;
  status: string;
  reason: string | null;
}

export function attributeFor(rng: Random, poor: boolean, size: number, anyLabour: boolean): string {
  if (size === 1 && !anyLabour) return rng.chance(poor ? 0.7 : 0.5) ? 'tekun' : 'dibao';
  if (!anyLabour) return rng.chance(0.8) ? 'dibao' : 'general';
  return poor ? rng.weighted([['general', 55], ['dibao', 45]]) : rng.weighted([['general', 82], ['dibao', 18]]);
}

/** Exited households pass every guarantee; poor ones mostly do, with some failures. */
export function conditionsFor(rng: Random, poor: boolean, relocated: boolean, attribute: string, profile: RegionProfile): HouseholdConditions {
  let grade: string;
  let renovated = false;
  if (relocated) grade = 'A';
  else if (poor) {
    grade = rng.weighted([['A', 35], ['B', 50], ['C', 10], ['D', 5]]);
    renovated = (grade === 'C' || grade === 'D') && rng.chance(0.4);
  } else {
    grade = rng.weighted([['A', 52], ['B', 42], ['C', 6]]);
    renovated = grade === 'C';
  }
  const piped = rng.chance(poor ? profile.pipedWater - 0.05 : profile.pipedWater);
  const waterFails = poor && rng.chance(0.08);
  return {
    attribute,
    food_secure: poor ? !rng.chance(0.01) : true,
    clothing_secure: poor ? !rng.chance(0.01) : true,
    house_grade: grade,
    house_renovated: renovated,
    relocated,
    water_lpd: waterFails && rng.chance(0.5) ? rng.int(18, 34) : rng.int(40, 120),
    water_quality_ok: waterFails ? rng.chance(0.5) : true,
    water_trip_minutes: piped ? 0 : waterFails ? rng.int(25, 45) : rng.int(3, 20),
    water_piped: piped,
    water_outage_days: waterFails && rng.chance(0.3) ? rng.int(40, 70) : rng.int(0, 20),
    water_scarce_area: false,
  };
}

export function statusHistory(identifiedYear: number, exitYear: number | null): StatusRow[] {
  const rows: StatusRow[] = [];
  for (let year = identifiedYear; year <= DEMO_YEAR; year++) {
    const exited = exitYear !== null && year >= exitYear;
    const reason = year === identifiedYear ? '建档立卡识别' : year === exitYear ? '达到脱贫标准，经民主评议、公示、核查后退出' : null;
    rows.push({ year, status: exited ? 'exited' : 'poor', reason });
  }
  return rows;
}

export interface Earners {
  workers: number;
  farmers: number;
}

/**
 * Income by year: below the line while poor (most remaining poor households still below it in
 * the demo year, not all), above it from the year before the exit on (the exit rule wants the
 * income stably above the line). Components add up exactly:
 * wages + production − cost + property + transfer = per-capita net × size (to the cent).
 */
export function incomes(rng: Random, countyCode: string, profile: RegionProfile, size: number, attribute: string, earners: Earners, exitYear: number | null): IncomeRow[] {
  const exitRatio = 1.1 + rng.next() * 0.8;
  const stillBelow = rng.chance(0.72);
  const first = exitYear === null ? profile.firstIncomeYear : Math.min(profile.firstIncomeYear, exitYear - 1);
  const rows: IncomeRow[] = [];
  for (let year = first; year <= DEMO_YEAR; year++) {
    // The year before the exit is judged under the exit year's rules.
    const line = incomeLineFor(countyCode, year, exitYear !== null && year === exitYear - 1 ? exitYear : year);
    let ratio: number;
    if (exitYear !== null && year >= exitYear - 1) ratio = exitRatio * (1 + 0.08 * (year - exitYear));
    else if (year === DEMO_YEAR && exitYear === null && !stillBelow) ratio = 1.0 + rng.next() * 0.3;
    else ratio = 0.5 + rng.next() * 0.47;
    const total = Math.ceil(line * ratio * size);
    rows.push({ year, ...components(rng, total, attribute, earners), household_size: size, per_capita_net: Math.round((total / size) * 100) / 100 });
  }
  return rows;
}

function components(rng: Random, total: number, attribute: string, earners: Earners) {
  const transferShare = (attribute === 'tekun' ? 0.7 : attribute === 'dibao' ? 0.4 : 0.12) + (earners.workers === 0 ? 0.1 : 0);
  const wageShare = earners.workers > 0 ? 0.45 + rng.next() * 0.2 : 0;
  const productionShare = earners.farmers > 0 ? 0.25 + rng.next() * 0.15 : 0.06;
  const propertyShare = 0.03 + rng.next() * 0.04;
  const sum = transferShare + wageShare + productionShare + propertyShare;
  const wages = Math.round((total * wageShare) / sum);
  const property = Math.round((total * propertyShare) / sum);
  const transfer = Math.round((total * transferShare) / sum);
  let productionNetIncome = total - wages - property - transfer;
  let transferFixed = transfer;
  if (productionNetIncome < 0) {
    transferFixed += productionNetIncome;
    productionNetIncome = 0;
  }
  const costRate = 0.25 + rng.next() * 0.2;
  const gross = Math.round(productionNetIncome / (1 - costRate));
  return { wages, production_net: gross, property, transfer: transferFixed, production_cost: gross - productionNetIncome };
}
