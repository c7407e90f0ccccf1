/**
 * SQL writing a batch of recomputed results: the batch is assessed into a temporary table,
 * results of households no longer assessed (deregistered, removed) are deleted, and only the
 * results that changed are written — so a recompute that changes little writes little.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { assessmentSelect, rangeCondition, type KeyRange, type SelectOptions } from './assessmentQueries';
import type { AssessmentPlan } from './plan';

const COLUMNS = 'policy_key, outcome, criteria, risk_grade, risk_reasons, suggested_category, per_capita_net, persons';

/** The batch table of this connection, emptied at every commit. */
export async function prepareBatchTable(db: Db): Promise<void> {
  await sql`CREATE TEMP TABLE IF NOT EXISTS recompute_batch (
    county_code text NOT NULL, household_no text NOT NULL, policy_key text NOT NULL, outcome text NOT NULL,
    criteria text NOT NULL, risk_grade text NOT NULL, risk_reasons smallint NOT NULL, suggested_category text,
    per_capita_net numeric(12,2), persons smallint NOT NULL
  ) ON COMMIT DELETE ROWS`.execute(db);
}

/** Assess the batch's households of one policy group into the batch table; returns how many. */
export async function assessIntoBatch(db: Db, plan: AssessmentPlan, range: KeyRange, where: Expression<SqlBool>, policyKey: string, options: SelectOptions): Promise<number> {
  const select = assessmentSelect(plan, { range, where }, options);
  const result = await sql`
    INSERT INTO recompute_batch (county_code, household_no, ${sql.raw(COLUMNS)})
    SELECT a.county_code, a.household_no, ${policyKey}, a.outcome, a.criteria, a.risk_grade, a.risk_reasons,
      a.suggested_category, a.per_capita_net, a.persons
    FROM (${select}) a`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Delete the year's results of households in the range and scope that the batch no longer assesses. */
export async function deleteUnassessed(db: Db, year: number, range: KeyRange, where: Expression<SqlBool>): Promise<void> {
  await sql`
    DELETE FROM assessment_result r
    WHERE r.year = ${year} AND ${rangeCondition('r', range)}
      AND EXISTS (SELECT 1 FROM household h WHERE h.county_code = r.county_code AND h.household_no = r.household_no
        AND ${rangeCondition('h', range)} AND ${where})
      AND NOT EXISTS (SELECT 1 FROM recompute_batch b WHERE b.county_code = r.county_code AND b.household_no = r.household_no)`.execute(db);
}

/** Insert new results and replace changed ones (unchanged results keep their row and time). */
export async function saveBatch(db: Db, year: number): Promise<void> {
  const excluded = sql.raw(COLUMNS.split(', ').map((c) => 'EXCLUDED.' + c).join(', '));
  const current = sql.raw(COLUMNS.split(', ').map((c) => 'r.' + c).join(', '));
  await sql`
    INSERT INTO assessment_result AS r (county_code, household_no, year, ${sql.raw(COLUMNS)}, computed_at)
    SELECT b.county_code, b.household_no, ${year}, ${sql.raw(COLUMNS.split(', ').map((c) => 'b.' + c).join(', '))}, now()
    FROM recompute_batch b
    ON CONFLICT (county_code, household_no, year) DO UPDATE SET (${sql.raw(COLUMNS)}, computed_at) = (${excluded}, now())
    WHERE (${current}) IS DISTINCT FROM (${excluded})`.execute(db);
}
