/**
 * HTTP routes of 防止返贫致贫: the households in the monitoring range (registry.read), what-if
 * of a policy draft (policy.manage), the clock of monitoring-entry cases (registry.read) and
 * urgent measures before the decision (procedures.act), the household's 自付 costs
 * (registry.read / registry.write). Outside the user's reach: 404 as if absent (audited).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database';
import { auditActorOf, householdAccessOf, requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { notFound } from '../../server/errors';
import { reachPlace, reachRecord, todayOf } from '../../server/reach';
import { reachWhatIfDraft } from '../policy/service';
import { placeNameOf } from '../places/service';
import { reachHousehold } from '../registry/service';
import { sendWorkbook } from '../reports/service';
import { caseParams, clockListSchema, clockSchema, costBody, costParams, costsSchema, placeQuery, screeningQuery, screeningSchema, urgentBody, whatIfBody, whatIfSchema } from './schemas';
import { clockSheets, getCaseClock, getHouseholdCosts, listCaseClocks, locateEntryCase, preventionWhatIf, screenHouseholds, screeningSheets, setHouseholdCosts, startUrgentMeasure } from './service';

export async function registerPreventionRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, { tag: '防止返贫致贫', description: 'Who is monitored under each province\'s range and 收支核算口径, what-if of a draft, the legal clock of monitoring entry (src/modules/prevention)' });

  const authorOf = (request: FastifyRequest) => ({ actor: auditActorOf(request), username: requireUser(request).user.username, today: todayOf(request), at: request.server.security.clock.now() });

  const reachCase = async (request: FastifyRequest, id: number) => {
    const row = await locateEntryCase(db, id);
    if (!row) throw notFound(`纳入监测程序第 ${id} 号 `);
    await reachRecord(request, { type: 'procedure_case', id: String(id), placeCode: row.villageCode, household: { countyCode: row.countyCode, householdNo: row.householdNo } }, `纳入监测程序第 ${id} 号 `);
    return row;
  };

  route({
    method: 'GET', url: '/prevention/screening', summary: '监测范围内的户（三类对象，应纳尽纳）', access: 'registry.read', query: screeningQuery, response: screeningSchema,
    handler: async ({ request, query }) => {
      const place = await reachPlace(request, query.place);
      return screenHouseholds(db, { place, year: query.year, access: householdAccessOf(request), all: query.all === 'true' });
    },
  });

  route({
    method: 'GET', url: '/prevention/screening.xlsx', summary: '导出监测范围内的户', access: 'registry.read', query: screeningQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const place = await reachPlace(request, query.place);
      const result = await screenHouseholds(db, { place, year: query.year, access: householdAccessOf(request), all: query.all === 'true' });
      const name = await placeNameOf(db, place);
      return sendWorkbook(reply, screeningSheets(name, result, todayOf(request)), `prevention-${place}-${query.year}.xlsx`, `${name}${query.year}年监测范围内的户.xlsx`);
    },
  });

  route({
    method: 'POST', url: '/prevention/what-if', summary: '监测范围或核算口径测算：谁将纳入、谁将移出', access: 'policy.manage', body: whatIfBody, response: whatIfSchema,
    handler: async ({ request, body }) => {
      const draft = await reachWhatIfDraft(request, db, body);
      const place = await reachPlace(request, body.place ?? draft.regionCode);
      return preventionWhatIf(db, { draft, place, year: body.year, access: householdAccessOf(request) });
    },
  });

  route({
    method: 'GET', url: '/prevention/clocks', summary: '纳入监测办理时限（剩余时间与超期督办）', access: 'registry.read', query: placeQuery, response: clockListSchema,
    handler: async ({ request, query }) => {
      const place = await reachPlace(request, query.place);
      return { items: await listCaseClocks(db, { place, access: householdAccessOf(request), today: todayOf(request) }) };
    },
  });

  route({
    method: 'GET', url: '/prevention/clocks.xlsx', summary: '导出纳入监测办理时限', access: 'registry.read', query: placeQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const place = await reachPlace(request, query.place);
      const items = await listCaseClocks(db, { place, access: householdAccessOf(request), today: todayOf(request) });
      const name = await placeNameOf(db, place);
      return sendWorkbook(reply, clockSheets(name, items, todayOf(request)), `prevention-clocks-${place}.xlsx`, `${name}纳入监测办理时限.xlsx`);
    },
  });

  route({
    method: 'GET', url: '/prevention/cases/:id/clock', summary: '一个纳入监测程序的办理时限', access: 'registry.read', params: caseParams, response: clockSchema,
    handler: async ({ request, params }) => getCaseClock(db, await reachCase(request, params.id), todayOf(request)),
  });

  route({
    method: 'POST', url: '/prevention/cases/:id/urgent-measures', summary: '认定前先行帮扶（灾害、意外等紧急情况）', access: 'procedures.act', params: caseParams, body: urgentBody, response: clockSchema, status: 201,
    handler: async ({ request, params, body }) => startUrgentMeasure(db, await reachCase(request, params.id), body, authorOf(request)),
  });

  route({
    method: 'GET', url: '/prevention/households/:householdNo/costs/:year', summary: '户的自付支出（合规自付医疗、教育等）', access: 'registry.read', params: costParams, response: costsSchema,
    handler: async ({ request, params }) => getHouseholdCosts(db, await reachHousehold(request, db, params.householdNo), params.year),
  });

  route({
    method: 'PUT', url: '/prevention/households/:householdNo/costs/:year', summary: '登记户的自付支出', access: 'registry.write', params: costParams, body: costBody, response: costsSchema,
    handler: async ({ request, params, body }) => setHouseholdCosts(db, await reachHousehold(request, db, params.householdNo), params.year, body.lines, authorOf(request)),
  });
}
