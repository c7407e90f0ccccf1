/** HTTP route of the registry export: GET /households/export.xlsx?<list filters>&reveal=idNumber,phone */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database';
import { householdAccessOf, requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { askedReveal, authorOf, authorizeReveal, householdFilterSchema, reachPlaceFilter, REGISTRY_MODULE, registryInputErrors, REVEAL_NOTE } from '../registry/service';
import { exportFileName, exportHouseholds, XLSX_MEDIA_TYPE } from './service';

export async function registerExportRoutes(api: FastifyInstance, database: Database): Promise<void> {
  routesOf(api, REGISTRY_MODULE)({
    method: 'GET', url: '/households/export.xlsx', summary: '导出贫困户花名册', description: REVEAL_NOTE, reveal: true, access: 'registry.export',
    query: householdFilterSchema, file: 'xlsx', inputErrors: registryInputErrors(),
    handler: async ({ request, reply, query: filters }) => {
      await reachPlaceFilter(request, filters.place);
      const placeCode = filters.place ?? requireUser(request).user.placeCode;
      const reveal = await authorizeReveal(request, askedReveal(request), { objectType: 'household', objectId: null, placeCode });
      const prepared = await exportHouseholds(database.db, householdAccessOf(request), filters, { reveal, author: authorOf(request), placeCode });
      const body = new PassThrough();
      prepared.writeTo(body).catch((e: Error) => request.log.error(e, '导出失败'));
      const name = exportFileName(filters);
      return reply
        .type(XLSX_MEDIA_TYPE)
        .header('content-disposition', `attachment; filename="households.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(body);
    },
  });
}
