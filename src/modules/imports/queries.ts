/**
 * SQL of the registry import. Valid rows are copied into a temporary staging table inside one
 * session and one transaction; checks and writes are then set-based statements over it. Column
 * lists are built from the column specification (constants, never user text).
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db, Session } from '../../db/database';
import { inScope, type PlaceScope } from '../../db/placeScope';
import { HOUSEHOLD_COLUMNS, PERSON_COLUMNS, type ColumnKind, type ColumnSpec } from './columns';

const LOCK_KEY = 7_270_002;
/** Database-side problems reported per kind of check; the file is refused after the first. */
export const PROBLEM_LIMIT = 1000;

const SQL_TYPES: Record<ColumnKind, string> = {
  householdNo: 'text',
  text: 'text',
  name: 'text',
  villageCode: 'text',
  phone: 'text',
  enum: 'text',
  causes: 'text[]',
  codes: 'text[]',
  date: 'date',
  metres: 'numeric(7,1)',
  bool: 'boolean',
  year: 'smallint',
  count: 'smallint',
  litres: 'numeric(6,1)',
  money: 'numeric(12,2)',
  idNumber: 'text',
  disabilityGrade: 'smallint',
};

/** SQL type of a column in the staging tables. */
export const stagedType = (column: ColumnSpec) => SQL_TYPES[column.kind];
const stagedColumns = (columns: readonly ColumnSpec[]) => columns.map((c) => `${c.key} ${SQL_TYPES[c.kind]}`).join(', ');

/** Staging columns in the order RowChecker writes them. */
export const STAGE_COPY =
  'COPY import_row (row_no, carrier, household_no, id_number, sex, birth_date, ' +
  [...PERSON_COLUMNS, ...HOUSEHOLD_COLUMNS].map((c) => c.key).join(', ') +
  ') FROM STDIN';

/** Within the import's transaction: one import at a time, generous sort memory. */
export async function beginImport(s: Session): Promise<void> {
  await s.exec(`SELECT pg_advisory_xact_lock(${LOCK_KEY}); SET LOCAL work_mem = '256MB'`);
}

/** The staging table of the person rows. */
export async function createStaging(s: Session): Promise<void> {
  await s.exec(`CREATE TEMP TABLE import_row (
      row_no integer NOT NULL, carrier boolean NOT NULL, household_no text NOT NULL,
      id_number text NOT NULL, sex text NOT NULL, birth_date date NOT NULL,
      ${stagedColumns(PERSON_COLUMNS)}, ${stagedColumns(HOUSEHOLD_COLUMNS)}
    ) ON COMMIT DROP;`);
}

export async function analyseStaging(s: Session): Promise<void> {
  await s.exec('SET LOCAL default_statistics_target = 10; ANALYZE import_row');
}

export interface PlaceNameRow {
  province: string;
  city: string;
  county: string;
  township: string;
  village: string;
}

/** Households whose 村代码 is not a village in the place table. */
export async function unknownVillageCodes(db: Db) {
  const result = await sql<{ row: number; householdNo: string; code: string }>`
    SELECT r.row_no AS row, r.household_no AS "householdNo", r.village_code AS code
    FROM import_row r
    WHERE r.carrier AND r.village_code IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM place p WHERE p.code = r.village_code AND p.level = 5)
    ORDER BY r.row_no LIMIT ${PROBLEM_LIMIT}`.execute(db);
  return result.rows;
}

/** Each distinct combination of place names given without a 村代码. */
export async function distinctPlaceNames(db: Db): Promise<PlaceNameRow[]> {
  const result = await sql<PlaceNameRow>`
    SELECT DISTINCT province, city, county, township, village FROM import_row
    WHERE carrier AND village_code IS NULL`.execute(db);
  return result.rows;
}

