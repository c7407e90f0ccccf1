/** Helpers of the 防止返贫致贫 tests: a policy record for the test county put in force through the API. */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../../src/db/database';
import { waitForJob } from '../../src/modules/monitoring/service';
import { loginAs, type Client } from '../access/helpers';
import { makeProcedureUser } from '../procedures/helpers';

export async function policyAdmin(app: FastifyInstance, database: Database): Promise<Client> {
  return loginAs(app, (await makeProcedureUser(database, 'policy_admin', '0')).username);
}

/** Save and activate a record of the region (the county stands for its province in tests, so tests do not share a record). */
export async function activateRecord(admin: Client, regionCode: string, effectiveYear: number, rules: unknown, title = '测试记录'): Promise<string> {
  const draft = await admin.inject('POST', '/api/v1/policies', { regionCode, effectiveYear, title, rules });
  expect(draft.statusCode, draft.body).toBe(201);
  const activated = await admin.inject('POST', `/api/v1/policies/${draft.json().id}/activate`);
  expect(activated.statusCode, activated.body).toBe(200);
  await waitForJob(activated.json().jobId);
  return draft.json().id;
}

export const RANGE_2026 = { 2026: { upper: 8100, notice: '测试省乡村振兴局关于2026年防止返贫致贫监测范围的通知' } };
