/**
 * SQL of the line-department ledgers: one table (ledger_record) for every kind, the fields of a
 * row in `data` as the shape declares them. Every lookup carries the county; lists filter by
 * place with codeInScope / codeUnder on the row's place code.
 */
import { sql, type Expression, type Insertable, type SqlBool } from 'kysely';
import type { LedgerRecordTable } from '../../db/schema';
import type { Db } from '../../db/database';
import { codeInScope, codeUnder, inScope, type PlaceScope } from '../../db/placeScope';
import { AID_ENTITLEMENT, entitledItems } from '../../domain/ledgers/aid';
import { STUDENT_KIND } from '../../domain/ledgers/facts';

export interface RegistryPerson {
  county_code: string;
  id_number: string;
  name: string;
  household_no: string;
  village_code: string;
  township_code: string;
}

/** Registry persons with these ID numbers (any county: an ID number is registered once). */
export async function personsByIdNumbers(db: Db, ids: readonly string[]): Promise<RegistryPerson[]> {
  const out: RegistryPerson[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    out.push(
      ...(await db
        .selectFrom('person as p')
        .innerJoin('household as h', (j) => j.onRef('h.county_code', '=', 'p.county_code').onRef('h.household_no', '=', 'p.household_no'))
        .select(['p.county_code', 'p.id_number', 'p.name', 'p.household_no', 'h.village_code', 'h.township_code'])
        .where('p.id_number', 'in', chunk)
        .execute()),
    );
  }
  return out;
}

/** Registry households with these numbers inside the scope. */
export async function householdsInScope(db: Db, scope: PlaceScope, nos: readonly string[]) {
  const out: { county_code: string; household_no: string; village_code: string }[] = [];
  for (let i = 0; i < nos.length; i += 1000) {
    out.push(
      ...(await db
        .selectFrom('household as h')
        .select(['h.county_code', 'h.household_no', 'h.village_code'])
        .where('h.household_no', 'in', nos.slice(i, i + 1000))
        .where(() => inScope(scope, { county: 'h.county_code', township: 'h.township_code', village: 'h.village_code' }))
        .execute()),
    );
  }
  return out;
}

/** A record to write: the table's columns but the ids and stamps, with `data` as an object. */
export type NewRecord = Omit<Insertable<LedgerRecordTable>, 'id' | 'data' | 'created_at' | 'created_by' | 'updated_at' | 'updated_by'> & { data: Record<string, unknown> };

/** Insert or replace (by kind, year and key) records; returns how many were new and the ids in order. */
export async function upsertRecords(db: Db, rows: readonly NewRecord[], at: Date, by: string | null): Promise<{ created: number; updated: number; ids: number[] }> {
  let created = 0;
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows.slice(i, i + 500).map((r) => ({ ...r, data: JSON.stringify(r.data), created_at: at, created_by: by, updated_at: at, updated_by: by }));
    const result = await db
      .insertInto('ledger_record')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['county_code', 'kind', 'year', 'record_key']).doUpdateSet((eb) => ({
          data: eb.ref('excluded.data'),
          place_code: eb.ref('excluded.place_code'),
          household_no: eb.ref('excluded.household_no'),
          id_number: eb.ref('excluded.id_number'),
          registered: eb.ref('excluded.registered'),
          updated_at: eb.ref('excluded.updated_at'),
          updated_by: eb.ref('excluded.updated_by'),
        })),
      )
      .returning(['id', sql<boolean>`(xmax = 0)`.as('inserted')])
      .execute();
    created += result.filter((r) => r.inserted).length;
    ids.push(...result.map((r) => Number(r.id)));
  }
  return { created, updated: rows.length - created, ids };
}

export interface RecordRow {
  county_code: string;
  id: number;
  kind: string;
  year: number;
  place_code: string;
  household_no: string | null;
  id_number: string | null;
  registered: boolean;
  data: Record<string, unknown>;
  updated_at: Date;
  updated_by: string | null;
}

const RECORD_COLUMNS = ['r.county_code', 'r.id', 'r.kind', 'r.year', 'r.place_code', 'r.household_no', 'r.id_number', 'r.registered', 'r.data', 'r.updated_at', 'r.updated_by'] as const;

