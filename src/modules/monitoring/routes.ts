/**
 * HTTP routes of monitoring: recompute as a job, job status, the overview, the list of
 * assessed households and a household's checklist. Thin: validate, call one service function,
 * validate the response. Every place until the access module narrows the scope.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { ALL_PLACES, type PlaceScope } from '../../db/placeScope';
import { auditActorOf } from '../../server/access';
import { recordAudit } from '../audit/service';
import * as s from './schemas';
import { addRiskEvent, getHouseholdAssessment, getJob, getMonitoringOverview, listAssessedHouseholds, listRiskEvents, startRecomputeJob } from './service';

export type ScopeOfRequest = (request: FastifyRequest) => PlaceScope;
const everyPlace: ScopeOfRequest = () => ALL_PLACES;
const idParam = z.object({ id: z.coerce.number({ message: '任务编号应为数字' }).int().positive('任务编号应为正整数') });

export async function registerMonitoringRoutes(api: FastifyInstance, database: Database, scopeOf: ScopeOfRequest = everyPlace): Promise<void> {
  api.post('/monitoring/recompute', async (request, reply) => {
    const body = s.recomputeBody.parse(request.body ?? {});
    const jobId = await startRecomputeJob(
      database,
      { place: body.place, years: body.year === undefined ? undefined : [body.year], scope: scopeOf(request), reason: 'manual' },
      (e) => request.log.error(e),
    );
    await recordAudit(database.db, { ...auditActorOf(request), action: 'monitoring.recompute', objectType: 'job', objectId: String(jobId), placeCode: body.place ?? '0', after: { year: body.year ?? null } });
    return reply.status(202).send({ jobId });
  });

  api.get<{ Params: { id: string } }>('/monitoring/jobs/:id', async (request) => {
    const { id } = idParam.parse(request.params);
    return s.jobSchema.parse(await getJob(database, id));
  });

  api.get('/monitoring/overview', async (request) => {
    const q = s.overviewQuery.parse(request.query);
    return s.overviewSchema.parse(await getMonitoringOverview(database.db, scopeOf(request), q));
  });

  api.get('/monitoring/households', async (request) => {
    const { page, pageSize, ...filter } = s.householdListQuery.parse(request.query);
    return s.householdPageSchema.parse(await listAssessedHouseholds(database.db, scopeOf(request), filter, { page, pageSize }));
  });

  api.get<{ Params: { householdNo: string } }>('/households/:householdNo/assessment', async (request) => {
    const q = s.assessmentQuery.parse(request.query);
    return s.checklistSchema.parse(await getHouseholdAssessment(database.db, scopeOf(request), request.params.householdNo, q.year));
  });

  api.get<{ Params: { householdNo: string } }>('/households/:householdNo/risk-events', async (request) => {
    return s.riskEventListSchema.parse({ items: await listRiskEvents(database.db, scopeOf(request), request.params.householdNo) });
  });

  api.post<{ Params: { householdNo: string } }>('/households/:householdNo/risk-events', async (request, reply) => {
    const event = await addRiskEvent(database.db, scopeOf(request), request.params.householdNo, request.body, auditActorOf(request));
    return reply.status(201).send(s.riskEventSchema.parse(event));
  });
}
