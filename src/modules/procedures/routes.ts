/**
 * HTTP routes of the procedures: cases (start, act one or many, list, one case), evidence files,
 * public notices and objections, county spot checks, and the procedure definitions in force.
 * Reading needs 'registry.read' (within the user's reach), acting 'procedures.act'; which role
 * may act at which step is the procedure's own data, checked by the engine.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database';
import { scopeContains } from '../../db/placeScope';
import { chinaDate } from '../../domain/dates';
import { PROCEDURES } from '../../domain/workflow/flowSchema';
import { assertInScope, auditActorOf, householdAccessOf, requirePermission, requireUser } from '../../server/access';
import { badRequest, notFound } from '../../server/errors';
import { reachPlace } from '../../server/reach';
import type { Author } from './act';
import { actOnCases, caseCounts, getCase, listCasePage } from './cases';
import { MAX_EVIDENCE_BYTES, readEvidence, storeEvidence } from './evidence';
import { getNotice, listNoticeViews, publishNotice, registerObjection, resolveObjection } from './notices';
import { policyPlan } from './policyPlan';
import type { Caller } from './reach';
import {
  actionSchema, caseDetailSchema, casePageSchema, caseQuerySchema, drawSchema, evidenceFields, idParams, noticeListSchema, noticeSchema,
  objectionSchema, objectionViewSchema, placeQuery, publishSchema, resolutionSchema, startSchema,
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
  const read = { preHandler: requirePermission('registry.read') };
  const act = { preHandler: requirePermission('procedures.act') };

  api.get('/procedures/definitions', read, async (request) => {
    const q = placeQuery.parse(request.query);
    const { user } = requireUser(request);
    const place = q.place ?? user.placeCode;
    const year = q.year ?? Number(viewerOf(request).today.slice(0, 4));
    const plans = await Promise.all(PROCEDURES.map((p) => policyPlan(db, place, p, year)));
    return { place, year, procedures: plans.map((p) => ({ code: p.plan.procedure, label: p.plan.label, policyKey: p.policyKey, outcomes: p.plan.outcomes, steps: p.plan.steps })) };
  });

  /** A place filter outside the user's scope answers 404 (audited), as any out-of-scope request. */
  const reachPlaceFilter = async (request: FastifyRequest, place: string | undefined) => {
    if (place !== undefined) await reachPlace(request, place);
  };

  const caseFilterOf = async (request: FastifyRequest) => {
    const q = caseQuerySchema.parse(request.query);
    await reachPlaceFilter(request, q.place);
    const viewer = viewerOf(request);
    const mine = q.mine === 'true' || q.mine === '1';
    return { q, viewer, filter: { place: q.place, procedure: q.procedure, step: q.step, status: q.status, householdNo: q.household, waitingOnRole: mine ? viewer.role : undefined } };
  };

  api.get('/procedures/cases', read, async (request) => {
    const { q, viewer, filter } = await caseFilterOf(request);
    return casePageSchema.parse(await listCasePage(db, callerOf(request), { ...filter, page: q.page, pageSize: q.pageSize }, viewer));
  });

  api.get('/procedures/cases/export.xlsx', { preHandler: requirePermission('registry.export') }, async (request, reply) => {
    const { q, viewer, filter } = await caseFilterOf(request);
    const page = await listCasePage(db, callerOf(request), { ...filter, page: 1, pageSize: MAX_EXPORT_CASES }, viewer);
    if (page.total > MAX_EXPORT_CASES) throw badRequest(`符合条件的案件有 ${page.total} 件，超过一次导出上限 ${MAX_EXPORT_CASES} 件，请缩小范围`);
    const said = [q.place && `区划 ${q.place}`, q.procedure && `程序 ${DEFAULT_PROCEDURE_FLOWS[q.procedure].label}`, q.step && `步骤 ${q.step}`, q.status && `状态 ${CASE_STATUS_LABELS[q.status]}`, q.household && `户 ${q.household}`, filter.waitingOnRole && '待我办理'];
    return sendWorkbook(reply, caseSheets(page.items, said.filter((x): x is string => !!x), viewer.today), 'procedure-cases.xlsx', '扶贫程序案件清单.xlsx');
  });

  api.get('/procedures/summary', read, async (request) => {
    const q = placeQuery.parse(request.query);
    await reachPlaceFilter(request, q.place);
    return { items: await caseCounts(db, callerOf(request), q.place) };
  });

  api.get('/procedures/cases/:id', read, async (request) => {
    const { id } = idParams.parse(request.params);
    return caseDetailSchema.parse(await getCase(db, callerOf(request), id, viewerOf(request)));
  });

  api.post('/procedures/cases', act, async (request, reply) => {
    const input = startSchema.parse(request.body);
    const caller = callerOf(request);
    const row = await startProcedure(db, input, authorOf(request), (h) =>
      caller.reach({ type: 'household', id: h.household_no, placeCode: h.village_code, household: { countyCode: h.county_code, householdNo: h.household_no } }),
    );
    reply.status(201);
    return caseDetailSchema.parse(await getCase(db, caller, row.id, viewerOf(request)));
  });

  api.post('/procedures/cases/actions', act, async (request) => {
    const input = actionSchema.parse(request.body);
    const applied = await actOnCases(db, callerOf(request), input, authorOf(request));
    return { done: applied.length, items: applied.map((a) => ({ id: a.row.id, householdNo: a.row.household_no, result: a.transition.result, status: a.transition.state.status, step: a.plan.steps[a.transition.state.stepIndex].code })) };
  });

  api.post('/procedures/evidence', act, async (request, reply) => {
    const q = evidenceFields.parse(request.query);
    const { scope } = requireUser(request);
    if (!scopeContains(scope, q.place) || !(await placeExists(db, q.place))) throw notFound(`行政区划 ${q.place} `);
    if (!request.isMultipart()) throw badRequest('请以 multipart/form-data 上传文件（字段 file）');
    const part = await request.file({ limits: { fileSize: MAX_EVIDENCE_BYTES + 1, files: 1 } });
    if (!part) throw badRequest('请求中没有文件');
    const bytes = await part.toBuffer().catch(() => {
      throw badRequest(`文件「${part.filename}」超过 20 MB 上限`);
    });
    const view = await storeEvidence(db, { placeCode: q.place, kind: q.kind, name: part.filename, declaredType: part.mimetype, bytes, uploadedBy: requireUser(request).user.username, at: request.server.security.clock.now() });
    reply.status(201);
    return view;
  });

  api.get('/procedures/evidence/:id', read, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const e = await readEvidence(db, id);
    await assertInScope(request, { type: 'procedure_evidence', id: String(id), placeCode: e.place_code });
    return reply
      .type(e.media_type)
      .header('content-disposition', `attachment; filename="evidence-${id}"; filename*=UTF-8''${encodeURIComponent(e.name)}`)
      .header('x-content-digest', `${e.digest_alg}=${e.sha256}`)
      .send(Buffer.from(e.content));
  });

  api.get('/procedures/notices', read, async (request) => {
    const { place } = placeQuery.parse(request.query);
    await reachPlaceFilter(request, place);
    return noticeListSchema.parse(await listNoticeViews(db, callerOf(request), place));
  });

  api.get('/procedures/notices/:id', read, async (request) => {
    const { id } = idParams.parse(request.params);
    return noticeSchema.parse(await getNotice(db, callerOf(request), id));
  });

  api.post('/procedures/notices', act, async (request, reply) => {
    const input = publishSchema.parse(request.body);
    const notice = await publishNotice(db, callerOf(request), input, authorOf(request));
    reply.status(201);
    return noticeSchema.parse(await getNotice(db, callerOf(request), notice.id));
  });

  api.post('/procedures/notices/:id/objections', act, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const o = await registerObjection(db, callerOf(request), id, objectionSchema.parse(request.body), authorOf(request));
    reply.status(201);
    return objectionViewSchema.parse(objectionView(o));
  });

  api.post('/procedures/objections/:id/resolve', act, async (request) => {
    const { id } = idParams.parse(request.params);
    return objectionViewSchema.parse(objectionView(await resolveObjection(db, callerOf(request), id, resolutionSchema.parse(request.body), authorOf(request))));
  });

  api.post('/procedures/spot-checks', act, async (request, reply) => {
    const draw = await drawSpotCheck(db, callerOf(request), drawSchema.parse(request.body), authorOf(request));
    reply.status(201);
    return getDraw(db, callerOf(request), draw.id);
  });

  api.get('/procedures/spot-checks/:id', read, async (request) => {
    const { id } = idParams.parse(request.params);
    return getDraw(db, callerOf(request), id);
  });
}
