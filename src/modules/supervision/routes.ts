/**
 * HTTP routes of listed supervision: the listing (JSON and .xlsx), one listed place, the
 * supervising leader (supervision.manage) and findings handed to departments (交办).
 */
import type { FastifyInstance } from 'fastify';
import { onOneConnection, type Database } from '../../db/database';
import { requirePermission, requireUser } from '../../server/access';
import { detailSchema as rectificationSchema } from '../rectification/service';
import { ledgerContextOf, reachPlace, reachRecord, todayOf } from '../../server/reach';
import { sendWorkbook } from '../reports/service';
import { leaderDashboard } from './dashboard';
import { listingSheets } from './exports';
import { dashboardSchema, detailQuery, detailSchema, findingInput, leaderInput, listedCode, dashboardQuery, listingQuery, listingSchema } from './schemas';
import { assignFinding, assignLeader, listedPlaceDetail, supervisionListing } from './service';

type Query = { Querystring: Record<string, unknown> };
type Code = { Params: { code: string } };

export async function registerSupervisionRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const read = { preHandler: requirePermission('dashboard.read') };
  const manage = { preHandler: requirePermission('supervision.manage') };

  const listing = async (request: Parameters<typeof reachPlace>[0] & { query: Record<string, unknown> }) => {
    const query = listingQuery.parse(request.query);
    const place = await reachPlace(request, query.place);
    return supervisionListing(db, requireUser(request).scope, place, { asOf: query.asOf, today: todayOf(request) });
  };
  api.get<Query>('/supervision/listing', read, async (request) => listingSchema.parse(await listing(request)));
  api.get<Query>('/supervision/listing/export.xlsx', read, async (request, reply) => {
    const result = await listing(request);
    return sendWorkbook(reply, listingSheets(result, todayOf(request)), `supervision-${result.place.code}.xlsx`, `${result.place.name}挂牌督战名单.xlsx`);
  });

  api.get<Query>('/dashboard', read, async (request) => {
    const query = dashboardQuery.parse(request.query);
    const place = await reachPlace(request, query.place);
    const scope = requireUser(request).scope;
    return dashboardSchema.parse(await onOneConnection(db, (one) => leaderDashboard(one, scope, place, todayOf(request), query.year)));
  });

  api.get<Code & Query>('/supervision/places/:code', read, async (request) => {
    const code = listedCode.parse(request.params.code);
    const { asOf } = detailQuery.parse(request.query);
    await reachRecord(request, { type: 'place', id: code, placeCode: code });
    return detailSchema.parse(await listedPlaceDetail(db, requireUser(request).scope, code, { asOf, today: todayOf(request) }));
  });

  api.put<Code>('/supervision/places/:code/leader', manage, async (request) => {
    const code = listedCode.parse(request.params.code);
    const input = leaderInput.parse(request.body);
    await reachRecord(request, { type: 'place', id: code, placeCode: code });
    await assignLeader(db, code, input, ledgerContextOf(request));
    return { ok: true };
  });

  api.post<Code>('/supervision/places/:code/findings', manage, async (request, reply) => {
    const code = listedCode.parse(request.params.code);
    const input = findingInput.parse(request.body);
    await reachRecord(request, { type: 'place', id: code, placeCode: code });
    const created = await assignFinding(db, requireUser(request).scope, code, input, ledgerContextOf(request));
    return reply.status(201).send(rectificationSchema.parse(created));
  });
}
