/**
 * Who reaches which policy record. A record governs its region: a user reads the records that
 * govern places of his scope (the national default, his province's, his county's, and any
 * below his place); he edits, activates and what-ifs drafts only of regions inside his scope
 * (the national default only with a nationwide scope). Anything else answers 404 as if absent,
 * with an audited 'access.refused'.
 */
import type { FastifyRequest } from 'fastify';
import { scopeContains, type PlaceScope } from '../../db/placeScope';
import { NATIONAL_REGION } from '../../domain/policy/record';
import { requireUser } from '../../server/access';
import { notFound } from '../../server/errors';
import { reachRecord } from '../../server/reach';
import { isPlaceCode } from '../../domain/placeCode';

/** True when the record of `region` governs some place of the scope. */
export function governs(scope: PlaceScope, region: string): boolean {
  return scope.all || region === NATIONAL_REGION || scope.codes.some((c) => c.startsWith(region) || region.startsWith(c));
}

/** True when the scope holds the whole region (its records may be changed). */
export function holdsRegion(scope: PlaceScope, region: string): boolean {
  return scope.all || (region !== NATIONAL_REGION && scopeContains(scope, region));
}

async function refuse(request: FastifyRequest, id: string, region: string, what: string): Promise<never> {
  await reachRecord(request, { type: 'policy_record', id, placeCode: region }, what);
  throw notFound(what);
}

/** 404 (audited) unless the record governs the user's places ('read') or lies inside his scope ('write'). */
export async function reachPolicy(request: FastifyRequest, record: { id: string; regionCode: string }, mode: 'read' | 'write'): Promise<void> {
  const { scope } = requireUser(request);
  if (mode === 'read' ? governs(scope, record.regionCode) : holdsRegion(scope, record.regionCode)) return;
  await refuse(request, record.id, record.regionCode, `政策记录 ${record.id} `);
}

/** 404 (audited) unless a new draft's region lies inside the user's scope; a malformed region is left to validation. */
export async function reachDraftRegion(request: FastifyRequest, region: unknown): Promise<void> {
  if (typeof region !== 'string' || !isPlaceCode(region)) return;
  const { scope } = requireUser(request);
  if (holdsRegion(scope, region)) return;
  await refuse(request, '(新草稿)', region, `适用地区 ${region} `);
}
