/**
 * HTTP routes of 名单比对, declared once with routesOf. Uploading, mapping and reading need
 * 'compare.import' (the people who bring other departments' data in); a roster is reached only
 * from a scope containing the place it was uploaded for (else 404, audited). Exports are audited.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database';
import { auditActorOf, requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { AppError, notFound } from '../../server/errors';
import { reachPlace, reachRecord, todayOf } from '../../server/reach';
import { receiveUpload } from '../../server/upload';
import { recordAudit } from '../audit/service';
import { sendWorkbook } from '../reports/service';
import { rosterSheets } from './exports';
import { exportQuery, idParams, jobSchema, jobStarted, mappingInput, mappingsQuery, mappingsSchema, reportSchema, rosterListSchema, rowsQuery, rowsSchema, uploadQuery } from './schemas';
import {
  DEFAULT_RETENTION_DAYS, fieldViews, findRoster, getRosterJob, listRosters, mappingsOf, purgeRosters, rosterJobFile, rosterReport, rosterRowViews, rosterView, saveMapping, startRosterUpload,
} from './service';

const MAX_EXPORT_ROWS = 100_000;

export async function registerRosterRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, { tag: '名单比对', description: 'Any roster matched to the registry by ID number: column mappings per source, upload, report of categories, conflicts and unmatched rows (src/modules/rosters)' });
  const now = (request: FastifyRequest) => request.server.security.clock.now();

  const reachRoster = async (request: FastifyRequest, id: number) => {
    const r = await findRoster(db, id);
    if (!r) throw notFound(`名单 ${id} `);
    await reachRecord(request, { type: 'roster', id: String(id), placeCode: r.placeCode }, `名单 ${id} `);
    if (r.purgedAt) throw new AppError(410, 'purged', `名单 ${id} 已按保留期限（至 ${r.purgeAfter.toISOString().slice(0, 10)}）清理，请重新上传`);
    return r;
  };

  route({
    method: 'GET', url: '/rosters/mappings', summary: '名单字段和已保存的列映射', access: 'compare.import', query: mappingsQuery, response: mappingsSchema,
    handler: async ({ request, query }) => {
      const place = await reachPlace(request, query.place);
      return { fields: fieldViews(), items: await mappingsOf(db, place.slice(0, 6)) };
    },
  });

  route({
    method: 'PUT', url: '/rosters/mappings', summary: '保存一个名单来源的列映射', access: 'compare.import', body: mappingInput, response: mappingsSchema,
    handler: async ({ request, body }) => {
      const place = await reachPlace(request, body.place);
      const county = place.slice(0, 6);
      await db.transaction().execute(async (tx) => {
        await saveMapping(tx, county, body.source, body.columns, requireUser(request).user.username, now(request));
        await recordAudit(tx, { ...auditActorOf(request), at: now(request), action: 'rosters.mapping', objectType: 'roster_mapping', objectId: body.source, placeCode: county, after: body.columns });
      });
      return { fields: fieldViews(), items: await mappingsOf(db, county) };
    },
  });

  route({
    method: 'POST', url: '/rosters', summary: '上传名单并按身份证号比对（后台任务）', access: 'compare.import', query: uploadQuery, body: 'upload', response: jobStarted, status: 202,
    description: '以 multipart/form-data 上传 .xlsx 或 .csv（UTF-8 或 GBK）；按来源已保存的列映射读取；有错误行的名单不写入任何数据。',
    handler: async ({ request, query }) => {
      const { user } = requireUser(request);
      const place = await reachPlace(request, query.place);
      const { path, fileName } = await receiveUpload(request, 'roster');
      const input = { path, fileName, place, source: query.source, retentionDays: query.retentionDays ?? DEFAULT_RETENTION_DAYS };
      return { jobId: await startRosterUpload(database, input, { userId: user.id, actor: auditActorOf(request), at: now(request) }, (e) => request.log.error(e)) };
    },
  });

  route({
    method: 'GET', url: '/rosters/jobs/:id', summary: '名单比对任务的进度', access: 'compare.import', params: idParams, response: jobSchema,
    handler: async ({ request, params }) => {
      const job = await getRosterJob(database, params.id, requireUser(request).user.id);
      return { jobId: job.id, status: job.status, progress: job.progress, stage: job.stage, message: job.message, result: job.result, errorReport: job.hasFiles ? `/api/v1/rosters/jobs/${job.id}/errors.xlsx` : null };
    },
  });

  route({
    method: 'GET', url: '/rosters/jobs/:id/errors.xlsx', summary: '名单错误报告', access: 'compare.import', params: idParams, file: 'xlsx',
    handler: async ({ request, reply, params }) => {
      await getRosterJob(database, params.id, requireUser(request).user.id);
      const file = await rosterJobFile(database, params.id);
      if (!file) throw notFound('错误报告');
      return reply.type(file.mediaType).header('content-disposition', `attachment; filename="roster-errors-${params.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(`名单错误报告-${params.id}.xlsx`)}`).send(Buffer.from(file.content));
    },
  });

  route({
    method: 'GET', url: '/rosters', summary: '已上传的名单', access: 'compare.import', response: rosterListSchema,
    handler: async ({ request }) => {
      await purgeRosters(db, now(request));
      return { items: (await listRosters(db, requireUser(request).scope)).map(rosterView) };
    },
  });

  route({
    method: 'GET', url: '/rosters/:id', summary: '名单比对结果（按在册类别）', access: 'compare.import', params: idParams, response: reportSchema,
    handler: async ({ request, params }) => rosterReport(db, await reachRoster(request, params.id)),
  });

  route({
    method: 'GET', url: '/rosters/:id/rows', summary: '名单行（已脱敏）：全部、不一致、未匹配', access: 'compare.import', params: idParams, query: rowsQuery, response: rowsSchema,
    handler: async ({ request, params, query }) => {
      const r = await reachRoster(request, params.id);
      const rows = await rosterRowViews(db, r, query, query);
      await recordAudit(db, { ...auditActorOf(request), at: now(request), action: 'rosters.view_rows', objectType: 'roster', objectId: String(r.id), placeCode: r.placeCode, after: { view: query.view, page: query.page, rows: rows.items.length } });
      return rows;
    },
  });

  route({
    method: 'GET', url: '/rosters/:id/export.xlsx', summary: '导出名单比对结果', access: 'compare.import', params: idParams, query: exportQuery, file: 'xlsx',
    handler: async ({ request, reply, params, query }) => {
      const r = await reachRoster(request, params.id);
      const report = await rosterReport(db, r);
      const rows = await rosterRowViews(db, r, query, { page: 1, pageSize: MAX_EXPORT_ROWS });
      await recordAudit(db, { ...auditActorOf(request), at: now(request), action: 'rosters.export', objectType: 'roster', objectId: String(r.id), placeCode: r.placeCode, after: { ...query, rows: rows.items.length } });
      const title = `名单 ${r.id}（${r.source}，${r.fileName}）比对结果`;
      return sendWorkbook(reply, rosterSheets(title, query.view, report.byCategory, rows.items, todayOf(request)), `roster-${r.id}-${query.view}.xlsx`, `名单比对-${r.id}-${query.view}.xlsx`);
    },
  });
}
