/** SQL reading the registry records one household's assessment is made from. */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, type PlaceScope } from '../../db/placeScope';
import { RELOCATION_KIND, RENOVATION_KIND, STUDENT_KIND } from '../../domain/ledgers/facts';
import { INSURANCE_KIND, SIGNING_KIND } from '../../domain/ledgers/medicalFacts';
import type { HouseholdRecordRow, HouseholdRecords } from './evaluate';
import { INCOME_LEDGERS } from './ledgerSources';

const HOUSEHOLD_COLUMNS = [
  'h.county_code', 'h.household_no', 'h.village_code', 'h.township_code', 'h.head_name', 'h.status', 'h.monitor_category', 'h.exit_year', 'h.size',
  'h.food_secure', 'h.clothing_secure', 'h.house_grade', 'h.house_renovated', 'h.relocated',
  'h.water_lpd', 'h.water_quality_ok', 'h.water_trip_minutes', 'h.water_piped', 'h.water_outage_days', 'h.water_scarce_area',
  'h.water_horizontal_m', 'h.water_vertical_m', 'h.open_risk_types',
] as const;

export type HouseholdRecordsRow = HouseholdRecordRow & { county_code: string; township_code: string; head_name: string };

/** The records of the given households of one county, keyed by household number. */
export async function loadHouseholdRecords(db: Db, countyCode: string, householdNos: string[]): Promise<Map<string, HouseholdRecords & { household: HouseholdRecordsRow }>> {
  const out = new Map<string, HouseholdRecords & { household: HouseholdRecordsRow }>();
  if (!householdNos.length) return out;
  const households = await db.selectFrom('household as h').select(HOUSEHOLD_COLUMNS).where('h.county_code', '=', countyCode).where('h.household_no', 'in', householdNos).execute();
  for (const h of households) out.set(h.household_no, { household: h, persons: [], incomes: [], history: [], events: [] });
  const persons = await db
    .selectFrom('person')
    .select(['household_no', 'id_number', 'name', 'birth_date', 'schooling', 'health', 'disability_grade', 'home_schooling', 'insured_basic', 'insured_serious', 'family_doctor', 'chronic_card', 'labour'])
    .where('county_code', '=', countyCode)
    .where('household_no', 'in', householdNos)
    .orderBy('household_no')
    .orderBy('id_number')
    .execute();
  for (const p of persons) out.get(p.household_no)?.persons.push(p);
  const students = await db
    .selectFrom('ledger_record')
    .select(['household_no', 'id', 'id_number', 'year', sql<string>`data->>'stage'`.as('stage'), sql<string>`data->>'status'`.as('status'), sql<string | null>`data->>'school'`.as('school')])
    .where('county_code', '=', countyCode)
    .where('household_no', 'in', householdNos)
    .where('kind', '=', STUDENT_KIND)
    .execute();
  const housing = await db
    .selectFrom('ledger_record')
    .select(['household_no', 'id', 'kind', 'year', sql<string | null>`data->>'acceptedOn'`.as('acceptedOn'), sql<string | null>`data->>'movedInOn'`.as('movedInOn')])
    .where('county_code', '=', countyCode)
    .where('household_no', 'in', householdNos)
    .where('kind', 'in', [RENOVATION_KIND, RELOCATION_KIND])
    .execute();
  for (const r of housing) {
    const rec = out.get(r.household_no!);
    if (rec) (rec.housing ??= []).push({ id: r.id, kind: r.kind, year: r.year, acceptedOn: r.acceptedOn, movedInOn: r.movedInOn });
  }
  const memberRows = await db
    .selectFrom('ledger_record')
    .select(['household_no', 'id', 'kind', 'id_number', 'year', 'data'])
    .where('county_code', '=', countyCode)
    .where('household_no', 'in', householdNos)
    .where('kind', 'in', [SIGNING_KIND, INSURANCE_KIND, ...Object.keys(INCOME_LEDGERS)])
    .execute();
  for (const r of memberRows) {
    const rec = out.get(r.household_no!);
    if (rec) (rec.memberLedgers ??= []).push({ id: r.id, kind: r.kind, id_number: r.id_number!, year: r.year, data: r.data as Record<string, unknown> });
  }
  for (const r of students) {
    const rec = out.get(r.household_no!);
    if (rec) (rec.students ??= []).push({ id: r.id, id_number: r.id_number!, year: r.year, stage: r.stage, status: r.status, school: r.school });
  }
  const incomes = await db
    .selectFrom('household_income')
    .select(['household_no', 'year', 'wages', 'production_net', 'property', 'transfer', 'production_cost', 'household_size'])
    .where('county_code', '=', countyCode)
    .where('household_no', 'in', householdNos)
    .execute();
  for (const i of incomes) out.get(i.household_no)?.incomes.push(i);
  const history = await db
    .selectFrom('household_status_history')
    .select(['household_no', 'year', 'status', 'monitor_category'])
    .where('county_code', '=', countyCode)
    .where('household_no', 'in', householdNos)
    .execute();
  for (const s of history) out.get(s.household_no)?.history.push(s);
  const events = await db
    .selectFrom('risk_event')
    .select(['household_no', 'type', 'occurred_on', 'cost'])
    .where('county_code', '=', countyCode)
    .where('household_no', 'in', householdNos)
    .orderBy('occurred_on')
    .orderBy('id')
    .execute();
  for (const e of events) out.get(e.household_no)?.events.push(e);
  return out;
}

/** The county of a household inside the scope, or undefined. */
export async function findHouseholdPlace(db: Db, scope: PlaceScope, householdNo: string) {
  return db
    .selectFrom('household as h')
    .select(['h.county_code', 'h.township_code', 'h.village_code'])
    .where('h.household_no', '=', householdNo)
    .where(() => inScope(scope, { county: 'h.county_code', township: 'h.township_code', village: 'h.village_code' }))
    .executeTakeFirst();
}

/** Years of a household's income records, latest first. */
export async function incomeYears(db: Db, countyCode: string, householdNo: string): Promise<number[]> {
  const rows = await sql<{ year: number }>`SELECT year FROM household_income WHERE county_code = ${countyCode} AND household_no = ${householdNo} ORDER BY year DESC`.execute(db);
  return rows.rows.map((r) => r.year);
}
