/**
 * HTTP routes of listed supervision: the listing (JSON and .xlsx), one listed place, the
 * supervising leader (supervision.manage) and findings handed to departments (交办); declared
 * with routesOf.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { onOneConnection, type Database } from '../../db/database';
import { requireUser } from '../../server/access';
import { okAnswer, routesOf } from '../../server/defineRoute';
import { detailSchema as rectificationSchema } from '../rectification/service';
import { ledgerContextOf, reachPlace, reachRecord, todayOf } from '../../server/reach';
import { sendWorkbook } from '../reports/service';
import { leaderDashboard } from './dashboard';
import { listingSheets } from './exports';
import { dashboardSchema, detailQuery, detailSchema, findingInput, leaderInput, listedCode, dashboardQuery, listingQuery, listingSchema } from './schemas';
import { assignFinding, assignLeader, listedPlaceDetail, supervisionListing } from './service';

const codeParams = z.object({ code: listedCode });

export async function registerSupervisionRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, { tag: '挂牌督战', description: 'Supervision: listed places, leaders, findings, the leader dashboard (src/modules/supervision)' });

  const listing = async (request: FastifyRequest, query: z.output<typeof listingQuery>) => {
    const place = await reachPlace(request, query.place);
    return supervisionListing(db, requireUser(request).scope, place, { asOf: query.asOf, today: todayOf(request) });
  };
  route({
    method: 'GET', url: '/supervision/listing', summary: '挂牌督战地区清单', access: 'dashboard.read', query: listingQuery, response: listingSchema,
    handler: ({ request, query }) => listing(request, query),
  });
  route({
    method: 'GET', url: '/supervision/listing/export.xlsx', summary: '导出挂牌督战清单', access: 'dashboard.read', query: listingQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const result = await listing(request, query);
      return sendWorkbook(reply, listingSheets(result, todayOf(request)), `supervision-${result.place.code}.xlsx`, `${result.place.name}挂牌督战名单.xlsx`);
    },
  });

  route({
    method: 'GET', url: '/dashboard', summary: '领导驾驶舱', access: 'dashboard.read', query: dashboardQuery, response: dashboardSchema,
    handler: async ({ request, query }) => {
      const place = await reachPlace(request, query.place);
      const scope = requireUser(request).scope;
      return onOneConnection(db, (one) => leaderDashboard(one, scope, place, todayOf(request), query.year));
    },
  });

  const reachListed = (request: FastifyRequest, code: string) => reachRecord(request, { type: 'place', id: code, placeCode: code });

  route({
    method: 'GET', url: '/supervision/places/:code', summary: '挂牌地区详情', access: 'dashboard.read', params: codeParams, query: detailQuery, response: detailSchema,
    handler: async ({ request, params: { code }, query: { asOf } }) => {
      await reachListed(request, code);
      return listedPlaceDetail(db, requireUser(request).scope, code, { asOf, today: todayOf(request) });
    },
  });

  route({
    method: 'PUT', url: '/supervision/places/:code/leader', summary: '指定包保领导', access: 'supervision.manage', params: codeParams, body: leaderInput, response: okAnswer,
    handler: async ({ request, params: { code }, body }) => {
      await reachListed(request, code);
      await assignLeader(db, code, body, ledgerContextOf(request));
      return { ok: true } as const;
    },
  });

  route({
    method: 'POST', url: '/supervision/places/:code/findings', summary: '登记督战发现的问题（转整改）', access: 'supervision.manage', params: codeParams, body: findingInput, response: rectificationSchema, status: 201,
    handler: async ({ request, params: { code }, body }) => {
      await reachListed(request, code);
      return assignFinding(db, requireUser(request).scope, code, body, ledgerContextOf(request));
    },
  });
}
