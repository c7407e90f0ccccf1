/**
 * Builders for tests: a household that meets every criterion of 2019 under the national
 * defaults, changed piece by piece with overrides.
 */
import { DEFAULT_POLICY_RECORDS } from '../policy/defaults';
import { resolvePolicy, type ResolvedPolicy } from '../policy/resolve';
import type { PolicyRules } from '../policy/rulesSchema';
import type { HouseholdFacts, IncomeRecord, MemberFacts } from './types';

export function member(overrides: Partial<MemberFacts> = {}): MemberFacts {
  return {
    name: '王大山',
    birthDate: '1975-05-01',
    schooling: 'none',
    health: 'healthy',
    disabilityGrade: null,
    homeSchooling: null,
    insuredBasic: true,
    insuredSerious: true,
    familyDoctor: true,
    chronicCard: null,
    labour: 'ordinary',
    ...overrides,
  };
}

/** Household income whose per-capita net is `perCapita` for `size` persons, all as wages. */
export function income(year: number, perCapita: number, size = 4, extra: Partial<IncomeRecord> = {}): IncomeRecord {
  return { year, wages: perCapita * size, productionNet: 0, property: 0, transfer: 0, productionCost: 0, householdSize: size, ...extra };
}

export function household(overrides: Partial<HouseholdFacts> = {}): HouseholdFacts {
  return {
    householdNo: '4114260010010001',
    placeCode: '411426001001',
    status: 'poor',
    monitorCategory: null,
    exitYear: null,
    size: 4,
    incomes: [income(2018, 4000), income(2019, 5000)],
    foodSecure: true,
    clothingSecure: true,
    house: { grade: 'A', renovated: null, relocated: null },
    water: { litresPerDay: 40, qualityOk: true, tripMinutes: null, piped: true, outageDays: 0, scarceArea: false },
    members: [
      member(),
      member({ name: '李秀英', birthDate: '1977-03-12' }),
      member({ name: '王小明', birthDate: '2009-09-01', schooling: 'primary' }),
      member({ name: '王老汉', birthDate: '1948-01-20', health: 'chronic', chronicCard: true, labour: 'none' }),
    ],
    ...overrides,
  };
}

/** The default rules for a place and year (national unless the place has its own records). */
export function defaultPolicy(placeCode = '411426001001', year = 2019): ResolvedPolicy {
  return resolvePolicy(DEFAULT_POLICY_RECORDS, placeCode, year);
}

/** The national rules with some sections replaced, for tests of one option. */
export function withRules(change: (rules: PolicyRules) => PolicyRules, placeCode?: string, year?: number): ResolvedPolicy {
  const base = defaultPolicy(placeCode, year);
  return { rules: change(structuredClone(base.rules)), versions: base.versions };
}
