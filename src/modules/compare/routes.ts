/**
 * HTTP routes of 大数据比对, declared once with routesOf. Reference data (kinds, batches, rows,
 * import) needs 'compare.import' and the user's line of work; running needs 'compare.run';
 * the 疑点 ledger reads with 'compare.read' and works with 'compare.act' (the step decides the
 * role). Anything outside the user's scope answers 404 as if absent (audited).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { scopeContains } from '../../db/placeScope';
import { kindsFor } from '../../domain/compare/kinds';
import { withholdsHealthData } from '../../domain/roles';
import { assertInScope, auditActorOf, requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { AppError, notFound } from '../../server/errors';
import { reachPlace, reachRecord, todayOf } from '../../server/reach';
import { receiveUpload } from '../../server/upload';
import { recordAudit } from '../audit/service';
import { placeNameOf } from '../places/service';
import { reachHousehold } from '../registry/service';
import { sendWorkbook } from '../reports/service';
import { hitSheets } from './exports';
import {
  batchListSchema, batchQuery, hitDetailSchema, hitPageSchema, hitQuery, idParams, jobSchema, jobStarted, kindsSchema, publishRulesInput, reportSchema, rowsQuery, rowsSchema,
  rulesSchema, runInput, sendInput, sentSchema, stepInput, uploadQuery,
} from './schemas';
import {
  actOnHit, activeRuleSet, batchRows, compareJobFile, countiesToRun, getCompareJob, getHit, hitReport, hitsOfHousehold, kindViews, listBatchViews, listHitViews, locateBatch, locateHit,
  publishRuleSet, sendHits, startImport, startRun, type HitAuthor, type Viewer,
} from './service';

const MAX_EXPORT_HITS = 50_000;

export async function registerCompareRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, { tag: '大数据比对', description: 'Comparison with other departments\' data: reference batches, rules, the comparison job and the 疑点 ledger (src/modules/compare)' });

  const authorOf = (request: FastifyRequest): HitAuthor => {
    const { user } = requireUser(request);
    const at = request.server.security.clock.now();
    return { actor: auditActorOf(request), username: user.username, role: user.role, today: todayOf(request), at };
  };
  const viewerOf = (request: FastifyRequest): Viewer => {
    const { user } = requireUser(request);
    return { role: user.role, revealIds: false, withholdsHealth: withholdsHealthData(user), today: todayOf(request) };
  };
  const ownerOf = (request: FastifyRequest) => {
    const { user, scope } = requireUser(request);
    return { userId: user.id, actor: auditActorOf(request), scope, at: request.server.security.clock.now(), today: todayOf(request) };
  };

  /** A batch the user may see: in his scope and of his line's kinds; else 404 (audited when out of scope). */
  const reachBatch = async (request: FastifyRequest, id: number) => {
    const { user, scope } = requireUser(request);
    const b = await locateBatch(db, id);
    if (!b) throw notFound(`比对数据批次 ${id} `);
    await reachRecord(request, { type: 'compare_batch', id: String(id), placeCode: b.countyCode }, `比对数据批次 ${id} `);
    if (!scope.all && !scopeContains(scope, b.countyCode)) throw notFound(`比对数据批次 ${id} `);
    if (!kindsFor(user).some((k) => k.code === b.kind)) throw notFound(`比对数据批次 ${id} `);
    return b;
  };

  const reachHit = async (request: FastifyRequest, id: number) => {
    const found = await locateHit(db, id);
    if (!found) throw notFound(`疑点 ${id} `);
    await reachRecord(request, { type: 'compare_hit', id: String(id), placeCode: found.villageCode, household: { countyCode: found.countyCode, householdNo: found.householdNo } }, `疑点 ${id} `);
    return id;
  };

  route({
    method: 'GET', url: '/compare/kinds', summary: '比对数据种类及其列', access: ['compare.import', 'compare.read'], response: kindsSchema,
    handler: async ({ request }) => ({ kinds: kindViews(requireUser(request).user) }),
  });

  route({
    method: 'POST', url: '/compare/batches', summary: '导入部门比对数据（后台任务）', access: 'compare.import', query: uploadQuery, body: 'upload', response: jobStarted, status: 202,
    description: '以 multipart/form-data 上传 .xlsx 或 .csv（UTF-8 或 GBK）；dryRun=true 只检查不写入；有错误行的批次不被采用。',
    handler: async ({ request, query }) => {
      const { user } = requireUser(request);
      await reachPlace(request, query.county);
      const kind = kindsFor(user).find((k) => k.code === query.kind);
      if (!kind) throw new AppError(403, 'forbidden', `您的业务条线不能导入「${query.kind}」比对数据`, [{ field: 'kind', value: query.kind }]);
      const { path, fileName } = await receiveUpload(request, 'compare');
      const owner = ownerOf(request);
      const jobId = await startImport(database, {
        path, fileName, kind: kind.code, countyCode: query.county, asOf: query.asOf ?? owner.today, source: query.source ?? kind.department,
        dryRun: query.dryRun === 'true' || query.dryRun === '1',
      }, owner, (e) => request.log.error(e));
      return { jobId };
    },
  });

  route({
    method: 'GET', url: '/compare/batches', summary: '比对数据批次列表', access: 'compare.import', query: batchQuery, response: batchListSchema,
    handler: async ({ request, query }) => {
      const { user, scope } = requireUser(request);
      if (query.place) await reachPlace(request, query.place);
      return { items: await listBatchViews(db, scope, user, query) };
    },
  });

  route({
    method: 'GET', url: '/compare/batches/:id', summary: '比对数据批次的数据行（已脱敏）', access: 'compare.import', params: idParams, query: rowsQuery, response: rowsSchema,
    handler: async ({ request, params, query }) => {
      const b = await reachBatch(request, params.id);
      const rows = await batchRows(db, b, query);
      await recordAudit(db, { ...auditActorOf(request), at: request.server.security.clock.now(), action: 'compare.view_rows', objectType: 'compare_batch', objectId: String(b.id), placeCode: b.countyCode, after: { page: query.page, rows: rows.rows.length } });
      return rows;
    },
  });

  route({
    method: 'GET', url: '/compare/jobs/:id', summary: '比对导入或比对任务的进度', access: ['compare.import', 'compare.run'], params: idParams, response: jobSchema,
    handler: async ({ request, params }) => {
      const job = await getCompareJob(database, params.id, requireUser(request).user.id);
      return {
        jobId: job.id, kind: job.kind, status: job.status, progress: job.progress, stage: job.stage, message: job.message, result: job.result,
        errorReport: job.hasFiles ? `/api/v1/compare/jobs/${job.id}/errors.xlsx` : null,
      };
    },
  });

  route({
    method: 'GET', url: '/compare/jobs/:id/errors.xlsx', summary: '导入错误报告', access: 'compare.import', params: idParams, file: 'xlsx',
    handler: async ({ request, reply, params }) => {
      await getCompareJob(database, params.id, requireUser(request).user.id);
      const file = await compareJobFile(database, params.id);
      if (!file) throw notFound('错误报告');
      return reply.type(file.mediaType).header('content-disposition', `attachment; filename="errors-${params.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(`比对数据错误报告-${params.id}.xlsx`)}`).send(Buffer.from(file.content));
    },
  });

  route({
    method: 'GET', url: '/compare/rules', summary: '现行比对规则（版本、出处、含义、建议结果）', access: ['compare.read', 'compare.import', 'policy.read'], response: rulesSchema,
    handler: async () => activeRuleSet(db),
  });

  route({
    method: 'PUT', url: '/compare/rules', summary: '发布新版比对规则', access: 'policy.manage', body: publishRulesInput, response: rulesSchema,
    handler: async ({ request, body }) => publishRuleSet(db, body.rules, body.note, auditActorOf(request), request.server.security.clock.now()),
  });

  route({
    method: 'POST', url: '/compare/runs', summary: '启动大数据比对（后台任务）', access: 'compare.run', body: runInput, response: jobStarted, status: 202,
    description: 'place 为一个县，或更大的地区（范围内有比对数据的每个县）。',
    handler: async ({ request, body }) => {
      const place = await reachPlace(request, body.place);
      const counties = await countiesToRun(db, requireUser(request).scope, place);
      return { jobId: await startRun(database, place, counties, ownerOf(request), (e) => request.log.error(e)) };
    },
  });

  type HitQuery = z.output<typeof hitQuery>;
  const hitFilter = async (request: FastifyRequest, query: HitQuery) => ({
    place: await reachPlace(request, query.place), rule: query.rule, status: query.status, outcome: query.outcome, householdNo: query.householdNo,
    overdueOn: query.overdue === 'true' ? todayOf(request) : undefined,
  });

  route({
    method: 'GET', url: '/compare/hits', summary: '疑点列表', access: 'compare.read', query: hitQuery, response: hitPageSchema,
    handler: async ({ request, query }) => listHitViews(db, requireUser(request).scope, await hitFilter(request, query), query, viewerOf(request)),
  });

  route({
    method: 'GET', url: '/compare/hits/report', summary: '疑点统计（按规则、村、状态、结果）', access: 'compare.read', query: hitQuery, response: reportSchema,
    handler: async ({ request, query }) => hitReport(db, requireUser(request).scope, await hitFilter(request, query), todayOf(request)),
  });

  route({
    method: 'GET', url: '/compare/hits/export.xlsx', summary: '导出疑点台账', access: 'compare.read', query: hitQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const { scope } = requireUser(request);
      const filter = await hitFilter(request, query);
      const page = await listHitViews(db, scope, filter, { page: 1, pageSize: MAX_EXPORT_HITS }, viewerOf(request));
      const report = await hitReport(db, scope, filter, todayOf(request));
      const name = await placeNameOf(db, filter.place);
      await recordAudit(db, { ...auditActorOf(request), at: request.server.security.clock.now(), action: 'compare.export', objectType: 'compare_hit', placeCode: filter.place, after: { ...filter, rows: page.items.length } });
      return sendWorkbook(reply, hitSheets(name, page.items, report, todayOf(request)), `compare-hits-${filter.place}.xlsx`, `${name}大数据比对疑点台账.xlsx`);
    },
  });

  route({
    method: 'POST', url: '/compare/hits/send', summary: '批量下发疑点', access: 'compare.act', body: sendInput, response: sentSchema,
    handler: async ({ request, body }) => {
      const place = await reachPlace(request, body.place);
      return { sent: await sendHits(db, requireUser(request).scope, { place, rule: body.rule }, body.ids ?? null, authorOf(request)) };
    },
  });

  route({
    method: 'GET', url: '/compare/hits/:id', summary: '疑点详情（办理记录）', access: 'compare.read', params: idParams, response: hitDetailSchema,
    handler: async ({ request, params }) => getHit(db, await reachHit(request, params.id), viewerOf(request)),
  });

  route({
    method: 'POST', url: '/compare/hits/:id/steps', summary: '办理疑点（下发、村核实、乡镇审核、县确认）', access: 'compare.act', params: idParams, body: stepInput, response: hitDetailSchema,
    handler: async ({ request, params, body }) => {
      const id = await reachHit(request, params.id);
      await actOnHit(db, id, body, authorOf(request), (h) =>
        assertInScope(request, { type: 'household', id: h.household_no, placeCode: h.village_code, household: { countyCode: h.county_code, householdNo: h.household_no } }));
      return getHit(db, id, viewerOf(request));
    },
  });

  route({
    method: 'GET', url: '/compare/households/:householdNo/hits', summary: '一户的比对疑点和结果', access: 'registry.read', params: z.object({ householdNo: z.string().trim().min(1).max(40) }),
    response: z.object({ items: hitPageSchema.shape.items }),
    handler: async ({ request, params }) => {
      const h = await reachHousehold(request, db, params.householdNo);
      return hitsOfHousehold(db, h, viewerOf(request));
    },
  });
}
