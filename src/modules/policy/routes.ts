/**
 * HTTP routes of policy records. Thin: declare the permission, reach the record (routeAccess.ts:
 * read what governs the user's places, change only inside his scope), call one service
 * function, validate the response. What-if and activation run monitoring jobs: their routes are
 * in monitoring/policyRoutes.ts (monitoring depends on policy, not the reverse).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database';
import { scopeContains, scopeOf } from '../../db/placeScope';
import { auditActorOf, requirePermission, requireUser } from '../../server/access';
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

const view = (p: PolicyView) => s.policyViewSchema.parse({ ...p, statusLabel: STATUS_LABELS[p.status] });
type IdParams = { Params: { id: string } };

export async function registerPolicyRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const read = { preHandler: requirePermission('policy.read') };
  const manage = { preHandler: requirePermission('policy.manage') };

  /** The list's records: those governing the user's places, or the asked place's when it lies in (or above) his scope. */
  async function listed(request: FastifyRequest) {
    const q = s.listQuery.parse(request.query);
    await reachPlaceFilter(request, q.place);
    const { scope } = requireUser(request);
    const visibleTo = q.place && q.place !== '0' && (scope.all || scopeContains(scope, q.place)) ? scopeOf([q.place]) : scope;
    return { q, items: await listPolicies(db, { regionCode: q.region, status: q.status, effectiveYear: q.year, visibleTo }) };
  }

  api.get('/policies', read, async (request) => {
    const { items } = await listed(request);
    return s.policyListSchema.parse({ items: items.map(view) });
  });

  api.get('/policies/export.xlsx', read, async (request, reply) => {
    const { q, items } = await listed(request);
    await recordAudit(db, { ...auditActorOf(request), action: 'policy.export', objectType: 'policy_record', objectId: null, placeCode: q.region ?? requireUser(request).user.placeCode, after: { rows: items.length, ...q } });
    return reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header('content-disposition', `attachment; filename="policies.xlsx"; filename*=UTF-8''${encodeURIComponent('政策参数版本.xlsx')}`)
      .send(await policyListWorkbook(items));
  });

  api.get('/policies/effective', read, async (request) => {
    const q = s.effectiveQuery.parse(request.query);
    await reachPlaceFilter(request, q.place);
    return s.effectiveSchema.parse(await getEffectivePolicy(db, q.place, q.year));
  });

  api.get('/policies/compare', read, async (request) => {
    const q = s.compareQuery.parse(request.query);
    await reachPolicy(request, await getPolicy(db, q.a), 'read');
    await reachPolicy(request, await getPolicy(db, q.b), 'read');
    const c = await comparePolicies(db, q.a, q.b, q.mode);
    return s.comparisonSchema.parse({ ...c, a: view(c.a), b: view(c.b) });
  });

  api.get<IdParams>('/policies/:id', read, async (request) => {
    const policy = await getPolicy(db, request.params.id);
    await reachPolicy(request, policy, 'read');
    return view(policy);
  });

  api.get<IdParams>('/policies/:id/fields', read, async (request) => {
    const policy = await getPolicy(db, request.params.id);
    await reachPolicy(request, policy, 'read');
    return s.ruleFieldsSchema.parse(await describePolicyRules(db, policy));
  });

  api.post('/policies', manage, async (request, reply) => {
    const body = s.draftBody.parse(request.body);
    await reachDraftRegion(request, body.regionCode);
    const created = await createPolicyDraft(db, body, auditActorOf(request));
    return reply.status(201).send(view(created));
  });

  api.put<IdParams>('/policies/:id', manage, async (request) => {
    const body = s.draftBody.parse(request.body);
    await reachPolicy(request, await getPolicy(db, request.params.id), 'write');
    return view(await updatePolicyDraft(db, request.params.id, body, auditActorOf(request)));
  });
}
