/**
 * SQL of the registry: households, members, incomes and status history, always inside the
 * caller's reach (place scope, and for a pairing cadre his paired households). The `locate…`
 * queries alone ignore the reach: they find a record so that the route can refuse it (404 and
 * an audited 'access.refused') when it lies outside.
 */
import { sql, type Expression, type SqlBool, type Selectable } from 'kysely';
import type { Db } from '../../db/database';
import { markRollupsStale } from '../../db/rollupMarks';
import type { HouseholdIncomeTable, HouseholdTable, PersonTable } from '../../db/schema';
import { householdReach, type HouseholdAccess } from '../../db/householdReach';
import { underPlace, type PlaceColumns } from '../../db/placeScope';
import type { SortKey } from './schemas';

export type HouseholdRow = Selectable<HouseholdTable>;
export type PersonRow = Selectable<PersonTable>;

/** What the list, the export and the count filter on, already validated and normalised. */
export interface HouseholdCriteria {
  place?: string;
  status?: string;
  attribute?: string;
  cause?: string;
  year?: number;
  /** A name prefix (head or any member) or a full 18-character ID number. */
  search?: { namePrefix: string } | { idNumber: string };
}

const HOUSEHOLD_PLACE: PlaceColumns = { county: 'h.county_code', township: 'h.township_code', village: 'h.village_code' };

function likePrefix(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
}

/** Households within reach that meet the criteria (alias h). */
export function matchingHouseholds(db: Db, access: HouseholdAccess, c: HouseholdCriteria) {
  const conditions: Expression<SqlBool>[] = [householdReach(access)];
  if (c.place && c.place !== '0') conditions.push(underPlace(c.place, HOUSEHOLD_PLACE));
  if (c.status && c.year === undefined) conditions.push(sql<SqlBool>`h.status = ${c.status}`);
  if (c.attribute) conditions.push(sql<SqlBool>`h.attribute = ${c.attribute}`);
  if (c.cause) conditions.push(sql<SqlBool>`(h.main_cause = ${c.cause} OR ${c.cause} = ANY(h.other_causes))`);
  if (c.year !== undefined) {
    const statusTest = c.status ? sql`AND s.status = ${c.status}` : sql``;
    conditions.push(sql<SqlBool>`EXISTS (SELECT 1 FROM household_status_history s
      WHERE s.county_code = h.county_code AND s.household_no = h.household_no AND s.year = ${c.year} ${statusTest})`);
  }
  if (c.search && 'namePrefix' in c.search) {
    const pattern = likePrefix(c.search.namePrefix);
    conditions.push(sql<SqlBool>`(h.head_name LIKE ${pattern} OR EXISTS (SELECT 1 FROM person p
      WHERE p.county_code = h.county_code AND p.household_no = h.household_no AND p.name LIKE ${pattern}))`);
  } else if (c.search) {
    const id = c.search.idNumber;
    conditions.push(sql<SqlBool>`(h.head_id_number = ${id} OR EXISTS (SELECT 1 FROM person p
      WHERE p.county_code = h.county_code AND p.household_no = h.household_no AND p.id_number = ${id}))`);
  }
  return db.selectFrom('household as h').where((eb) => eb.and(conditions));
}

