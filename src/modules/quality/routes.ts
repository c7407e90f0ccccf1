/** HTTP routes of 三率一度: record a survey ('targets.manage'), read the rates ('dashboard.read'), within the user's scope. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { chinaDate } from '../../domain/dates';
import { auditActorOf, requirePermission, requireUser } from '../../server/access';
import { qualityReport, recordSurvey } from './service';
import { placeCodeSchema as placeCode } from '../../domain/placeCode';

const count = z.number();
export const surveyBody = z.strictObject({
  placeCode,
  year: z.number(),
  surveyedOn: z.string(),
  ruralPopulation: count,
  personsSampled: count,
  missedPersons: count,
  exitedPersonsSampled: count,
  wronglyExitedPersons: count,
  respondents: count,
  satisfied: count,
  note: z.string().max(1000).nullable().optional(),
});
export const ratesQuery = z.object({ place: placeCode.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });

export async function registerQualityRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  api.post('/quality/surveys', { preHandler: requirePermission('targets.manage') }, async (request, reply) => {
    const { user, scope } = requireUser(request);
    const saved = await recordSurvey(db, scope, surveyBody.parse(request.body), { ...auditActorOf(request), username: user.username, at: request.server.security.clock.now() });
    reply.status(201);
    return saved;
  });
  api.get('/quality/rates', { preHandler: requirePermission('dashboard.read') }, async (request) => {
    const q = ratesQuery.parse(request.query);
    const { user, scope } = requireUser(request);
    const year = q.year ?? Number(chinaDate(request.server.security.clock.now()).slice(0, 4));
    return qualityReport(db, scope, q.place ?? user.placeCode, year);
  });
}
