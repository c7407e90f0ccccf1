/**
 * HTTP routes of monitoring: recompute as a job, job status, the overview, the list of
 * assessed households, a household's checklist and risk events. Thin: declare the permission,
 * reach the record or place (routeAccess.ts), call one service function within the user's
 * reach; declared with routesOf, which parses the input and the answer.
 */
import { PassThrough } from 'node:stream';
import { withholdsHealthData } from '../../domain/roles';
import { withholdHealthInChecklist, withholdHealthInRiskEvents } from './healthWithholding';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { auditActorOf, householdAccessOf, requireUser } from '../../server/access';
import { jobStartedAnswer, routesOf } from '../../server/defineRoute';
import { recordAudit } from '../audit/service';
import { householdNoParams, reachHousehold, reachPlaceFilter } from '../registry/service';
import { loadActivePolicies } from '../policy/service';
import { writeAssessedWorkbook } from './assessedWorkbook';
import { industryIncomeReport, monitoringCapReport } from './policyTargets';
import { capWorkbook, industryWorkbook } from './policyTargetsWorkbook';
import { registerPolicyJobRoutes } from './policyRoutes';
import { riskEventInput, riskEventRemoval } from './riskEvents';
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
const eventParams = householdNoParams.extend({ eventId: z.coerce.number({ message: '风险事件编号应为数字' }).int().positive('风险事件编号应为正整数') });

