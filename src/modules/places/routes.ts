/** HTTP routes of the administrative hierarchy. Thin: validate, call one service function, validate the response. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { requirePermission, requireUser } from '../../server/access';
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

const readPlaces = { preHandler: requirePermission('places.read') };

/**
 * Place names and codes are public administrative data, so any logged-in user may browse and
 * search them; the registry counts on the children route are limited to the user's scope.
 */
export async function registerPlaceRoutes(api: FastifyInstance, database: Database): Promise<void> {
  api.get('/places/search', readPlaces, async (request) => {
    const { q, within } = searchQuery.parse(request.query);
    return searchSchema.parse(await searchPlaces(database.db, q, within));
  });

  api.get<{ Params: { code: string } }>('/places/:code', readPlaces, async (request) => {
    const code = placeCode.parse(request.params.code);
    return placeSchema.parse(await getPlace(database.db, code));
  });

  api.get<{ Params: { code: string } }>('/places/:code/children', readPlaces, async (request) => {
    const code = placeCode.parse(request.params.code);
    return childrenSchema.parse(await listPlaceChildren(database.db, code, requireUser(request).scope));
  });
}
