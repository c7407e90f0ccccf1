/** HTTP route of the registry export: GET /households/export.xlsx?<list filters>&reveal=idNumber,phone */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database';
import { householdAccessOf, requirePermission, requireUser } from '../../server/access';
import { authorOf, authorizeReveal, parseHouseholdFilters, reachPlaceFilter } from '../registry/service';
import { exportFileName, exportHouseholds, XLSX_MEDIA_TYPE } from './service';

export async function registerExportRoutes(api: FastifyInstance, database: Database): Promise<void> {
  api.get<{ Querystring: Record<string, unknown> }>('/households/export.xlsx', { preHandler: requirePermission('registry.export') }, async (request, reply) => {
    const { reveal: asked, ...query } = request.query;
    const filters = parseHouseholdFilters(query);
    await reachPlaceFilter(request, filters.place);
    const placeCode = filters.place ?? requireUser(request).user.placeCode;
    const reveal = await authorizeReveal(request, asked, { objectType: 'household', objectId: null, placeCode });
    const prepared = await exportHouseholds(database.db, householdAccessOf(request), filters, { reveal, author: authorOf(request), placeCode });
    const body = new PassThrough();
    prepared.writeTo(body).catch((e: Error) => request.log.error(e, '导出失败'));
    const name = exportFileName(filters);
    return reply
      .type(XLSX_MEDIA_TYPE)
      .header('content-disposition', `attachment; filename="households.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(body);
  });
}
