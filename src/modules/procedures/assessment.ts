/**
 * A household's assessment as a procedure reads it, through the monitoring module's one-
 * household checklist (the same pure rules the stored results come from).
 */
import type { Db } from '../../db/database';
import { ALL_PLACES } from '../../db/placeScope';
import type { AssessmentSummary } from '../../domain/workflow/guards';
import { getHouseholdAssessment } from '../monitoring/service';

export async function assessmentFor(db: Db, householdNo: string, year: number): Promise<AssessmentSummary> {
  const a = await getHouseholdAssessment(db, ALL_PLACES, householdNo, year);
  return {
    year: a.year,
    outcome: a.outcome,
    criteria: a.criteria.map((c) => ({ label: c.label, status: c.status, reason: c.reason })),
    riskReasons: a.risk.reasons.map((r) => ({ code: r.code, text: r.text })),
    perCapitaNet: a.income.perCapitaNet,
  };
}
