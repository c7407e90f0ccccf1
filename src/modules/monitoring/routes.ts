/**
 * HTTP routes of monitoring: recompute as a job, job status, the overview, the list of
 * assessed households, a household's checklist and risk events. Thin: declare the permission,
 * reach the record or place (routeAccess.ts), call one service function within the user's
 * reach, validate the response.
 */
import { PassThrough } from 'node:stream';
import { withholdsHealthData } from '../../domain/roles';
import { withholdHealthInChecklist, withholdHealthInRiskEvents } from './healthWithholding';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { auditActorOf, householdAccessOf, requirePermission, requireUser } from '../../server/access';
import { recordAudit } from '../audit/service';
import { reachHousehold, reachPlaceFilter } from '../registry/service';
import { loadActivePolicies } from '../policy/service';
import { writeAssessedWorkbook } from './assessedWorkbook';
import { industryIncomeReport, monitoringCapReport } from './policyTargets';
import { capWorkbook, industryWorkbook } from './policyTargetsWorkbook';
import { registerPolicyJobRoutes } from './policyRoutes';
import * as s from './schemas';
import {
  addRiskEvent,
  getHouseholdAssessment,
  getJob,
  getMonitoringOverview,
  listAssessedHouseholds,
  listRiskEvents,
  removeRiskEvent,
  reachJob,
  reachJobPlace,
  startRecomputeJob,
  XLSX_MEDIA_TYPE,
} from './service';

const idParam = z.object({ id: z.coerce.number({ message: '任务编号应为数字' }).int().positive('任务编号应为正整数') });
type HouseholdParams = { Params: { householdNo: string } };

