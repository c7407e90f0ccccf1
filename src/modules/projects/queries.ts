/** SQL of the project library: projects, beneficiaries, coverage by industry line. */
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { codeInScope, codeUnder, type PlaceScope } from '../../db/placeScope';
import type { Insertable, Updateable } from 'kysely';
import type { ProjectTable } from '../../db/schema';

export interface ProjectRow {
  countyCode: string;
  id: number;
  placeCode: string;
  year: number;
  name: string;
  industry: string;
  type: string;
  scale: number | null;
  scaleUnit: string | null;
  plannedOutputFen: number | null;
  actualOutputFen: number | null;
  leadDepartment: string;
  plannedStart: string | null;
  plannedCompletion: string | null;
  startedOn: string | null;
  completedOn: string | null;
  acceptedOn: string | null;
  status: string;
  benefitLink: string | null;
  coveredHouseholds: number | null;
  avgIncomeGainFen: number | null;
  note: string | null;
  beneficiaries: number;
  allocatedFen: number;
  disbursedFen: number;
}

const SELECT_PROJECT = sql`
  p.county_code AS "countyCode", p.id, p.place_code AS "placeCode", p.year, p.name, p.industry, p.type,
  p.scale, p.scale_unit AS "scaleUnit", p.planned_output_fen AS "plannedOutputFen", p.actual_output_fen AS "actualOutputFen",
  p.lead_department AS "leadDepartment", p.planned_start AS "plannedStart", p.planned_completion AS "plannedCompletion",
  p.started_on AS "startedOn", p.completed_on AS "completedOn", p.accepted_on AS "acceptedOn", p.status,
  p.benefit_link AS "benefitLink", p.covered_households AS "coveredHouseholds", p.avg_income_gain_fen AS "avgIncomeGainFen", p.note,
  (SELECT count(*)::int FROM project_beneficiary b WHERE b.county_code = p.county_code AND b.project_id = p.id) AS beneficiaries,
  coalesce((SELECT sum(a.amount_fen) FROM fund_allocation a WHERE a.county_code = p.county_code AND a.project_id = p.id), 0)::bigint AS "allocatedFen",
  coalesce((SELECT sum(a.disbursed_fen) FROM fund_allocation a WHERE a.county_code = p.county_code AND a.project_id = p.id), 0)::bigint AS "disbursedFen"`;

export interface ProjectFilter {
  place: string;
  year?: number;
  type?: string;
  status?: string;
  q?: string;
}

function conditions(scope: PlaceScope, f: ProjectFilter) {
  const parts = [codeInScope(scope, 'p.place_code'), codeUnder(f.place, 'p.place_code')];
  if (f.year) parts.push(sql<SqlBool>`p.year = ${f.year}`);
  if (f.type) parts.push(sql<SqlBool>`p.type = ${f.type}`);
  if (f.status) parts.push(sql<SqlBool>`p.status = ${f.status}`);
  if (f.q) parts.push(sql<SqlBool>`(p.name ILIKE ${'%' + f.q + '%'} OR p.industry ILIKE ${'%' + f.q + '%'})`);
  return sql.join(parts, sql` AND `);
}

