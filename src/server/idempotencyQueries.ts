/** SQL of the duplicate-submission guard (idempotency_request). */
import { sql } from 'kysely';
import type { Db } from '../db/database';

export interface KeptAnswer {
  requestHash: string;
  statusCode: number | null;
  contentType: string | null;
  body: string | null;
}

/**
 * Claims the key for this request: 'claimed', or what the first request left ('released' when
 * it ended without an answer between the two statements, so the key may be claimed again).
 */
export async function claimKey(db: Db, userId: number, key: string, requestHash: string, now: Date): Promise<'claimed' | 'released' | KeptAnswer> {
  const claimed = await db
    .insertInto('idempotency_request')
    .values({ user_id: userId, key, request_hash: requestHash, created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (claimed) return 'claimed';
  const row = await db
    .selectFrom('idempotency_request')
    .select(['request_hash', 'status_code', 'content_type', 'response_body'])
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return 'released';
  return { requestHash: row.request_hash, statusCode: row.status_code, contentType: row.content_type, body: row.response_body };
}

export async function keepAnswer(db: Db, userId: number, key: string, statusCode: number, contentType: string | null, body: string): Promise<void> {
  await db
    .updateTable('idempotency_request')
    .set({ status_code: statusCode, content_type: contentType, response_body: body })
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .execute();
}

/** The first request failed on the server's side: a repeat may run again. */
export async function releaseKey(db: Db, userId: number, key: string): Promise<void> {
  await db.deleteFrom('idempotency_request').where('user_id', '=', userId).where('key', '=', key).where('status_code', 'is', null).execute();
}

/** Keys older than the keeping time are forgotten. */
export async function pruneKeys(db: Db, before: Date): Promise<void> {
  await sql`DELETE FROM idempotency_request WHERE created_at < ${before}`.execute(db);
}