export async function registerMonitoringRoutes(api: FastifyInstance, database: Database): Promise<void> {
  await registerPolicyJobRoutes(api, database);
  const { db } = database;
  const recompute = { preHandler: requirePermission('monitoring.recompute') };
  const readJobs = { preHandler: requirePermission('monitoring.recompute', 'dashboard.read') };
  const counts = { preHandler: requirePermission('registry.read', 'dashboard.read') };
  const read = { preHandler: requirePermission('registry.read') };
  const writeEvents = { preHandler: requirePermission('registry.write', 'assistance.write') };

  api.post('/monitoring/recompute', recompute, async (request, reply) => {
    const body = s.recomputeBody.parse(request.body ?? {});
    const place = await reachJobPlace(request, body.place);
    const { scope } = requireUser(request);
    const jobId = await startRecomputeJob(
      database,
      { place, years: body.year === undefined ? undefined : [body.year], scope, reason: 'manual' },
      (e) => request.log.error(e),
    );
    await recordAudit(db, { ...auditActorOf(request), action: 'monitoring.recompute', objectType: 'job', objectId: String(jobId), placeCode: place, after: { year: body.year ?? null } });
    return reply.status(202).send({ jobId });
  });

  api.get<{ Params: { id: string } }>('/monitoring/jobs/:id', readJobs, async (request) => {
    const { id } = idParam.parse(request.params);
    const job = await getJob(database, id);
    await reachJob(request, job);
    return s.jobSchema.parse(job);
  });

  api.get('/monitoring/overview', counts, async (request) => {
    const q = s.overviewQuery.parse(request.query);
    await reachPlaceFilter(request, q.place);
    return s.overviewSchema.parse(await getMonitoringOverview(db, householdAccessOf(request), q));
  });

  api.get('/monitoring/households', read, async (request) => {
    const { page, pageSize, ...filter } = s.householdListQuery.parse(request.query);
    await reachPlaceFilter(request, filter.place);
    return s.householdPageSchema.parse(await listAssessedHouseholds(db, householdAccessOf(request), filter, { page, pageSize }));
  });

  api.get<HouseholdParams>('/households/:householdNo/assessment', read, async (request) => {
    const q = s.assessmentQuery.parse(request.query);
    await reachHousehold(request, db, request.params.householdNo);
    const { user, scope } = requireUser(request);
    const checklist = await getHouseholdAssessment(db, scope, request.params.householdNo, q.year);
    return s.checklistSchema.parse(withholdsHealthData(user) ? withholdHealthInChecklist(checklist) : checklist);
  });

  api.get<HouseholdParams>('/households/:householdNo/risk-events', read, async (request) => {
    await reachHousehold(request, db, request.params.householdNo);
    const { user, scope } = requireUser(request);
    const items = await listRiskEvents(db, scope, request.params.householdNo);
    return s.riskEventListSchema.parse({ items: withholdsHealthData(user) ? withholdHealthInRiskEvents(items) : items });
  });

  api.post<HouseholdParams>('/households/:householdNo/risk-events', writeEvents, async (request, reply) => {
    await reachHousehold(request, db, request.params.householdNo);
    const event = await addRiskEvent(db, requireUser(request).scope, request.params.householdNo, request.body, auditActorOf(request));
    return reply.status(201).send(s.riskEventSchema.parse(event));
  });

  const eventParams = z.object({ eventId: z.coerce.number({ message: '风险事件编号应为数字' }).int().positive('风险事件编号应为正整数') });
  api.delete<{ Params: { householdNo: string; eventId: string } }>('/households/:householdNo/risk-events/:eventId', writeEvents, async (request, reply) => {
    const { eventId } = eventParams.parse(request.params);
    await reachHousehold(request, db, request.params.householdNo);
    await removeRiskEvent(db, requireUser(request).scope, request.params.householdNo, eventId, request.body, auditActorOf(request));
    return reply.status(204).send();
  });

  api.get('/monitoring/households/export.xlsx', { preHandler: requirePermission('registry.export') }, async (request, reply) => {
    const { page: _page, pageSize: _size, ...filter } = s.householdListQuery.parse(request.query);
    await reachPlaceFilter(request, filter.place);
    const placeCode = filter.place === '0' ? requireUser(request).user.placeCode : filter.place;
    await recordAudit(db, { ...auditActorOf(request), action: 'monitoring.export', objectType: 'assessment', objectId: null, placeCode, after: filter });
    const body = new PassThrough();
    writeAssessedWorkbook(db, householdAccessOf(request), filter, body).catch((e: Error) => {
      request.log.error(e, '导出失败');
      body.destroy(e);
    });
    const name = `评估结果-${placeCode}.xlsx`;
    return reply
      .type(XLSX_MEDIA_TYPE)
      .header('content-disposition', `attachment; filename="assessments.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(body);
  });

  const targetQuery = async (request: FastifyRequest) => {
    const q = s.targetReportQuery.parse(request.query);
    await reachPlaceFilter(request, q.place);
    return q;
  };
  const sendTargetWorkbook = async (request: FastifyRequest, reply: FastifyReply, what: { ascii: string; name: string; place: string; year: number }, buffer: Buffer) => {
    await recordAudit(db, { ...auditActorOf(request), action: 'monitoring.export', objectType: 'report', objectId: what.ascii, placeCode: what.place, after: { year: what.year } });
    const name = `${what.name}-${what.place}-${what.year}.xlsx`;
    return reply.type(XLSX_MEDIA_TYPE).header('content-disposition', `attachment; filename="${what.ascii}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`).send(buffer);
  };
  const exportTargets = { preHandler: requirePermission('registry.export') };

  api.get('/monitoring/cap', counts, async (request) =>
    s.capReportSchema.parse(await monitoringCapReport(db, householdAccessOf(request), await targetQuery(request), await loadActivePolicies(db))));
  api.get('/monitoring/cap/export.xlsx', exportTargets, async (request, reply) => {
    const r = await monitoringCapReport(db, householdAccessOf(request), await targetQuery(request), await loadActivePolicies(db));
    return sendTargetWorkbook(request, reply, { ascii: 'monitoring-cap', name: '监测对象规模', place: r.place.code, year: r.year }, await capWorkbook(r));
  });
  api.get('/monitoring/industry-income', counts, async (request) =>
    s.industryReportSchema.parse(await industryIncomeReport(db, householdAccessOf(request), await targetQuery(request), await loadActivePolicies(db))));
  api.get('/monitoring/industry-income/export.xlsx', exportTargets, async (request, reply) => {
    const r = await industryIncomeReport(db, householdAccessOf(request), await targetQuery(request), await loadActivePolicies(db));
    return sendTargetWorkbook(request, reply, { ascii: 'industry-income', name: '产业增收目标', place: r.place.code, year: r.year }, await industryWorkbook(r));
  });
}