/** Fill in the village codes resolved from names (one statement for all combinations). */
export async function setResolvedVillages(db: Db, resolved: (PlaceNameRow & { code: string })[]): Promise<void> {
  if (resolved.length === 0) return;
  const values = resolved.map((r) => sql`(${r.province}, ${r.city}, ${r.county}, ${r.township}, ${r.village}, ${r.code})`);
  await sql`
    UPDATE import_row r SET village_code = v.code
    FROM (VALUES ${sql.join(values)}) AS v (province, city, county, township, village, code)
    WHERE r.carrier AND r.village_code IS NULL
      AND (r.province, r.city, r.county, r.township, r.village) = (v.province, v.city, v.county, v.township, v.village)`.execute(db);
}

/** First rows of the households with these place names (to report an unresolved place). */
export async function rowsWithPlaceNames(db: Db, names: PlaceNameRow) {
  const result = await sql<{ row: number; householdNo: string }>`
    SELECT row_no AS row, household_no AS "householdNo" FROM import_row
    WHERE carrier AND village_code IS NULL
      AND (province, city, county, township, village) = (${names.province}, ${names.city}, ${names.county}, ${names.township}, ${names.village})
    ORDER BY row_no LIMIT ${PROBLEM_LIMIT}`.execute(db);
  return result.rows;
}

/**
 * One row per household of the file: its columns, its place codes, members in the file, the head
 * found in the file, and members already in the database that the file does not list.
 */
export async function stageHouseholds(s: Session): Promise<void> {
  const columns = HOUSEHOLD_COLUMNS.filter((c) => c.key !== 'village_code').map((c) => 'r.' + c.key).join(', ');
  await s.exec(`
    CREATE TEMP TABLE import_household ON COMMIT DROP AS
    SELECT r.row_no, r.household_no, r.village_code, left(r.village_code, 6) AS county_code, left(r.village_code, 9) AS township_code,
      ${columns}, m.members, m.head_member_name, m.head_id, 0 AS others
    FROM import_row r
    JOIN (SELECT household_no, count(*)::integer AS members,
                 min(name) FILTER (WHERE relation = 'head') AS head_member_name,
                 min(id_number) FILTER (WHERE relation = 'head') AS head_id
          FROM import_row GROUP BY household_no) m USING (household_no)
    WHERE r.carrier;
    ANALYZE import_household;
    UPDATE import_household h SET others = x.n
    FROM (SELECT p.county_code, p.household_no, count(*)::integer AS n
          FROM person p JOIN import_household i ON (p.county_code, p.household_no) = (i.county_code, i.household_no)
          WHERE NOT EXISTS (SELECT 1 FROM import_row r WHERE r.id_number = p.id_number)
          GROUP BY 1, 2) x
    WHERE (h.county_code, h.household_no) = (x.county_code, x.household_no);`);
}

/** Households of the file that lie outside the importing user's places. */
export async function householdsOutsideScope(db: Db, scope: PlaceScope) {
  if (scope.all) return [];
  const outside: Expression<SqlBool> = sql<SqlBool>`NOT ${inScope(scope, { county: 'county_code', township: 'township_code', village: 'village_code' })}`;
  const result = await sql<{ row: number; householdNo: string; villageCode: string }>`
    SELECT row_no AS row, household_no AS "householdNo", village_code AS "villageCode" FROM import_household
    WHERE ${outside} ORDER BY row_no LIMIT ${PROBLEM_LIMIT}`.execute(db);
  return result.rows;
}

/** Households with no head: none in the file, no 户主姓名, none in the database. */
export async function householdsWithoutHead(db: Db) {
  const result = await sql<{ row: number; householdNo: string }>`
    SELECT h.row_no AS row, h.household_no AS "householdNo"
    FROM import_household h LEFT JOIN household d ON (d.county_code, d.household_no) = (h.county_code, h.household_no)
    WHERE coalesce(h.head_name, h.head_member_name, d.head_name) IS NULL
    ORDER BY h.row_no LIMIT ${PROBLEM_LIMIT}`.execute(db);
  return result.rows;
}

