/**
 * The numbers and lists the bulk assessment needs from resolved rules for one year: every
 * threshold the pure functions read (income standard of the year and the year before, the
 * monitoring line, the serious-event window…), worked out once in TypeScript with the same
 * helpers the pure functions use, so the SQL only compares.
 */
import { incomeStandardFor } from '../../domain/assessment/income';
import { monthsBefore } from '../../domain/assessment/riskTypes';
import { monitoringLineFor } from '../../domain/policy/lines';
import { relativePovertyLineFor } from '../../domain/policy/targets';
import type { Criterion, PolicyRules, RISK_REASONS } from '../../domain/policy/rulesSchema';

export type RiskReasonCode = (typeof RISK_REASONS)[number];

export interface IncomeStandardPlan {
  amount: number;
  /** true: per-capita net must reach the amount (≥); false: exceed it (>). */
  atLeast: boolean;
}

export interface AssessmentPlan {
  year: number;
  /** YYYY-MM-DD: ages are counted and events looked back from this day. */
  asOf: string;
  income: {
    standard: IncomeStandardPlan | null;
    /** The previous year's standard, when the rules check the previous year and one exists. */
    previousStandard: IncomeStandardPlan | null;
    checkPreviousYear: boolean;
  };
  education: { ageFrom: number; ageTo: number; outOfSchool: string[]; homeSchoolingMaxGrade: number };
  medical: {
    requireBasic: boolean;
    requireSerious: boolean;
    familyDoctor: PolicyRules['medical']['familyDoctor'];
    chronicCardHealth: string[];
  };
  housing: { passingGrades: string[]; renovatedPasses: boolean; relocatedPasses: boolean };
  water: PolicyRules['water'];
  risk: {
    monitoringLine: number | null;
    /** Guangdong's identification line of the year: below it red, at or above it (short of exit) yellow. */
    relativeLine: number | null;
    incomeFallShare: number;
    /** Criteria other than income whose failure is red (income has its own reason). */
    redCriteria: Criterion[];
    seriousEventTypes: string[];
    /** Events strictly after this day (and on or before asOf) count. */
    seriousEventsAfter: string;
    seriousEventShare: number;
    openRiskTypes: string[];
    triggers: RiskReasonCode[];
  };
}

function standardOf(rules: PolicyRules, year: number): IncomeStandardPlan | null {
  const s = incomeStandardFor(rules, year);
  return 'missing' in s ? null : { amount: s.amount, atLeast: s.comparison === 'atLeast' };
}

export function assessmentPlan(rules: PolicyRules, year: number): AssessmentPlan {
  const asOf = `${year}-12-31`;
  const r = rules.risk;
  return {
    year,
    asOf,
    income: {
      standard: standardOf(rules, year),
      previousStandard: rules.income.checkPreviousYear ? standardOf(rules, year - 1) : null,
      checkPreviousYear: rules.income.checkPreviousYear,
    },
    education: {
      ageFrom: rules.education.compulsoryAgeFrom,
      ageTo: rules.education.compulsoryAgeTo,
      outOfSchool: [...rules.education.outOfSchoolStatuses],
      homeSchoolingMaxGrade: rules.education.homeSchoolingMaxDisabilityGrade,
    },
    medical: {
      requireBasic: rules.medical.requireBasicInsurance,
      requireSerious: rules.medical.requireSeriousIllnessInsurance,
      familyDoctor: rules.medical.familyDoctor,
      chronicCardHealth: [...rules.medical.chronicCardHealthStatuses],
    },
    housing: { passingGrades: [...rules.housing.passingGrades], renovatedPasses: rules.housing.renovatedPasses, relocatedPasses: rules.housing.relocatedPasses },
    water: rules.water,
    risk: {
      monitoringLine: monitoringLineFor(rules, year)?.amount ?? null,
      relativeLine: relativePovertyLineFor(rules, year)?.amount ?? null,
      incomeFallShare: r.incomeFallShare,
      redCriteria: r.redCriteria.filter((c) => c !== 'income'),
      seriousEventTypes: [...r.seriousEventTypes],
      seriousEventsAfter: monthsBefore(asOf, r.seriousEventLookbackMonths),
      seriousEventShare: r.seriousEventExpenditureShare,
      openRiskTypes: [...r.openRiskTypes],
      triggers: [...r.monitoringTriggers],
    },
  };
}
