/**
 * HTTP routes of policy records, declared with routesOf. Thin: declare the permission, reach the record (routeAccess.ts:
 * read what governs the user's places, change only inside his scope), call one service
 * function (the declaration parses input and answer). What-if and activation run monitoring jobs: their routes are
 * in monitoring/policyRoutes.ts (monitoring depends on policy, not the reverse).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { scopeContains, scopeOf } from '../../db/placeScope';
import { auditActorOf, requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { XLSX_MEDIA_TYPE } from '../reports/service';
import { recordAudit } from '../audit/service';
import { reachDraftRegion, reachPolicy } from './routeAccess';
import { policyListWorkbook } from './workbook';
import * as s from './schemas';
import {
  comparePolicies,
  createPolicyDraft,
  describePolicyRules,
  getEffectivePolicy,
  getPolicy,
  listPolicies,
  STATUS_LABELS,
  updatePolicyDraft,
  type PolicyView,
} from './service';
import { reachPlaceFilter } from '../registry/service';

const view = (p: PolicyView) => ({ ...p, statusLabel: STATUS_LABELS[p.status] });
const idParams = z.object({ id: z.string().trim().min(1, '政策参数版本编号不能为空') });

export async function registerPolicyRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, { tag: '政策参数', description: 'Policy records: versions of the rules (lines, criteria), comparison, what-if runs, activation (src/modules/policy)' });

  /** The list's records: those governing the user's places, or the asked place's when it lies in (or above) his scope. */
  async function listed(request: FastifyRequest, q: z.output<typeof s.listQuery>) {
    await reachPlaceFilter(request, q.place);
    const { scope } = requireUser(request);
    const visibleTo = q.place && q.place !== '0' && (scope.all || scopeContains(scope, q.place)) ? scopeOf([q.place]) : scope;
    return listPolicies(db, { regionCode: q.region, status: q.status, effectiveYear: q.year, visibleTo });
  }

  route({
    method: 'GET', url: '/policies', summary: '政策参数版本列表', access: 'policy.read', query: s.listQuery, response: s.policyListSchema,
    handler: async ({ request, query }) => ({ items: (await listed(request, query)).map(view) }),
  });

  route({
    method: 'GET', url: '/policies/export.xlsx', summary: '导出政策参数版本', access: 'policy.read', query: s.listQuery, file: 'xlsx',
    handler: async ({ request, reply, query: q }) => {
      const items = await listed(request, q);
      await recordAudit(db, { ...auditActorOf(request), action: 'policy.export', objectType: 'policy_record', objectId: null, placeCode: q.region ?? requireUser(request).user.placeCode, after: { rows: items.length, ...q } });
      return reply
        .header('content-type', XLSX_MEDIA_TYPE)
        .header('content-disposition', `attachment; filename="policies.xlsx"; filename*=UTF-8''${encodeURIComponent('政策参数版本.xlsx')}`)
        .send(await policyListWorkbook(items));
    },
  });

  route({
    method: 'GET', url: '/policies/effective', summary: '某地某年生效的政策参数', access: 'policy.read', query: s.effectiveQuery, response: s.effectiveSchema,
    handler: async ({ request, query: q }) => {
      await reachPlaceFilter(request, q.place);
      return getEffectivePolicy(db, q.place, q.year);
    },
  });

  route({
    method: 'GET', url: '/policies/compare', summary: '比较两个政策参数版本', access: 'policy.read', query: s.compareQuery, response: s.comparisonSchema,
    handler: async ({ request, query: q }) => {
      await reachPolicy(request, await getPolicy(db, q.a), 'read');
      await reachPolicy(request, await getPolicy(db, q.b), 'read');
      const c = await comparePolicies(db, q.a, q.b, q.mode);
      return { ...c, a: view(c.a), b: view(c.b) };
    },
  });

  route({
    method: 'GET', url: '/policies/:id', summary: '政策参数版本详情', access: 'policy.read', params: idParams, response: s.policyViewSchema,
    handler: async ({ request, params }) => {
      const policy = await getPolicy(db, params.id);
      await reachPolicy(request, policy, 'read');
      return view(policy);
    },
  });

  route({
    method: 'GET', url: '/policies/:id/fields', summary: '政策规则用到的字段说明', access: 'policy.read', params: idParams, response: s.ruleFieldsSchema,
    handler: async ({ request, params }) => {
      const policy = await getPolicy(db, params.id);
      await reachPolicy(request, policy, 'read');
      return describePolicyRules(db, policy);
    },
  });

  route({
    method: 'POST', url: '/policies', summary: '新建政策参数草稿', access: 'policy.manage', body: s.draftBody, response: s.policyViewSchema, status: 201,
    handler: async ({ request, body }) => {
      await reachDraftRegion(request, body.regionCode);
      return view(await createPolicyDraft(db, body, auditActorOf(request)));
    },
  });

  route({
    method: 'PUT', url: '/policies/:id', summary: '修改政策参数草稿', access: 'policy.manage', params: idParams, body: s.draftBody, response: s.policyViewSchema,
    handler: async ({ request, params, body }) => {
      await reachPolicy(request, await getPolicy(db, params.id), 'write');
      return view(await updatePolicyDraft(db, params.id, body, auditActorOf(request)));
    },
  });
}
