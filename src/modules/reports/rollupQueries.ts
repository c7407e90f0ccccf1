/**
 * SQL of the registry rollup: recomputing a county's rows from households, persons and status
 * history (set-based, one statement), and finding the counties whose rollup is stale.
 */
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { countyUnder } from '../../db/placeScope';



/**
 * Stale counties under the places, locked for refresh; counties another refresh or a writer holds
 * are skipped. Each county is locked by its own statement: a row lock routed to one county is
 * what a distributed database (Citus) takes; the stale ones are few.
 */
export async function lockStaleCounties(tx: Db, places: readonly string[]): Promise<string[]> {
  const under = sql.join(places.map((p) => countyUnder(p, 'county_code')), sql` OR `);
  const stale = await sql<{ county_code: string }>`
    SELECT county_code FROM rollup_state WHERE change_seq > refreshed_seq AND (${under}) ORDER BY county_code`.execute(tx);
  const locked: string[] = [];
  for (const { county_code } of stale.rows) {
    const row = await sql<{ county_code: string }>`
      SELECT county_code FROM rollup_state WHERE county_code = ${county_code} AND change_seq > refreshed_seq FOR UPDATE SKIP LOCKED`.execute(tx);
    if (row.rows.length === 1) locked.push(county_code);
  }
  return locked;
}

/** True when some county under the places is stale (no locks; cheap: one row per county). */
export async function anyStaleCounty(db: Db, places: readonly string[]): Promise<boolean> {
  const under = sql.join(places.map((p) => countyUnder(p, 'county_code')), sql` OR `);
  const result = await sql<{ one: number }>`SELECT 1 AS one FROM rollup_state WHERE change_seq > refreshed_seq AND (${under}) LIMIT 1`.execute(db);
  return result.rows.length > 0;
}

/** Lock the counties' state rows (creating missing ones), waiting for writers of those counties. */
export async function lockCounties(tx: Db, counties: readonly string[]): Promise<void> {
  await sql`INSERT INTO rollup_state (county_code) SELECT unnest(${[...counties]}::text[]) ORDER BY 1 ON CONFLICT (county_code) DO NOTHING`.execute(tx);
  for (const county of [...counties].sort()) await sql`SELECT county_code FROM rollup_state WHERE county_code = ${county} FOR UPDATE`.execute(tx);
}

/**
 * Replace the rollup rows of the counties (village, township and county grain): each household's status at the end of every year
 * from its first record to the county's latest, the record of a year standing until the next
 * one; `change` says what that year's record changed ('entered' first record, 'exited',
 * 'returned'); persons are the registered members.
 */
export async function rebuildCountyRollups(tx: Db, counties: readonly string[]): Promise<void> {
  const codes = [...counties];
  await sql`SET LOCAL jit = off`.execute(tx);
  // Freshly loaded tables have no statistics yet: a nested loop over the CTEs would take minutes.
  await sql`SET LOCAL enable_nestloop = off`.execute(tx);
  await sql`DELETE FROM registry_rollup WHERE county_code = ANY(${codes}::text[])`.execute(tx);
  await sql`DELETE FROM registry_rollup_township WHERE county_code = ANY(${codes}::text[])`.execute(tx);
  await sql`DELETE FROM registry_rollup_county WHERE county_code = ANY(${codes}::text[])`.execute(tx);
  await sql`
    INSERT INTO registry_rollup (county_code, township_code, village_code, year, status, main_cause, change, households, persons)
    WITH bounds AS (
      SELECT county_code, max(year) AS max_year FROM household_status_history
      WHERE county_code = ANY(${codes}::text[]) GROUP BY county_code
    ), spans AS (
      SELECT s.county_code, s.household_no, s.year, s.status,
             lag(s.status) OVER w AS prev_status,
             coalesce(lead(s.year) OVER w - 1, b.max_year) AS until
      FROM household_status_history s JOIN bounds b ON b.county_code = s.county_code
      WHERE s.county_code = ANY(${codes}::text[])
      WINDOW w AS (PARTITION BY s.county_code, s.household_no ORDER BY s.year)
    ), members AS (
      SELECT county_code, household_no, count(*)::int AS n FROM person
      WHERE county_code = ANY(${codes}::text[]) GROUP BY county_code, household_no
    )
    SELECT h.county_code, h.township_code, h.village_code, y.year, sp.status, coalesce(h.main_cause, ''),
           CASE
             WHEN y.year <> sp.year THEN ''
             WHEN sp.prev_status IS NULL THEN CASE WHEN sp.status = 'exited' AND h.exit_year = sp.year THEN 'exited' ELSE 'entered' END
             WHEN sp.status = 'exited' AND sp.prev_status <> 'exited' THEN 'exited'
             WHEN sp.status = 'returned' AND sp.prev_status <> 'returned' THEN 'returned'
             ELSE ''
           END,
           count(*)::int, coalesce(sum(m.n), 0)::int
    FROM spans sp
    CROSS JOIN LATERAL generate_series(sp.year::int, sp.until::int) AS y(year)
    JOIN household h ON h.county_code = sp.county_code AND h.household_no = sp.household_no
    LEFT JOIN members m ON m.county_code = sp.county_code AND m.household_no = sp.household_no
    WHERE h.county_code = ANY(${codes}::text[])
    GROUP BY 1, 2, 3, 4, 5, 6, 7`.execute(tx);
  // Township and county rows in key order: a county's rows of one year lie together on disk.
  await sql`
    INSERT INTO registry_rollup_township (county_code, township_code, year, status, main_cause, change, households, persons)
    SELECT county_code, township_code, year, status, main_cause, change, sum(households)::int, sum(persons)::int
    FROM registry_rollup WHERE county_code = ANY(${codes}::text[])
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY county_code, year, township_code, status, main_cause, change`.execute(tx);
  await sql`
    INSERT INTO registry_rollup_county (county_code, year, status, main_cause, change, households, persons)
    SELECT county_code, year, status, main_cause, change, sum(households)::int, sum(persons)::int
    FROM registry_rollup_township WHERE county_code = ANY(${codes}::text[])
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY county_code, year, status, main_cause, change`.execute(tx);
  await sql`
    UPDATE rollup_state r SET refreshed_seq = r.change_seq, refreshed_at = now(), min_year = y.min_year, max_year = y.max_year
    FROM (SELECT c.county_code, min(x.year) AS min_year, max(x.year) AS max_year
          FROM unnest(${codes}::text[]) AS c(county_code)
          LEFT JOIN registry_rollup x ON x.county_code = c.county_code
          GROUP BY c.county_code) y
    WHERE r.county_code = y.county_code`.execute(tx);
}

/** Fresh planner statistics after a bulk refresh. */
export async function analyzeRollups(db: Db): Promise<void> {
  await sql`ANALYZE registry_rollup, registry_rollup_township, registry_rollup_county, rollup_state`.execute(db);
}
