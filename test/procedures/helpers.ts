/**
 * Helpers of the procedure tests: an app on a manual clock (notice periods pass by moving it,
 * never by sleeping), users of the procedure roles signed in afresh after each move, households
 * that meet every exit criterion, and small request helpers.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../src/db/database';
import { manualClock, securityPolicy, type ManualClock } from '../../src/modules/auth/service';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { createHousehold, type CreatedHousehold, type HouseholdSpec, type TestPlaces } from '../helpers/factory';

/** 10:00 in China on 2024-03-01. */
export const START = '2024-03-01T02:00:00.000Z';

export interface ProcedureApp {
  app: FastifyInstance;
  clock: ManualClock;
}

export async function procedureApp(database: Database): Promise<ProcedureApp> {
  const clock = manualClock(START);
  const policy = securityPolicy('dengbao', { loginRateLimit: { max: 100_000, windowSeconds: 60 } });
  const { app } = await buildTestApp(database, { requireLogin: true, policy, clock });
  return { app, clock };
}

/** A describe block's database and procedure app, opened before its tests and closed after them. */
export function withProcedureApp(open: () => Promise<Database>): { database: Database; app: FastifyInstance; clock: ManualClock } {
  const suite = {} as { database: Database; app: FastifyInstance; clock: ManualClock };
  beforeAll(async () => {
    suite.database = await open();
    Object.assign(suite, await procedureApp(suite.database));
  });
  afterAll(async () => {
    await suite.app?.close();
    await suite.database?.close();
  });
  return suite;
}

/** Move the clock to 10:00 China time of `day` (sessions expire with it: sign in again after). */
export function setDay(clock: ManualClock, day: string): void {
  clock.set(`${day}T02:00:00.000Z`);
}

export interface Team {
  village: string;
  township: string;
  county: string;
  /** Sign in (again) as the user of a role; fresh session on the current clock. */
  as(role: 'village' | 'township' | 'county'): Promise<Client>;
}

/** A user whose password never expires within the tests' moving clock (dates of 2024). */
export function makeProcedureUser(database: Database, role: string, placeCode: string, departmentLine?: string) {
  return makeUser(database, role, placeCode, { changedAt: '2099-01-01T00:00:00.000Z', departmentLine });
}

/** A village operator of the first village, a township operator of its township, a county operator. */
export async function makeTeam(app: FastifyInstance, database: Database, places: TestPlaces, villageCode = places.villageCodes[0]): Promise<Team> {
  const village = (await makeProcedureUser(database, 'village_operator', villageCode)).username;
  const township = (await makeProcedureUser(database, 'township_operator', villageCode.slice(0, 9))).username;
  const county = (await makeProcedureUser(database, 'county_operator', places.countyCode)).username;
  const names = { village, township, county };
  return { ...names, as: (role) => loginAs(app, names[role]) };
}

export const ELIGIBLE_MEMBER = { insured_basic: true, insured_serious: true, family_doctor: true, health: 'healthy', schooling: 'none', labour: 'ordinary' };

/** A poor household meeting every exit criterion in 2023 and 2024 (per-capita net 9000 yuan). */
export async function eligibleHousehold(database: Database, places: TestPlaces, spec: HouseholdSpec = {}): Promise<CreatedHousehold> {
  return createHousehold(database, places, {
    members: [
      { relation: 'head', sex: 'M', columns: ELIGIBLE_MEMBER },
      { relation: 'spouse', sex: 'F', columns: ELIGIBLE_MEMBER },
    ],
    incomes: [
      { year: 2023, wages: 14000, productionNet: 4000 },
      { year: 2024, wages: 14000, productionNet: 4000 },
    ],
    ...spec,
    columns: {
      food_secure: true,
      clothing_secure: true,
      house_grade: 'A',
      water_lpd: 60,
      water_quality_ok: true,
      water_piped: true,
      water_trip_minutes: 0,
      water_outage_days: 0,
      water_scarce_area: false,
      ...spec.columns,
    },
  });
}

/** A tiny valid PDF (its first bytes are what the server checks). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

/** multipart/form-data with one file field. */
export function multipart(name: string, type: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----fupin' + Math.random().toString(16).slice(2);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Upload an evidence file for a place; returns its id. */
export async function upload(client: Client, place: string, kind: string, name = `${kind}.pdf`, type = 'application/pdf', content = PDF): Promise<number> {
  const { payload, headers } = multipart(name, type, content);
  const res = await client.inject('POST', `/api/v1/procedures/evidence?place=${place}&kind=${kind}`, payload, headers);
  if (res.statusCode !== 201) throw new Error(`upload ${name}: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

export async function act(client: Client, caseIds: number[], action: string, extra: Record<string, unknown> = {}) {
  return client.inject('POST', '/api/v1/procedures/cases/actions', { caseIds, action, ...extra });
}

export async function caseOf(client: Client, id: number) {
  const res = await client.inject('GET', `/api/v1/procedures/cases/${id}`);
  if (res.statusCode !== 200) throw new Error(`case ${id}: ${res.statusCode} ${res.body}`);
  return res.json();
}
