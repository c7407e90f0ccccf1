/** SQL of the audit trail. */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import type { AuditEventTable } from '../../db/schema';
import type { Insertable, Selectable } from 'kysely';

export type AuditEventRow = Selectable<AuditEventTable>;

/** Lock the chain head for the rest of the transaction: concurrent writers queue here. */
export async function lockChainHead(tx: Db) {
  return tx.selectFrom('audit_chain_head').selectAll().forUpdate().executeTakeFirstOrThrow();
}

export async function readChainHead(db: Db) {
  return db.selectFrom('audit_chain_head').selectAll().executeTakeFirstOrThrow();
}

export async function insertAuditEvent(tx: Db, row: Insertable<AuditEventTable>): Promise<void> {
  await tx.insertInto('audit_event').values(row).execute();
}

export async function advanceChainHead(tx: Db, lastId: number, lastHash: string): Promise<void> {
  await tx.updateTable('audit_chain_head').set({ last_id: lastId, last_hash: lastHash }).execute();
}

/** Events after `afterId` in chain order, at most `limit`. */
export async function auditEventsAfter(db: Db, afterId: number, limit: number): Promise<AuditEventRow[]> {
  return db.selectFrom('audit_event').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/** The newest event older than `before`: the last one a prune may delete. */
export async function lastEventBefore(tx: Db, before: Date): Promise<{ id: number; hash: string } | undefined> {
  return tx.selectFrom('audit_event').select(['id', 'hash']).where('at', '<', before).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function deleteEventsThrough(tx: Db, id: number): Promise<number> {
  const result = await tx.deleteFrom('audit_event').where('id', '<=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function setCheckpoint(tx: Db, id: number, hash: string, at: Date): Promise<void> {
  await tx.updateTable('audit_chain_head').set({ pruned_through_id: id, pruned_through_hash: hash, pruned_at: at }).execute();
}

export interface AuditFilter {
  from?: Date;
  to?: Date;
  username?: string;
  action?: string;
  place?: string;
  objectType?: string;
  objectId?: string;
  scope: PlaceScope;
}

function filtered(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_event');
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.username) q = q.where('username', '=', f.username);
  if (f.action) q = q.where((eb) => eb.or([eb('action', '=', f.action!), eb('action', 'like', f.action! + '.%')]));
  if (f.place) q = q.where('place_code', 'like', f.place + '%');
  if (f.objectType) q = q.where('object_type', '=', f.objectType);
  if (f.objectId) q = q.where('object_id', '=', f.objectId);
  // An event's place_code may be of any level, so the scope test is a prefix on it.
  if (!f.scope.all) {
    const codes = f.scope.codes;
    q = q.where((eb) => eb.or(codes.map((c) => eb('place_code', 'like', c + '%'))));
  }
  return q;
}

export async function countAuditEvents(db: Db, f: AuditFilter): Promise<number> {
  const row = await filtered(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

/** Newest first. */
export async function searchAuditEvents(db: Db, f: AuditFilter, offset: number, limit: number): Promise<AuditEventRow[]> {
  return filtered(db, f).selectAll().orderBy('id', 'desc').offset(offset).limit(limit).execute();
}

/** Newest first, `batch` rows at a time, walking down the id (keyset) so an export never holds everything. */
export async function* streamAuditEvents(db: Db, f: AuditFilter, batch = 2000): AsyncGenerator<AuditEventRow[]> {
  let below = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const rows = await filtered(db, f).selectAll().where('id', '<', below).orderBy('id', 'desc').limit(batch).execute();
    if (rows.length === 0) return;
    yield rows;
    below = rows[rows.length - 1].id;
  }
}