/** Household columns set by every import, whatever columns the file has (`d` the registered household, when there is one). */
const HOUSEHOLD_ALWAYS: [string, string][] = [
  ['village_code', 'h.village_code'],
  ['township_code', 'h.township_code'],
  ['head_name', 'coalesce(h.head_name, h.head_member_name, d.head_name)'],
  ['head_id_number', 'coalesce(h.head_id, d.head_id_number)'],
  ['size', '(h.members + h.others)::smallint'],
];
const HOUSEHOLD_ALWAYS_NEW: [string, string][] = [
  ['village_code', 'h.village_code'],
  ['township_code', 'h.township_code'],
  ['head_name', 'coalesce(h.head_name, h.head_member_name)'],
  ['head_id_number', 'h.head_id'],
  ['size', '(h.members + h.others)::smallint'],
];
const householdValue = (k: string) => (k === 'other_causes' || k === 'open_risk_types' ? `coalesce(h.${k}, '{}')` : 'h.' + k);

/** Columns that exist on the household table (income columns go elsewhere; place names are only for matching). */
const HOUSEHOLD_TABLE_KEYS = HOUSEHOLD_COLUMNS.filter((c) => c.level === 'household' && !['province', 'city', 'county', 'township', 'village', 'village_code', 'head_name'].includes(c.key)).map((c) => c.key);

export interface WriteCounts {
  added: number;
  updated: number;
}

function affected(result: { numAffectedRows?: bigint }): number {
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Update households whose values differ (only the columns the file has, plus place, head and
 * size), then insert the new ones. `fresh`: the file's counties had no households (the direct
 * path, checked before), so there is nothing to update or to skip.
 */
/** Where the fresh households of a write are read from: the whole file's, or one segment's of the direct path. */
export type HouseholdSource = 'import_household' | 'import_household_segment';

export async function writeHouseholds(db: Db, present: Set<string>, fresh = false, source: HouseholdSource = 'import_household'): Promise<WriteCounts> {
  const given = HOUSEHOLD_TABLE_KEYS.filter((k) => present.has(k)).map((k): [string, string] => [k, householdValue(k)]);
  const set = [...HOUSEHOLD_ALWAYS, ...given];
  const targets = set.map(([k]) => k).join(', ');
  const sources = set.map(([, v]) => v).join(', ');
  const current = set.map(([k]) => 'd.' + k).join(', ');
  const updated = fresh ? {} : await sql
    .raw(
      `UPDATE household d SET (${targets}) = (${sources}), updated_at = now()
       FROM import_household h
       WHERE d.county_code = h.county_code AND d.household_no = h.household_no AND (${current}) IS DISTINCT FROM (${sources})`,
    )
    .execute(db);
  const inserts: [string, string][] = [...HOUSEHOLD_ALWAYS_NEW, ...HOUSEHOLD_TABLE_KEYS.map((k): [string, string] => [k, householdValue(k)])];
  const added = await sql
    .raw(
      `INSERT INTO household (county_code, household_no, ${inserts.map(([k]) => k).join(', ')})
       SELECT h.county_code, h.household_no, ${inserts.map(([, v]) => v).join(', ')}
       FROM ${source} h
       ${fresh ? '' : 'WHERE NOT EXISTS (SELECT 1 FROM household d WHERE d.household_no = h.household_no)'}`,
    )
    .execute(db);
  return { added: affected(added), updated: affected(updated) };
}

const PERSON_KEYS = ['sex', 'birth_date', ...PERSON_COLUMNS.map((c) => c.key)];
const personTarget = (key: string) => (key === 'person_phone' ? 'phone' : key);

/** Update members whose values differ (columns the file has), then insert the new ones. */
export async function writePersons(db: Db, present: Set<string>): Promise<WriteCounts> {
  const keys = ['household_no', ...PERSON_KEYS.filter((k) => k === 'sex' || k === 'birth_date' || present.has(k))];
  const targets = keys.map(personTarget).join(', ');
  const sources = keys.map((k) => 'r.' + k).join(', ');
  const current = keys.map((k) => 'd.' + personTarget(k)).join(', ');
  const updated = await sql
    .raw(
      `UPDATE person d SET (${targets}) = (${sources}), updated_at = now()
       FROM import_row r
       WHERE d.id_number = r.id_number AND (${current}) IS DISTINCT FROM (${sources})`,
    )
    .execute(db);
  const all = ['household_no', 'id_number', ...PERSON_KEYS];
  const added = await sql
    .raw(
      `INSERT INTO person (county_code, ${all.map(personTarget).join(', ')})
       SELECT h.county_code, ${all.map((k) => 'r.' + k).join(', ')}
       FROM import_row r JOIN import_household h USING (household_no)
       WHERE NOT EXISTS (SELECT 1 FROM person d WHERE d.id_number = r.id_number)`,
    )
    .execute(db);
  return { added: affected(added), updated: affected(updated) };
}

