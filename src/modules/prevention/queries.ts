/** SQL of 防止返贫致贫: the households of a place with the income and 自付 costs the 口径 reads, costs, open monitoring-entry cases, urgent measures. */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { householdReach, HOUSEHOLD_COLUMNS, type HouseholdAccess } from '../../db/householdReach';
import { underPlace } from '../../db/placeScope';

export interface ScreenRow {
  countyCode: string;
  householdNo: string;
  villageCode: string;
  headName: string;
  status: string;
  monitorCategory: string | null;
  identifiedYear: number | null;
  size: number;
  income: { wages: number; production_net: number; property: number; transfer: number; production_cost: number; household_size: number } | null;
  previous: { wages: number; production_net: number; property: number; transfer: number; production_cost: number; household_size: number } | null;
  costs: Record<string, number>;
}

const incomeJson = (alias: string) => sql<ScreenRow['income']>`CASE WHEN ${sql.ref(alias + '.year')} IS NULL THEN NULL ELSE json_build_object(
  'wages', ${sql.ref(alias + '.wages')}::float8, 'production_net', ${sql.ref(alias + '.production_net')}::float8, 'property', ${sql.ref(alias + '.property')}::float8,
  'transfer', ${sql.ref(alias + '.transfer')}::float8, 'production_cost', ${sql.ref(alias + '.production_cost')}::float8, 'household_size', ${sql.ref(alias + '.household_size')}) END`;

/** Households of the place within reach (not deregistered, not still poor), with that year's and last year's income and the year's 自付 costs. */
export async function screenRows(db: Db, place: string, year: number, access: HouseholdAccess): Promise<ScreenRow[]> {
  const rows = await db
    .selectFrom('household as h')
    .leftJoin('household_income as i', (j) => j.onRef('i.county_code', '=', 'h.county_code').onRef('i.household_no', '=', 'h.household_no').on('i.year', '=', year))
    .leftJoin('household_income as p', (j) => j.onRef('p.county_code', '=', 'h.county_code').onRef('p.household_no', '=', 'h.household_no').on('p.year', '=', year - 1))
    .select([
      'h.county_code as countyCode', 'h.household_no as householdNo', 'h.village_code as villageCode', 'h.head_name as headName', 'h.status',
      'h.monitor_category as monitorCategory', 'h.identified_year as identifiedYear', 'h.size',
      incomeJson('i').as('income'), incomeJson('p').as('previous'),
      sql<Record<string, number> | null>`(SELECT json_object_agg(c.item, c.amount::float8) FROM household_cost c WHERE c.county_code = h.county_code AND c.household_no = h.household_no AND c.year = ${year})`.as('costs'),
    ])
    .where(underPlace(place, HOUSEHOLD_COLUMNS))
    .where(householdReach(access))
    .where('h.status', 'not in', ['deregistered', 'poor'])
    .orderBy('h.village_code').orderBy('h.household_no')
    .execute();
  return rows.map((r) => ({ ...r, size: Number(r.size), identifiedYear: r.identifiedYear === null ? null : Number(r.identifiedYear), costs: r.costs ?? {} }));
}

export interface CostLine {
  item: string;
  amount: number;
  note: string | null;
}

export async function costsOf(db: Db, countyCode: string, householdNo: string, year: number): Promise<CostLine[]> {
  const rows = await db.selectFrom('household_cost').select(['item', 'amount', 'note'])
    .where('county_code', '=', countyCode).where('household_no', '=', householdNo).where('year', '=', year).orderBy('item').execute();
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

export async function replaceCosts(db: Db, countyCode: string, householdNo: string, year: number, lines: CostLine[], by: string, at: Date): Promise<void> {
  await db.deleteFrom('household_cost').where('county_code', '=', countyCode).where('household_no', '=', householdNo).where('year', '=', year).execute();
  if (!lines.length) return;
  await db.insertInto('household_cost')
    .values(lines.map((l) => ({ county_code: countyCode, household_no: householdNo, year, item: l.item, amount: l.amount, note: l.note, recorded_by: by, recorded_at: at })))
    .execute();
}

export interface EntryCaseRow {
  countyCode: string;
  id: number;
  householdNo: string;
  headName: string;
  villageCode: string;
  status: string;
  stepCode: string;
  plan: { steps: { code: string; label: string; roles: string[] }[] };
  params: { discoveredOn?: string; monitorCategory?: string; source?: string };
  closedAt: Date | null;
  decidedOn: string | null;
}

function entryCases(db: Db) {
  return db
    .selectFrom('procedure_case as c')
    .innerJoin('household as h', (j) => j.onRef('h.county_code', '=', 'c.county_code').onRef('h.household_no', '=', 'c.household_no'))
    .select([
      'c.county_code as countyCode', 'c.id', 'c.household_no as householdNo', 'h.head_name as headName', 'c.village_code as villageCode', 'c.status',
      'c.step_code as stepCode', 'c.plan', 'c.params', 'c.closed_at as closedAt',
      sql<string | null>`(SELECT max(s.on_date)::text FROM procedure_step s WHERE s.county_code = c.county_code AND s.case_id = c.id AND c.status <> 'in_progress' AND s.action <> 'start')`.as('decidedOn'),
    ])
    .where('c.procedure', '=', 'monitoring_entry');
}

/** Monitoring-entry cases of the place within reach: open ones, and those closed on or after `closedSince`. */
export async function entryCaseRows(db: Db, place: string, access: HouseholdAccess, closedSince: string): Promise<EntryCaseRow[]> {
  const rows = await entryCases(db)
    .where(underPlace(place, { county: 'c.county_code', township: 'c.township_code', village: 'c.village_code' }))
    .where(householdReach(access, { county: 'c.county_code', township: 'c.township_code', village: 'c.village_code', householdNo: 'c.household_no' }))
    .where((eb) => eb.or([eb('c.status', '=', 'in_progress'), eb('c.closed_at', '>=', new Date(closedSince + 'T00:00:00+08:00'))]))
    .orderBy('c.started_at')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) })) as EntryCaseRow[];
}

export async function entryCaseRow(db: Db, id: number): Promise<EntryCaseRow | undefined> {
  const row = await entryCases(db).where('c.id', '=', id).executeTakeFirst();
  return row ? ({ ...row, id: Number(row.id) } as EntryCaseRow) : undefined;
}

export interface UrgentRow {
  id: number;
  caseId: number;
  startedOn: string;
  cause: string;
  measure: string;
  recordedBy: string | null;
}

export async function urgentMeasuresOf(db: Db, countyCode: string, caseIds: number[]): Promise<UrgentRow[]> {
  if (!caseIds.length) return [];
  const rows = await db.selectFrom('urgent_measure')
    .select(['id', 'case_id as caseId', sql<string>`started_on::text`.as('startedOn'), 'cause', 'measure', 'recorded_by as recordedBy'])
    .where('county_code', '=', countyCode).where('case_id', 'in', caseIds).orderBy('id').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), caseId: Number(r.caseId) }));
}

export async function insertUrgentMeasure(db: Db, row: { countyCode: string; caseId: number; householdNo: string; startedOn: string; cause: string; measure: string; by: string; at: Date }): Promise<number> {
  const r = await db.insertInto('urgent_measure')
    .values({ county_code: row.countyCode, case_id: row.caseId, household_no: row.householdNo, started_on: row.startedOn, cause: row.cause, measure: row.measure, recorded_by: row.by, recorded_at: row.at })
    .returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}
