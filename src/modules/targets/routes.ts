/** HTTP routes of targets and progress, declared with routesOf: read with 'dashboard.read', set with 'targets.manage', within the user's scope. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database';
import { chinaDate } from '../../domain/dates';
import { auditActorOf, requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { monthlyProgressSchema, overviewQuery, progressQuery, targetBody, targetOverviewSchema, targetSetSchema } from './schemas';
import { defaultYears, monthlyProgress, setTarget, targetOverview } from './service';

const currentYearOf = (request: FastifyRequest) => Number(chinaDate(request.server.security.clock.now()).slice(0, 4));

export async function registerTargetRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, { tag: '目标任务', description: 'Targets: yearly poverty-reduction targets and monthly progress (src/modules/targets)' });

  route({
    method: 'GET', url: '/targets/overview', summary: '减贫目标与完成情况', access: 'dashboard.read', query: overviewQuery, response: targetOverviewSchema,
    handler: async ({ request, query: q }) => {
      const { user, scope } = requireUser(request);
      const place = q.place ?? user.placeCode;
      const current = currentYearOf(request);
      const years = q.from !== undefined && q.to !== undefined ? { from: q.from, to: q.to } : await defaultYears(db, place, current);
      return targetOverview(db, scope, place, q.from ?? years.from, q.to ?? years.to, current);
    },
  });

  route({
    method: 'GET', url: '/targets/progress', summary: '逐月脱贫进度', access: 'dashboard.read', query: progressQuery, response: monthlyProgressSchema,
    handler: async ({ request, query: q }) => {
      const { user, scope } = requireUser(request);
      return monthlyProgress(db, scope, q.place ?? user.placeCode, q.year ?? currentYearOf(request), currentYearOf(request));
    },
  });

  route({
    method: 'PUT', url: '/targets', summary: '设定年度减贫目标', access: 'targets.manage', body: targetBody, response: targetSetSchema,
    handler: async ({ request, body }) => {
      const { user, scope } = requireUser(request);
      return setTarget(db, scope, body, { ...auditActorOf(request), username: user.username, at: request.server.security.clock.now() });
    },
  });
}
