/** SQL of the places module: the administrative hierarchy and registry counts per place. */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db, Session } from '../../db/database';
import { inScope, underPlace, type PlaceScope } from '../../db/placeScope';

export interface PlaceRow {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
}

export interface PlaceCountRow {
  code: string;
  households: number;
  persons: number;
  poorHouseholds: number;
  poorPersons: number;
}

/** Statuses counted as poor in the place counts: not yet out of poverty, or back in it. */
export const POOR_STATUSES = ['poor', 'returned'] as const;

const placeColumns = ['code', 'name', 'level', 'parent_code as parentCode'] as const;

/** The nation's code in the API; its children are the provinces (parent_code NULL). */
export const NATION = '0';

export async function findPlace(db: Db, code: string): Promise<PlaceRow | undefined> {
  return db.selectFrom('place').select(placeColumns).where('code', '=', code).executeTakeFirst();
}

export async function findPlaces(db: Db, codes: string[]): Promise<PlaceRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('place').select(placeColumns).where('code', 'in', codes).execute();
}

/** Children of a place ('0': the provinces), sorted by code. */
export async function listChildren(db: Db, parentCode: string): Promise<PlaceRow[]> {
  let query = db.selectFrom('place').select(placeColumns);
  query = parentCode === NATION ? query.where('parent_code', 'is', null) : query.where('parent_code', '=', parentCode);
  return query.orderBy('code').execute();
}

/** Places of one level anywhere under an ancestor ('0': the nation), for matching when a level in between is unknown. */
export async function listDescendantsAtLevel(db: Db, ancestorCode: string, level: number): Promise<PlaceRow[]> {
  let query = db.selectFrom('place').select(placeColumns).where('level', '=', level);
  if (ancestorCode !== NATION) query = query.where(sql<SqlBool>`left(code, ${ancestorCode.length}) = ${ancestorCode}`);
  return query.orderBy('code').execute();
}

/** Which of these codes are present. */
export async function existingCodes(db: Db, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('place').select('code').where('code', 'in', codes).execute();
  return new Set(rows.map((r) => r.code));
}

/** The household column that names a child place of the given level (1 province … 5 village). */
function householdKeyAt(childLevel: number): Expression<string> {
  switch (childLevel) {
    case 1:
      return sql<string>`left(h.county_code, 2)`;
    case 2:
      return sql<string>`left(h.county_code, 4)`;
    case 3:
      return sql<string>`h.county_code`;
    case 4:
      return sql<string>`h.township_code`;
    default:
      return sql<string>`h.village_code`;
  }
}

/**
 * Registry households and persons under each child of a place (child level = parent level + 1),
 * all statuses and poor only, in one grouped query, counting only households inside `scope`.
 * Children without households are absent.
 */
export async function countRegistryByChild(db: Db, parentCode: string, childLevel: number, scope: PlaceScope): Promise<PlaceCountRow[]> {
  const nation = parentCode === NATION;
  const cols = { county: 'h.county_code', township: 'h.township_code', village: 'h.village_code' };
  const householdFilter = nation ? inScope(scope, cols) : sql<SqlBool>`${underPlace(parentCode, cols)} AND ${inScope(scope, cols)}`;
  const personCounty = parentCode.length >= 6 ? parentCode.slice(0, 6) : parentCode;
  const personFilter = nation ? sql<SqlBool>`true` : underPlace(personCounty, { county: 'p.county_code' });
  const poor = sql.join(POOR_STATUSES.map((s) => sql.lit(s)));
  const result = await sql<PlaceCountRow>`
    SELECT key AS code,
           count(*)::int AS households,
           coalesce(sum(members), 0)::int AS persons,
           (count(*) FILTER (WHERE poor))::int AS "poorHouseholds",
           coalesce(sum(members) FILTER (WHERE poor), 0)::int AS "poorPersons"
    FROM (
      SELECT ${householdKeyAt(childLevel)} AS key, h.status IN (${poor}) AS poor, coalesce(pc.members, 0) AS members
      FROM household h
      LEFT JOIN (
        SELECT p.county_code, p.household_no, count(*) AS members
        FROM person p WHERE ${personFilter}
        GROUP BY p.county_code, p.household_no
      ) pc ON pc.county_code = h.county_code AND pc.household_no = h.household_no
      WHERE ${householdFilter}
    ) t
    GROUP BY key`.execute(db);
  return result.rows;
}

/**
 * Places whose name contains `text` (or whose code starts with it, for digits), under `within`;
 * exact names first, then names starting with the text, higher levels first.
 */
export async function searchPlaceRows(db: Db, text: string, within: string, limit: number): Promise<PlaceRow[]> {
  const pattern = '%' + text.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
  let query = db.selectFrom('place').select(placeColumns);
  if (within !== NATION) query = query.where(sql<SqlBool>`left(code, ${within.length}) = ${within}`).where('code', '<>', within);
  query = /^\d+$/.test(text)
    ? query.where(sql<SqlBool>`left(code, ${text.length}) = ${text}`)
    : query.where('name', 'like', pattern);
  return query
    .orderBy(sql`CASE WHEN name = ${text} THEN 0 WHEN left(name, ${text.length}) = ${text} THEN 1 ELSE 2 END`)
    .orderBy('level')
    .orderBy('code')
    .limit(limit)
    .execute();
}

/** COPY statement the loader feeds with place rows (code, name, level, parent_code). */
export const PLACE_COPY = 'COPY place (code, name, level, parent_code) FROM STDIN';

/** Keep other writers of `place` out until the load commits (readers go on). */
export async function lockPlacesForLoad(s: Session): Promise<void> {
  await s.exec('LOCK TABLE place IN SHARE ROW EXCLUSIVE MODE');
}

/** Codes already present under the prefixes or on their ancestors' path (all codes without prefixes). */
export async function existingCodesUnder(db: Db, prefixes?: string[]): Promise<Set<string>> {
  let query = db.selectFrom('place').select('code');
  if (prefixes?.length) {
    const ancestors = new Set<string>();
    for (const p of prefixes) for (const n of [2, 4, 6, 9]) if (n < p.length) ancestors.add(p.slice(0, n));
    query = query.where((eb) =>
      eb.or([
        ...prefixes.map((p) => eb(sql<string>`left(code, ${p.length})`, '=', p)),
        ...(ancestors.size ? [eb('code', 'in', [...ancestors])] : []),
      ]),
    );
  }
  const rows = await query.execute();
  return new Set(rows.map((r) => r.code));
}

/**
 * Run a bulk load with the secondary (non-unique) indexes of `place` dropped, then rebuild them
 * from their own definitions: one sort per index instead of an index update per row. Call inside
 * the load's transaction, so a failure restores them.
 */
export async function withoutSecondaryIndexes(s: Session, load: () => Promise<void>): Promise<void> {
  const indexes = await sql<{ name: string; definition: string }>`
    SELECT x.indexrelid::regclass::text AS name, pg_get_indexdef(x.indexrelid) AS definition
    FROM pg_index x
    WHERE x.indrelid = 'place'::regclass AND NOT x.indisunique AND NOT x.indisprimary`.execute(s.db);
  for (const index of indexes.rows) await s.exec(`DROP INDEX ${index.name}`);
  await load();
  for (const index of indexes.rows) await s.exec(index.definition);
}