export async function recordById(db: Db, countyCode: string, id: number): Promise<RecordRow | undefined> {
  return db.selectFrom('ledger_record as r').select(RECORD_COLUMNS).where('r.county_code', '=', countyCode).where('r.id', '=', id).executeTakeFirst();
}

export async function updateRecordData(db: Db, countyCode: string, id: number, data: Record<string, unknown>, at: Date, by: string | null): Promise<void> {
  await db.updateTable('ledger_record').set({ data: JSON.stringify(data), updated_at: at, updated_by: by }).where('county_code', '=', countyCode).where('id', '=', id).execute();
}

export interface RecordFilter {
  kind: string;
  place: string;
  year?: number;
  /** Name or ID number (exact). */
  q?: string;
  registered?: boolean;
  /** Enum fields' values (`data->>key = value`). */
  fields: Record<string, string>;
}

function filterWhere(scope: PlaceScope, f: RecordFilter): Expression<SqlBool> {
  const parts = [sql<SqlBool>`r.kind = ${f.kind}`, codeInScope(scope, 'r.place_code'), codeUnder(f.place, 'r.place_code')];
  if (f.year !== undefined) parts.push(sql<SqlBool>`r.year = ${f.year}`);
  if (f.registered !== undefined) parts.push(sql<SqlBool>`r.registered = ${f.registered}`);
  if (f.q) parts.push(sql<SqlBool>`(r.id_number = ${f.q.toUpperCase()} OR r.household_no = ${f.q} OR r.data->>'name' = ${f.q})`);
  for (const [k, v] of Object.entries(f.fields)) parts.push(sql<SqlBool>`r.data->>${k} = ${v}`);
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

export async function listRecords(db: Db, scope: PlaceScope, f: RecordFilter, page: { page: number; pageSize: number } | null): Promise<{ total: number; rows: RecordRow[] }> {
  const where = filterWhere(scope, f);
  const total = page ? Number((await db.selectFrom('ledger_record as r').select(sql<number>`count(*)::int`.as('n')).where(where).executeTakeFirstOrThrow()).n) : 0;
  let query = db.selectFrom('ledger_record as r').select(RECORD_COLUMNS).where(where).orderBy('r.place_code').orderBy('r.county_code').orderBy('r.id');
  if (page) query = query.limit(page.pageSize).offset((page.page - 1) * page.pageSize);
  const rows = await query.execute();
  return { total: page ? total : rows.length, rows };
}

/** A household's records of the given kinds, newest year first. */
export async function householdRecords(db: Db, countyCode: string, householdNo: string, kinds: readonly string[]): Promise<RecordRow[]> {
  if (!kinds.length) return [];
  return db
    .selectFrom('ledger_record as r')
    .select(RECORD_COLUMNS)
    .where('r.county_code', '=', countyCode)
    .where('r.household_no', '=', householdNo)
    .where('r.kind', 'in', kinds)
    .orderBy('r.kind')
    .orderBy('r.year', 'desc')
    .orderBy('r.id')
    .execute();
}

/** SQL array literal of text codes (codes come from policy data: letters and underscores). */
const textArray = (items: readonly string[]) => sql.raw(`ARRAY[${items.map((i) => `'${i.replace(/'/g, "''")}'`).join(',')}]::text[]`);

/** The items that satisfy 应助尽助 for the student row `s`, as SQL (policy data inlined). */
function entitledItemsSql() {
  const cases = Object.keys(AID_ENTITLEMENT.stages).map((stage) => {
    const day = entitledItems(stage, false)!;
    const boarder = entitledItems(stage, true)!;
    return sql`WHEN ${stage} THEN CASE WHEN (s.data->>'boarder')::boolean IS TRUE THEN ${textArray(boarder)} ELSE ${textArray(day)} END`;
  });
  return sql`CASE s.data->>'stage' ${sql.join(cases, sql` `)} END`;
}

/**
 * 应助尽助: registered students (household poor, returned or exited) in school in the school year
 * at a stage with aid items, without an aid record of an item that stage counts.
 */
