/** Small helpers for the monitoring and policy integration tests (HTTP against a real database). */
import type { Database } from '../../src/db/database';
import { waitForJob } from '../../src/modules/monitoring/service';
import { loginAs, makeUser, type Client } from '../access/helpers';
import type { FastifyInstance } from 'fastify';

/** A signed-in client (see test/access/helpers.ts `loginAs`). */
export type Agent = Pick<Client, 'inject'>;

export async function api(agent: Agent, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
  const res = await agent.inject(method, url, body);
  const type = String(res.headers['content-type'] ?? '');
  return { status: res.statusCode, body: type.includes('json') ? res.json() : res.rawPayload };
}

/** A new user of `role` scoped to `place`, signed in. */
export async function signedIn(app: FastifyInstance, database: Database, role: string, place: string): Promise<Client> {
  return loginAs(app, (await makeUser(database, role, place)).username);
}

/** Wait for a job started in this process, then read it through the API. */
export async function finishedJob(agent: Agent, url: string, jobId: number) {
  await waitForJob(jobId);
  const job = await api(agent, 'GET', url);
  return job.body;
}

export async function recompute(agent: Agent, place: string, year: number) {
  const started = await api(agent, 'POST', '/api/v1/monitoring/recompute', { place, year });
  if (started.status !== 202) throw new Error(`recompute refused: ${JSON.stringify(started.body)}`);
  return finishedJob(agent, `/api/v1/monitoring/jobs/${started.body.jobId}`, started.body.jobId);
}

export interface StoredResult {
  household_no: string;
  outcome: string;
  criteria: string;
  risk_grade: string;
  risk_reasons: number;
  suggested_category: string | null;
  policy_key: string;
  persons: number;
}

/** Stored results of a county and year, by household number. */
export async function storedResults(database: Database, countyCode: string, year: number): Promise<Map<string, StoredResult>> {
  const rows = await database.db
    .selectFrom('assessment_result')
    .select(['household_no', 'outcome', 'criteria', 'risk_grade', 'risk_reasons', 'suggested_category', 'policy_key', 'persons'])
    .where('county_code', '=', countyCode)
    .where('year', '=', year)
    .execute();
  return new Map(rows.map((r) => [r.household_no, r]));
}

/** A household meeting every criterion, with `perCapita` yuan of net income per person in both years. */
export function goodColumns() {
  return {
    food_secure: true,
    clothing_secure: true,
    house_grade: 'A',
    water_lpd: 40,
    water_quality_ok: true,
    water_piped: true,
    water_outage_days: 0,
    water_scarce_area: false,
  };
}

export const insuredAdult = (name: string, birth: string) => ({
  name,
  birth,
  columns: { insured_basic: true, insured_serious: true, family_doctor: true, health: 'healthy', schooling: 'none' },
});

/** Income records giving `perCapita` for a household of `size` (all wages). */
export const incomeOf = (year: number, perCapita: number, size: number) => ({ year, wages: perCapita * size });
