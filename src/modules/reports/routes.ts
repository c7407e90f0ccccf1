/**
 * HTTP routes of the reports: the cause breakdown and the status and exit progress of a place,
 * as JSON for the pages and as .xlsx. Every route needs 'dashboard.read' and a place within
 * the user's scope. Declared with routesOf.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { onOneConnection, type Database } from '../../db/database';
import { routesOf } from '../../server/defineRoute';
import { reachPlace, todayOf } from '../../server/reach';
import { causeReportSheets, progressReportSheets } from './exports';
import { causeQuerySchema, causeReportSchema, progressQuerySchema, progressReportSchema } from './schemas';
import { causeReport, progressReport } from './service';
import { sendWorkbook } from './send';

export async function registerReportRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, { tag: '统计报表', description: 'Reports: poverty causes and progress of a place, JSON and .xlsx (src/modules/reports)' });

  const causes = async (request: FastifyRequest, query: z.output<typeof causeQuerySchema>) => {
    const place = await reachPlace(request, query.place);
    return onOneConnection(db, (one) => causeReport(one, place, { year: query.year, statuses: query.status }));
  };
  route({
    method: 'GET', url: '/reports/causes', summary: '致贫原因统计', access: 'dashboard.read', query: causeQuerySchema, response: causeReportSchema,
    handler: ({ request, query }) => causes(request, query),
  });
  route({
    method: 'GET', url: '/reports/causes/export.xlsx', summary: '导出致贫原因统计', access: 'dashboard.read', query: causeQuerySchema, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const report = await causes(request, query);
      return sendWorkbook(reply, causeReportSheets(report, todayOf(request)), `causes-${report.place.code}.xlsx`, `${report.place.name}致贫原因统计.xlsx`);
    },
  });

  const progress = async (request: FastifyRequest, query: z.output<typeof progressQuerySchema>) => {
    const place = await reachPlace(request, query.place);
    return onOneConnection(db, (one) => progressReport(one, place, { year: query.year }));
  };
  route({
    method: 'GET', url: '/reports/progress', summary: '脱贫进展统计', access: 'dashboard.read', query: progressQuerySchema, response: progressReportSchema,
    handler: ({ request, query }) => progress(request, query),
  });
  route({
    method: 'GET', url: '/reports/progress/export.xlsx', summary: '导出脱贫进展统计', access: 'dashboard.read', query: progressQuerySchema, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const report = await progress(request, query);
      return sendWorkbook(reply, progressReportSheets(report, todayOf(request)), `progress-${report.place.code}.xlsx`, `${report.place.name}脱贫进展.xlsx`);
    },
  });
}