export async function aidGaps(db: Db, scope: PlaceScope, place: string, year: number, limit: number) {
  const rows = await sql<RecordRow & { household_status: string; total: number }>`
    SELECT s.county_code, s.id, s.kind, s.year, s.place_code, s.household_no, s.id_number, s.registered, s.data, s.updated_at, s.updated_by,
      h.status AS household_status, count(*) OVER ()::int AS total
    FROM ledger_record s
    JOIN household h ON h.county_code = s.county_code AND h.household_no = s.household_no
    WHERE s.kind = ${STUDENT_KIND} AND s.year = ${year} AND ${codeInScope(scope, 's.place_code')} AND ${codeUnder(place, 's.place_code')}
      AND s.data->>'status' = ANY(${textArray(AID_ENTITLEMENT.inSchool)})
      AND h.status = ANY(${textArray(AID_ENTITLEMENT.statuses)})
      AND ${entitledItemsSql()} IS NOT NULL
      AND NOT EXISTS (
        SELECT 1 FROM ledger_record a
        WHERE a.county_code = s.county_code AND a.id_number = s.id_number AND a.kind = 'edu_aid' AND a.year = s.year
          AND a.data->>'item' = ANY(${entitledItemsSql()}))
    ORDER BY s.place_code, s.county_code, s.id
    LIMIT ${limit}`.execute(db);
  return { total: rows.rows[0]?.total ?? 0, rows: rows.rows };
}

/** Students in school by stage and the aided ones, per child place of `place` (place columns of the record's place code). */
export async function studentCoverage(db: Db, scope: PlaceScope, place: string, year: number, childLength: number) {
  const child = sql.raw(`substr(s.place_code, 1, ${childLength})`);
  const rows = await sql<{ place: string; stage: string; students: number; registered: number; aided: number }>`
    SELECT ${child} AS place, s.data->>'stage' AS stage, count(*)::int AS students, count(*) FILTER (WHERE s.registered)::int AS registered,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ledger_record a WHERE a.county_code = s.county_code AND a.id_number = s.id_number AND a.kind = 'edu_aid' AND a.year = s.year))::int AS aided
    FROM ledger_record s
    WHERE s.kind = ${STUDENT_KIND} AND s.year = ${year} AND s.data->>'status' = 'in_school'
      AND ${codeInScope(scope, 's.place_code')} AND ${codeUnder(place, 's.place_code')}
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(db);
  return rows.rows;
}

/** Household statuses 应保尽保 checks (POLICY §9: poor, exited, monitored; 返贫 counts as poor). */
export const ASSISTANCE_CHECKED_STATUSES = ['poor', 'returned', 'exited', 'monitored'];

/**
 * 应保尽保 (POLICY §9, "to verify"): registered households in the place whose per-capita net
 * income of the year is below the 低保 standard and with no member 在保 in 低保 or 特困 on
 * 31 December of the year (a social-assistance record begun by then and not ended before).
 */
export async function assistanceGaps(db: Db, scope: PlaceScope, place: string, year: number, standard: number, limit: number) {
  const yearEnd = `${year}-12-31`;
  const rows = await sql<{ county_code: string; household_no: string; village_code: string; head_name: string; status: string; per_capita_net: number; household_size: number; total: number }>`
    SELECT h.county_code, h.household_no, h.village_code, h.head_name, h.status, i.per_capita_net, i.household_size, count(*) OVER ()::int AS total
    FROM household h
    JOIN household_income i ON i.county_code = h.county_code AND i.household_no = h.household_no AND i.year = ${year}
    WHERE ${inScope(scope, { county: 'h.county_code', township: 'h.township_code', village: 'h.village_code' })}
      AND ${codeUnder(place, 'h.village_code')}
      AND h.status = ANY(${textArray(ASSISTANCE_CHECKED_STATUSES)}) AND i.per_capita_net < ${standard}
      AND NOT EXISTS (
        SELECT 1 FROM ledger_record r
        WHERE r.county_code = h.county_code AND r.household_no = h.household_no AND r.kind = 'social_assistance'
          AND r.data->>'type' IN ('dibao', 'tekun') AND r.data->>'startedOn' <= ${yearEnd}
          AND (r.data->>'endedOn' IS NULL OR r.data->>'endedOn' > ${yearEnd}))
    ORDER BY h.village_code, h.county_code, h.household_no
    LIMIT ${limit}`.execute(db);
  return { total: rows.rows[0]?.total ?? 0, rows: rows.rows };
}
