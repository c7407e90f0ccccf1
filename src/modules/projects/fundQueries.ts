/**
 * SQL of the funds ledger. Balances are kept in allocated_fen (per source) and disbursed_fen
 * (per allocation), raised by one conditional UPDATE each: the row lock it takes serialises
 * concurrent writers, the WHERE re-checks the balance after the wait, and the table's CHECK
 * constraint is the last guard, so two parallel disbursements can never overdraw.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { codeInScope, codeUnder, type PlaceScope } from '../../db/placeScope';
import { CROP_LIVESTOCK_PROCESSING_TYPES, INDUSTRIAL_TYPES } from '../../domain/funds/projectTypes';

export interface SourceRow {
  countyCode: string;
  id: number;
  placeCode: string;
  year: number;
  kind: string;
  name: string;
  docNo: string | null;
  receivedOn: string | null;
  amountFen: number;
  allocatedFen: number;
  disbursedFen: number;
}

const SOURCE = sql`s.county_code AS "countyCode", s.id, s.place_code AS "placeCode", s.year, s.kind, s.name, s.doc_no AS "docNo",
  s.received_on AS "receivedOn", s.amount_fen AS "amountFen", s.allocated_fen AS "allocatedFen",
  coalesce((SELECT sum(a.disbursed_fen) FROM fund_allocation a WHERE a.county_code = s.county_code AND a.source_id = s.id), 0)::bigint AS "disbursedFen"`;

export async function listSources(db: Db, scope: PlaceScope, place: string, year: number | undefined): Promise<SourceRow[]> {
  const yearCond = year ? sql`AND s.year = ${year}` : sql``;
  const r = await sql<SourceRow>`SELECT ${SOURCE} FROM fund_source s WHERE ${codeInScope(scope, 's.place_code')} AND ${codeUnder(place, 's.place_code')} ${yearCond} ORDER BY s.year DESC, s.id`.execute(db);
  return r.rows;
}

export async function findSource(db: Db, id: number): Promise<SourceRow | undefined> {
  return (await sql<SourceRow>`SELECT ${SOURCE} FROM fund_source s WHERE s.id = ${id}`.execute(db)).rows[0];
}

export async function insertSource(db: Db, row: { county_code: string; place_code: string; year: number; kind: string; name: string; doc_no: string | null; received_on: string | null; amount_fen: number; created_by: string | null }): Promise<number> {
  const { id } = await db.insertInto('fund_source').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/** Raise the source's allocated sum by `amountFen` unless that exceeds its amount; false when refused. */
export async function takeFromSource(db: Db, countyCode: string, id: number, amountFen: number): Promise<boolean> {
  const r = await sql`UPDATE fund_source SET allocated_fen = allocated_fen + ${amountFen}
    WHERE county_code = ${countyCode} AND id = ${id} AND allocated_fen + ${amountFen} <= amount_fen RETURNING id`.execute(db);
  return r.rows.length === 1;
}

/** Raise the allocation's disbursed sum by `amountFen` unless that exceeds it; false when refused. */
export async function takeFromAllocation(db: Db, countyCode: string, id: number, amountFen: number): Promise<boolean> {
  const r = await sql`UPDATE fund_allocation SET disbursed_fen = disbursed_fen + ${amountFen}
    WHERE county_code = ${countyCode} AND id = ${id} AND disbursed_fen + ${amountFen} <= amount_fen RETURNING id`.execute(db);
  return r.rows.length === 1;
}

export interface AllocationRow {
  countyCode: string;
  id: number;
  sourceId: number;
  sourceName: string;
  sourceKind: string;
  year: number;
  projectId: number | null;
  projectName: string | null;
  householdNo: string | null;
  headName: string | null;
  /** Where the money lands: the project's place or the household's village. */
  placeCode: string;
  amountFen: number;
  disbursedFen: number;
  allocatedOn: string;
  note: string | null;
}

const ALLOCATION = sql`a.county_code AS "countyCode", a.id, a.source_id AS "sourceId", s.name AS "sourceName", s.kind AS "sourceKind", s.year,
  a.project_id AS "projectId", p.name AS "projectName", a.household_no AS "householdNo", h.head_name AS "headName",
  coalesce(p.place_code, h.village_code) AS "placeCode", a.amount_fen AS "amountFen", a.disbursed_fen AS "disbursedFen",
  a.allocated_on AS "allocatedOn", a.note`;
const ALLOCATION_FROM = sql`fund_allocation a
  JOIN fund_source s ON s.county_code = a.county_code AND s.id = a.source_id
  LEFT JOIN project p ON p.county_code = a.county_code AND p.id = a.project_id
  LEFT JOIN household h ON h.county_code = a.county_code AND h.household_no = a.household_no`;

export interface FundFilter {
  place: string;
  year?: number;
  projectId?: number;
}

function allocationWhere(scope: PlaceScope, f: FundFilter) {
  const parts = [codeInScope(scope, 'x.landing_place'), codeUnder(f.place, 'x.landing_place')];
  if (f.year) parts.push(sql`x.year = ${f.year}`);
  if (f.projectId) parts.push(sql`x."projectId" = ${f.projectId}`);
  return sql.join(parts, sql` AND `);
}

const ALLOCATIONS = sql`(SELECT ${ALLOCATION}, coalesce(p.place_code, h.village_code) AS landing_place FROM ${ALLOCATION_FROM}) x`;

export async function listAllocations(db: Db, scope: PlaceScope, f: FundFilter): Promise<AllocationRow[]> {
  const r = await sql<AllocationRow>`SELECT * FROM ${ALLOCATIONS} WHERE ${allocationWhere(scope, f)} ORDER BY x."allocatedOn" DESC, x.id`.execute(db);
  return r.rows;
}

