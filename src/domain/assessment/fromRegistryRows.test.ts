import { describe, expect, it } from 'vitest';
import { assessHousehold } from './assessHousehold';
import { fromRegistryRows, type HouseholdRow, type IncomeRow, type PersonRow } from './fromRegistryRows';
import { monthsBefore } from './riskTypes';
import { defaultPolicy } from './testFacts';

const householdRow: HouseholdRow = {
  household_no: '4114260010010001', village_code: '411426001001', status: 'exited', monitor_category: null, exit_year: 2019, size: 2,
  food_secure: true, clothing_secure: true, house_grade: 'C', house_renovated: true, relocated: null,
  water_lpd: 20, water_quality_ok: true, water_trip_minutes: 15, water_piped: false, water_outage_days: 36, water_scarce_area: true,
};

const person = (name: string, birth_date: string, extra: Partial<PersonRow> = {}): PersonRow => ({
  name, birth_date, schooling: 'none', health: 'healthy', disability_grade: null, home_schooling: null,
  insured_basic: true, insured_serious: true, family_doctor: true, chronic_card: null, labour: 'ordinary', ...extra,
});

const incomeRow = (year: number, wages: number): IncomeRow => ({
  year, wages, production_net: 1000, property: 0, transfer: 500, production_cost: 300, household_size: 2,
});

describe('fromRegistryRows', () => {
  const facts = fromRegistryRows(
    householdRow,
    [person('赵一', '1970-01-01'), person('赵二', '2010-02-02', { schooling: 'dropout', disability_grade: 1, home_schooling: true, health: 'disabled' })],
    [incomeRow(2019, 8000), incomeRow(2018, 6000)],
  );

  it('maps the columns to the assessment input', () => {
    expect(facts).toMatchObject({
      householdNo: '4114260010010001', placeCode: '411426001001', status: 'exited', exitYear: 2019, size: 2,
      house: { grade: 'C', renovated: true, relocated: null },
      water: { litresPerDay: 20, qualityOk: true, tripMinutes: 15, piped: false, outageDays: 36, scarceArea: true },
    });
    expect(facts.incomes.map((r) => r.year)).toEqual([2018, 2019]);
    expect(facts.incomes[1]).toEqual({ year: 2019, wages: 8000, productionNet: 1000, property: 0, transfer: 500, productionCost: 300, householdSize: 2 });
    expect(facts.members[1]).toEqual({
      name: '赵二', birthDate: '2010-02-02', schooling: 'dropout', health: 'disabled', disabilityGrade: 1, homeSchooling: true,
      insuredBasic: true, insuredSerious: true, familyDoctor: true, chronicCard: null, labour: 'ordinary',
    });
  });

  it('feeds the assessment directly (renovated C house, scarce-area water, child taught at home)', () => {
    const a = assessHousehold(facts, defaultPolicy('411426001001', 2019), { year: 2019 });
    expect(a.outcome).toBe('meets');
    expect(a.income.perCapitaNet).toBe(4600);
  });

  it('keeps unrecorded values as null', () => {
    const blank = fromRegistryRows({ ...householdRow, water_lpd: null, food_secure: null }, [], []);
    expect(blank.water.litresPerDay).toBeNull();
    expect(blank.foodSecure).toBeNull();
    expect(blank.members).toEqual([]);
    expect(assessHousehold(blank, defaultPolicy(), { year: 2019 }).outcome).toBe('undetermined');
  });
});

describe('monthsBefore', () => {
  it.each([
    ['2021-12-31', 12, '2020-12-31'],
    ['2024-03-31', 1, '2024-02-29'],
    ['2023-03-31', 1, '2023-02-28'],
    ['2021-01-15', 1, '2020-12-15'],
    ['2021-06-30', 18, '2019-12-30'],
  ])('%s − %i months = %s', (date, months, expected) => {
    expect(monthsBefore(date, months)).toBe(expected);
  });
});
