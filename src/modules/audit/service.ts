/**
 * The audit trail: `recordAudit` appends an event inside the caller's transaction (so a
 * change and its event commit or vanish together), `verifyAuditChain` checks every link,
 * `pruneAuditEvents` drops events past retention and leaves a checkpoint the chain starts from.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { CHAIN_HASH_ALGORITHM, eventHash, storableJson, storableText, type AuditOutcome, type ChainedEvent } from './chain';
import {
  advanceChainHead,
  auditEventsAfter,
  countAuditEvents,
  deleteEventsThrough,
  insertAuditEvent,
  lastEventBefore,
  lockChainHead,
  readChainHead,
  searchAuditEvents,
  setCheckpoint,
  type AuditEventRow,
  type AuditFilter,
} from './queries';

/** Who did it and from where (spread `auditActorOf(request)` here). */
export interface AuditActor {
  userId: number | null;
  username: string | null;
  role: string | null;
  address: string | null;
}

export interface AuditEventInput extends Partial<AuditActor> {
  /** Default: now. */
  at?: Date;
  /** Dotted verb: 'auth.login', 'household.update', 'access.refused', 'registry.export' … */
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  placeCode?: string | null;
  before?: unknown;
  after?: unknown;
  /** Default 'success'. */
  outcome?: AuditOutcome;
  note?: string | null;
}

/** The actor of work done at the server console. */
export const CONSOLE_ACTOR: AuditActor = { userId: null, username: '(命令行)', role: null, address: 'console' };

const text = (v: string | null | undefined) => (v === undefined || v === null ? null : storableText(v));

/**
 * Append one event to the chain. Call it with the transaction that makes the change, last,
 * because from here to commit every other audited transaction waits for the chain head. Given
 * a database outside a transaction, it opens one of its own.
 */
export async function recordAudit(db: Db, input: AuditEventInput): Promise<number> {
  if (!db.isTransaction) return db.transaction().execute((tx) => recordAudit(tx, input));
  const head = await lockChainHead(db);
  const at = input.at ?? new Date();
  const event: ChainedEvent = {
    id: head.last_id + 1,
    at: at.toISOString(),
    userId: input.userId ?? null,
    username: text(input.username),
    role: text(input.role),
    address: text(input.address),
    action: storableText(input.action),
    objectType: text(input.objectType),
    objectId: text(input.objectId),
    placeCode: text(input.placeCode),
    before: storableJson(input.before),
    after: storableJson(input.after),
    outcome: input.outcome ?? 'success',
    note: text(input.note),
  };
  const hash = eventHash(head.last_hash, event);
  await insertAuditEvent(db, {
    id: event.id,
    at,
    user_id: event.userId,
    username: event.username,
    role: event.role,
    address: event.address,
    action: event.action,
    object_type: event.objectType,
    object_id: event.objectId,
    place_code: event.placeCode,
    before: event.before === null ? null : JSON.stringify(event.before),
    after: event.after === null ? null : JSON.stringify(event.after),
    outcome: event.outcome,
    note: event.note,
    prev_hash: head.last_hash,
    hash,
    hash_alg: CHAIN_HASH_ALGORITHM,
  });
  await advanceChainHead(db, event.id, hash);
  return event.id;
}

export function chainedEventOf(row: AuditEventRow): ChainedEvent {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    userId: row.user_id,
    username: row.username,
    role: row.role,
    address: row.address,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    placeCode: row.place_code,
    before: row.before ?? null,
    after: row.after ?? null,
    outcome: row.outcome,
    note: row.note,
  };
}

export interface ChainReport {
  ok: boolean;
  /** Events checked (from the checkpoint to the head). */
  checked: number;
  firstId: number | null;
  lastId: number;
  headHash: string;
  /** The first broken link, in words. */
  broken?: { id: number; reason: string };
}

const missing = (from: number, to: number) => `事件 #${from}${to > from ? ` 至 #${to}` : ''} 缺失（被删除）`;

/** Walk the chain from the checkpoint to the head, checking ids, links and hashes, in one snapshot. */
export async function verifyAuditChain(db: Db, batch = 2000): Promise<ChainReport> {
  if (db.isTransaction) return verifyInSnapshot(db, batch);
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute((tx) => verifyInSnapshot(tx, batch));
}