export async function findAllocation(db: Db, id: number): Promise<AllocationRow | undefined> {
  return (await sql<AllocationRow>`SELECT * FROM ${ALLOCATIONS} WHERE x.id = ${id}`.execute(db)).rows[0];
}

export async function insertAllocation(db: Db, row: { county_code: string; source_id: number; project_id: number | null; household_no: string | null; amount_fen: number; allocated_on: string; note: string | null; created_by: string | null }): Promise<number> {
  const { id } = await db.insertInto('fund_allocation').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export interface DisbursementRow {
  countyCode: string;
  id: number;
  allocationId: number;
  sourceName: string;
  projectId: number | null;
  projectName: string | null;
  householdNo: string | null;
  headName: string | null;
  placeCode: string;
  paidOn: string;
  voucherNo: string;
  amountFen: number;
  payee: string | null;
  note: string | null;
  createdBy: string | null;
}

export async function listDisbursements(db: Db, scope: PlaceScope, f: FundFilter): Promise<DisbursementRow[]> {
  const r = await sql<DisbursementRow>`
    SELECT d.county_code AS "countyCode", d.id, d.allocation_id AS "allocationId", x."sourceName", x."projectId", x."projectName",
           x."householdNo", x."headName", x."placeCode", d.paid_on AS "paidOn", d.voucher_no AS "voucherNo", d.amount_fen AS "amountFen",
           d.payee, d.note, d.created_by AS "createdBy"
    FROM fund_disbursement d JOIN ${ALLOCATIONS} ON x."countyCode" = d.county_code AND x.id = d.allocation_id
    WHERE ${allocationWhere(scope, f)} ORDER BY d.paid_on DESC, d.id DESC`.execute(db);
  return r.rows;
}

export async function insertDisbursement(db: Db, row: { county_code: string; allocation_id: number; paid_on: string; voucher_no: string; amount_fen: number; payee: string | null; note: string | null; created_by: string | null }): Promise<number> {
  const { id } = await db.insertInto('fund_disbursement').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export async function upsertPvRevenue(db: Db, row: { county_code: string; village_code: string; year: number; revenue_fen: number; welfare_jobs_fen: number; updated_by: string | null }): Promise<void> {
  await db
    .insertInto('pv_revenue')
    .values(row)
    .onConflict((oc) => oc.columns(['county_code', 'village_code', 'year']).doUpdateSet({ revenue_fen: row.revenue_fen, welfare_jobs_fen: row.welfare_jobs_fen, updated_by: row.updated_by, updated_at: sql`now()` }))
    .execute();
}

export interface FundFigureRow {
  integratedFen: number;
  industrialFen: number;
  cropLivestockProcessingFen: number;
  industrialProjects: number;
  startedFirstQuarter: number;
  pvRevenueFen: number;
  pvWelfareFen: number;
}

const textArray = (codes: readonly string[]) => sql`ARRAY[${sql.join(codes.map((c) => sql`${c}`))}]::text[]`;

/** The figures the fund rules read, for one county and year. */
export async function fundFigures(db: Db, countyCode: string, year: number): Promise<FundFigureRow> {
  const r = await sql<FundFigureRow>`
    SELECT
      coalesce((SELECT sum(amount_fen) FROM fund_source WHERE county_code = ${countyCode} AND year = ${year}), 0)::bigint AS "integratedFen",
      coalesce((SELECT sum(a.amount_fen) FROM fund_allocation a JOIN fund_source s ON s.county_code = a.county_code AND s.id = a.source_id
                JOIN project p ON p.county_code = a.county_code AND p.id = a.project_id
                WHERE a.county_code = ${countyCode} AND s.year = ${year} AND p.type = ANY(${textArray(INDUSTRIAL_TYPES)})), 0)::bigint AS "industrialFen",
      coalesce((SELECT sum(a.amount_fen) FROM fund_allocation a JOIN fund_source s ON s.county_code = a.county_code AND s.id = a.source_id
                JOIN project p ON p.county_code = a.county_code AND p.id = a.project_id
                WHERE a.county_code = ${countyCode} AND s.year = ${year} AND p.type = ANY(${textArray(CROP_LIVESTOCK_PROCESSING_TYPES)})), 0)::bigint AS "cropLivestockProcessingFen",
      (SELECT count(*) FROM project WHERE county_code = ${countyCode} AND year = ${year} AND type = ANY(${textArray(INDUSTRIAL_TYPES)}))::int AS "industrialProjects",
      (SELECT count(*) FROM project WHERE county_code = ${countyCode} AND year = ${year} AND type = ANY(${textArray(INDUSTRIAL_TYPES)})
         AND started_on IS NOT NULL AND started_on <= make_date(${year}::int, 3, 31))::int AS "startedFirstQuarter",
      coalesce((SELECT sum(revenue_fen) FROM pv_revenue WHERE county_code = ${countyCode} AND year = ${year}), 0)::bigint AS "pvRevenueFen",
      coalesce((SELECT sum(welfare_jobs_fen) FROM pv_revenue WHERE county_code = ${countyCode} AND year = ${year}), 0)::bigint AS "pvWelfareFen"`.execute(db);
  return r.rows[0];
}

/** Registered persons of the households under a place (for the per-person fund). */
export async function personsUnder(db: Db, place: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM person pe JOIN household h ON h.county_code = pe.county_code AND h.household_no = pe.household_no
    WHERE ${codeUnder(place.slice(0, 6), 'h.county_code')} AND ${codeUnder(place, 'h.village_code')} AND h.status NOT IN ('not_poor', 'deregistered')`.execute(db);
  return r.rows[0].n;
}
