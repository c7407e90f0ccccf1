/**
 * HTTP routes of the rectification ledger, declared once with routesOf (src/server/defineRoute.ts).
 * Reading needs 'dashboard.read', changing it 'ledger.write'; a finding outside the user's scope
 * answers 404 as if absent.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { notFound } from '../../server/errors';
import { ledgerContextOf, reachPlace, reachRecord, todayOf } from '../../server/reach';
import { placeNameOf } from '../places/service';
import { sendWorkbook } from '../reports/service';
import { ledgerSheets } from './exports';
import { detailSchema, listQuery, pageSchema, rectificationInput, stepInput, summarySchema } from './schemas';
import { actOnRectification, createRectification, getRectification, listRectifications, locateRectification, rectificationSummary } from './service';

const idParams = z.object({
  id: z.coerce.number({ message: '整改问题编号应为数字' }).int('整改问题编号应为整数').positive('整改问题编号应为正整数'),
});

export async function registerRectificationRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, { tag: '问题整改', description: 'Rectification: problems found, their steps and deadlines (src/modules/rectification)' });

  /** The finding a request reaches: 404 when unknown or outside the scope (audited). */
  const reach = async (request: FastifyRequest, id: number) => {
    const found = await locateRectification(db, id);
    if (!found) throw notFound(`整改问题 ${id} `);
    await reachRecord(request, { type: 'rectification', id: String(id), placeCode: found.placeCode });
    return id;
  };

  type ListQuery = z.output<typeof listQuery>;
  const list = async (request: FastifyRequest, query: ListQuery, paged: boolean) => {
    const { page, pageSize, place, due, ...filter } = query;
    const at = await reachPlace(request, place);
    return listRectifications(db, requireUser(request).scope, { place: at, due, ...filter }, paged ? { page, pageSize } : null, todayOf(request));
  };

  route({
    method: 'GET', url: '/rectifications', summary: '整改问题列表', access: 'dashboard.read', query: listQuery, response: pageSchema,
    handler: ({ request, query }) => list(request, query, true),
  });

  route({
    method: 'GET', url: '/rectifications/summary', summary: '整改进度汇总', access: 'dashboard.read', query: listQuery, response: summarySchema,
    handler: async ({ request, query }) => rectificationSummary(db, requireUser(request).scope, await reachPlace(request, query.place), todayOf(request)),
  });

  route({
    method: 'GET', url: '/rectifications/export.xlsx', summary: '导出整改台账', access: 'dashboard.read', query: listQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const result = await list(request, query, false);
      const place = await reachPlace(request, query.place);
      const summary = await rectificationSummary(db, requireUser(request).scope, place, todayOf(request));
      const name = await placeNameOf(db, place);
      return sendWorkbook(reply, ledgerSheets(name, result.items, summary.byUnit, todayOf(request)), `rectifications-${place}.xlsx`, `${name}问题整改台账.xlsx`);
    },
  });

  route({
    method: 'GET', url: '/rectifications/:id', summary: '整改问题详情', access: 'dashboard.read', params: idParams, response: detailSchema,
    handler: async ({ request, params }) => getRectification(db, await reach(request, params.id), todayOf(request)),
  });

  route({
    method: 'POST', url: '/rectifications', summary: '登记整改问题', access: 'ledger.write', body: rectificationInput, response: detailSchema, status: 201,
    handler: async ({ request, body }) => {
      await reachPlace(request, body.placeCode);
      return createRectification(db, body, ledgerContextOf(request));
    },
  });

  route({
    method: 'POST', url: '/rectifications/:id/steps', summary: '整改办理（下一步）', access: 'ledger.write', params: idParams, body: stepInput, response: detailSchema,
    handler: async ({ request, params, body }) => actOnRectification(db, await reach(request, params.id), body, ledgerContextOf(request)),
  });
}
