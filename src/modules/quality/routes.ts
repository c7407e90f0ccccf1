/** HTTP routes of 三率一度, declared with routesOf: record a survey ('targets.manage'), read the rates ('dashboard.read'), within the user's scope. */
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database';
import { chinaDate } from '../../domain/dates';
import { auditActorOf, requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { qualityReportSchema, ratesQuery, surveyBody, surveySavedSchema } from './schemas';
import { qualityReport, recordSurvey } from './service';

export async function registerQualityRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, { tag: '三率一度', description: 'Quality: surveys and the rates of missed and wrong exits and satisfaction (src/modules/quality)' });

  route({
    method: 'POST', url: '/quality/surveys', summary: '录入三率一度抽样调查', access: 'targets.manage', body: surveyBody, response: surveySavedSchema, status: 201,
    handler: async ({ request, body }) => {
      const { user, scope } = requireUser(request);
      return recordSurvey(db, scope, body, { ...auditActorOf(request), username: user.username, at: request.server.security.clock.now() });
    },
  });

  route({
    method: 'GET', url: '/quality/rates', summary: '三率一度（漏评率、错退率、满意度）', access: 'dashboard.read', query: ratesQuery, response: qualityReportSchema,
    handler: async ({ request, query: q }) => {
      const { user, scope } = requireUser(request);
      const year = q.year ?? Number(chinaDate(request.server.security.clock.now()).slice(0, 4));
      return qualityReport(db, scope, q.place ?? user.placeCode, year);
    },
  });
}
