/**
 * HTTP routes of the reports: the cause breakdown and the status and exit progress of a place,
 * as JSON for the pages and as .xlsx. Every route needs 'dashboard.read' and a place within
 * the user's scope.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { onOneConnection, type Database } from '../../db/database';
import { requirePermission } from '../../server/access';
import { reachPlace, todayOf } from '../../server/reach';
import { causeReportSheets, progressReportSheets } from './exports';
import { causeQuerySchema, causeReportSchema, progressQuerySchema, progressReportSchema } from './schemas';
import { causeReport, progressReport } from './service';
import { sendWorkbook } from './send';

type Query = { Querystring: Record<string, unknown> };

export async function registerReportRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const read = { preHandler: requirePermission('dashboard.read') };

  const causes = async (request: FastifyRequest<Query>) => {
    const query = causeQuerySchema.parse(request.query);
    const place = await reachPlace(request, query.place);
    return onOneConnection(db, (one) => causeReport(one, place, { year: query.year, statuses: query.status }));
  };
  api.get<Query>('/reports/causes', read, async (request) => causeReportSchema.parse(await causes(request)));
  api.get<Query>('/reports/causes/export.xlsx', read, async (request, reply) => {
    const report = await causes(request);
    return sendWorkbook(reply, causeReportSheets(report, todayOf(request)), `causes-${report.place.code}.xlsx`, `${report.place.name}致贫原因统计.xlsx`);
  });

  const progress = async (request: FastifyRequest<Query>) => {
    const query = progressQuerySchema.parse(request.query);
    const place = await reachPlace(request, query.place);
    return onOneConnection(db, (one) => progressReport(one, place, { year: query.year }));
  };
  api.get<Query>('/reports/progress', read, async (request) => progressReportSchema.parse(await progress(request)));
  api.get<Query>('/reports/progress/export.xlsx', read, async (request, reply) => {
    const report = await progress(request);
    return sendWorkbook(reply, progressReportSheets(report, todayOf(request)), `progress-${report.place.code}.xlsx`, `${report.place.name}脱贫进展.xlsx`);
  });
}
