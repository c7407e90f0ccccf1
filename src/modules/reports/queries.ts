/**
 * SQL of the reports: reads of the registry rollup only (never household or person). A county
 * contributes its year-end rows at min(year asked, its latest year): its rollup carries each
 * household's last status forward to the county's latest year, and no further.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { countyUnder } from '../../db/placeScope';

export type ListingLevel = 'county' | 'township' | 'village';

const GRAIN: Record<ListingLevel, string> = { county: 'registry_rollup_county', township: 'registry_rollup_township', village: 'registry_rollup' };

/**
 * The coarsest rollup that answers for a place down to a level: county grain (a few hundred
 * rows per county) when nothing finer than a county is grouped on, township grain when the
 * townships are, village grain within a township or village (its rows are selected by
 * township or village code).
 */
function rollupFor(place: string, level: ListingLevel): RawBuilder<unknown> {
  return sql.raw(GRAIN[place.length >= 9 ? 'village' : level]);
}

/** The level of a place's children (the provinces, cities and counties count as counties here). */
function childLevel(place: string): ListingLevel {
  if (place.length >= 9) return 'village';
  return place.length === 6 ? 'township' : 'county';
}

/** Rollup rows (alias r) under a place. */
function rollupUnder(place: string): RawBuilder<SqlBool> {
  if (place.length === 9) return sql<SqlBool>`r.county_code = ${place.slice(0, 6)} AND r.township_code = ${place}`;
  if (place.length === 12) return sql<SqlBool>`r.county_code = ${place.slice(0, 6)} AND r.village_code = ${place}`;
  return countyUnder(place, 'r.county_code');
}

/** The key of a place's children in the rollup (alias r), by the place's code length. */
function childKey(place: string): RawBuilder<string> {
  switch (place === '0' ? 0 : place.length) {
    case 0:
      return sql<string>`left(r.county_code, 2)`;
    case 2:
      return sql<string>`left(r.county_code, 4)`;
    case 4:
      return sql<string>`r.county_code`;
    case 6:
      return sql<string>`r.township_code`;
    default:
      return sql<string>`r.village_code`;
  }
}

const statusList = (statuses: readonly string[]) => sql.join(statuses.map((s) => sql`${s}`));

export interface YearSpan {
  minYear: number | null;
  maxYear: number | null;
}

/** The years the rollups under a place cover. */
export async function yearSpan(db: Db, place: string): Promise<YearSpan> {
  const result = await sql<YearSpan>`
    SELECT min(min_year)::int AS "minYear", max(max_year)::int AS "maxYear" FROM rollup_state WHERE ${countyUnder(place, 'county_code')}`.execute(db);
  return result.rows[0] ?? { minYear: null, maxYear: null };
}

export interface ChildCauseRow {
  child: string;
  cause: string;
  households: number;
  persons: number;
}

/** Households and persons with one of the statuses at the end of `year`, by child place and main cause. */
export async function countByChildAndCause(db: Db, place: string, year: number, statuses: readonly string[]): Promise<ChildCauseRow[]> {
  const result = await sql<ChildCauseRow>`
    SELECT ${childKey(place)} AS child, r.main_cause AS cause, sum(r.households)::int AS households, sum(r.persons)::int AS persons
    FROM ${rollupFor(place, childLevel(place))} r JOIN rollup_state s ON s.county_code = r.county_code
    WHERE ${rollupUnder(place)} AND r.year = least(${year}::int, s.max_year) AND r.status IN (${statusList(statuses)})
    GROUP BY 1, 2`.execute(db);
  return result.rows;
}

export interface ChildStatusRow {
  child: string;
  status: string;
  change: string;
  households: number;
  persons: number;
}

/**
 * Households and persons by child place, year-end status and that year's change. A county
 * whose latest year is before `year` contributes its statuses, but no change.
 */
export async function countByChildAndStatus(db: Db, place: string, year: number): Promise<ChildStatusRow[]> {
  const result = await sql<ChildStatusRow>`
    SELECT ${childKey(place)} AS child, r.status, CASE WHEN r.year = ${year}::int THEN r.change ELSE '' END AS change,
           sum(r.households)::int AS households, sum(r.persons)::int AS persons
    FROM ${rollupFor(place, childLevel(place))} r JOIN rollup_state s ON s.county_code = r.county_code
    WHERE ${rollupUnder(place)} AND r.year = least(${year}::int, s.max_year)
    GROUP BY 1, 2, 3`.execute(db);
  return result.rows;
}

export interface YearStatusRow {
  year: number;
  status: string;
  change: string;
  households: number;
  persons: number;
}

/** Every year from `from` to `to`: households and persons by year-end status and that year's change. */
export async function countByYearAndStatus(db: Db, place: string, from: number, to: number): Promise<YearStatusRow[]> {
  const result = await sql<YearStatusRow>`
    SELECT g.y AS year, r.status, CASE WHEN r.year = g.y THEN r.change ELSE '' END AS change,
           sum(r.households)::int AS households, sum(r.persons)::int AS persons
    FROM generate_series(${from}::int, ${to}::int) AS g(y)
    JOIN rollup_state s ON ${countyUnder(place, 's.county_code')} AND s.min_year <= g.y
    JOIN ${rollupFor(place, 'county')} r ON r.county_code = s.county_code AND r.year = least(g.y, s.max_year)
    WHERE ${rollupUnder(place)}
    GROUP BY 1, 2, 3
    ORDER BY 1`.execute(db);
  return result.rows;
}

