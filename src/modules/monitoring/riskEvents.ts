/**
 * Risk events of a household (风险事件: what happened, when, the rigid expenditure it caused),
 * read by risk grading. Recorded with validation, audited in the transaction that writes them.
 */
import { z } from 'zod';
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { RISK_TYPE_LABELS } from '../../domain/assessment/riskTypes';
import { RISK_TYPES } from '../../domain/policy/rulesSchema';
import { badRequest, notFound } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import { findHouseholdPlace } from './recordQueries';
import { deleteRiskEvent, insertRiskEvent, riskEventsOf } from './queries';

const allowed = RISK_TYPES.map((t) => `${t}（${RISK_TYPE_LABELS[t]}）`).join('、');

export const riskEventInput = z.object({
  type: z.enum(RISK_TYPES, { message: `风险类型（type）应为 ${allowed} 之一` }),
  occurredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '发生日期（occurredOn）应为 YYYY-MM-DD'),
  cost: z.number({ message: '刚性支出（cost）应为数字（元）' }).min(0, '刚性支出（cost）不能为负数').max(1e9, '刚性支出（cost）过大'),
  note: z.string().max(500, '说明（note）不超过 500 字').nullable().optional(),
});

export type RiskEventInput = z.infer<typeof riskEventInput>;

/** Taking back a risk event entered by mistake: the reason is kept in the audit trail. */
export const riskEventRemoval = z.object({
  reason: z.string({ message: '撤销原因（reason）必须填写' }).trim().min(2, '撤销原因（reason）至少 2 个字').max(200, '撤销原因（reason）不超过 200 字'),
});

function checkDate(day: string, today: Date): void {
  const d = new Date(day + 'T00:00:00Z');
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) throw badRequest(`发生日期（occurredOn）${day} 不是有效日期`);
  if (day > today.toISOString().slice(0, 10)) throw badRequest(`发生日期（occurredOn）${day} 晚于今天`);
}

export async function listRiskEvents(db: Db, scope: PlaceScope, householdNo: string) {
  const place = await findHouseholdPlace(db, scope, householdNo);
  if (!place) throw notFound(`户 ${householdNo} `);
  return (await riskEventsOf(db, place.county_code, householdNo)).map((e) => ({ id: e.id, type: e.type, typeLabel: RISK_TYPE_LABELS[e.type as keyof typeof RISK_TYPE_LABELS] ?? e.type, occurredOn: e.occurred_on, cost: e.cost, note: e.note }));
}

export async function addRiskEvent(db: Db, scope: PlaceScope, householdNo: string, input: unknown, actor: AuditActor, today = new Date()) {
  const event = riskEventInput.parse(input);
  checkDate(event.occurredOn, today);
  return db.transaction().execute(async (tx) => {
    const place = await findHouseholdPlace(tx, scope, householdNo);
    if (!place) throw notFound(`户 ${householdNo} `);
    const id = await insertRiskEvent(tx, { county_code: place.county_code, household_no: householdNo, type: event.type, occurred_on: event.occurredOn, cost: event.cost, note: event.note ?? null });
    await recordAudit(tx, { ...actor, action: 'household.risk_event.add', objectType: 'household', objectId: householdNo, placeCode: place.village_code, after: { id, ...event } });
    return { id, ...event, note: event.note ?? null, typeLabel: RISK_TYPE_LABELS[event.type] };
  });
}

/**
 * Remove a risk event (entered by mistake, or for the wrong household). The event is gone from
 * grading at the next recompute; the audit event keeps what it was and why it was removed.
 */
export async function removeRiskEvent(db: Db, scope: PlaceScope, householdNo: string, id: number, input: unknown, actor: AuditActor) {
  const { reason } = riskEventRemoval.parse(input ?? {});
  return db.transaction().execute(async (tx) => {
    const place = await findHouseholdPlace(tx, scope, householdNo);
    if (!place) throw notFound(`户 ${householdNo} `);
    const removed = await deleteRiskEvent(tx, place.county_code, householdNo, id);
    if (!removed) throw notFound(`户 ${householdNo} 的风险事件 ${id} `);
    const before = { id: Number(removed.id), type: removed.type, occurredOn: removed.occurred_on, cost: removed.cost, note: removed.note };
    await recordAudit(tx, { ...actor, action: 'household.risk_event.remove', objectType: 'household', objectId: householdNo, placeCode: place.village_code, before, note: reason });
    return before;
  });
}
