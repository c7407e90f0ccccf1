/**
 * Registry rollups: households and persons per village, year-end status, main cause and change,
 * so reports and dashboards never scan households and persons on a request.
 *
 * Freshness: every writer of household, person and household_status_history rows bumps the
 * county's change counter in rollup_state (db/rollupMarks.ts; until migration 036 statement
 * triggers did). `refreshRollups` rebuilds counties at once (after the demo load, an import);
 * `refreshStaleRollups` rebuilds, before a report is
 * read, the stale counties under the places asked for. A county a writer is still changing is
 * skipped (its committed rows are what the rollup already has), so readers never wait.
 */
import type { Db } from '../../db/database';
import { analyzeRollups, anyStaleCounty, lockCounties, lockStaleCounties, rebuildCountyRollups } from './rollupQueries';

function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Rebuild the rollups of these counties now (waits for writers of them to commit), e.g. after
 * an import or the demo load; refreshes the planner's statistics of the rollup tables too.
 */
export async function refreshRollups(db: Db, countyCodes: readonly string[]): Promise<void> {
  const counties = [...new Set(countyCodes)].sort();
  if (counties.length === 0) return;
  await inTransaction(db, async (tx) => {
    await lockCounties(tx, counties);
    await rebuildCountyRollups(tx, counties);
  });
  if (!db.isTransaction) await analyzeRollups(db);
}

/**
 * Readers rebuild a stale county at most once per this many ms (FUPIN_ROLLUP_REFRESH_MS, set
 * by the server at start; 0, the default: before every report): under a stream of writes a
 * county's reports then lag its writes by at most this long instead of every reader rebuilding
 * the county (issue 26: readers beside writers). Per process, in memory.
 */
let refreshIntervalMs = 0;
const lastRebuilt = new Map<string, number>();

export function setRollupRefreshInterval(ms: number): void {
  refreshIntervalMs = ms;
}

/** Of these stale counties, those not rebuilt by this process within the refresh interval. */
export function dueForRefresh(stale: readonly string[]): string[] {
  if (refreshIntervalMs <= 0) return [...stale];
  const now = Date.now();
  return stale.filter((c) => now - (lastRebuilt.get(c) ?? 0) >= refreshIntervalMs);
}

/** Rebuild the stale counties under the places ('0' the nation); returns the counties rebuilt. */
export async function refreshStaleRollups(db: Db, places: readonly string[]): Promise<string[]> {
  if (places.length === 0 || !(await anyStaleCounty(db, places))) return [];
  const rebuilt = await inTransaction(db, async (tx) => {
    const counties = await lockStaleCounties(tx, places);
    if (counties.length > 0) await rebuildCountyRollups(tx, counties);
    return counties;
  });
  if (refreshIntervalMs > 0 && !db.isTransaction) {
    const now = Date.now();
    for (const c of rebuilt) lastRebuilt.set(c, now);
  }
  return rebuilt;
}