async function verifyInSnapshot(db: Db, batch: number): Promise<ChainReport> {
  const head = await readChainHead(db);
  let expectedId = head.pruned_through_id + 1;
  let prevHash = head.pruned_through_hash;
  let checked = 0;
  const report = (broken?: ChainReport['broken']): ChainReport => ({
    ok: !broken,
    checked,
    firstId: checked || broken ? head.pruned_through_id + 1 : null,
    lastId: head.last_id,
    headHash: head.last_hash,
    ...(broken ? { broken } : {}),
  });
  let after = head.pruned_through_id;
  for (;;) {
    const rows = await auditEventsAfter(db, after, batch);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.id > head.last_id) return report({ id: row.id, reason: `事件 #${row.id} 在链头 #${head.last_id} 之后（被插入或链头被改动）` });
      if (row.id !== expectedId) {
        return report({ id: expectedId, reason: missing(expectedId, row.id - 1) });
      }
      if (row.prev_hash !== prevHash) {
        return report({ id: row.id, reason: `事件 #${row.id} 与前一事件 #${row.id - 1} 的链接断开（前一事件被改动或替换）` });
      }
      const algorithm = row.hash_alg === 'sm3' || row.hash_alg === 'sha256' ? row.hash_alg : null;
      if (algorithm === null) return report({ id: row.id, reason: `事件 #${row.id} 的哈希算法 ${row.hash_alg} 未知（被改动）` });
      if (eventHash(row.prev_hash, chainedEventOf(row), algorithm) !== row.hash) {
        return report({ id: row.id, reason: `事件 #${row.id} 的内容被改动（哈希不符）` });
      }
      prevHash = row.hash;
      expectedId++;
      checked++;
    }
    after = rows[rows.length - 1].id;
  }
  if (expectedId - 1 !== head.last_id) {
    return report({ id: expectedId, reason: missing(expectedId, head.last_id) });
  }
  if (prevHash !== head.last_hash) {
    return report({ id: head.last_id, reason: `链头记录的哈希与事件 #${head.last_id} 不符（链头被改动）` });
  }
  return report();
}

export interface PruneResult {
  deleted: number;
  throughId: number | null;
  cutoff: Date;
}

/**
 * Delete events older than `retentionDays` before `now`, in one transaction with the chain
 * head locked; the hash of the last deleted event becomes the checkpoint, and the prune
 * itself is recorded.
 */
export async function pruneAuditEvents(db: Db, options: { now: Date; retentionDays: number; actor: AuditActor }): Promise<PruneResult> {
  if (!Number.isInteger(options.retentionDays) || options.retentionDays < 180) {
    throw new Error(`保留天数 ${options.retentionDays} 无效：审计日志至少保留 180 天`);
  }
  const cutoff = new Date(options.now.getTime() - options.retentionDays * 86_400_000);
  return db.transaction().execute(async (tx) => {
    await lockChainHead(tx);
    const last = await lastEventBefore(tx, cutoff);
    if (!last) return { deleted: 0, throughId: null, cutoff };
    // The table refuses DELETE (migration 016) except in a transaction that says it prunes.
    await sql`SELECT set_config('fupin.audit_prune', 'on', true)`.execute(tx);
    const deleted = await deleteEventsThrough(tx, last.id);
    await setCheckpoint(tx, last.id, last.hash, options.now);
    await recordAudit(tx, {
      ...options.actor,
      at: options.now,
      action: 'audit.prune',
      objectType: 'audit_event',
      after: { deleted, throughId: last.id, cutoff: cutoff.toISOString(), retentionDays: options.retentionDays },
    });
    return { deleted, throughId: last.id, cutoff };
  });
}

export interface AuditEventView {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  role: string | null;
  address: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  placeCode: string | null;
  before: unknown;
  after: unknown;
  outcome: string;
  note: string | null;
}

export type AuditSearch = Omit<AuditFilter, 'scope'> & { page: number; pageSize: number };

export async function listAuditEvents(db: Db, scope: PlaceScope, search: AuditSearch): Promise<{ total: number; page: number; pageSize: number; items: AuditEventView[] }> {
  const filter: AuditFilter = { ...search, scope };
  const [total, rows] = await Promise.all([
    countAuditEvents(db, filter),
    searchAuditEvents(db, filter, (search.page - 1) * search.pageSize, search.pageSize),
  ]);
  return { total, page: search.page, pageSize: search.pageSize, items: rows.map(chainedEventOf) };
}

export { auditActionLabel } from './labels';
