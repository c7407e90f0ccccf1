/**
 * Request-level access of the monitoring and what-if routes, the registry's way:
 * - one household: the registry's `reachHousehold` (404 and an audited 'access.refused' when
 *   out of reach; a pairing cadre reaches only his paired households);
 * - a job's place: a new job runs inside the user's scope (a place above it is narrowed to the
 *   user's own place, any other place is refused); an existing job is shown only to users whose
 *   scope holds the place it ran for.
 */
import type { FastifyRequest } from 'fastify';
import { scopeContains } from '../../db/placeScope';
import { NATIONAL_REGION } from '../../domain/policy/record';
import { requireUser } from '../../server/access';
import { reachRecord } from '../../server/reach';
import { reachPlaceFilter } from '../registry/service';
import type { JobView } from './jobs';

/** The place a new job runs for: the one asked if inside the scope; above it (or none) the user's own place; else 404 (audited). */
export async function reachJobPlace(request: FastifyRequest, asked: string | undefined): Promise<string> {
  const { user, scope } = requireUser(request);
  if (asked !== undefined && (scope.all || (asked !== NATIONAL_REGION && scopeContains(scope, asked)))) return asked;
  await reachPlaceFilter(request, asked);
  return scope.all ? NATIONAL_REGION : user.placeCode;
}

/** 404 (audited) unless the user's scope holds the place the job ran for. */
export async function reachJob(request: FastifyRequest, job: JobView): Promise<void> {
  const { scope } = requireUser(request);
  const place = (job.params as { place?: unknown } | null)?.place;
  const code = typeof place === 'string' ? place : NATIONAL_REGION;
  if (scope.all || (code !== NATIONAL_REGION && scopeContains(scope, code))) return;
  await reachRecord(request, { type: 'job', id: String(job.id), placeCode: code }, `任务 ${job.id} `);
}
