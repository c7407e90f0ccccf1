/**
 * Marking a county's registry rollups stale (reports/rollups.ts rebuilds them before they are
 * read). Every writer of household, person or household_status_history rows that the rollups
 * count (status, village, main cause, members) marks the counties it wrote, after writing and in
 * its own transaction when it has one: the state row stays locked until it commits, so a refresh
 * of that county waits for it or skips it, and the counter it bumped makes the next read rebuild
 * the county. (Without a transaction, marking after the write is what keeps a refresh that runs
 * between the two from taking the county as fresh.)
 *
 * This replaced statement triggers with transition tables (migration 005), which Citus refuses
 * on distributed tables (issue 22). A county is marked once per write, not once per row.
 */
import { sql } from 'kysely';
import type { Db } from './database';

/** Mark the counties' rollups stale (creating their state rows when missing). */
export async function markRollupsStale(db: Db, counties: Iterable<string>): Promise<void> {
  const codes = [...new Set(counties)].sort();
  if (codes.length === 0) return;
  await sql`
    INSERT INTO rollup_state AS r (county_code) SELECT unnest(${codes}::text[]) ORDER BY 1
    ON CONFLICT (county_code) DO UPDATE SET change_seq = r.change_seq + 1`.execute(db);
}

/** Mark stale every county of a staging table's rows (an import's `import_household`). */
export async function markRollupsStaleFrom(db: Db, staging: 'import_household'): Promise<void> {
  const { rows } = await sql<{ county_code: string }>`SELECT DISTINCT county_code FROM ${sql.table(staging)}`.execute(db);
  await markRollupsStale(db, rows.map((r) => r.county_code));
}
