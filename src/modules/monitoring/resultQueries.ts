/** SQL reading stored assessment results: counts for the overview, the filtered list, one household. */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import type { Criterion } from '../../domain/policy/rulesSchema';
import { criterionPosition } from './resultCodes';

export interface OverviewRow {
  child: string;
  risk_grade: string;
  outcome: string;
  suggested_category: string | null;
  households: number;
  persons: number;
}

/** Results of a year for households of alias h matching `where`, counted by child place, grade, outcome and suggestion. */
export async function overviewCounts(db: Db, where: Expression<SqlBool>, year: number, childLength: number): Promise<OverviewRow[]> {
  const rows = await sql<OverviewRow>`
    SELECT substr(h.village_code, 1, ${childLength}) AS child, r.risk_grade, r.outcome, r.suggested_category,
      count(*)::int AS households, sum(r.persons)::int AS persons
    FROM assessment_result r
    JOIN household h ON h.county_code = r.county_code AND h.household_no = r.household_no
    WHERE r.year = ${year} AND ${where}
    GROUP BY 1, 2, 3, 4`.execute(db);
  return rows.rows;
}

export async function resultFacts(db: Db, where: Expression<SqlBool>, year: number) {
  const rows = await sql<{ computed_at: Date | null; policy_keys: string[] | null }>`
    SELECT max(r.computed_at) AS computed_at, array_agg(DISTINCT r.policy_key) AS policy_keys
    FROM assessment_result r
    JOIN household h ON h.county_code = r.county_code AND h.household_no = r.household_no
    WHERE r.year = ${year} AND ${where}`.execute(db);
  return { computedAt: rows.rows[0]?.computed_at ?? null, policyKeys: (rows.rows[0]?.policy_keys ?? []).filter(Boolean) };
}

/** The latest year with stored results for the households. */
export async function latestResultYear(db: Db, where: Expression<SqlBool>): Promise<number | null> {
  const rows = await sql<{ y: number | null }>`
    SELECT max(r.year)::int AS y FROM assessment_result r
    JOIN household h ON h.county_code = r.county_code AND h.household_no = r.household_no
    WHERE ${where}`.execute(db);
  return rows.rows[0]?.y ?? null;
}

export interface ResultFilter {
  year: number;
  grade?: string;
  outcome?: string;
  failing?: Criterion;
  suggested?: string;
}

function filterCondition(f: ResultFilter): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [sql<SqlBool>`r.year = ${f.year}`];
  if (f.grade) parts.push(sql<SqlBool>`r.risk_grade = ${f.grade}`);
  if (f.outcome) parts.push(sql<SqlBool>`r.outcome = ${f.outcome}`);
  if (f.failing) parts.push(sql<SqlBool>`substr(r.criteria, ${criterionPosition(f.failing)}, 1) = 'F'`);
  if (f.suggested) parts.push(sql<SqlBool>`r.suggested_category = ${f.suggested}`);
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

export interface ResultListRow {
  county_code: string;
  household_no: string;
  village_code: string;
  head_name: string;
  status: string;
  county_name: string | null;
  township_name: string | null;
  village_name: string | null;
  outcome: string;
  criteria: string;
  risk_grade: string;
  risk_reasons: number;
  suggested_category: string | null;
  per_capita_net: number | null;
  persons: number;
  policy_key: string;
  computed_at: Date;
}

const GRADE_ORDER = sql`CASE r.risk_grade WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 WHEN 'undetermined' THEN 2 ELSE 3 END`;

export async function countResults(db: Db, where: Expression<SqlBool>, filter: ResultFilter): Promise<number> {
  const rows = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM assessment_result r
    JOIN household h ON h.county_code = r.county_code AND h.household_no = r.household_no
    WHERE ${filterCondition(filter)} AND ${where}`.execute(db);
  return rows.rows[0].n;
}

/** A page of results, gravest grade first, then by household number. */
export async function listResults(db: Db, where: Expression<SqlBool>, filter: ResultFilter, offset: number, limit: number): Promise<ResultListRow[]> {
  const rows = await sql<ResultListRow>`
    SELECT r.county_code, r.household_no, h.village_code, h.head_name, h.status,
      pc.name AS county_name, pt.name AS township_name, pv.name AS village_name,
      r.outcome, r.criteria, r.risk_grade, r.risk_reasons, r.suggested_category, r.per_capita_net, r.persons, r.policy_key, r.computed_at
    FROM assessment_result r
    JOIN household h ON h.county_code = r.county_code AND h.household_no = r.household_no
    LEFT JOIN place pc ON pc.code = h.county_code
    LEFT JOIN place pt ON pt.code = h.township_code
    LEFT JOIN place pv ON pv.code = h.village_code
    WHERE ${filterCondition(filter)} AND ${where}
    ORDER BY ${GRADE_ORDER}, r.county_code, r.household_no
    OFFSET ${offset} LIMIT ${limit}`.execute(db);
  return rows.rows;
}

export async function findResult(db: Db, countyCode: string, householdNo: string, year: number) {
  return db
    .selectFrom('assessment_result')
    .selectAll()
    .where('county_code', '=', countyCode)
    .where('household_no', '=', householdNo)
    .where('year', '=', year)
    .executeTakeFirst();
}
