/**
 * HTTP routes where a policy record meets the registry: what-if (a draft or saved record run
 * against the households, without writing results) and activation (which recomputes). They
 * live here, not in policy/, because they run monitoring jobs: monitoring depends on policy,
 * never the other way round. Reach as in policy/: read what governs the user's places, change
 * only inside his scope.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { auditActorOf, requirePermission, requireUser } from '../../server/access';
import {
  activationSchema,
  checkPolicyDraft,
  domainRecord,
  getPolicy,
  jobIdSchema,
  policyViewSchema,
  reachDraftRegion,
  reachPolicy,
  STATUS_LABELS,
  whatIfBody,
  type PolicyView,
} from '../policy/service';
import { jobSchema } from './schemas';
import { activatePolicyAndRecompute, assertWhatIfDone, exportWhatIfChanges, getWhatIfJob, reachJob, reachJobPlace, startWhatIfJob, XLSX_MEDIA_TYPE } from './service';

const view = (p: PolicyView) => policyViewSchema.parse({ ...p, statusLabel: STATUS_LABELS[p.status] });
const jobIdParam = z.object({ jobId: z.coerce.number({ message: '任务编号应为数字' }).int().positive('任务编号应为正整数') });
type IdParams = { Params: { id: string } };
type JobParams = { Params: { jobId: string } };

export async function registerPolicyJobRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const manage = { preHandler: requirePermission('policy.manage') };
  const onCrash = (request: FastifyRequest) => (e: Error) => request.log.error(e);

  /** A what-if job the user may see (its place inside his scope). */
  async function reachWhatIf(request: FastifyRequest, jobId: number) {
    const job = await getWhatIfJob(database, jobId);
    await reachJob(request, job);
    return job;
  }

  api.post('/policies/what-if', manage, async (request, reply) => {
    const body = whatIfBody.parse(request.body);
    let draft;
    if (body.policyId) {
      const saved = await getPolicy(db, body.policyId);
      await reachPolicy(request, saved, 'read');
      draft = domainRecord(saved);
    } else {
      await reachDraftRegion(request, body.policy!.regionCode);
      draft = await checkPolicyDraft(db, body.policy!);
    }
    const place = await reachJobPlace(request, body.place ?? draft.regionCode);
    const jobId = await startWhatIfJob(database, { draft, place, year: body.year, scope: requireUser(request).scope }, onCrash(request));
    return reply.status(202).send(jobIdSchema.parse({ jobId }));
  });

  api.get<JobParams>('/policies/what-if/:jobId', manage, async (request) => {
    const { jobId } = jobIdParam.parse(request.params);
    return jobSchema.parse(await reachWhatIf(request, jobId));
  });

  api.get<JobParams>('/policies/what-if/:jobId/changes.xlsx', manage, async (request, reply) => {
    const { jobId } = jobIdParam.parse(request.params);
    await reachWhatIf(request, jobId);
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

  api.post<IdParams>('/policies/:id/activate', manage, async (request) => {
    await reachPolicy(request, await getPolicy(db, request.params.id), 'write');
    const result = await activatePolicyAndRecompute(database, request.params.id, auditActorOf(request), onCrash(request));
    return activationSchema.parse({ ...result, policy: view(result.policy) });
  });
}
