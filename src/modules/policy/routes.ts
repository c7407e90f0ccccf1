/**
 * HTTP routes of policy records and what-if. Thin: validate, call one service function,
 * validate the response. Scope and actor come from the access module once routes are wired to
 * it; until then every place, and the actor of the request (anonymous when not signed in).
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { ALL_PLACES, type PlaceScope } from '../../db/placeScope';
import { auditActorOf } from '../../server/access';
import { activatePolicyAndRecompute, assertWhatIfDone, exportWhatIfChanges, getWhatIfJob, startWhatIfJob, XLSX_MEDIA_TYPE } from '../monitoring/service';
import { jobSchema } from '../monitoring/schemas';
import * as s from './schemas';
import {
  checkPolicyDraft,
  comparePolicies,
  createPolicyDraft,
  domainRecord,
  getEffectivePolicy,
  getPolicy,
  listPolicies,
  STATUS_LABELS,
  updatePolicyDraft,
  type PolicyView,
} from './service';

export type ScopeOfRequest = (request: FastifyRequest) => PlaceScope;
const everyPlace: ScopeOfRequest = () => ALL_PLACES;

const view = (p: PolicyView) => s.policyViewSchema.parse({ ...p, statusLabel: STATUS_LABELS[p.status] });
const jobIdParam = z.object({ jobId: z.coerce.number({ message: '任务编号应为数字' }).int().positive('任务编号应为正整数') });

export async function registerPolicyRoutes(api: FastifyInstance, database: Database, scopeOf: ScopeOfRequest = everyPlace): Promise<void> {
  const onCrash = (request: FastifyRequest) => (e: Error) => request.log.error(e);

  api.get('/policies', async (request) => {
    const q = s.listQuery.parse(request.query);
    const items = await listPolicies(database.db, { regionCode: q.region, status: q.status, effectiveYear: q.year });
    return { items: items.map(view) };
  });

  api.get('/policies/effective', async (request) => {
    const q = s.effectiveQuery.parse(request.query);
    return s.effectiveSchema.parse(await getEffectivePolicy(database.db, q.place, q.year));
  });

  api.get('/policies/compare', async (request) => {
    const q = s.compareQuery.parse(request.query);
    const c = await comparePolicies(database.db, q.a, q.b, q.mode);
    return s.comparisonSchema.parse({ ...c, a: view(c.a), b: view(c.b) });
  });

  api.post('/policies/what-if', async (request, reply) => {
    const body = s.whatIfBody.parse(request.body);
    const draft = body.policyId ? domainRecord(await getPolicy(database.db, body.policyId)) : await checkPolicyDraft(database.db, body.policy!);
    const jobId = await startWhatIfJob(database, { draft, place: body.place, year: body.year, scope: scopeOf(request) }, onCrash(request));
    return reply.status(202).send(s.jobIdSchema.parse({ jobId }));
  });

  api.get<{ Params: { jobId: string } }>('/policies/what-if/:jobId', async (request) => {
    const { jobId } = jobIdParam.parse(request.params);
    return jobSchema.parse(await getWhatIfJob(database, jobId));
  });

  api.get<{ Params: { jobId: string } }>('/policies/what-if/:jobId/changes.xlsx', async (request, reply) => {
    const { jobId } = jobIdParam.parse(request.params);
    await assertWhatIfDone(database, jobId);
    const out = new PassThrough();
    exportWhatIfChanges(database, jobId, out).catch((e: Error) => {
      request.log.error(e);
      out.destroy(e);
    });
    const name = `政策测算-${jobId}-变化的户.xlsx`;
    return reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header('content-disposition', `attachment; filename="what-if-${jobId}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(out);
  });

  api.get<{ Params: { id: string } }>('/policies/:id', async (request) => view(await getPolicy(database.db, request.params.id)));

  api.post('/policies', async (request, reply) => {
    const body = s.draftBody.parse(request.body);
    const created = await createPolicyDraft(database.db, body, auditActorOf(request));
    return reply.status(201).send(view(created));
  });

  api.put<{ Params: { id: string } }>('/policies/:id', async (request) => {
    const body = s.draftBody.parse(request.body);
    return view(await updatePolicyDraft(database.db, request.params.id, body, auditActorOf(request)));
  });

  api.post<{ Params: { id: string } }>('/policies/:id/activate', async (request) => {
    const result = await activatePolicyAndRecompute(database, request.params.id, auditActorOf(request), onCrash(request));
    return s.activationSchema.parse({ ...result, policy: view(result.policy) });
  });
}
