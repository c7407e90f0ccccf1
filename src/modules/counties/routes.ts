/**
 * HTTP routes of 县摘帽 and the centre's re-check, declared once with routesOf. Reading needs
 * 'dashboard.read'; the exit procedure 'procedures.act' (the step's role and level are checked by
 * the service); the re-check draw and findings a national or provincial user with
 * 'procedures.act' or 'policy.manage'. A county or case outside the scope answers 404.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { auditActorOf, requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { notFound } from '../../server/errors';
import { reachPlace, reachRecord, todayOf } from '../../server/reach';
import { placeNameOf } from '../places/service';
import { getPolicy, reachPolicy } from '../policy/service';
import { sendWorkbook } from '../reports/service';
import { actionBody, caseListSchema, caseSchema, countyParams, dashboardSchema, drawBody, drawSchema, findingsBody, idParams, overviewSchema, placeYearQuery, recheckResultSchema, whatIfQuery, whatIfSchema, yearBody } from './schemas';
import {
  actOnCountyCase, caseView, countyVerdicts, countyWhatIf, dashboardSheets, drawRecheck, listCountyCases, locateCountyCase, recheckOverview, recheckSheets, recordRecheck, startCountyExit,
  type CaseActor,
} from './service';

const recheckParams = countyParams.extend({ year: z.coerce.number({ message: '年度（year）应为数字' }).int().min(2000).max(2100) });

export async function registerCountyRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, { tag: '贫困县退出', description: 'County exit (摘帽): verdicts, the exit procedure, the centre\'s re-check of exited counties (src/modules/counties)' });

  const actorOf = (request: FastifyRequest): CaseActor => {
    const { user } = requireUser(request);
    return { audit: auditActorOf(request), username: user.username, role: user.role, placeCode: user.placeCode, at: request.server.security.clock.now(), today: todayOf(request) };
  };
  const reachCase = async (request: FastifyRequest, id: number) => {
    const found = await locateCountyCase(db, id);
    if (!found) throw notFound(`摘帽申请 ${id} `);
    await reachRecord(request, { type: 'county_exit_case', id: String(id), placeCode: found.countyCode });
    return id;
  };

  route({
    method: 'GET', url: '/counties/exit-verdicts', summary: '贫困县退出条件（逐县逐项）', access: 'dashboard.read', query: placeYearQuery, response: dashboardSchema,
    handler: async ({ request, query }) => countyVerdicts(db, requireUser(request).scope, await reachPlace(request, query.place), query.year),
  });

  route({
    method: 'GET', url: '/counties/exit-verdicts/export.xlsx', summary: '导出贫困县退出条件', access: 'dashboard.read', query: placeYearQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const place = await reachPlace(request, query.place);
      const result = await countyVerdicts(db, requireUser(request).scope, place, query.year);
      return sendWorkbook(reply, dashboardSheets(result.place.name, query.year, result.rows, todayOf(request)), `county-exit-${place}-${query.year}.xlsx`, `${result.place.name}${query.year}年贫困县退出条件.xlsx`);
    },
  });

  route({
    method: 'GET', url: '/counties/exit-verdicts/what-if', summary: '政策测算：哪些县的摘帽结论会改变', access: ['dashboard.read', 'policy.read'], query: whatIfQuery, response: whatIfSchema,
    handler: async ({ request, query }) => {
      await reachPolicy(request, await getPolicy(db, query.policy), 'read');
      return countyWhatIf(db, requireUser(request).scope, await reachPlace(request, query.place), query.year, query.policy);
    },
  });

  route({
    method: 'GET', url: '/counties/exit-cases', summary: '摘帽申请列表', access: 'dashboard.read', query: placeYearQuery, response: caseListSchema,
    handler: async ({ request, query }) => ({ items: await listCountyCases(db, requireUser(request).scope, await reachPlace(request, query.place), query.year) }),
  });

  route({
    method: 'POST', url: '/counties/:county/exit-cases', summary: '发起贫困县退出（摘帽）申请', access: 'procedures.act', params: countyParams, body: yearBody, response: caseSchema, status: 201,
    handler: async ({ request, params, body }) => {
      await reachPlace(request, params.county);
      return startCountyExit(db, requireUser(request).scope, params.county, body.year, actorOf(request));
    },
  });

  route({
    method: 'GET', url: '/counties/exit-cases/:id', summary: '摘帽申请详情', access: 'dashboard.read', params: idParams, response: caseSchema,
    handler: async ({ request, params }) => caseView(db, await reachCase(request, params.id), actorOf(request)),
  });

  route({
    method: 'POST', url: '/counties/exit-cases/:id/actions', summary: '办理摘帽申请（通过、退回、公示、异议）', access: 'procedures.act', params: idParams, body: actionBody, response: caseSchema,
    handler: async ({ request, params, body }) => actOnCountyCase(db, await reachCase(request, params.id), body, actorOf(request)),
  });

  route({
    method: 'GET', url: '/counties/rechecks', summary: '摘帽县抽查复查', access: 'dashboard.read', query: placeYearQuery, response: overviewSchema,
    handler: async ({ request, query }) => recheckOverview(db, requireUser(request).scope, await reachPlace(request, query.place), query.year),
  });

  route({
    method: 'GET', url: '/counties/rechecks/export.xlsx', summary: '导出摘帽县抽查复查', access: 'dashboard.read', query: placeYearQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const place = await reachPlace(request, query.place);
      const o = await recheckOverview(db, requireUser(request).scope, place, query.year);
      const name = await placeNameOf(db, place);
      return sendWorkbook(reply, recheckSheets(o, todayOf(request)), `county-rechecks-${place}-${query.year}.xlsx`, `${name}${query.year}年摘帽县抽查复查.xlsx`);
    },
  });

  route({
    method: 'POST', url: '/counties/rechecks/draws', summary: '抽取上年摘帽县（中央抽查）', access: ['procedures.act', 'policy.manage'], body: drawBody, response: drawSchema, status: 201,
    handler: async ({ request, body }) => {
      await reachPlace(request, body.place);
      return drawRecheck(db, requireUser(request).scope, body, actorOf(request));
    },
  });

  route({
    method: 'PUT', url: '/counties/rechecks/:county/:year', summary: '登记摘帽县复查结果', access: ['procedures.act', 'policy.manage'], params: recheckParams, body: findingsBody, response: recheckResultSchema,
    handler: async ({ request, params, body }) => {
      await reachPlace(request, params.county);
      return recordRecheck(db, requireUser(request).scope, params.county, params.year, body, actorOf(request));
    },
  });
}
