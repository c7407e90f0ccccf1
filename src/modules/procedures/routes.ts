/**
 * HTTP routes of the procedures: cases (start, act one or many, list, one case), evidence files,
 * public notices and objections, county spot checks, and the procedure definitions in force.
 * Reading needs 'registry.read' (within the user's reach), acting 'procedures.act'; which role
 * may act at which step is the procedure's own data, checked by the engine. Declared with routesOf.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import { scopeContains } from '../../db/placeScope';
import { chinaDate } from '../../domain/dates';
import { PROCEDURES } from '../../domain/workflow/flowSchema';
import { assertInScope, auditActorOf, householdAccessOf, requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { badRequest, notFound } from '../../server/errors';
import { reachPlace } from '../../server/reach';
import type { Author } from './act';
import { actOnCases, caseCounts, getCase, listCasePage } from './cases';
import { MAX_EVIDENCE_BYTES, readEvidence, storeEvidence } from './evidence';
import { getNotice, listNoticeViews, publishNotice, registerObjection, resolveObjection } from './notices';
import { noticeDocument } from './noticeDocument';
import { policyPlan } from './policyPlan';
import type { Caller } from './reach';
import {
  actionResultSchema, actionSchema, caseCountsSchema, caseDetailSchema, casePageSchema, caseQuerySchema, definitionsSchema, drawSchema, drawViewSchema,
  evidenceFields, evidenceSchema, idParams, noticeDocumentSchema, noticeListSchema, noticeSchema, objectionSchema, objectionViewSchema, placeQuery, publishSchema,
  resolutionSchema, startSchema,
} from './schemas';
import { drawSpotCheck, getDraw } from './spotChecks';
import { startProcedure } from './start';
import { CASE_STATUS_LABELS, objectionView } from './views';
import { DEFAULT_PROCEDURE_FLOWS } from '../../domain/workflow/defaultFlows';
import { caseSheets, MAX_EXPORT_CASES } from './exports';
import { sendWorkbook } from '../reports/service';
import { placeExists } from '../places/service';

export function authorOf(request: FastifyRequest): Author {
  const { user } = requireUser(request);
  const at = request.server.security.clock.now();
  return { actor: auditActorOf(request), username: user.username, role: user.role, today: chinaDate(at), at };
}

export function callerOf(request: FastifyRequest): Caller {
  return { access: householdAccessOf(request), reach: (record) => assertInScope(request, record) };
}

const viewerOf = (request: FastifyRequest) => {
  const { user } = requireUser(request);
  return { role: user.role, today: chinaDate(request.server.security.clock.now()) };
};

export async function registerProcedureRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, { tag: '识别与退出程序', description: 'Procedures: identification and exit cases, evidence, public notices, objections, spot checks (src/modules/procedures)' });

  route({
    method: 'GET', url: '/procedures/definitions', summary: '程序定义（步骤与办理角色）', access: 'registry.read', query: placeQuery, response: definitionsSchema,
    handler: async ({ request, query: q }) => {
      const { user } = requireUser(request);
      const place = q.place ?? user.placeCode;
      const year = q.year ?? Number(viewerOf(request).today.slice(0, 4));
      const plans = await Promise.all(PROCEDURES.map((p) => policyPlan(db, place, p, year)));
      return { place, year, procedures: plans.map((p) => ({ code: p.plan.procedure, label: p.plan.label, policyKey: p.policyKey, outcomes: p.plan.outcomes, steps: p.plan.steps })) };
    },
  });

  /** A place filter outside the user's scope answers 404 (audited), as any out-of-scope request. */
  const reachPlaceFilter = async (request: FastifyRequest, place: string | undefined) => {
    if (place !== undefined) await reachPlace(request, place);
  };

  const caseFilterOf = async (request: FastifyRequest, q: z.output<typeof caseQuerySchema>) => {
    await reachPlaceFilter(request, q.place);
    const viewer = viewerOf(request);
    const mine = q.mine === 'true' || q.mine === '1';
    return { viewer, filter: { place: q.place, procedure: q.procedure, step: q.step, status: q.status, householdNo: q.household, waitingOnRole: mine ? viewer.role : undefined } };
  };

  route({
    method: 'GET', url: '/procedures/cases', summary: '程序案件列表', access: 'registry.read', query: caseQuerySchema, response: casePageSchema,
    handler: async ({ request, query: q }) => {
      const { viewer, filter } = await caseFilterOf(request, q);
      return listCasePage(db, callerOf(request), { ...filter, page: q.page, pageSize: q.pageSize }, viewer);
    },
  });

  route({
    method: 'GET', url: '/procedures/cases/export.xlsx', summary: '导出程序案件', access: 'registry.export', query: caseQuerySchema, file: 'xlsx',
    handler: async ({ request, reply, query: q }) => {
      const { viewer, filter } = await caseFilterOf(request, q);
      const page = await listCasePage(db, callerOf(request), { ...filter, page: 1, pageSize: MAX_EXPORT_CASES }, viewer);
      if (page.total > MAX_EXPORT_CASES) throw badRequest(`符合条件的案件有 ${page.total} 件，超过一次导出上限 ${MAX_EXPORT_CASES} 件，请缩小范围`);
      const said = [q.place && `区划 ${q.place}`, q.procedure && `程序 ${DEFAULT_PROCEDURE_FLOWS[q.procedure].label}`, q.step && `步骤 ${q.step}`, q.status && `状态 ${CASE_STATUS_LABELS[q.status]}`, q.household && `户 ${q.household}`, filter.waitingOnRole && '待我办理'];
      return sendWorkbook(reply, caseSheets(page.items, said.filter((x): x is string => !!x), viewer.today), 'procedure-cases.xlsx', '扶贫程序案件清单.xlsx');
    },
  });

  route({
    method: 'GET', url: '/procedures/summary', summary: '程序办理汇总', access: 'registry.read', query: placeQuery, response: caseCountsSchema,
    handler: async ({ request, query: q }) => {
      await reachPlaceFilter(request, q.place);
      return { items: await caseCounts(db, callerOf(request), q.place) };
    },
  });

  route({
    method: 'GET', url: '/procedures/cases/:id', summary: '程序案件详情', access: 'registry.read', params: idParams, response: caseDetailSchema,
    handler: async ({ request, params }) => getCase(db, callerOf(request), params.id, viewerOf(request)),
  });

  route({
    method: 'POST', url: '/procedures/cases', summary: '发起识别或退出程序', access: 'procedures.act', body: startSchema, response: caseDetailSchema, status: 201,
    handler: async ({ request, body }) => {
      const caller = callerOf(request);
      const row = await startProcedure(db, body, authorOf(request), (h) =>
        caller.reach({ type: 'household', id: h.household_no, placeCode: h.village_code, household: { countyCode: h.county_code, householdNo: h.household_no } }),
      );
      return getCase(db, caller, row.id, viewerOf(request));
    },
  });

  route({
    method: 'POST', url: '/procedures/cases/actions', summary: '办理程序步骤（可批量）', access: 'procedures.act', body: actionSchema, response: actionResultSchema,
    handler: async ({ request, body }) => {
      const applied = await actOnCases(db, callerOf(request), body, authorOf(request));
      return { done: applied.length, items: applied.map((a) => ({ id: a.row.id, householdNo: a.row.household_no, result: a.transition.result, status: a.transition.state.status, step: a.plan.steps[a.transition.state.stepIndex].code })) };
    },
  });

  route({
    method: 'POST', url: '/procedures/evidence', summary: '上传佐证材料', access: 'procedures.act', query: evidenceFields, body: 'upload', response: evidenceSchema, status: 201,
    description: '以 multipart/form-data 上传（字段 file，不超过 20 MB）。',
    handler: async ({ request, query: q }) => {
      const { scope } = requireUser(request);
      if (!scopeContains(scope, q.place) || !(await placeExists(db, q.place))) throw notFound(`行政区划 ${q.place} `);
      if (!request.isMultipart()) throw badRequest('请以 multipart/form-data 上传文件（字段 file）');
      const part = await request.file({ limits: { fileSize: MAX_EVIDENCE_BYTES + 1, files: 1 } });
      if (!part) throw badRequest('请求中没有文件');
      const bytes = await part.toBuffer().catch(() => {
        throw badRequest(`文件「${part.filename}」超过 20 MB 上限`);
      });
      return storeEvidence(db, { placeCode: q.place, kind: q.kind, name: part.filename, declaredType: part.mimetype, bytes, uploadedBy: requireUser(request).user.username, at: request.server.security.clock.now() });
    },
  });

  route({
    method: 'GET', url: '/procedures/evidence/:id', summary: '下载佐证材料', access: 'registry.read', params: idParams, file: 'binary',
    handler: async ({ request, reply, params: { id } }) => {
      const e = await readEvidence(db, id);
      await assertInScope(request, { type: 'procedure_evidence', id: String(id), placeCode: e.place_code });
      return reply
        .type(e.media_type)
        .header('content-disposition', `attachment; filename="evidence-${id}"; filename*=UTF-8''${encodeURIComponent(e.name)}`)
        .header('x-content-digest', `${e.digest_alg}=${e.sha256}`)
        .send(Buffer.from(e.content));
    },
  });

  route({
    method: 'GET', url: '/procedures/notices', summary: '公示列表', access: 'registry.read', query: placeQuery, response: noticeListSchema,
    handler: async ({ request, query: { place } }) => {
      await reachPlaceFilter(request, place);
      return listNoticeViews(db, callerOf(request), place);
    },
  });

  route({
    method: 'GET', url: '/procedures/notices/:id', summary: '公示详情', access: 'registry.read', params: idParams, response: noticeSchema,
    handler: async ({ request, params }) => getNotice(db, callerOf(request), params.id),
  });

  route({
    method: 'GET', url: '/procedures/notices/:id/document', summary: '公示文本（打印张贴用，已隐去个人信息，生成即留痕）', access: 'registry.read', params: idParams, response: noticeDocumentSchema,
    handler: async ({ request, params }) => noticeDocument(db, callerOf(request), params.id, auditActorOf(request), request.server.security.clock.now()),
  });

  route({
    method: 'POST', url: '/procedures/notices', summary: '发布公示', access: 'procedures.act', body: publishSchema, response: noticeSchema, status: 201,
    handler: async ({ request, body }) => {
      const notice = await publishNotice(db, callerOf(request), body, authorOf(request));
      return getNotice(db, callerOf(request), notice.id);
    },
  });

  route({
    method: 'POST', url: '/procedures/notices/:id/objections', summary: '登记公示异议', access: 'procedures.act', params: idParams, body: objectionSchema, response: objectionViewSchema, status: 201,
    handler: async ({ request, params, body }) => objectionView(await registerObjection(db, callerOf(request), params.id, body, authorOf(request))),
  });

  route({
    method: 'POST', url: '/procedures/objections/:id/resolve', summary: '处理公示异议', access: 'procedures.act', params: idParams, body: resolutionSchema, response: objectionViewSchema,
    handler: async ({ request, params, body }) => objectionView(await resolveObjection(db, callerOf(request), params.id, body, authorOf(request))),
  });

  route({
    method: 'POST', url: '/procedures/spot-checks', summary: '抽查（随机抽取户）', access: 'procedures.act', body: drawSchema, response: drawViewSchema, status: 201,
    handler: async ({ request, body }) => {
      const draw = await drawSpotCheck(db, callerOf(request), body, authorOf(request));
      return getDraw(db, callerOf(request), draw.id);
    },
  });

  route({
    method: 'GET', url: '/procedures/spot-checks/:id', summary: '抽查结果', access: 'registry.read', params: idParams, response: drawViewSchema,
    handler: async ({ request, params }) => getDraw(db, callerOf(request), params.id),
  });
}
