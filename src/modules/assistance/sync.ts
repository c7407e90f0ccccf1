/**
 * The field app's sync: a batch of changes queued on the device while offline. Each change is
 * applied in its own transaction and remembered by its client id, so a replayed upload answers
 * the first result and applies nothing twice. A household fact carries the value the cadre saw
 * (`base`); when the server's value has changed since, the change is not applied and comes
 * back as a conflict (server value, his value) for him to resolve (resend with force, or drop).
 */
import type { Db } from '../../db/database';
import { AppError } from '../../server/errors';
import { updateHousehold } from '../registry/service';
import type { Actor } from './pairing';
import * as q from './queries';
import { FACT_FIELDS, type SyncChange, type SyncInput } from './schemas';
import { reachHousehold, recordVisit, type Visitor } from './visits';

export type SyncResult =
  | { changeId: string; status: 'applied' | 'unchanged'; replayed: boolean; visitId?: string; duplicate?: boolean }
  | { changeId: string; status: 'conflict'; householdNo: string; field: string; base: unknown; server: unknown; mine: unknown; message: string }
  | { changeId: string; status: 'error'; message: string };

const sameValue = (a: unknown, b: unknown) => (a ?? null) === (b ?? null) || (typeof a === 'number' || typeof b === 'number' ? Number(a) === Number(b) && a !== null && b !== null : false);

async function applyChange(tx: Db, visitor: Visitor, change: SyncChange, actor: Actor): Promise<SyncResult> {
  const householdNo = change.kind === 'visit' ? change.visit.householdNo : change.householdNo;
  const h = await reachHousehold(tx, visitor.access, householdNo);
  const seen = await q.findSyncChange(tx, h.countyCode, change.changeId);
  if (seen) {
    if (seen.user_id !== visitor.userId) throw new AppError(409, 'conflict', `变更编号 ${change.changeId} 已被其他用户使用`);
    return { ...(seen.result as SyncResult), replayed: true } as SyncResult;
  }
  let result: SyncResult;
  if (change.kind === 'visit') {
    const { visit, duplicate } = await recordVisit(tx, visitor, change.visit, actor);
    result = { changeId: change.changeId, status: 'applied', replayed: false, visitId: visit.id, duplicate };
  } else {
    const column = FACT_FIELDS[change.field];
    const server = (await q.householdFacts(tx, h.countyCode, h.householdNo, [column]))[column];
    if (!change.force && !sameValue(server, change.base)) {
      return {
        changeId: change.changeId,
        status: 'conflict',
        householdNo: h.householdNo,
        field: change.field,
        base: change.base,
        server: server ?? null,
        mine: change.value,
        message: `户 ${h.householdNo} 的「${change.field}」在您离线期间已被改为 ${JSON.stringify(server ?? null)}（您修改前看到的是 ${JSON.stringify(change.base)}），请确认保留哪一个值`,
      };
    }
    if (sameValue(server, change.value)) result = { changeId: change.changeId, status: 'unchanged', replayed: false };
    else {
      await updateHousehold(tx, visitor.access, h.householdNo, { [change.field]: change.value }, actor);
      result = { changeId: change.changeId, status: 'applied', replayed: false };
    }
  }
  await q.insertSyncChange(tx, { county_code: h.countyCode, change_id: change.changeId, user_id: visitor.userId, kind: change.kind, result });
  return result;
}

/** Apply a batch in order, each change on its own (one failing change does not hold back the others). */
export async function syncChanges(db: Db, visitor: Visitor, input: SyncInput, actor: Actor): Promise<SyncResult[]> {
  const results: SyncResult[] = [];
  for (const change of input.changes) {
    try {
      results.push(await db.transaction().execute((tx) => applyChange(tx, visitor, change, actor)));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      results.push({ changeId: change.changeId, status: 'error', message: e.message });
    }
  }
  return results;
}
