/**
 * Request-level access of the registry and export routes, one way for all of them:
 * - one household (or a member of it): located whoever asks, then `assertInScope` — outside the
 *   user's reach it answers 404 as if absent and writes an 'access.refused' event;
 * - a list's place filter: inside the scope or above it (the list is then cut to the scope);
 *   any other place is refused the same way;
 * - reveal: `?reveal=idNumber,phone` shows those fields in clear only to a role with
 *   'person.reveal'; a refusal (403) and every reveal are audited ('person.reveal');
 * - a department operator whose line does not need them gets members' health data withheld.
 */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database';
import { EVERY_HOUSEHOLD } from '../../db/householdReach';
import { scopeContains } from '../../db/placeScope';
import { assertInScope, auditActorOf, requireUser } from '../../server/access';
import { reachRecord } from '../../server/reach';
import { AppError, badRequest, notFound } from '../../server/errors';
import { recordAudit } from '../audit/service';
import { withholdsHealthData } from '../../domain/roles';
import { PERMISSIONS } from '../auth/service';
import type { ChangeAuthor } from './changes';
import * as q from './queries';
import { householdCardByNo, type HouseholdCardRow } from './cardQueries';
import { memberKeySchema, NO_REVEAL, type RevealOptions } from './schemas';

export interface LocatedHousehold {
  countyCode: string;
  householdNo: string;
  villageCode: string;
}

/** Who acts, from where, and when (the app's clock), for `recordAudit`. */
export function authorOf(request: FastifyRequest): ChangeAuthor {
  return { ...auditActorOf(request), at: request.server.security.clock.now() };
}

const routeOf = (request: FastifyRequest) => `${request.method} ${request.url.split('?')[0]}`;

/** The household a request reaches: 404 when unknown, 404 and audited when out of reach. */
export async function reachHousehold(request: FastifyRequest, db: Db, householdNo: string): Promise<LocatedHousehold> {
  const h = await q.locateHousehold(db, householdNo);
  if (!h) throw notFound(`户 ${householdNo} `);
  const located = { countyCode: h.county_code, householdNo: h.household_no, villageCode: h.village_code };
  await assertInScope(request, { type: 'household', id: located.householdNo, placeCode: located.villageCode, household: located });
  return located;
}

/** The household a request reaches, read whole in one query (for its card), as reachHousehold refuses it. */
export async function reachWholeHousehold(request: FastifyRequest, db: Db, householdNo: string): Promise<q.HouseholdWithPlace>;
export async function reachWholeHousehold(request: FastifyRequest, db: Db, householdNo: string, withCard: true): Promise<HouseholdCardRow>;
export async function reachWholeHousehold(request: FastifyRequest, db: Db, householdNo: string, withCard = false): Promise<q.HouseholdWithPlace> {
  // With its card: members, incomes and history read in the same statement (one round trip).
  const h = withCard ? await householdCardByNo(db, householdNo) : await q.householdByNo(db, EVERY_HOUSEHOLD, householdNo);
  if (!h) throw notFound(`户 ${householdNo} `);
  const household = { countyCode: h.county_code, householdNo: h.household_no };
  await assertInScope(request, { type: 'household', id: h.household_no, placeCode: h.village_code, household });
  return h;
}

/** A member of a household the request reaches: its household as reachHousehold, then 404 when it has no such member. */
export async function reachMember(request: FastifyRequest, db: Db, householdNo: string, memberKey: string): Promise<LocatedHousehold> {
  if (!memberKeySchema.safeParse(memberKey).success) {
    throw badRequest(`成员编号（memberKey）的值“${memberKey}”格式不对，应为卡片上成员的 memberKey`, [{ field: 'memberKey', value: memberKey }]);
  }
  const h = await reachHousehold(request, db, householdNo);
  if (!(await q.locateMember(db, householdNo, memberKey))) throw notFound(`户 ${householdNo} 的成员 ${memberKey} `);
  return h;
}

/** A list's `place` filter: inside the user's scope or above it; any other place is refused (404, audited). */
export async function reachPlaceFilter(request: FastifyRequest, place: string | undefined): Promise<void> {
  const { scope } = requireUser(request);
  if (place === undefined || place === '0' || scope.all) return;
  if (scopeContains(scope, place) || scope.codes.some((root) => root.startsWith(place))) return;
  await reachRecord(request, { type: 'place', id: place, placeCode: place }, `地区 ${place} `);
}

export const REVEALABLE_FIELDS = ['idNumber', 'phone'] as const;
export type RevealableField = (typeof REVEALABLE_FIELDS)[number];
const REVEAL_NAMES: Record<RevealableField, string> = { idNumber: '证件号码', phone: '联系电话' };

/** `reveal=idNumber,phone` (or repeated) → the fields asked for; anything else is a 400. */
function parseReveal(value: unknown): RevealableField[] {
  if (value === undefined || value === '') return [];
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);
  for (const part of parts) {
    if (!(REVEALABLE_FIELDS as readonly string[]).includes(part)) {
      throw badRequest(`显示明文字段（reveal）的值“${part}”无效，应为：${REVEALABLE_FIELDS.join('、')}`, [{ field: 'reveal', value: part }]);
    }
  }
  return [...new Set(parts as RevealableField[])];
}

/** The `reveal` a request asks (read apart from the rest of the query, which the route parses). */
export const askedReveal = (request: FastifyRequest): unknown => (request.query as { reveal?: unknown } | undefined)?.reveal;

/** What a reveal is about, for its audit event. */
export interface RevealTarget {
  objectType: string;
  objectId: string | null;
  placeCode: string;
}

export const revealedFields = (reveal: RevealOptions): RevealableField[] => REVEALABLE_FIELDS.filter((f) => reveal[f]);

/**
 * The fields a request may see in clear. Nothing asked: nothing revealed. Asked by a role
 * without 'person.reveal': 403, and the attempt is audited.
 */
export async function authorizeReveal(request: FastifyRequest, asked: unknown, target: RevealTarget): Promise<RevealOptions> {
  const fields = parseReveal(asked);
  const { user } = requireUser(request);
  const healthWithheld = withholdsHealthData(user);
  if (fields.length === 0) return healthWithheld ? { ...NO_REVEAL, healthWithheld } : NO_REVEAL;
  if (!user.permissions.includes('person.reveal')) {
    await recordAudit(request.server.security.database.db, {
      ...authorOf(request),
      ...target,
      action: 'person.reveal',
      outcome: 'refused',
      after: { fields },
      note: routeOf(request),
    });
    throw new AppError(403, 'forbidden', `您的角色没有「${PERMISSIONS['person.reveal']}」权限，不能查看明文${fields.map((f) => REVEAL_NAMES[f]).join('、')}`, { permission: 'person.reveal' });
  }
  return { idNumber: fields.includes('idNumber'), phone: fields.includes('phone'), ...(healthWithheld ? { healthWithheld } : {}) };
}

/** Audit a reveal: who saw which fields of which records in clear. Nothing when nothing was revealed. */
export async function auditReveal(request: FastifyRequest, reveal: RevealOptions, target: RevealTarget, records: Record<string, unknown>): Promise<void> {
  const fields = revealedFields(reveal);
  if (fields.length === 0) return;
  await recordAudit(request.server.security.database.db, {
    ...authorOf(request),
    ...target,
    action: 'person.reveal',
    after: { fields, ...records },
    note: routeOf(request),
  });
}
