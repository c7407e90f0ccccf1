/**
 * One household's checklist for a year, as a cadre explains it to the family: each criterion
 * with the values read and the reason, the outcome, the grade with every reason, the
 * suggestion and the policy versions — derived now from the household's records of that year
 * by the pure rules, beside the stored result (and whether it is still current).
 */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { versionKey } from '../../domain/policy/resolve';
import { badRequest, notFound } from '../../server/errors';
import { loadActivePolicies, resolveOrFail } from '../policy/service';
import { compactResult, educationSources, evaluateHousehold, housingSources } from './evaluate';
import { incomeSources, medicalSources } from './ledgerSources';
import { findHouseholdPlace, incomeYears, loadHouseholdRecords } from './recordQueries';
import { decodeCriteria, decodeReasons } from './resultCodes';
import { findResult } from './resultQueries';

export async function getHouseholdAssessment(db: Db, scope: PlaceScope, householdNo: string, year?: number) {
  const place = await findHouseholdPlace(db, scope, householdNo);
  if (!place) throw notFound(`户 ${householdNo} `);
  const theYear = year ?? (await incomeYears(db, place.county_code, householdNo))[0];
  if (theYear === undefined) throw badRequest(`户 ${householdNo} 没有收入记录：请指定评估年度（year）`);
  const records = (await loadHouseholdRecords(db, place.county_code, [householdNo])).get(householdNo)!;
  const policy = resolveOrFail(await loadActivePolicies(db), place.village_code, theYear);
  const evaluation = evaluateHousehold(records, policy, theYear);
  const { assessment, grading, suggestion } = evaluation;
  const now = compactResult(evaluation);
  const stored = await findResult(db, place.county_code, householdNo, theYear);
  const policyKey = versionKey(policy.versions);
  return {
    householdNo,
    countyCode: place.county_code,
    villageCode: place.village_code,
    year: theYear,
    asOf: assessment.asOf,
    outcome: assessment.outcome,
    outcomeLabel: assessment.outcomeLabel,
    criteria: assessment.criteria,
    failing: assessment.failing,
    undetermined: assessment.undetermined,
    income: assessment.income,
    risk: grading,
    suggestion: suggestion && { category: suggestion.category, label: suggestion.label, reason: suggestion.reason },
    persons: evaluation.persons,
    sources: [...educationSources(records, theYear), ...medicalSources(records, theYear), ...housingSources(records, theYear), ...incomeSources(records, theYear)],
    policyKey,
    policyVersions: policy.versions,
    stored: stored
      ? {
          outcome: stored.outcome,
          criteria: decodeCriteria(stored.criteria),
          riskGrade: stored.risk_grade,
          riskReasons: decodeReasons(stored.risk_reasons),
          suggestedCategory: stored.suggested_category,
          policyKey: stored.policy_key,
          computedAt: stored.computed_at,
          current:
            stored.policy_key === policyKey && stored.outcome === now.outcome && stored.criteria === now.criteria &&
            stored.risk_grade === now.riskGrade && stored.risk_reasons === now.riskReasons && stored.suggested_category === now.suggestedCategory,
        }
      : null,
  };
}
