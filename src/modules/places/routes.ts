/** HTTP routes of the administrative hierarchy, declared with routesOf. Thin: call one service function; input and answer are parsed by the declaration. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { NATION, getPlace, listPlaceChildren, searchPlaces } from './service';
import { placeCodeSchema as placeCode } from '../../domain/placeCode';

const step = z.object({ code: z.string(), name: z.string(), level: z.number().int() });
export const placeSchema = step.extend({ parentCode: z.string().nullable(), path: z.array(step) });
export const childrenSchema = z.object({
  place: step,
  children: z.array(
    step.extend({
      households: z.number().int(),
      persons: z.number().int(),
      poorHouseholds: z.number().int(),
      poorPersons: z.number().int(),
    }),
  ),
});
export const searchQuery = z.object({
  q: z.string().trim().min(1, '请输入要查找的地名或代码').max(50, '查找内容不超过 50 个字'),
  within: placeCode.default(NATION),
});
export const searchSchema = z.array(step.extend({ path: z.array(step) }));

const codeParams = z.object({ code: placeCode });

/**
 * Place names and codes are public administrative data, so any logged-in user may browse and
 * search them; the registry counts on the children route are limited to the user's scope.
 */
export async function registerPlaceRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const route = routesOf(api, { tag: '行政区划', description: 'Places: administrative divisions, search and children with counts (src/modules/places)' });

  route({
    method: 'GET', url: '/places/search', summary: '按名称或代码查找地区', access: 'places.read', query: searchQuery, response: searchSchema,
    handler: async ({ query }) => searchPlaces(database.db, query.q, query.within),
  });

  route({
    method: 'GET', url: '/places/:code', summary: '地区及其上级路径', access: 'places.read', params: codeParams, response: placeSchema,
    handler: async ({ params }) => getPlace(database.db, params.code),
  });

  route({
    method: 'GET', url: '/places/:code/children', summary: '下级地区及户数、人数', access: 'places.read', params: codeParams, response: childrenSchema,
    handler: async ({ request, params }) => listPlaceChildren(database.db, params.code, requireUser(request).scope),
  });
}