export async function listProjectRows(db: Db, scope: PlaceScope, f: ProjectFilter, page: { offset: number; limit: number } | null): Promise<{ total: number; rows: ProjectRow[] }> {
  const where = conditions(scope, f);
  const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM project p WHERE ${where}`.execute(db);
  const limit = page ? sql`OFFSET ${page.offset} LIMIT ${page.limit}` : sql``;
  const rows = await sql<ProjectRow>`SELECT ${SELECT_PROJECT} FROM project p WHERE ${where} ORDER BY p.year DESC, p.place_code, p.id ${limit}`.execute(db);
  return { total: total.rows[0].n, rows: rows.rows };
}

export async function findProject(db: Db, id: number, lock = false): Promise<ProjectRow | undefined> {
  const rows = await sql<ProjectRow>`SELECT ${SELECT_PROJECT} FROM project p WHERE p.id = ${id}`.execute(db);
  if (lock && rows.rows[0]) await sql`SELECT 1 FROM project WHERE county_code = ${rows.rows[0].countyCode} AND id = ${id} FOR UPDATE`.execute(db);
  return rows.rows[0];
}

export async function insertProject(db: Db, row: Insertable<ProjectTable>): Promise<number> {
  const { id } = await db.insertInto('project').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export async function updateProject(db: Db, countyCode: string, id: number, change: Updateable<ProjectTable>): Promise<void> {
  await db.updateTable('project').set({ ...change, updated_at: sql`now()` }).where('county_code', '=', countyCode).where('id', '=', id).execute();
}

export interface BeneficiaryRow {
  householdNo: string;
  headName: string;
  villageCode: string;
  /** 乡镇 and 村 names of the household's village. */
  villageName: string;
  status: string;
  incomeGainFen: number | null;
}

export async function beneficiariesOf(db: Db, countyCode: string, projectId: number): Promise<BeneficiaryRow[]> {
  return db
    .selectFrom('project_beneficiary as b')
    .innerJoin('household as h', (j) => j.onRef('h.county_code', '=', 'b.county_code').onRef('h.household_no', '=', 'b.household_no'))
    .leftJoin('place as v', 'v.code', 'h.village_code')
    .leftJoin('place as t', 't.code', 'h.township_code')
    .select(['b.household_no as householdNo', 'h.head_name as headName', 'h.village_code as villageCode', 'h.status', 'b.income_gain_fen as incomeGainFen'])
    .select(sql<string>`coalesce(t.name || v.name, v.name, h.village_code)`.as('villageName'))
    .where('b.county_code', '=', countyCode)
    .where('b.project_id', '=', projectId)
    .orderBy('b.household_no')
    .execute();
}

/** Household numbers of the list that exist in the county and lie under `place`. */
export async function householdsUnder(db: Db, countyCode: string, place: string, householdNos: string[]): Promise<Set<string>> {
  if (householdNos.length === 0) return new Set();
  const rows = await db
    .selectFrom('household')
    .select('household_no')
    .where('county_code', '=', countyCode)
    .where('household_no', 'in', householdNos)
    .where(codeUnder(place, 'village_code'))
    .execute();
  return new Set(rows.map((r) => r.household_no));
}

export async function replaceBeneficiaries(db: Db, countyCode: string, projectId: number, rows: { householdNo: string; incomeGainFen: number | null }[]): Promise<void> {
  await db.deleteFrom('project_beneficiary').where('county_code', '=', countyCode).where('project_id', '=', projectId).execute();
  if (rows.length === 0) return;
  await db
    .insertInto('project_beneficiary')
    .values(rows.map((r) => ({ county_code: countyCode, project_id: projectId, household_no: r.householdNo, income_gain_fen: r.incomeGainFen })))
    .execute();
}

export interface CoverageRow {
  type: string;
  industry: string;
  scaleUnit: string | null;
  projects: number;
  scale: number | null;
  plannedOutputFen: number | null;
  actualOutputFen: number | null;
  coveredHouseholds: number | null;
  plannedGainFen: number | null;
  linkedHouseholds: number;
  linkedGainFen: number | null;
}

/**
 * Coverage by industry line (seed 000's shape): area or head count, output value, households
 * covered (planned figure and households linked), average income gain (planned, weighted by
 * households covered; and the mean of the linked households' gains).
 */
export async function coverageRows(db: Db, scope: PlaceScope, place: string, year: number): Promise<CoverageRow[]> {
  const result = await sql<CoverageRow>`
    WITH p AS (SELECT * FROM project p WHERE ${codeInScope(scope, 'p.place_code')} AND ${codeUnder(place, 'p.place_code')} AND p.year = ${year}),
    b AS (
      SELECT p.type, p.industry, p.scale_unit, count(DISTINCT b.household_no)::int AS households, avg(b.income_gain_fen) AS gain
      FROM p JOIN project_beneficiary b ON b.county_code = p.county_code AND b.project_id = p.id
      GROUP BY 1, 2, 3)
    SELECT p.type, p.industry, p.scale_unit AS "scaleUnit", count(*)::int AS projects, sum(p.scale)::float8 AS scale,
           sum(p.planned_output_fen)::bigint AS "plannedOutputFen", sum(p.actual_output_fen)::bigint AS "actualOutputFen",
           sum(p.covered_households)::int AS "coveredHouseholds",
           round(sum(p.avg_income_gain_fen * p.covered_households)::numeric / nullif(sum(p.covered_households) FILTER (WHERE p.avg_income_gain_fen IS NOT NULL), 0))::bigint AS "plannedGainFen",
           coalesce(max(b.households), 0)::int AS "linkedHouseholds", round(max(b.gain))::bigint AS "linkedGainFen"
    FROM p LEFT JOIN b ON b.type = p.type AND b.industry = p.industry AND b.scale_unit IS NOT DISTINCT FROM p.scale_unit
    GROUP BY p.type, p.industry, p.scale_unit
    ORDER BY min(p.id)`.execute(db);
  return result.rows;
}
