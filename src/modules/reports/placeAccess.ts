/**
 * The place a report, listing or ledger request is about: the `place` query, else the user's
 * own scope place. A place outside the user's scope answers 404 as if absent (and is audited
 * as a refused access), so a county leader cannot read the neighbouring county's figures.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { scopeContains } from '../../db/placeScope';
import { assertInScope, auditActorOf, requireUser } from '../../server/access';
import { AppError, notFound } from '../../server/errors';
import { chinaDate } from './dates';

export const placeCodeSchema = z
  .string()
  .regex(/^(0|\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, '地区代码应为 0（全国）或 2、4、6、9、12 位数字');

/** The place asked for (default: the user's scope place), checked to lie inside the user's scope. */
export async function reachReportPlace(request: FastifyRequest, asked: string | undefined): Promise<string> {
  const { user, scope } = requireUser(request);
  const place = asked ?? user.placeCode;
  if (scope.all || (place !== '0' && scopeContains(scope, place))) return place;
  try {
    await assertInScope(request, { type: 'place', id: place, placeCode: place });
  } catch (e) {
    if (e instanceof AppError && e.status === 404) throw notFound(`地区 ${place} `);
    throw e;
  }
  return place;
}

/** True when the user may see records of `placeCode` (a ledger row's place). */
export function reaches(request: FastifyRequest, placeCode: string): boolean {
  const { scope } = requireUser(request);
  return scopeContains(scope, placeCode);
}

/** The office's date of a request (the app's clock, China Standard Time). */
export const todayOf = (request: FastifyRequest) => chinaDate(request.server.security.clock.now());

/** Who acts and on which day, for ledger changes. */
export function ledgerContextOf(request: FastifyRequest) {
  return { actor: { ...auditActorOf(request), at: request.server.security.clock.now() }, today: todayOf(request) };
}

/** 404 (audited) unless the record's place lies in the user's scope. */
export async function reachRecord(request: FastifyRequest, type: string, id: string, placeCode: string): Promise<void> {
  await assertInScope(request, { type, id, placeCode });
}
