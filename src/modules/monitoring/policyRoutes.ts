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
import { auditActorOf, requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import {
  activationSchema,
  getPolicy,
  jobIdSchema,
  reachPolicy,
  reachWhatIfDraft,
  STATUS_LABELS,
  whatIfBody,
  type PolicyView,
} from '../policy/service';
import { jobSchema } from './schemas';
import { activatePolicyAndRecompute, assertWhatIfDone, exportWhatIfChanges, getWhatIfJob, reachJob, reachJobPlace, startWhatIfJob, XLSX_MEDIA_TYPE } from './service';

const view = (p: PolicyView) => ({ ...p, statusLabel: STATUS_LABELS[p.status] });
const jobIdParam = z.object({ jobId: z.coerce.number({ message: '任务编号应为数字' }).int().positive('任务编号应为正整数') });
const idParams = z.object({ id: z.string().trim().min(1, '政策参数版本编号不能为空') });

export async function registerPolicyJobRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, { tag: '政策参数', description: 'Policy records: versions of the rules (lines, criteria), comparison, what-if runs, activation (src/modules/policy)' });
  const onCrash = (request: FastifyRequest) => (e: Error) => request.log.error(e);

  /** A what-if job the user may see (its place inside his scope). */
  async function reachWhatIf(request: FastifyRequest, jobId: number) {
    const job = await getWhatIfJob(database, jobId);
    await reachJob(request, job);
    return job;
  }

  route({
    method: 'POST', url: '/policies/what-if', summary: '政策测算（后台任务）', access: 'policy.manage', body: whatIfBody, response: jobIdSchema, status: 202,
    handler: async ({ request, body }) => {
      const draft = await reachWhatIfDraft(request, db, body);
      const place = await reachJobPlace(request, body.place ?? draft.regionCode);
      const jobId = await startWhatIfJob(database, { draft, place, year: body.year, scope: requireUser(request).scope }, onCrash(request));
      return { jobId };
    },
  });

  route({
    method: 'GET', url: '/policies/what-if/:jobId', summary: '政策测算任务进度与结果', access: 'policy.manage', params: jobIdParam, response: jobSchema,
    // The job's status is a string in the table; the answer schema checks it is one of the four.
    handler: async ({ request, params }) => (await reachWhatIf(request, params.jobId)) as z.input<typeof jobSchema>,
  });

  route({
    method: 'GET', url: '/policies/what-if/:jobId/changes.xlsx', summary: '导出测算中结果变化的户', access: 'policy.manage', params: jobIdParam, file: 'xlsx',
    handler: async ({ request, reply, params: { jobId } }) => {
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
    },
  });

  route({
    method: 'POST', url: '/policies/:id/activate', summary: '生效政策参数并重新评估', access: 'policy.manage', params: idParams, response: activationSchema,
    handler: async ({ request, params }) => {
      await reachPolicy(request, await getPolicy(db, params.id), 'write');
      const result = await activatePolicyAndRecompute(database, params.id, auditActorOf(request), onCrash(request));
      return { ...result, policy: view(result.policy) };
    },
  });
}
