/**
 * Cadres and pairings (结对帮扶): quotas per rank from the policy's pairing model, every
 * poor / monitored household with a cadre, village work teams. A pairing of a cadre linked to
 * a user also gives that user the household (cadre_household), in the same transaction.
 */
import type { Db } from '../../db/database';
import { scopeContains } from '../../db/placeScope';
import { checkQuota, type PairingModel } from '../../domain/assistance/quota';
import type { PolicyRecord } from '../../domain/policy/record';
import type { HouseholdAccess } from '../../db/householdReach';
import { AppError, badRequest, notFound } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import { loadActivePolicies, resolveOrFail } from '../policy/service';
import * as q from './queries';
import type { CadreInput, PairInput } from './schemas';

export type Actor = AuditActor & { at?: Date };

/** The pairing model that applies where the cadre works in `year`. */
export function pairingModelOf(records: readonly PolicyRecord[], placeCode: string, year: number): PairingModel {
  const { rules } = resolveOrFail(records, placeCode === '0' ? '0' : placeCode, year);
  const model = rules.pairing.models[rules.pairing.model];
  if (!model) throw new AppError(400, 'policy_unresolved', `政策中的结对模式「${rules.pairing.model}」未定义`);
  return model;
}

export async function createCadre(db: Db, input: CadreInput, actor: Actor): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const id = await q.insertCadre(tx, {
      user_id: input.userId,
      name: input.name,
      unit: input.unit,
      rank: input.rank,
      visit_role: input.visitRole,
      place_code: input.placeCode,
      phone: input.phone,
    });
    await recordAudit(tx, { ...actor, action: 'cadre.create', objectType: 'cadre', objectId: String(id), placeCode: input.placeCode, after: { ...input, phone: undefined } });
    return id;
  });
}

/** Change a cadre's record (name, unit, rank, place, phone, linked user); audited with the values before. */
export async function updateCadre(db: Db, id: number, input: CadreInput, actor: Actor): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await q.findCadre(tx, id);
    if (!before) throw notFound(`干部 ${id} `);
    await q.updateCadre(tx, id, { user_id: input.userId, name: input.name, unit: input.unit, rank: input.rank, visit_role: input.visitRole, place_code: input.placeCode, phone: input.phone });
    await recordAudit(tx, {
      ...actor, action: 'cadre.update', objectType: 'cadre', objectId: String(id), placeCode: input.placeCode,
      before: { name: before.name, unit: before.unit, rank: before.rank, placeCode: before.place_code, userId: before.user_id },
      after: { ...input, phone: undefined },
    });
  });
}

export interface PairingProblem {
  householdNo: string;
  message: string;
}

/**
 * Pair one cadre with households. All or nothing: an unknown or unreachable household, one
 * already paired with this cadre, or the cadre's quota exceeded refuses the whole request
 * (409 'quota_exceeded' with the rule in words; the refusal is audited).
 */
export async function pairHouseholds(db: Db, access: HouseholdAccess, input: PairInput, actor: Actor): Promise<{ paired: number }> {
  const records = await loadActivePolicies(db);
  const outcome = await db.transaction().execute((tx) => pairWithin(tx, records, access, input, actor));
  if (!outcome.refused) return { paired: outcome.paired };
  throw await quotaRefusal(db, outcome.refused, actor);
}

type Refusal = { cadre: NonNullable<Awaited<ReturnType<typeof q.findCadre>>>; check: Extract<ReturnType<typeof checkQuota>, { ok: false }>; current: number; adding: number };

/** Audit a quota refusal (outside the rolled-back transaction) and build its 409. */
export async function quotaRefusal(db: Db, r: Refusal, actor: Actor): Promise<AppError> {
  await recordAudit(db, { ...actor, action: 'pairing.refused', objectType: 'cadre', objectId: String(r.cadre.id), placeCode: r.cadre.place_code, outcome: 'refused', note: r.check.message });
  return new AppError(409, r.check.code, r.check.message, { current: r.current, adding: r.adding, quota: r.check.quota ?? null, model: r.check.model.label });
}

