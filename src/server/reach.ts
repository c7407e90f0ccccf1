/**
 * Reach of one record or one place, for the routes: the single-record side of access (lists
 * filter in SQL with `householdReach` / `inScope` / `codeInScope` from src/db). A record or
 * place outside the user's reach answers 404 as if absent, with an audited 'access.refused'
 * (`assertInScope`); `what` names the thing in the 404 when the record's type is not enough.
 */
import type { FastifyRequest } from 'fastify';
import { scopeContains } from '../db/placeScope';
import { chinaDate } from '../domain/dates';
import { NATION_CODE } from '../domain/placeCode';
import { assertInScope, auditActorOf, requireUser, type ScopedRecord } from './access';
import { AppError, notFound } from './errors';

/** 404 (audited) unless the record lies in the user's reach; the 404 names `what` when given. */
export async function reachRecord(request: FastifyRequest, record: ScopedRecord, what?: string): Promise<void> {
  if (what === undefined) return assertInScope(request, record);
  try {
    await assertInScope(request, record);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) throw notFound(what);
    throw e;
  }
}

/**
 * The place a report, listing or ledger request is about: the one asked (default: the user's
 * own place), checked to lie inside the user's scope (the nation only for a nationwide scope).
 */
export async function reachPlace(request: FastifyRequest, asked: string | undefined): Promise<string> {
  const { user, scope } = requireUser(request);
  const place = asked ?? user.placeCode;
  if (scope.all || (place !== NATION_CODE && scopeContains(scope, place))) return place;
  await reachRecord(request, { type: 'place', id: place, placeCode: place }, `地区 ${place} `);
  return place;
}

/** The office's date of a request (the app's clock, China Standard Time). */
export const todayOf = (request: FastifyRequest): string => chinaDate(request.server.security.clock.now());

/** Who acts and on which day, for ledger changes. */
export function ledgerContextOf(request: FastifyRequest) {
  return { actor: { ...auditActorOf(request), at: request.server.security.clock.now() }, today: todayOf(request) };
}