const incomeSource = (source: HouseholdSource) => `
  SELECT h.county_code, h.household_no, h.income_year AS year, x.wages, x.production_net, x.property, x.transfer, x.production_cost,
         x.size AS household_size, round((x.wages + x.production_net + x.property + x.transfer - x.production_cost) / x.size, 2) AS per_capita_net
  FROM ${source} h
  CROSS JOIN LATERAL (SELECT coalesce(h.wages, 0) AS wages, coalesce(h.production_net, 0) AS production_net,
                             coalesce(h.property, 0) AS property, coalesce(h.transfer, 0) AS transfer,
                             coalesce(h.production_cost, 0) AS production_cost, greatest(h.members + h.others, 1) AS size) x
  WHERE h.income_year IS NOT NULL`;
const INCOME_VALUES = 'wages, production_net, property, transfer, production_cost, household_size, per_capita_net';
const prefixed = (alias: string, list: string) => list.split(', ').map((c) => `${alias}.${c}`).join(', ');

/** The year's income of each household that gave one (per-capita net over the household's size); returns records written. */
export async function writeIncomes(db: Db, fresh = false, source: HouseholdSource = 'import_household'): Promise<number> {
  const updated = fresh ? {} : await sql
    .raw(
      `UPDATE household_income i SET (${INCOME_VALUES}) = (${prefixed('n', INCOME_VALUES)})
       FROM (${incomeSource(source)}) n
       WHERE (i.county_code, i.household_no, i.year) = (n.county_code, n.household_no, n.year)
         AND (${prefixed('i', INCOME_VALUES)}) IS DISTINCT FROM (${prefixed('n', INCOME_VALUES)})`,
    )
    .execute(db);
  const added = await sql
    .raw(
      `INSERT INTO household_income (county_code, household_no, year, ${INCOME_VALUES})
       SELECT n.county_code, n.household_no, n.year, ${prefixed('n', INCOME_VALUES)} FROM (${incomeSource(source)}) n
       ${fresh ? '' : 'WHERE NOT EXISTS (SELECT 1 FROM household_income i WHERE (i.county_code, i.household_no, i.year) = (n.county_code, n.household_no, n.year))'}`,
    )
    .execute(db);
  return affected(updated) + affected(added);
}

/**
 * The risk event each household of the file gave: a new one is added; one of the same type on
 * the same day is the same event (its cost and nothing else is updated). Returns records written.
 */
export async function writeRiskEvents(db: Db, fresh = false, source: HouseholdSource = 'import_household'): Promise<number> {
  const updated = fresh ? {} : await sql`
    UPDATE risk_event e SET cost = coalesce(h.event_cost, 0)
    FROM import_household h
    WHERE h.event_type IS NOT NULL AND (e.county_code, e.household_no, e.type, e.occurred_on) = (h.county_code, h.household_no, h.event_type, h.event_date)
      AND e.cost IS DISTINCT FROM coalesce(h.event_cost, 0)`.execute(db);
  const added = await sql`
    INSERT INTO risk_event (county_code, household_no, type, occurred_on, cost)
    SELECT h.county_code, h.household_no, h.event_type, h.event_date, coalesce(h.event_cost, 0) FROM ${sql.table(source)} h
    WHERE h.event_type IS NOT NULL AND NOT EXISTS (SELECT 1 FROM risk_event e
      WHERE (e.county_code, e.household_no, e.type, e.occurred_on) = (h.county_code, h.household_no, h.event_type, h.event_date))`.execute(db);
  return affected(updated) + affected(added);
}

