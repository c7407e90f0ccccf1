/** HTTP routes of the registry. Thin: validate, call one service function, validate the response. */
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database';
import { ALL_PLACES, type PlaceScope } from '../../db/placeScope';
import { householdDetailSchema, householdPageSchema, memberChangeSchema } from './schemas';
import {
  addMember,
  getHousehold,
  listHouseholds,
  parseHouseholdListQuery,
  updateHousehold,
  updateMember,
} from './service';

/** The place scope of a request. Every place for now; the access module will narrow it to the user's. */
export type ScopeOfRequest = (request: unknown) => PlaceScope;
const everyPlace: ScopeOfRequest = () => ALL_PLACES;

export async function registerRegistryRoutes(api: FastifyInstance, database: Database, scopeOf: ScopeOfRequest = everyPlace): Promise<void> {
  api.get('/households', async (request) => {
    const { page, pageSize, sort, order, ...filters } = parseHouseholdListQuery(request.query);
    const result = await listHouseholds(database.db, scopeOf(request), filters, { page, pageSize, sort, order });
    return householdPageSchema.parse(result);
  });

  api.get<{ Params: { householdNo: string } }>('/households/:householdNo', async (request) => {
    const result = await getHousehold(database.db, scopeOf(request), request.params.householdNo);
    return householdDetailSchema.parse(result);
  });

  api.patch<{ Params: { householdNo: string } }>('/households/:householdNo', async (request) => {
    const result = await updateHousehold(database.db, scopeOf(request), request.params.householdNo, request.body);
    return householdDetailSchema.parse(result);
  });

  api.post<{ Params: { householdNo: string } }>('/households/:householdNo/members', async (request, reply) => {
    const result = await addMember(database.db, scopeOf(request), request.params.householdNo, request.body);
    return reply.status(201).send(memberChangeSchema.parse(result));
  });

  api.patch<{ Params: { idNumber: string } }>('/persons/:idNumber', async (request) => {
    const result = await updateMember(database.db, scopeOf(request), request.params.idNumber, request.body);
    return memberChangeSchema.parse(result);
  });
}
