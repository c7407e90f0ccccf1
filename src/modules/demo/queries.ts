/** SQL of the demo module: reading the demo regions' places, checking for demo households, COPY. */
import { sql } from 'kysely';
import type { Db, Session } from '../../db/database';
import { copyLine } from '../../db/database';
import type { CountyRows } from './generate';
import type { DemoPlaces, TownshipPlace } from './specs';

/** Townships and villages under the given code prefixes. */
export async function readDemoPlaces(db: Db, prefixes: readonly string[]): Promise<DemoPlaces> {
  const rows = await db
    .selectFrom('place')
    .select(['code', 'name', 'level', 'parent_code'])
    .where('level', 'in', [4, 5])
    .where((eb) => eb.or(prefixes.map((p) => eb('code', 'like', p + '%'))))
    .orderBy('code')
    .execute();
  const townships = new Map<string, TownshipPlace>();
  for (const r of rows) if (r.level === 4) townships.set(r.code, { code: r.code, name: r.name, villages: [] });
  for (const r of rows) if (r.level === 5 && r.parent_code) townships.get(r.parent_code)?.villages.push({ code: r.code, name: r.name });
  return townships;
}

/** Households already registered in the given counties, per county. */
export async function countHouseholdsByCounty(db: Db, countyCodes: readonly string[]): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('household')
    .select(['county_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('county_code', 'in', [...countyCodes])
    .groupBy('county_code')
    .execute();
  return new Map(rows.map((r) => [r.county_code, Number(r.n)]));
}

export async function registryIsEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('household').select(sql<number>`1`.as('one')).limit(1).executeTakeFirst();
  return row === undefined;
}

const DEMO_LOCK = 7_270_101;

/** Serialises demo loads: held until the transaction ends. */
export async function lockDemoLoad(tx: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${sql.lit(DEMO_LOCK)})`.execute(tx);
}

const HOUSEHOLD_COLUMNS = [
  'county_code', 'household_no', 'village_code', 'township_code', 'head_name', 'head_id_number', 'phone', 'attribute', 'status',
  'identified_year', 'planned_exit_year', 'exit_year', 'main_cause', 'other_causes', 'size', 'food_secure', 'clothing_secure',
  'house_grade', 'house_renovated', 'relocated', 'water_lpd', 'water_quality_ok', 'water_trip_minutes', 'water_piped',
  'water_outage_days', 'water_scarce_area',
] as const;

const PERSON_COLUMNS = [
  'county_code', 'id_number', 'household_no', 'name', 'sex', 'birth_date', 'relation', 'ethnicity', 'education', 'schooling',
  'health', 'disability_grade', 'labour', 'work_status', 'insured_basic', 'insured_serious', 'insured_commercial',
  'insured_pension', 'family_doctor', 'chronic_card', 'home_schooling', 'phone',
] as const;

const HISTORY_COLUMNS = ['county_code', 'household_no', 'year', 'status', 'reason'] as const;

const INCOME_COLUMNS = [
  'county_code', 'household_no', 'year', 'wages', 'production_net', 'property', 'transfer', 'production_cost', 'household_size', 'per_capita_net',
] as const;

/** COPY text in chunks of about 1 MB. */
function* copyChunks<T>(rows: readonly T[], columns: readonly (keyof T)[]): Generator<string> {
  let lines: string[] = [];
  let size = 0;
  for (const row of rows) {
    const line = copyLine(columns.map((c) => row[c]));
    lines.push(line);
    size += line.length;
    if (size >= 1 << 20) {
      yield lines.join('');
      lines = [];
      size = 0;
    }
  }
  if (lines.length > 0) yield lines.join('');
}

async function copyRows<T>(s: Session, table: string, columns: readonly (keyof T & string)[], rows: readonly T[]): Promise<void> {
  if (rows.length === 0) return;
  await s.copyIn(`COPY ${table} (${columns.join(', ')}) FROM STDIN`, copyChunks(rows, columns));
}

/** Write one county's rows (inside the caller's transaction). */
export async function copyCountyRows(s: Session, rows: CountyRows): Promise<void> {
  await copyRows(s, 'household', HOUSEHOLD_COLUMNS, rows.households);
  await copyRows(s, 'person', PERSON_COLUMNS, rows.persons);
  await copyRows(s, 'household_status_history', HISTORY_COLUMNS, rows.history);
  await copyRows(s, 'household_income', INCOME_COLUMNS, rows.incomes);
}

/** The village of a township with the most poor households, and up to `limit` of its poor households. */
export async function busiestPoorVillage(db: Db, townshipCode: string, limit: number): Promise<{ villageCode: string; households: { countyCode: string; householdNo: string }[] } | null> {
  const top = await db
    .selectFrom('household')
    .select(['village_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('township_code', '=', townshipCode)
    .where('status', '=', 'poor')
    .groupBy('village_code')
    .orderBy('n', 'desc')
    .orderBy('village_code')
    .limit(1)
    .executeTakeFirst();
  if (!top) return null;
  const households = await db
    .selectFrom('household')
    .select(['county_code as countyCode', 'household_no as householdNo'])
    .where('village_code', '=', top.village_code)
    .where('status', '=', 'poor')
    .orderBy('household_no')
    .limit(limit)
    .execute();
  return { villageCode: top.village_code, households };
}
