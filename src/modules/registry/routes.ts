/**
 * HTTP routes of the registry, declared once with routesOf. Thin: reach the record
 * (routeAccess.ts), call one service function within the user's reach; input errors keep the
 * registry's wording (validation.ts). A card or list that may show ID numbers and phones in clear
 * (`reveal`) is checked with the schemas of what was revealed (schemasFor), and sent as checked.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { householdAccessOf, requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { withholdsHealthData } from '../../domain/roles';
import { askedReveal, authorOf, authorizeReveal, auditReveal, reachHousehold, reachMember, reachPlaceFilter, reachWholeHousehold } from './routeAccess';
import {
  householdDetailSchema,
  householdListQuerySchema,
  householdNoParams,
  householdPageSchema,
  householdPatchSchema,
  memberChangeSchema,
  memberInputSchema,
  memberPatchSchema,
  REGISTRY_MODULE,
  REVEAL_NOTE,
  schemasFor,
  timelineSchema,
} from './schemas';
import { deleteHouseholdIncome, incomeInputSchema, incomeYearOf, setHouseholdIncome } from './incomes';
import { addMember, cardOf, householdTimeline, listHouseholds, updateHousehold, updateMember } from './service';
import { registryInputErrors } from './validation';


/** The year stays text here: incomeYearOf names it in its own words. */
const incomeParams = householdNoParams.extend({ year: z.string() });
/** The member key stays text here: reachMember names a malformed one in its own words. */
const memberParams = householdNoParams.extend({ memberKey: z.string() });

export async function registerRegistryRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, REGISTRY_MODULE);
  const inputErrors = registryInputErrors;

  route({
    method: 'GET', url: '/households', summary: '贫困户列表（筛选、分页、排序）', description: REVEAL_NOTE, reveal: true, access: 'registry.read',
    query: householdListQuerySchema, response: householdPageSchema, inputErrors: inputErrors(),
    handler: async ({ request, reply, query: { page, pageSize, sort, order, after, ...filters } }) => {
      await reachPlaceFilter(request, filters.place);
      const target = { objectType: 'household', objectId: null, placeCode: filters.place ?? requireUser(request).user.placeCode };
      const reveal = await authorizeReveal(request, askedReveal(request), target);
      const result = schemasFor(reveal).page.parse(await listHouseholds(db, householdAccessOf(request), filters, { page, pageSize, sort, order, after }, reveal));
      await auditReveal(request, reveal, target, { households: result.items.map((i) => i.householdNo) });
      return reply.send(result);
    },
  });

  route({
    method: 'GET', url: '/households/:householdNo', summary: '贫困户详情（户卡）', description: REVEAL_NOTE, reveal: true, access: 'registry.read',
    params: householdNoParams, response: householdDetailSchema,
    handler: async ({ request, reply, params }) => {
      const h = await reachWholeHousehold(request, db, params.householdNo, true);
      const target = { objectType: 'household', objectId: h.household_no, placeCode: h.village_code };
      const reveal = await authorizeReveal(request, askedReveal(request), target);
      const result = schemasFor(reveal).detail.parse(await cardOf(db, h, reveal));
      await auditReveal(request, reveal, target, { members: result.members.map((m) => ({ memberKey: m.memberKey, name: m.name })) });
      return reply.send(result);
    },
  });

  route({
    method: 'GET', url: '/households/:householdNo/timeline', summary: '贫困户变更时间线', access: 'registry.read', params: householdNoParams, response: timelineSchema,
    handler: async ({ request, params }) => {
      const h = await reachHousehold(request, db, params.householdNo);
      const healthWithheld = withholdsHealthData(requireUser(request).user);
      return householdTimeline(db, householdAccessOf(request), h.householdNo, { healthWithheld });
    },
  });

  route({
    method: 'PATCH', url: '/households/:householdNo', summary: '修改户信息', access: 'registry.write',
    params: householdNoParams, body: householdPatchSchema, response: householdDetailSchema, inputErrors: inputErrors('户信息'),
    handler: async ({ request, params, body }) => {
      const h = await reachHousehold(request, db, params.householdNo);
      return updateHousehold(db, householdAccessOf(request), h.householdNo, body, authorOf(request));
    },
  });

  route({
    method: 'POST', url: '/households/:householdNo/members', summary: '新增家庭成员', access: 'registry.write', status: 201,
    params: householdNoParams, body: memberInputSchema, response: memberChangeSchema, inputErrors: inputErrors('成员信息'),
    handler: async ({ request, params, body }) => {
      const h = await reachHousehold(request, db, params.householdNo);
      return addMember(db, householdAccessOf(request), h.householdNo, body, authorOf(request));
    },
  });

  route({
    method: 'PATCH', url: '/households/:householdNo/members/:memberKey', summary: '修改家庭成员', access: 'registry.write',
    params: memberParams, body: memberPatchSchema, response: memberChangeSchema, inputErrors: inputErrors('成员信息'),
    handler: async ({ request, params: { householdNo, memberKey }, body }) => {
      const h = await reachMember(request, db, householdNo, memberKey);
      return updateMember(db, householdAccessOf(request), h.householdNo, memberKey, body, authorOf(request));
    },
  });

  route({
    method: 'PUT', url: '/households/:householdNo/incomes/:year', summary: '录入或修改某年度家庭收入', access: 'registry.write',
    params: incomeParams, body: incomeInputSchema, response: householdDetailSchema, inputErrors: inputErrors('收入信息'),
    handler: async ({ request, params, body }) => {
      const year = incomeYearOf(params.year);
      const h = await reachHousehold(request, db, params.householdNo);
      return setHouseholdIncome(db, householdAccessOf(request), h.householdNo, year, body, authorOf(request));
    },
  });

  route({
    method: 'DELETE', url: '/households/:householdNo/incomes/:year', summary: '删除某年度家庭收入', access: 'registry.write', params: incomeParams, response: householdDetailSchema,
    handler: async ({ request, params }) => {
      const year = incomeYearOf(params.year);
      const h = await reachHousehold(request, db, params.householdNo);
      return deleteHouseholdIncome(db, householdAccessOf(request), h.householdNo, year, authorOf(request));
    },
  });
}
