/** The draft a what-if runs: a saved draft the user may read (policyId), or an unsaved one checked as it would be saved, its region inside his scope. */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database';
import type { PolicyRecord } from '../../domain/policy/record';
import { domainRecord } from './records';
import { reachDraftRegion, reachPolicy } from './routeAccess';
import { checkPolicyDraft, getPolicy, type PolicyDraftInput } from './service';

export async function reachWhatIfDraft(request: FastifyRequest, db: Db, body: { policyId?: string; policy?: PolicyDraftInput & { regionCode: unknown } }): Promise<PolicyRecord> {
  if (body.policyId) {
    const saved = await getPolicy(db, body.policyId);
    await reachPolicy(request, saved, 'read');
    return domainRecord(saved);
  }
  await reachDraftRegion(request, body.policy!.regionCode);
  return checkPolicyDraft(db, body.policy!);
}
