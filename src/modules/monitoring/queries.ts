/** SQL of the monitoring module: jobs, batches of households, stored results, overview and lists. */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { householdReach } from '../../db/householdReach';
import { underPlace, type PlaceScope } from '../../db/placeScope';
import { NATIONAL_REGION } from '../../domain/policy/record';
import { assessmentSelect, rangeCondition, type HouseholdKey, type KeyRange, type SelectOptions } from './assessmentQueries';
import type { AssessmentPlan } from './plan';
import type { PolicyGroup } from './policyGroups';

const H = { county: 'h.county_code', township: 'h.township_code', village: 'h.village_code' };

/** Households of alias h inside the scope and under the place ('0': anywhere); for a pairing cadre (his user id) only his paired ones. */
export function householdsWhere(scope: PlaceScope, place: string, pairedCadreId: number | null = null): Expression<SqlBool> {
  const within = place === NATIONAL_REGION ? sql<SqlBool>`true` : underPlace(place, H);
  return sql<SqlBool>`(${householdReach({ scope, pairedCadreId })}) AND (${within})`;
}

/** Which of the groups (by position) have households of alias h in the range and scope. */
export async function groupsPresent(db: Db, groups: Expression<SqlBool>[], range: KeyRange, where: Expression<SqlBool>): Promise<number[]> {
  if (groups.length === 1) return [0];
  const cases = groups.map((g, i) => sql`WHEN ${g} THEN ${sql.raw(String(i))}`);
  const rows = await sql<{ g: number | null }>`
    SELECT DISTINCT CASE ${sql.join(cases, sql` `)} END AS g FROM household h WHERE ${rangeCondition('h', range)} AND ${where}`.execute(db);
  return rows.rows.map((r) => r.g).filter((g): g is number => g !== null).sort((a, b) => a - b);
}

/** Households of alias h in a policy group. */
export function groupWhere(group: Pick<PolicyGroup, 'under' | 'notUnder'>): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [sql<SqlBool>`true`];
  if (group.under) parts.push(underPlace(group.under, H));
  for (const deeper of group.notUnder) parts.push(sql<SqlBool>`NOT (${underPlace(deeper, H)})`);
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

// --- recompute --------------------------------------------------------------------------------

const RECOMPUTE_LOCK = 7_270_004;

/** Session-level lock: one recompute or what-if at a time (waits for the one running). */
export async function lockRecompute(db: Db): Promise<void> {
  await sql`SELECT pg_advisory_lock(${RECOMPUTE_LOCK})`.execute(db);
}

export async function unlockRecompute(db: Db): Promise<void> {
  await sql`SELECT pg_advisory_unlock(${RECOMPUTE_LOCK})`.execute(db);
}

