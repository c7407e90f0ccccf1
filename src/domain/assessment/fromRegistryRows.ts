/**
 * Household facts from registry rows (household + person + household_income, as Kysely
 * returns them: snake_case, numerics as numbers, dates as 'YYYY-MM-DD'), so the recompute and
 * the household card build the assessment input the same way.
 */
import type { Selectable } from 'kysely';
import type { HouseholdIncomeTable, HouseholdTable, PersonTable } from '../../db/schema';
import type { HouseholdFacts, IncomeRecord, MemberFacts } from './types';

export type HouseholdRow = Pick<
  Selectable<HouseholdTable>,
  | 'household_no' | 'village_code' | 'status' | 'monitor_category' | 'exit_year' | 'size'
  | 'food_secure' | 'clothing_secure' | 'house_grade' | 'house_renovated' | 'relocated'
  | 'water_lpd' | 'water_quality_ok' | 'water_trip_minutes' | 'water_piped' | 'water_outage_days' | 'water_scarce_area'
>;

export type PersonRow = Pick<
  Selectable<PersonTable>,
  | 'name' | 'birth_date' | 'schooling' | 'health' | 'disability_grade' | 'home_schooling'
  | 'insured_basic' | 'insured_serious' | 'family_doctor' | 'chronic_card' | 'labour'
>;

export type IncomeRow = Pick<
  Selectable<HouseholdIncomeTable>,
  'year' | 'wages' | 'production_net' | 'property' | 'transfer' | 'production_cost' | 'household_size'
>;

export function memberFromRow(p: PersonRow): MemberFacts {
  return {
    name: p.name,
    birthDate: p.birth_date,
    schooling: p.schooling,
    health: p.health,
    disabilityGrade: p.disability_grade,
    homeSchooling: p.home_schooling,
    insuredBasic: p.insured_basic,
    insuredSerious: p.insured_serious,
    familyDoctor: p.family_doctor,
    chronicCard: p.chronic_card,
    labour: p.labour,
  };
}

export function incomeFromRow(r: IncomeRow): IncomeRecord {
  return {
    year: r.year,
    wages: Number(r.wages),
    productionNet: Number(r.production_net),
    property: Number(r.property),
    transfer: Number(r.transfer),
    productionCost: Number(r.production_cost),
    householdSize: r.household_size,
  };
}

const numberOrNull = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** `persons` and `incomes` are this household's rows (any order). */
export function fromRegistryRows(household: HouseholdRow, persons: readonly PersonRow[], incomes: readonly IncomeRow[]): HouseholdFacts {
  const h = household;
  return {
    householdNo: h.household_no,
    placeCode: h.village_code,
    status: h.status,
    monitorCategory: h.monitor_category,
    exitYear: h.exit_year,
    size: h.size,
    incomes: incomes.map(incomeFromRow).sort((a, b) => a.year - b.year),
    foodSecure: h.food_secure,
    clothingSecure: h.clothing_secure,
    house: { grade: h.house_grade, renovated: h.house_renovated, relocated: h.relocated },
    water: {
      litresPerDay: numberOrNull(h.water_lpd),
      qualityOk: h.water_quality_ok,
      tripMinutes: h.water_trip_minutes,
      piped: h.water_piped,
      outageDays: h.water_outage_days,
      scarceArea: h.water_scarce_area,
    },
    members: persons.map(memberFromRow),
  };
}
