/** HTTP routes of targets and progress: read with 'dashboard.read', set with 'targets.manage', within the user's scope. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { chinaDate } from '../../domain/dates';
import { auditActorOf, requirePermission, requireUser } from '../../server/access';
import { defaultYears, monthlyProgress, setTarget, targetOverview } from './service';
import { placeCodeSchema as placeCode } from '../../domain/placeCode';

const year = z.coerce.number().int().min(2000).max(2100);
export const overviewQuery = z.object({ place: placeCode.optional(), from: year.optional(), to: year.optional() });
export const progressQuery = z.object({ place: placeCode.optional(), year: year.optional() });
export const targetBody = z.strictObject({ placeCode, year: z.number(), persons: z.number(), households: z.number().nullable().optional(), source: z.string().max(200).nullable().optional() });

const currentYearOf = (request: FastifyRequest) => Number(chinaDate(request.server.security.clock.now()).slice(0, 4));

export async function registerTargetRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  api.get('/targets/overview', { preHandler: requirePermission('dashboard.read') }, async (request) => {
    const q = overviewQuery.parse(request.query);
    const { user, scope } = requireUser(request);
    const place = q.place ?? user.placeCode;
    const current = currentYearOf(request);
    const years = q.from !== undefined && q.to !== undefined ? { from: q.from, to: q.to } : await defaultYears(db, place, current);
    return targetOverview(db, scope, place, q.from ?? years.from, q.to ?? years.to, current);
  });

  api.get('/targets/progress', { preHandler: requirePermission('dashboard.read') }, async (request) => {
    const q = progressQuery.parse(request.query);
    const { user, scope } = requireUser(request);
    return monthlyProgress(db, scope, q.place ?? user.placeCode, q.year ?? currentYearOf(request), currentYearOf(request));
  });

  api.put('/targets', { preHandler: requirePermission('targets.manage') }, async (request) => {
    const body = targetBody.parse(request.body);
    const { user, scope } = requireUser(request);
    return setTarget(db, scope, body, { ...auditActorOf(request), username: user.username, at: request.server.security.clock.now() });
  });
}