export async function countHouseholds(db: Db, where: Expression<SqlBool>): Promise<number> {
  const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM household h WHERE ${where}`.execute(db);
  return Number(row.rows[0].n);
}

/** The first or last household key (keyset order) of the households, or null when there are none. */
export async function edgeKey(db: Db, where: Expression<SqlBool>, edge: 'first' | 'last'): Promise<HouseholdKey | null> {
  const order = sql.raw(edge === 'first' ? 'ASC' : 'DESC');
  const rows = await sql<{ county_code: string; household_no: string }>`
    SELECT h.county_code, h.household_no FROM household h WHERE ${where}
    ORDER BY h.county_code ${order}, h.household_no ${order} LIMIT 1`.execute(db);
  const r = rows.rows[0];
  return r ? { countyCode: r.county_code, householdNo: r.household_no } : null;
}

/** The `size`-th household key from `start` on (inclusive when `inclusive`), or null when fewer remain. */
export async function keyAfter(db: Db, where: Expression<SqlBool>, start: HouseholdKey, inclusive: boolean, size: number): Promise<HouseholdKey | null> {
  const cmp = sql.raw(inclusive ? '>=' : '>');
  const rows = await sql<{ county_code: string; household_no: string }>`
    SELECT h.county_code, h.household_no FROM household h
    WHERE ${where} AND (h.county_code, h.household_no) ${cmp} (${start.countyCode}, ${start.householdNo})
    ORDER BY h.county_code, h.household_no OFFSET ${size - 1} LIMIT 1`.execute(db);
  const r = rows.rows[0];
  return r ? { countyCode: r.county_code, householdNo: r.household_no } : null;
}

/**
 * For the batch statements of this transaction: hash and merge joins only (on tables whose
 * statistics lag behind an import the planner would otherwise repeat an aggregate for every
 * household), room to hash a batch in memory, and no JIT compilation (the assessment's ~180
 * expressions took about 0.5 s to compile per batch statement, more than they saved).
 */
export async function prepareBatchPlanner(db: Db): Promise<void> {
  await sql`SET LOCAL enable_nestloop = off`.execute(db);
  await sql`SET LOCAL work_mem = '128MB'`.execute(db);
  await sql`SET LOCAL jit = off`.execute(db);
}

/** Results are derived data: a batch need not wait for its commit to reach the disk (a crash loses at most the last batches, recomputed by running again). */
export async function relaxCommit(db: Db): Promise<void> {
  await sql`SET LOCAL synchronous_commit = off`.execute(db);
}

/** The latest income year of the households in scope (the default assessment year). */
export const latestIncomeYear = (db: Db, where: Expression<SqlBool>) => latestYearIn(db, 'household_income', where);

/** The latest status-history year of the households (when none has an income record). */
export const latestStatusYear = (db: Db, where: Expression<SqlBool>) => latestYearIn(db, 'household_status_history', where);

async function latestYearIn(db: Db, table: 'household_income' | 'household_status_history', where: Expression<SqlBool>): Promise<number | null> {
  const row = await sql<{ y: number | null }>`
    SELECT max(x.year)::int AS y FROM ${sql.table(table)} x
    JOIN household h ON h.county_code = x.county_code AND h.household_no = x.household_no
    WHERE ${where}`.execute(db);
  return row.rows[0]?.y ?? null;
}

/** How many households there are, and how many of them have no income record of the year. */
export async function incomeGaps(db: Db, where: Expression<SqlBool>, year: number): Promise<{ households: number; withoutIncome: number }> {
  const row = await sql<{ households: number; without_income: number }>`
    SELECT count(*)::int AS households,
      count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM household_income i
        WHERE i.county_code = h.county_code AND i.household_no = h.household_no AND i.year = ${year}))::int AS without_income
    FROM household h WHERE ${where}`.execute(db);
  return { households: row.rows[0]?.households ?? 0, withoutIncome: row.rows[0]?.without_income ?? 0 };
}

/** Whether any household has a status-history record later than the year (few do: only when a past year is assessed). */
export async function historyAfter(db: Db, where: Expression<SqlBool>, year: number): Promise<boolean> {
  const row = await sql<{ later: boolean }>`
    SELECT EXISTS (SELECT 1 FROM household_status_history s
      WHERE s.year > ${year} AND EXISTS (SELECT 1 FROM household h WHERE h.county_code = s.county_code AND h.household_no = s.household_no AND ${where})) AS later`.execute(db);
  return Boolean(row.rows[0]?.later);
}

// --- what-if ----------------------------------------------------------------------------------

export async function createWhatIfTable(db: Db): Promise<void> {
  await sql`CREATE TEMP TABLE what_if_eval (
    side text NOT NULL, county_code text NOT NULL, household_no text NOT NULL, village_code text NOT NULL,
    persons int NOT NULL, outcome text NOT NULL, risk_grade text NOT NULL
  ) ON COMMIT DROP`.execute(db);
}

export async function insertWhatIf(db: Db, side: 'before' | 'after', plan: AssessmentPlan, range: KeyRange, where: Expression<SqlBool>, options: SelectOptions): Promise<void> {
  const select = assessmentSelect(plan, { range, where }, options);
  await sql`
    INSERT INTO what_if_eval (side, county_code, household_no, village_code, persons, outcome, risk_grade)
    SELECT ${side}, a.county_code, a.household_no, a.village_code, a.persons, a.outcome, a.risk_grade FROM (${select}) a`.execute(db);
}

/** Keep the households whose outcome or grade changes, under the job. */
export async function saveWhatIfChanges(db: Db, jobId: number): Promise<void> {
  await sql`
    INSERT INTO what_if_change (job_id, county_code, household_no, village_code, persons, outcome_before, outcome_after, grade_before, grade_after)
    SELECT ${jobId}, b.county_code, b.household_no, b.village_code, b.persons, b.outcome, a.outcome, b.risk_grade, a.risk_grade
    FROM what_if_eval b JOIN what_if_eval a ON a.county_code = b.county_code AND a.household_no = b.household_no AND a.side = 'after'
    WHERE b.side = 'before' AND (a.outcome <> b.outcome OR a.risk_grade <> b.risk_grade)`.execute(db);
}

export interface WhatIfCountRow {
  child: string;
  side: string;
  outcome: string;
  risk_grade: string;
  households: number;
  persons: number;
}

/** Households and persons by child place, side, outcome and grade. */
export async function whatIfCounts(db: Db, childLength: number): Promise<WhatIfCountRow[]> {
  const rows = await sql<WhatIfCountRow>`
    SELECT substr(village_code, 1, ${childLength}) AS child, side, outcome, risk_grade, count(*)::int AS households, sum(persons)::int AS persons
    FROM what_if_eval GROUP BY 1, 2, 3, 4`.execute(db);
  return rows.rows;
}

export interface WhatIfChangeCountRow {
  child: string;
  grade_before: string;
  grade_after: string;
  outcome_before: string;
  outcome_after: string;
  households: number;
  persons: number;
}

export async function whatIfChangeCounts(db: Db, jobId: number, childLength: number): Promise<WhatIfChangeCountRow[]> {
  const rows = await sql<WhatIfChangeCountRow>`
    SELECT substr(village_code, 1, ${childLength}) AS child, grade_before, grade_after, outcome_before, outcome_after,
      count(*)::int AS households, sum(persons)::int AS persons
    FROM what_if_change WHERE job_id = ${jobId} GROUP BY 1, 2, 3, 4, 5`.execute(db);
  return rows.rows;
}

export interface WhatIfChangeRow {
  household_no: string;
  head_name: string | null;
  county_name: string | null;
  township_name: string | null;
  village_name: string | null;
  persons: number;
  outcome_before: string;
  outcome_after: string;
  grade_before: string;
  grade_after: string;
}

/** The changed households of a what-if job, in keyset batches. */
export async function whatIfChangePage(db: Db, jobId: number, after: HouseholdKey | null, limit: number): Promise<(WhatIfChangeRow & { county_code: string })[]> {
  const rows = await sql<WhatIfChangeRow & { county_code: string }>`
    SELECT c.county_code, c.household_no, h.head_name, pc.name AS county_name, pt.name AS township_name, pv.name AS village_name,
      c.persons, c.outcome_before, c.outcome_after, c.grade_before, c.grade_after
    FROM what_if_change c
    LEFT JOIN household h ON h.county_code = c.county_code AND h.household_no = c.household_no
    LEFT JOIN place pc ON pc.code = c.county_code
    LEFT JOIN place pt ON pt.code = substr(c.village_code, 1, 9)
    LEFT JOIN place pv ON pv.code = c.village_code
    WHERE c.job_id = ${jobId} AND ${rangeCondition('c', { after, through: null })}
    ORDER BY c.county_code, c.household_no LIMIT ${limit}`.execute(db);
  return rows.rows;
}

/** The years that have stored results for households of alias h matching `where`, from `fromYear` on. */
export async function storedYears(db: Db, where: Expression<SqlBool>, fromYear: number): Promise<number[]> {
  const rows = await sql<{ year: number }>`
    SELECT DISTINCT r.year FROM assessment_result r
    JOIN household h ON h.county_code = r.county_code AND h.household_no = r.household_no
    WHERE r.year >= ${fromYear} AND ${where} ORDER BY 1`.execute(db);
  return rows.rows.map((r) => r.year);
}

// --- risk events --------------------------------------------------------------------------------

export async function riskEventsOf(db: Db, countyCode: string, householdNo: string) {
  return db
    .selectFrom('risk_event')
    .select(['id', 'type', 'occurred_on', 'cost', 'note'])
    .where('county_code', '=', countyCode)
    .where('household_no', '=', householdNo)
    .orderBy('occurred_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Delete one risk event of a household; the deleted row, or undefined when there is none. */
export async function deleteRiskEvent(db: Db, countyCode: string, householdNo: string, id: number) {
  return db
    .deleteFrom('risk_event')
    .where('county_code', '=', countyCode)
    .where('household_no', '=', householdNo)
    .where('id', '=', id)
    .returning(['id', 'type', 'occurred_on', 'cost', 'note'])
    .executeTakeFirst();
}

export async function insertRiskEvent(db: Db, row: { county_code: string; household_no: string; type: string; occurred_on: string; cost: number; note: string | null }): Promise<number> {
  const inserted = await db.insertInto('risk_event').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}