export async function countHouseholds(db: Db, access: HouseholdAccess, criteria: HouseholdCriteria): Promise<number> {
  const row = await matchingHouseholds(db, access, criteria)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const SORT_COLUMNS: Record<SortKey, string> = {
  householdNo: 'h.household_no',
  headName: 'h.head_name',
  villageCode: 'h.village_code',
  size: 'h.size',
  identifiedYear: 'h.identified_year',
  exitYear: 'h.exit_year',
  status: 'h.status',
  attribute: 'h.attribute',
  mainCause: 'h.main_cause',
  perCapitaNet: 'per_capita_net',
};

export interface HouseholdListRow {
  household_no: string;
  county_code: string;
  village_code: string;
  head_name: string;
  head_id_number: string | null;
  attribute: string;
  status: string;
  monitor_category: string | null;
  main_cause: string | null;
  size: number;
  identified_year: number | null;
  exit_year: number | null;
  per_capita_net: number | null;
  county_name: string | null;
  township_name: string | null;
  village_name: string | null;
}

/** One page of households with their place names and latest per-capita net income: one query. */
export async function householdPage(
  db: Db,
  access: HouseholdAccess,
  criteria: HouseholdCriteria,
  page: { offset: number; limit: number; sort: SortKey; order: 'asc' | 'desc'; after?: string },
): Promise<HouseholdListRow[]> {
  // Keyset (sorted by household number): the key's index from `after` on, no rows skipped by OFFSET.
  const keyset = page.after === undefined ? sql<SqlBool>`true` : page.order === 'desc' ? sql<SqlBool>`h.household_no < ${page.after}` : sql<SqlBool>`h.household_no > ${page.after}`;
  return matchingHouseholds(db, access, criteria)
    .where(keyset)
    .leftJoin('place as pc', 'pc.code', 'h.county_code')
    .leftJoin('place as pt', 'pt.code', 'h.township_code')
    .leftJoin('place as pv', 'pv.code', 'h.village_code')
    .select([
      'h.household_no',
      'h.county_code',
      'h.village_code',
      'h.head_name',
      'h.head_id_number',
      'h.attribute',
      'h.status',
      'h.monitor_category',
      'h.main_cause',
      'h.size',
      'h.identified_year',
      'h.exit_year',
      'pc.name as county_name',
      'pt.name as township_name',
      'pv.name as village_name',
      sql<number | null>`(SELECT i.per_capita_net FROM household_income i
        WHERE i.county_code = h.county_code AND i.household_no = h.household_no ORDER BY i.year DESC LIMIT 1)`.as('per_capita_net'),
    ])
    .orderBy(sql.ref(SORT_COLUMNS[page.sort]), (ob) => (page.order === 'desc' ? ob.desc() : ob.asc()).nullsLast())
    .orderBy('h.household_no')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export type HouseholdWithPlace = HouseholdRow & { county_name: string | null; township_name: string | null; village_name: string | null };

/** Where a household is, whoever asks (undefined when unknown): for refusing it when out of reach. */
export async function locateHousehold(db: Db, householdNo: string): Promise<{ county_code: string; household_no: string; village_code: string } | undefined> {
  return db.selectFrom('household').select(['county_code', 'household_no', 'village_code']).where('household_no', '=', householdNo).executeTakeFirst();
}

/** Where a member is, whoever asks (undefined when the household has no such member). */
export async function locateMember(
  db: Db,
  householdNo: string,
  memberKey: string,
): Promise<{ county_code: string; household_no: string; village_code: string } | undefined> {
  return db
    .selectFrom('person as p')
    .innerJoin('household as h', (j) => j.onRef('h.county_code', '=', 'p.county_code').onRef('h.household_no', '=', 'p.household_no'))
    .select(['h.county_code', 'h.household_no', 'h.village_code'])
    .where('p.household_no', '=', householdNo)
    .where('p.member_key', '=', memberKey)
    .executeTakeFirst();
}

/** One household with its place names, or undefined when unknown or out of reach. */
export async function householdByNo(db: Db, access: HouseholdAccess, householdNo: string, forUpdate = false): Promise<HouseholdWithPlace | undefined> {
  const query = matchingHouseholds(db, access, {})
    .leftJoin('place as pc', 'pc.code', 'h.county_code')
    .leftJoin('place as pt', 'pt.code', 'h.township_code')
    .leftJoin('place as pv', 'pv.code', 'h.village_code')
    .selectAll('h')
    .select(['pc.name as county_name', 'pt.name as township_name', 'pv.name as village_name'])
    .where('h.household_no', '=', householdNo);
  return (forUpdate ? query.forUpdate('h') : query).executeTakeFirst();
}

/** Members of a household, the head first, then by birth date. */
export async function membersOf(db: Db, countyCode: string, householdNo: string): Promise<PersonRow[]> {
  return db
    .selectFrom('person')
    .selectAll()
    .where('county_code', '=', countyCode)
    .where('household_no', '=', householdNo)
    .orderBy(sql`relation = 'head'`, (ob) => ob.desc())
    .orderBy('birth_date')
    .orderBy('id_number')
    .execute();
}

export async function incomesOf(db: Db, countyCode: string, householdNo: string) {
  return db
    .selectFrom('household_income')
    .selectAll()
    .where('county_code', '=', countyCode)
    .where('household_no', '=', householdNo)
    .orderBy('year')
    .execute();
}

export async function statusHistoryOf(db: Db, countyCode: string, householdNo: string) {
  return db
    .selectFrom('household_status_history')
    .select(['year', 'status', 'monitor_category', 'reason'])
    .where('county_code', '=', countyCode)
    .where('household_no', '=', householdNo)
    .orderBy('year')
    .execute();
}

/** The household an ID number is registered in (anywhere, whatever the scope), for refusing duplicates. */
export async function householdOfIdNumber(db: Db, idNumber: string): Promise<{ household_no: string; head_name: string; name: string; county_code: string; village_code: string } | undefined> {
  return db
    .selectFrom('person as p')
    .innerJoin('household as h', (j) => j.onRef('h.county_code', '=', 'p.county_code').onRef('h.household_no', '=', 'p.household_no'))
    .select(['h.household_no', 'h.head_name', 'p.name', 'h.county_code', 'h.village_code'])
    .where('p.id_number', '=', idNumber)
    .executeTakeFirst();
}

/** A member of a household within reach, with the household's village, locked for an update. */
export async function memberForUpdate(db: Db, access: HouseholdAccess, householdNo: string, memberKey: string): Promise<(PersonRow & { village_code: string }) | undefined> {
  return db
    .selectFrom('person as p')
    .innerJoin('household as h', (j) => j.onRef('h.county_code', '=', 'p.county_code').onRef('h.household_no', '=', 'p.household_no'))
    .selectAll('p')
    .select('h.village_code')
    .where('p.household_no', '=', householdNo)
    .where('p.member_key', '=', memberKey)
    .where(householdReach(access))
    .forUpdate('p')
    .executeTakeFirst();
}

/** The head member of a household other than `exceptId`, if any. */
export async function otherHead(db: Db, countyCode: string, householdNo: string, exceptId: string): Promise<PersonRow | undefined> {
  return db
    .selectFrom('person')
    .selectAll()
    .where('county_code', '=', countyCode)
    .where('household_no', '=', householdNo)
    .where('relation', '=', 'head')
    .where('id_number', '<>', exceptId)
    .executeTakeFirst();
}

export type PersonValues = Omit<PersonRow, 'created_at' | 'updated_at' | 'member_key'>;

export async function insertPerson(db: Db, person: PersonValues): Promise<PersonRow> {
  const row = await db.insertInto('person').values(person).returningAll().executeTakeFirstOrThrow();
  // Marked after the write: outside a transaction a refresh between the two would otherwise miss it.
  await markRollupsStale(db, [person.county_code]);
  return row;
}

export async function updatePerson(db: Db, countyCode: string, idNumber: string, changes: Partial<PersonValues>): Promise<PersonRow> {
  const row = await db
    .updateTable('person')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('county_code', '=', countyCode)
    .where('id_number', '=', idNumber)
    .returningAll()
    .executeTakeFirstOrThrow();
  await markRollupsStale(db, [countyCode]);
  return row;
}

export type HouseholdChanges = Partial<Omit<HouseholdRow, 'county_code' | 'household_no' | 'created_at' | 'updated_at'>>;

/** Update a household's own fields and keep its size equal to its member count. */
export async function updateHouseholdRecord(db: Db, countyCode: string, householdNo: string, changes: HouseholdChanges): Promise<void> {
  await db
    .updateTable('household as h')
    .set({
      ...changes,
      size: sql<number>`(SELECT count(*) FROM person p WHERE p.county_code = h.county_code AND p.household_no = h.household_no)`,
      updated_at: sql<Date>`now()`,
    })
    .where('h.county_code', '=', countyCode)
    .where('h.household_no', '=', householdNo)
    .execute();
  await markRollupsStale(db, [countyCode]);
}

/** An audit event about a household or one of its members, as its timeline shows it. */
export interface HouseholdEventRow {
  id: number;
  at: Date;
  username: string | null;
  role: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  before: unknown;
  after: unknown;
  member_name: string | null;
}

/**
 * Change events (actions 'household.*' and 'member.*') whose object is the household or one of
 * its members (by member key), newest first, at most `limit`.
 */
export async function householdEvents(db: Db, countyCode: string, householdNo: string, limit: number): Promise<HouseholdEventRow[]> {
  const rows = await sql<HouseholdEventRow>`
    SELECT e.id, e.at, e.username, e.role, e.action, e.object_type, e.object_id, e.before, e.after, p.name AS member_name
    FROM audit_event e
    LEFT JOIN person p ON e.object_type = 'person' AND p.county_code = ${countyCode} AND p.member_key::text = e.object_id
    WHERE (e.action LIKE 'household.%' OR e.action LIKE 'member.%')
      AND ((e.object_type = 'household' AND e.object_id = ${householdNo})
        OR (e.object_type = 'person' AND e.object_id IN (
          SELECT m.member_key::text FROM person m WHERE m.county_code = ${countyCode} AND m.household_no = ${householdNo})))
    ORDER BY e.id DESC
    LIMIT ${limit}`.execute(db);
  return rows.rows;
}

export type IncomeRow = Selectable<HouseholdIncomeTable>;
export type IncomeValues = Omit<IncomeRow, 'county_code' | 'household_no' | 'year'>;

/** One year's income record of a household (locked for update), or undefined. */
export async function incomeForUpdate(db: Db, countyCode: string, householdNo: string, year: number): Promise<IncomeRow | undefined> {
  return db
    .selectFrom('household_income')
    .selectAll()
    .where('county_code', '=', countyCode)
    .where('household_no', '=', householdNo)
    .where('year', '=', year)
    .forUpdate()
    .executeTakeFirst();
}

/** Write one year's income record of a household (insert, or replace its values). */
export async function upsertIncome(db: Db, countyCode: string, householdNo: string, year: number, values: IncomeValues): Promise<void> {
  await db
    .insertInto('household_income')
    .values({ county_code: countyCode, household_no: householdNo, year, ...values })
    .onConflict((oc) => oc.columns(['county_code', 'household_no', 'year']).doUpdateSet(values))
    .execute();
}

export async function deleteIncome(db: Db, countyCode: string, householdNo: string, year: number): Promise<void> {
  await db.deleteFrom('household_income').where('county_code', '=', countyCode).where('household_no', '=', householdNo).where('year', '=', year).execute();
}
