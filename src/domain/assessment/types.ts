/**
 * What the assessment reads about a household (built from household + person +
 * household_income rows by fromRegistryRows) and what it answers.
 * `null` always means "not recorded": it is never read as yes or no.
 */
import type { PolicyVersionRef } from '../policy/record';
import type { Criterion } from '../policy/rulesSchema';

export type { Criterion };

/** One year's income of the whole household, yuan, with its components (POLICY §3). */
export interface IncomeRecord {
  year: number;
  wages: number;
  productionNet: number;
  property: number;
  transfer: number;
  productionCost: number;
  householdSize: number;
}

export interface MemberFacts {
  name: string;
  /** YYYY-MM-DD (from the ID number). */
  birthDate: string;
  /** enums.schooling code */
  schooling: string | null;
  /** enums.health code */
  health: string | null;
  disabilityGrade: number | null;
  /** 送教上门 */
  homeSchooling: boolean | null;
  insuredBasic: boolean | null;
  insuredSerious: boolean | null;
  familyDoctor: boolean | null;
  chronicCard: boolean | null;
  /** enums.labourCapacity code */
  labour: string | null;
}

export interface HouseFacts {
  /** A/B/C/D */
  grade: string | null;
  renovated: boolean | null;
  relocated: boolean | null;
}

export interface WaterFacts {
  /** litres per person per day */
  litresPerDay: number | null;
  qualityOk: boolean | null;
  tripMinutes: number | null;
  piped: boolean | null;
  outageDays: number | null;
  scarceArea: boolean | null;
  horizontalMetres?: number | null;
  verticalMetres?: number | null;
}

export interface HouseholdFacts {
  householdNo: string;
  /** The village code (the place whose policy applies). */
  placeCode: string;
  /** enums.householdStatus code */
  status: string;
  monitorCategory: string | null;
  exitYear: number | null;
  size: number;
  incomes: IncomeRecord[];
  foodSecure: boolean | null;
  clothingSecure: boolean | null;
  house: HouseFacts;
  water: WaterFacts;
  members: MemberFacts[];
}

/** 达标 / 不达标 / 不能判定（缺少数据）. */
export type CriterionStatus = 'pass' | 'fail' | 'undetermined';

export type FactValue = string | number | boolean | null | string[];

export interface CriterionResult {
  criterion: Criterion;
  label: string;
  status: CriterionStatus;
  /** true / false, or null when it cannot be decided for lack of data. */
  pass: boolean | null;
  /** The values read, keyed in English (the reason says them in Chinese). */
  values: Record<string, FactValue>;
  reason: string;
  /** What was missing, in Chinese ("张三 基本医疗保险参保情况"). */
  missing: string[];
}

/** The income figures of the assessment, reused by risk grading. */
export interface IncomeFigures {
  year: number;
  perCapitaNet: number | null;
  annualNet: number | null;
  previousPerCapitaNet: number | null;
  /** The line the income criterion compares with (poverty line or relative exit line). */
  line: number | null;
  /** 'above': must be > line (national line); 'atLeast': ≥ line (relative standard). */
  comparison: 'above' | 'atLeast';
  /** This year's income against the line, or null when either is unknown. */
  meetsLine: boolean | null;
}

export type Outcome = 'meets' | 'does_not_meet' | 'undetermined';

export interface HouseholdAssessment {
  householdNo: string;
  year: number;
  asOf: string;
  outcome: Outcome;
  outcomeLabel: string;
  criteria: CriterionResult[];
  failing: Criterion[];
  undetermined: Criterion[];
  income: IncomeFigures;
  policyVersions: PolicyVersionRef[];
}
