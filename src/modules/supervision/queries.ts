/** SQL of listed supervision: the supervising leaders of listed places. */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { codeUnder } from '../../db/placeScope';

export interface LeaderRow {
  placeCode: string;
  leaderName: string;
  leaderTitle: string | null;
  note: string | null;
}

export async function leadersOf(db: Db, codes: readonly string[], year: number): Promise<Map<string, LeaderRow>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('supervision_leader')
    .select(['place_code as placeCode', 'leader_name as leaderName', 'leader_title as leaderTitle', 'note'])
    .where('place_code', 'in', [...codes])
    .where('year', '=', year)
    .execute();
  return new Map(rows.map((r) => [r.placeCode, r]));
}

export async function findLeader(db: Db, code: string, year: number): Promise<LeaderRow | undefined> {
  return (await leadersOf(db, [code], year)).get(code);
}

export async function upsertLeader(db: Db, row: { placeCode: string; year: number; leaderName: string; leaderTitle: string | null; note: string | null; updatedBy: string | null }): Promise<void> {
  await db
    .insertInto('supervision_leader')
    .values({ place_code: row.placeCode, year: row.year, leader_name: row.leaderName, leader_title: row.leaderTitle, note: row.note, updated_by: row.updatedBy })
    .onConflict((oc) =>
      oc.columns(['place_code', 'year']).doUpdateSet({ leader_name: row.leaderName, leader_title: row.leaderTitle, note: row.note, updated_by: row.updatedBy, updated_at: sql`now()` }),
    )
    .execute();
}

export async function deleteLeader(db: Db, code: string, year: number): Promise<number> {
  const result = await db.deleteFrom('supervision_leader').where('place_code', '=', code).where('year', '=', year).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Month-end snapshots (month_snapshot, taken by the rhythm module's scheduler) of a place's
 * remaining poor, oldest first. The place is a county, township or village.
 */
export async function snapshotsOf(db: Db, code: string): Promise<{ month: string; households: number; persons: number }[]> {
  const county = code.slice(0, 6);
  const result = await sql<{ month: string; households: number; persons: number }>`
    SELECT s.month, coalesce(sum(l.remaining_households), 0)::int AS households, coalesce(sum(l.remaining_persons), 0)::int AS persons
    FROM month_snapshot s
    JOIN month_snapshot_line l ON l.county_code = s.county_code AND l.snapshot_id = s.id
    WHERE s.county_code = ${county} AND s.kind = 'month_end' AND ${codeUnder(code, 'l.place_code')}
    GROUP BY s.month ORDER BY s.month`.execute(db);
  return result.rows;
}
