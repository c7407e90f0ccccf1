/**
 * SQL writing a batch of recomputed results: the batch is assessed into a temporary table,
 * results of households no longer assessed (deregistered, removed) are deleted, and only the
 * results that changed are written — so a recompute that changes little writes little. A batch
 * with no result stored for the year is assessed straight into the results.
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

/** Whether any result of the year is stored for a household in the range. */
export async function anyStored(db: Db, year: number, range: KeyRange): Promise<boolean> {
  const row = await sql<{ stored: boolean }>`
    SELECT EXISTS (SELECT 1 FROM assessment_result r WHERE r.year = ${year} AND ${rangeCondition('r', range)}) AS stored`.execute(db);
  return Boolean(row.rows[0]?.stored);
}

/**
 * Assess the range's households of one policy group straight into the results, when none of the
 * range is stored for the year (a first recompute, a new year): no batch table, nothing to
 * compare or delete. Returns how many.
 */
export async function assessIntoResults(db: Db, plan: AssessmentPlan, range: KeyRange, where: Expression<SqlBool>, policyKey: string, year: number, options: SelectOptions): Promise<number> {
  const select = assessmentSelect(plan, { range, where }, options);
  const result = await sql`
    INSERT INTO assessment_result (county_code, household_no, year, ${sql.raw(COLUMNS)}, computed_at)
    SELECT a.county_code, a.household_no, ${year}, ${policyKey}, a.outcome, a.criteria, a.risk_grade, a.risk_reasons,
      a.suggested_category, a.per_capita_net, a.persons, now()
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

/**
 * Replace the changed results and insert the new ones (unchanged results keep their row and
 * time): an update joined with the batch table and an insert of the keys not stored yet, both
 * hash joins over the year's results, not one index probe per household as INSERT … ON CONFLICT
 * would make (three times slower on 150,000 households). Only a recompute writes results, one
 * at a time (exclusive.ts) and each batch its own households, so no insert can conflict.
 */
export async function saveBatch(db: Db, year: number, range: KeyRange): Promise<void> {
  const cols = COLUMNS.split(', ');
  await sql`
    UPDATE assessment_result r SET (${sql.raw(COLUMNS)}, computed_at) = (${sql.raw(cols.map((c) => 'b.' + c).join(', '))}, now())
    FROM recompute_batch b
    WHERE r.year = ${year} AND ${rangeCondition('r', range)} AND r.county_code = b.county_code AND r.household_no = b.household_no
      AND (${sql.raw(cols.map((c) => 'r.' + c).join(', '))}) IS DISTINCT FROM (${sql.raw(cols.map((c) => 'b.' + c).join(', '))})`.execute(db);
  await sql`
    INSERT INTO assessment_result (county_code, household_no, year, ${sql.raw(COLUMNS)}, computed_at)
    SELECT b.county_code, b.household_no, ${year}, ${sql.raw(cols.map((c) => 'b.' + c).join(', '))}, now()
    FROM recompute_batch b
    WHERE NOT EXISTS (SELECT 1 FROM assessment_result r
      WHERE r.year = ${year} AND ${rangeCondition('r', range)} AND r.county_code = b.county_code AND r.household_no = b.household_no)`.execute(db);
}
