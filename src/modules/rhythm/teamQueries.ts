/** SQL of 驻村工作队 days (team_presence) and 民情日记 (team_diary). */
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { codeUnder } from '../../db/placeScope';

const countyOf = (place: string, column = 'county_code') => (place.length >= 6 ? sql<SqlBool>`${sql.ref(column)} = ${place.slice(0, 6)}` : codeUnder(place, column));

/** One day of a member; a repeated check-in of that day keeps one row (the latest kind). */
export async function upsertPresence(db: Db, row: { county: string; memberId: number; onDate: string; kind: string; note: string | null; by: string | null; at: Date }): Promise<void> {
  await db
    .insertInto('team_presence')
    .values({ county_code: row.county, member_id: row.memberId, on_date: row.onDate, kind: row.kind, note: row.note, recorded_by: row.by, recorded_at: row.at })
    .onConflict((oc) => oc.columns(['county_code', 'member_id', 'on_date']).doUpdateSet({ kind: row.kind, note: row.note, recorded_by: row.by, recorded_at: row.at }))
    .execute();
}

export async function presenceOn(db: Db, county: string, memberId: number, from: string, to: string): Promise<{ onDate: string; kind: string }[]> {
  return db
    .selectFrom('team_presence')
    .select(['on_date as onDate', 'kind'])
    .where('county_code', '=', county)
    .where('member_id', '=', memberId)
    .where('on_date', '>=', from)
    .where('on_date', '<=', to)
    .orderBy('on_date')
    .execute();
}

/** Kinds of the recorded days of these members in a date range, by member. */
export async function presenceOf(db: Db, place: string, memberIds: readonly number[], from: string, to: string): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (memberIds.length === 0) return out;
  const rows = await db
    .selectFrom('team_presence')
    .select(['member_id as memberId', 'kind'])
    .where(countyOf(place))
    .where('member_id', 'in', [...memberIds])
    .where('on_date', '>=', from)
    .where('on_date', '<=', to)
    .execute();
  for (const r of rows) out.set(r.memberId, [...(out.get(r.memberId) ?? []), r.kind]);
  return out;
}

export async function insertDiary(db: Db, row: { county: string; villageCode: string; memberId: number; onDate: string; content: string; by: string | null }): Promise<number> {
  const { id } = await db
    .insertInto('team_diary')
    .values({ county_code: row.county, village_code: row.villageCode, member_id: row.memberId, on_date: row.onDate, content: row.content, created_by: row.by })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function diaryUnder(db: Db, place: string, from: string, to: string) {
  return db
    .selectFrom('team_diary')
    .select(['county_code as countyCode', 'id', 'village_code as villageCode', 'member_id as memberId', 'on_date as onDate', 'content', 'created_by as createdBy'])
    .where(countyOf(place))
    .where(codeUnder(place, 'village_code'))
    .where('on_date', '>=', from)
    .where('on_date', '<=', to)
    .orderBy('on_date', 'desc')
    .orderBy('id', 'desc')
    .limit(1000)
    .execute();
}