/** A status-history record for each household's status in the file's year (its 收入年度, else `year`); returns records written. */
export async function writeStatusHistory(db: Db, year: number | null, fresh = false, from: HouseholdSource = 'import_household'): Promise<number> {
  // Fresh households are exactly as the file gives them: no need to read them back.
  const source = fresh
    ? sql`SELECT h.county_code, h.household_no, coalesce(h.income_year, ${year}::smallint) AS year, h.status, h.monitor_category FROM ${sql.table(from)} h`
    : sql`
    SELECT d.county_code, d.household_no, coalesce(h.income_year, ${year}::smallint) AS year, d.status, d.monitor_category
    FROM import_household h JOIN household d ON (d.county_code, d.household_no) = (h.county_code, h.household_no)`;
  const updated = fresh ? {} : await sql`
    UPDATE household_status_history s SET status = n.status, monitor_category = n.monitor_category, recorded_at = now()
    FROM (${source}) n
    WHERE (s.county_code, s.household_no, s.year) = (n.county_code, n.household_no, n.year)
      AND (s.status, s.monitor_category) IS DISTINCT FROM (n.status, n.monitor_category)`.execute(db);
  const added = await sql`
    INSERT INTO household_status_history (county_code, household_no, year, status, monitor_category)
    SELECT n.county_code, n.household_no, n.year, n.status, n.monitor_category FROM (${source}) n
    WHERE NOT EXISTS (SELECT 1 FROM household_status_history s WHERE (s.county_code, s.household_no, s.year) = (n.county_code, n.household_no, n.year))`.execute(db);
  return affected(updated) + affected(added);
}

export interface TableIndex {
  name: string;
  definition: string;
}

/** Indexes of a registry table other than its primary key and constraints' (they are rebuilt after a bulk load). */
export async function secondaryIndexes(db: Db, table: 'household' | 'person'): Promise<TableIndex[]> {
  const result = await sql<TableIndex>`
    SELECT x.indexrelid::regclass::text AS name, pg_get_indexdef(x.indexrelid) AS definition
    FROM pg_index x
    WHERE x.indrelid = ${table}::regclass AND NOT x.indisprimary
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
    ORDER BY 1`.execute(db);
  return result.rows;
}

/** The planner's estimate of a table's rows (0 when never analysed). */
export async function estimatedRows(db: Db, table: 'household' | 'person'): Promise<number> {
  const result = await sql<{ n: number }>`SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = ${table}::regclass`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

export async function dropIndexes(s: Session, indexes: TableIndex[]): Promise<void> {
  for (const index of indexes) await s.exec(`DROP INDEX ${index.name}`);
}

export async function createIndexes(s: Session, indexes: TableIndex[]): Promise<void> {
  if (indexes.length === 0) return;
  await s.exec("SET LOCAL maintenance_work_mem = '256MB'");
  for (const index of indexes) await s.exec(index.definition);
}

/** The county of every household imported, when they all lie in one (for the audit event). */
export async function importedCounty(db: Db): Promise<string | null> {
  const result = await sql<{ county: string | null }>`
    SELECT CASE WHEN min(county_code) = max(county_code) THEN min(county_code) END AS county FROM import_household`.execute(db);
  return result.rows[0]?.county ?? null;
}

/** Each imported county with the income years its households gave (to recompute after the import). */
export async function importedCountyYears(db: Db): Promise<{ county: string; years: number[] }[]> {
  const result = await sql<{ county: string; years: (number | null)[] }>`
    SELECT county_code AS county, array_agg(DISTINCT income_year) AS years FROM import_household GROUP BY county_code ORDER BY county_code`.execute(db);
  return result.rows.map((r) => ({ county: r.county, years: r.years.filter((y): y is number => y !== null).map(Number) }));
}

export async function countStaged(db: Db): Promise<{ households: number; persons: number }> {
  const result = await sql<{ households: number; persons: number }>`
    SELECT (SELECT count(*) FROM import_household)::integer AS households, (SELECT count(*) FROM import_row)::integer AS persons`.execute(db);
  return result.rows[0];
}