export async function registerMonitoringRoutes(api: FastifyInstance, database: Database): Promise<void> {
  await registerPolicyJobRoutes(api, database);
  const { db } = database;
  const route = routesOf(api, { tag: '防返贫监测', description: 'Monitoring: recompute jobs, overview, assessed households, checklist, risk events (src/modules/monitoring)' });
  const counts = ['registry.read', 'dashboard.read'] as const;
  const writeEvents = ['registry.write', 'assistance.write'] as const;

  route({
    method: 'POST', url: '/monitoring/recompute', summary: '重新评估（后台任务）', access: 'monitoring.recompute', body: s.recomputeBody, response: jobStartedAnswer, status: 202,
    handler: async ({ request, body }) => {
      const place = await reachJobPlace(request, body.place);
      const { scope } = requireUser(request);
      const jobId = await startRecomputeJob(
        database,
        { place, years: body.year === undefined ? undefined : [body.year], scope, reason: 'manual' },
        (e) => request.log.error(e),
      );
      await recordAudit(db, { ...auditActorOf(request), action: 'monitoring.recompute', objectType: 'job', objectId: String(jobId), placeCode: place, after: { year: body.year ?? null } });
      return { jobId };
    },
  });

  route({
    method: 'GET', url: '/monitoring/jobs/:id', summary: '评估任务进度', access: ['monitoring.recompute', 'dashboard.read'], params: idParam, response: s.jobSchema,
    handler: async ({ request, params }) => {
      const job = await getJob(database, params.id);
      await reachJob(request, job);
      // The job's status is a string in the table; the answer schema checks it is one of the four.
      return job as z.input<typeof s.jobSchema>;
    },
  });

  route({
    method: 'GET', url: '/monitoring/overview', summary: '监测概况（各类户数）', access: counts, query: s.overviewQuery, response: s.overviewSchema,
    handler: async ({ request, query }) => {
      await reachPlaceFilter(request, query.place);
      return getMonitoringOverview(db, householdAccessOf(request), query);
    },
  });

  route({
    method: 'GET', url: '/monitoring/households', summary: '评估结果列表', access: 'registry.read', query: s.householdListQuery, response: s.householdPageSchema,
    handler: async ({ request, query: { page, pageSize, ...filter } }) => {
      await reachPlaceFilter(request, filter.place);
      // Stored outcomes are strings in the table; the answer schema checks their values.
      return (await listAssessedHouseholds(db, householdAccessOf(request), filter, { page, pageSize })) as z.input<typeof s.householdPageSchema>;
    },
  });

  route({
    method: 'GET', url: '/households/:householdNo/assessment', summary: '户的评估清单（逐项结果）', access: 'registry.read', params: householdNoParams, query: s.assessmentQuery, response: s.checklistSchema,
    handler: async ({ request, params: { householdNo }, query }) => {
      await reachHousehold(request, db, householdNo);
      const { user, scope } = requireUser(request);
      const checklist = await getHouseholdAssessment(db, scope, householdNo, query.year);
      return (withholdsHealthData(user) ? withholdHealthInChecklist(checklist) : checklist) as z.input<typeof s.checklistSchema>;
    },
  });

  route({
    method: 'GET', url: '/households/:householdNo/risk-events', summary: '户的风险事件', access: 'registry.read', params: householdNoParams, response: s.riskEventListSchema,
    handler: async ({ request, params: { householdNo } }) => {
      await reachHousehold(request, db, householdNo);
      const { user, scope } = requireUser(request);
      const items = await listRiskEvents(db, scope, householdNo);
      return { items: withholdsHealthData(user) ? withholdHealthInRiskEvents(items) : items };
    },
  });

  route({
    method: 'POST', url: '/households/:householdNo/risk-events', summary: '登记风险事件', access: writeEvents, params: householdNoParams, body: riskEventInput, response: s.riskEventSchema, status: 201,
    handler: async ({ request, params: { householdNo }, body }) => {
      await reachHousehold(request, db, householdNo);
      return addRiskEvent(db, requireUser(request).scope, householdNo, body, auditActorOf(request));
    },
  });

  route({
    method: 'DELETE', url: '/households/:householdNo/risk-events/:eventId', summary: '撤销风险事件', access: writeEvents, params: eventParams, body: riskEventRemoval, status: 204,
    handler: async ({ request, params: { householdNo, eventId }, body }) => {
      await reachHousehold(request, db, householdNo);
      await removeRiskEvent(db, requireUser(request).scope, householdNo, eventId, body, auditActorOf(request));
    },
  });

  route({
    method: 'GET', url: '/monitoring/households/export.xlsx', summary: '导出评估结果', access: 'registry.export', query: s.householdListQuery, file: 'xlsx',
    handler: async ({ request, reply, query: { page: _page, pageSize: _size, ...filter } }) => {
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
    },
  });

  type TargetQuery = z.output<typeof s.targetReportQuery>;
  const reached = async (request: FastifyRequest, query: TargetQuery) => {
    await reachPlaceFilter(request, query.place);
    return query;
  };
  const cap = async (request: FastifyRequest, query: TargetQuery) => monitoringCapReport(db, householdAccessOf(request), await reached(request, query), await loadActivePolicies(db));
  const industry = async (request: FastifyRequest, query: TargetQuery) => industryIncomeReport(db, householdAccessOf(request), await reached(request, query), await loadActivePolicies(db));
  const sendTargetWorkbook = async (request: FastifyRequest, reply: FastifyReply, what: { ascii: string; name: string; place: string; year: number }, buffer: Buffer) => {
    await recordAudit(db, { ...auditActorOf(request), action: 'monitoring.export', objectType: 'report', objectId: what.ascii, placeCode: what.place, after: { year: what.year } });
    const name = `${what.name}-${what.place}-${what.year}.xlsx`;
    return reply.type(XLSX_MEDIA_TYPE).header('content-disposition', `attachment; filename="${what.ascii}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`).send(buffer);
  };

  route({
    method: 'GET', url: '/monitoring/cap', summary: '监测对象规模（按县，超过比例上限的县列出）', access: counts, query: s.targetReportQuery, response: s.capReportSchema,
    handler: ({ request, query }) => cap(request, query),
  });
  route({
    method: 'GET', url: '/monitoring/cap/export.xlsx', summary: '导出监测对象规模', access: 'registry.export', query: s.targetReportQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const r = await cap(request, query);
      return sendTargetWorkbook(request, reply, { ascii: 'monitoring-cap', name: '监测对象规模', place: r.place.code, year: r.year }, await capWorkbook(r));
    },
  });
  route({
    method: 'GET', url: '/monitoring/industry-income', summary: '产业增收目标（按地区与逐户）', access: counts, query: s.targetReportQuery, response: s.industryReportSchema,
    handler: ({ request, query }) => industry(request, query),
  });
  route({
    method: 'GET', url: '/monitoring/industry-income/export.xlsx', summary: '导出产业增收目标', access: 'registry.export', query: s.targetReportQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const r = await industry(request, query);
      return sendTargetWorkbook(request, reply, { ascii: 'industry-income', name: '产业增收目标', place: r.place.code, year: r.year }, await industryWorkbook(r));
    },
  });
}