const KEY: Record<ListingLevel, string> = { county: 'r.county_code', township: 'r.township_code', village: 'r.village_code' };

export interface RemainingRow {
  code: string;
  households: number;
  persons: number;
}

/**
 * Remaining poor (statuses given) per place of a level under `place` at the end of `year`,
 * only places with more than `above` persons. A county contributes its latest year when the
 * year asked is later.
 */
export async function remainingByLevel(db: Db, place: string, level: ListingLevel, year: number, statuses: readonly string[], above: number): Promise<RemainingRow[]> {
  // County by county (OFFSET 0 keeps the subquery apart): each reads its rows of one year and
  // status through the key instead of the whole table under the place being scanned.
  const result = await sql<RemainingRow>`
    SELECT ${sql.raw(KEY[level])} AS code, sum(r.households)::int AS households, sum(r.persons)::int AS persons
    FROM rollup_state s CROSS JOIN LATERAL (
      SELECT r.* FROM ${rollupFor(place, level)} r
      WHERE r.county_code = s.county_code AND r.year = least(${year}::int, s.max_year) AND ${rollupUnder(place)}
        AND r.status IN (${sql.join(statuses.map((x) => sql`${x}`))})
      OFFSET 0) r
    WHERE ${countyUnder(place, 's.county_code')}
    GROUP BY 1
    HAVING sum(r.persons) > ${above}
    ORDER BY 1`.execute(db);
  return result.rows;
}

/** Remaining poor of exactly these places of one level at the end of `year`. */
export async function remainingOf(db: Db, level: ListingLevel, codes: readonly string[], year: number, statuses: readonly string[]): Promise<RemainingRow[]> {
  if (codes.length === 0) return [];
  const counties = [...new Set(codes.map((c) => c.slice(0, 6)))];
  const result = await sql<RemainingRow>`
    SELECT ${sql.raw(KEY[level])} AS code, sum(r.households)::int AS households, sum(r.persons)::int AS persons
    FROM ${sql.raw(GRAIN[level])} r JOIN rollup_state s ON s.county_code = r.county_code
    WHERE r.county_code = ANY(${counties}::text[]) AND ${sql.raw(KEY[level])} = ANY(${[...codes]}::text[])
      AND r.year = least(${year}::int, s.max_year)
      AND r.status IN (${sql.join(statuses.map((x) => sql`${x}`))})
    GROUP BY 1`.execute(db);
  return result.rows;
}

/** Remaining poor per village of these townships at the end of `year`, only villages with more than `above` persons. */
export async function remainingInTownships(db: Db, townships: readonly string[], year: number, statuses: readonly string[], above: number): Promise<RemainingRow[]> {
  if (townships.length === 0) return [];
  const counties = [...new Set(townships.map((c) => c.slice(0, 6)))];
  const result = await sql<RemainingRow>`
    SELECT r.village_code AS code, sum(r.households)::int AS households, sum(r.persons)::int AS persons
    FROM registry_rollup r JOIN rollup_state s ON s.county_code = r.county_code
    WHERE r.county_code = ANY(${counties}::text[]) AND r.township_code = ANY(${[...townships]}::text[])
      AND r.year = least(${year}::int, s.max_year)
      AND r.status IN (${sql.join(statuses.map((x) => sql`${x}`))})
    GROUP BY 1
    HAVING sum(r.persons) > ${above}
    ORDER BY 1`.execute(db);
  return result.rows;
}

export interface PlaceFrame {
  /** From the province down to the place itself (rows found only). */
  path: { code: string; name: string; level: number }[];
  children: { code: string; name: string; level: number }[];
  minYear: number | null;
  maxYear: number | null;
  /** The counties under the place with writes their rollups do not carry yet. */
  stale: string[];
}

/**
 * In one statement: the place's path (its own row last), its children sorted by code, the
 * years its rollups cover and whether any county under it is stale (issue 26: a report used to
 * read these in five statements).
 */
export async function placeFrame(db: Db, place: string, pathCodes: readonly string[]): Promise<PlaceFrame> {
  const children = place === '0' ? sql<SqlBool>`c.parent_code IS NULL` : sql<SqlBool>`c.parent_code = ${place}`;
  const result = await sql<PlaceFrame>`
    SELECT
      coalesce((SELECT json_agg(json_build_object('code', p.code, 'name', p.name, 'level', p.level) ORDER BY length(p.code))
                FROM place p WHERE p.code = ANY(${[...pathCodes]}::text[])), '[]') AS path,
      coalesce((SELECT json_agg(json_build_object('code', c.code, 'name', c.name, 'level', c.level) ORDER BY c.code)
                FROM place c WHERE ${children}), '[]') AS children,
      s."minYear", s."maxYear", s.stale
    FROM (SELECT min(min_year)::int AS "minYear", max(max_year)::int AS "maxYear", coalesce(array_agg(county_code ORDER BY county_code) FILTER (WHERE change_seq > refreshed_seq), '{}') AS stale
          FROM rollup_state WHERE ${countyUnder(place, 'county_code')}) s`.execute(db);
  return result.rows[0];
}