/** The pairing inside the caller's transaction: the households paired, or the quota refusal (nothing written). */
export async function pairWithin(tx: Db, records: readonly PolicyRecord[], access: HouseholdAccess, input: PairInput, actor: Actor): Promise<{ paired: number; refused?: undefined } | { refused: Refusal; paired?: undefined }> {
  {
    const cadre = await q.findCadre(tx, input.cadreId);
    if (!cadre) throw notFound(`干部 ${input.cadreId} `);
    await q.lockCadres(tx, [cadre.id]);
    const wanted = [...new Set(input.householdNos)];
    const found = new Map((await q.locateHouseholds(tx, wanted)).map((h) => [h.householdNo, h]));
    const reachable = new Set((await reachableHouseholds(tx, access, [...found.values()])).map((h) => h.householdNo));
    const problems: PairingProblem[] = [];
    for (const no of wanted) {
      const h = found.get(no);
      if (!h || !reachable.has(no)) problems.push({ householdNo: no, message: `户 ${no} 不存在或不在您的权限范围内` });
      else if (h.status === 'deregistered') problems.push({ householdNo: no, message: `户 ${no} 已注销，不能结对` });
    }
    const keys = [...found.values()].map((h) => ({ countyCode: h.countyCode, householdNo: h.householdNo, cadreId: cadre.id }));
    for (const p of await q.openPairingsOf(tx, keys)) problems.push({ householdNo: p.household_no, message: `户 ${p.household_no} 已与干部${cadre.name}结对` });
    if (problems.length > 0) throw badRequest(`结对未完成：${problems[0].message}${problems.length > 1 ? `（共 ${problems.length} 处问题）` : ''}`, { problems });
    const model = pairingModelOf(records, cadre.place_code, Number(input.startedOn.slice(0, 4)));
    const current = (await q.openPairingCounts(tx, [cadre.id])).get(cadre.id) ?? 0;
    const check = checkQuota(model, cadre, current, wanted.length);
    if (!check.ok) return { refused: { cadre, check, current, adding: wanted.length } };
    const households = wanted.map((no) => found.get(no)!);
    await q.insertPairings(tx, households.map((h) => ({ county_code: h.countyCode, household_no: h.householdNo, cadre_id: cadre.id, started_on: input.startedOn })));
    if (cadre.user_id !== null) await q.grantCadreAccess(tx, cadre.user_id, households);
    for (const h of households) {
      await recordAudit(tx, {
        ...actor,
        action: 'pairing.create',
        objectType: 'household',
        objectId: h.householdNo,
        placeCode: h.villageCode,
        after: { cadreId: cadre.id, cadreName: cadre.name, rank: cadre.rank, startedOn: input.startedOn, quota: check.quota.households, pairedAfter: current + wanted.length },
      });
    }
    return { paired: households.length };
  }
}

/** The households inside the place scope and, for a pairing cadre, among his own. */
async function reachableHouseholds(db: Db, access: HouseholdAccess, households: q.HouseholdPlace[]) {
  const inPlace = households.filter((h) => scopeContains(access.scope, h.villageCode));
  if (access.pairedCadreId === null) return inPlace;
  const own = new Set((await q.accessListOf(db, access.pairedCadreId)).map((h) => `${h.countyCode}:${h.householdNo}`));
  return inPlace.filter((h) => own.has(`${h.countyCode}:${h.householdNo}`));
}

export async function endPairing(db: Db, countyCode: string, id: number, endedOn: string, reason: string | null, actor: Actor): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const p = await q.findPairing(tx, countyCode, id);
    if (!p) throw notFound(`结对记录 ${id} `);
    if (p.ended_on) throw badRequest(`结对记录 ${id} 已于 ${p.ended_on} 结束`);
    if (endedOn < p.started_on) throw badRequest(`结束日期 ${endedOn} 早于结对日期 ${p.started_on}`);
    await q.endPairing(tx, countyCode, id, endedOn, reason);
    const cadre = await q.findCadre(tx, p.cadre_id);
    if (cadre?.user_id != null) await q.revokeCadreAccess(tx, cadre.user_id, countyCode, p.household_no);
    await recordAudit(tx, { ...actor, action: 'pairing.end', objectType: 'household', objectId: p.household_no, placeCode: p.village_code, before: { cadreId: p.cadre_id }, after: { endedOn, reason } });
  });
}

export async function addTeamMember(db: Db, input: { villageCode: string; cadreId: number; role: string; startedOn: string }, actor: Actor): Promise<number> {
  // In a caller's transaction (a replacement ends one member and adds another) or its own.
  const inTransaction = <T>(work: (tx: Db) => Promise<T>): Promise<T> => (db.isTransaction ? work(db) : db.transaction().execute(work));
  return inTransaction(async (tx) => {
    const cadre = await q.findCadre(tx, input.cadreId);
    if (!cadre) throw notFound(`干部 ${input.cadreId} `);
    const id = await q.insertTeamMember(tx, { village_code: input.villageCode, cadre_id: input.cadreId, role: input.role, started_on: input.startedOn });
    await recordAudit(tx, { ...actor, action: 'village_team.add', objectType: 'village', objectId: input.villageCode, placeCode: input.villageCode, after: { ...input, cadreName: cadre.name } });
    return id;
  });
}

/** End a team member's posting (离任, e.g. replaced), in the caller's transaction. */
export async function endTeamMember(tx: Db, id: number, endedOn: string, reason: string, actor: Actor): Promise<void> {
  const member = await q.findTeamMember(tx, id);
  if (!member) throw notFound(`驻村工作队队员 ${id} `);
  if (member.endedOn) throw badRequest(`驻村工作队队员 ${id} 已于 ${member.endedOn} 离任`, [{ field: 'memberId', value: id }]);
  if (endedOn < member.startedOn) throw badRequest(`离任日期（endedOn）${endedOn} 早于到岗日期 ${member.startedOn}`, [{ field: 'endedOn', value: endedOn }]);
  await q.endTeamMember(tx, id, endedOn);
  await recordAudit(tx, { ...actor, action: 'village_team.end', objectType: 'village', objectId: member.villageCode, placeCode: member.villageCode, before: member, after: { endedOn, reason } });
}
