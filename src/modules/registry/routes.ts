/**
 * HTTP routes of the registry. Thin: declare the permission, reach the record (routeAccess.ts),
 * call one service function within the user's reach, validate the response on the way out.
 */
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database';
import { householdAccessOf, requirePermission, requireUser } from '../../server/access';
import { withholdsHealthData } from '../../domain/roles';
import { authorOf, authorizeReveal, auditReveal, reachHousehold, reachMember, reachPlaceFilter, reachWholeHousehold } from './routeAccess';
import { memberChangeSchema, householdDetailSchema, schemasFor, timelineSchema } from './schemas';
import { deleteHouseholdIncome, incomeYearOf, setHouseholdIncome } from './incomes';
import {
  addMember,
  cardOf,
  householdTimeline,
  listHouseholds,
  parseHouseholdListQuery,
  updateHousehold,
  updateMember,
} from './service';

type HouseholdParams = { Params: { householdNo: string } };
type IncomeParams = { Params: { householdNo: string; year: string } };
type MemberParams = { Params: { householdNo: string; memberKey: string } };
type Query = { Querystring: Record<string, unknown> };

export async function registerRegistryRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const read = { preHandler: requirePermission('registry.read') };
  const write = { preHandler: requirePermission('registry.write') };

  api.get<Query>('/households', read, async (request) => {
    const { reveal: asked, ...query } = request.query;
    const { page, pageSize, sort, order, after, ...filters } = parseHouseholdListQuery(query);
    await reachPlaceFilter(request, filters.place);
    const target = { objectType: 'household', objectId: null, placeCode: filters.place ?? requireUser(request).user.placeCode };
    const reveal = await authorizeReveal(request, asked, target);
    const result = schemasFor(reveal).page.parse(await listHouseholds(db, householdAccessOf(request), filters, { page, pageSize, sort, order, after }, reveal));
    await auditReveal(request, reveal, target, { households: result.items.map((i) => i.householdNo) });
    return result;
  });

  api.get<HouseholdParams & Query>('/households/:householdNo', read, async (request) => {
    const h = await reachWholeHousehold(request, db, request.params.householdNo, true);
    const target = { objectType: 'household', objectId: h.household_no, placeCode: h.village_code };
    const reveal = await authorizeReveal(request, request.query.reveal, target);
    const result = schemasFor(reveal).detail.parse(await cardOf(db, h, reveal));
    await auditReveal(request, reveal, target, { members: result.members.map((m) => ({ memberKey: m.memberKey, name: m.name })) });
    return result;
  });

  api.get<HouseholdParams>('/households/:householdNo/timeline', read, async (request) => {
    const h = await reachHousehold(request, db, request.params.householdNo);
    const healthWithheld = withholdsHealthData(requireUser(request).user);
    return timelineSchema.parse(await householdTimeline(db, householdAccessOf(request), h.householdNo, { healthWithheld }));
  });

  api.patch<HouseholdParams>('/households/:householdNo', write, async (request) => {
    const h = await reachHousehold(request, db, request.params.householdNo);
    return householdDetailSchema.parse(await updateHousehold(db, householdAccessOf(request), h.householdNo, request.body, authorOf(request)));
  });

  api.post<HouseholdParams>('/households/:householdNo/members', write, async (request, reply) => {
    const h = await reachHousehold(request, db, request.params.householdNo);
    const result = await addMember(db, householdAccessOf(request), h.householdNo, request.body, authorOf(request));
    return reply.status(201).send(memberChangeSchema.parse(result));
  });

  api.patch<MemberParams>('/households/:householdNo/members/:memberKey', write, async (request) => {
    const { householdNo, memberKey } = request.params;
    const h = await reachMember(request, db, householdNo, memberKey);
    return memberChangeSchema.parse(await updateMember(db, householdAccessOf(request), h.householdNo, memberKey, request.body, authorOf(request)));
  });

  api.put<IncomeParams>('/households/:householdNo/incomes/:year', write, async (request) => {
    const year = incomeYearOf(request.params.year);
    const h = await reachHousehold(request, db, request.params.householdNo);
    return householdDetailSchema.parse(await setHouseholdIncome(db, householdAccessOf(request), h.householdNo, year, request.body, authorOf(request)));
  });

  api.delete<IncomeParams>('/households/:householdNo/incomes/:year', write, async (request) => {
    const year = incomeYearOf(request.params.year);
    const h = await reachHousehold(request, db, request.params.householdNo);
    return householdDetailSchema.parse(await deleteHouseholdIncome(db, householdAccessOf(request), h.householdNo, year, authorOf(request)));
  });
}
