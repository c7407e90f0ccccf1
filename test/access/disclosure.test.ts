/**
 * Nothing is disclosed across scope. A list filtered on a place or household outside the
 * user's scope answers 404 (audited) like every other out-of-scope request, not an empty 200:
 * the procedure cases and their export, the case summary, the public notices, and the visits
 * of a household. And a refusal never discloses a person or household outside the user's scope: an ID number
 * registered in another county answers only that it is registered in a household outside his
 * area and to ask the county office; the full detail goes to the audit trail. Inside his scope
 * the helpful detail (which household, whose) stays. Member add, member correction, import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { scopeOf } from '../../src/db/placeScope';
import { importRegistry } from '../../src/modules/imports/service';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, idNumberFor, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { registryRows, tempDir, writeCsv } from '../imports/files';
import { registryApp, signIn, type Client } from '../registry/session';

const OUTSIDE = /已登记在您管辖范围以外的一户中.*请联系县级扶贫办/;

describe.each(testDatabases)('no disclosure across scope on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let a: TestPlaces;
  let b: TestPlaces;
  let hA: CreatedHousehold;
  let hA2: CreatedHousehold;
  let hB: CreatedHousehold;
  let opA: Client & { username: string };
  const dir = tempDir();
  beforeAll(async () => {
    database = await open();
    app = await registryApp(database);
    a = await createPlaceTree(database, 1, 1);
    b = await createPlaceTree(database, 1, 1);
    hA = await createHousehold(database, a);
    hA2 = await createHousehold(database, a);
    hB = await createHousehold(database, b);
    opA = await signIn(app, database, 'county_operator', a.countyCode);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const hiddenEvents = (username: string) =>
    database.db.selectFrom('audit_event').select(['action', 'outcome', 'after', 'place_code']).where('action', '=', 'registry.duplicate_refused').where('username', '=', username).orderBy('id').execute();

  /** No number, ID or name of `h` (names the user's own household shares, as test data does, aside). */
  const expectNothingOf = (text: string, h: CreatedHousehold) => {
    const own = new Set([hA.headName, ...hA.members.map((m) => m.name)]);
    expect(text).not.toContain(h.householdNo);
    if (!own.has(h.headName)) expect(text).not.toContain(h.headName);
    for (const m of h.members) {
      if (!own.has(m.name)) expect(text).not.toContain(m.name);
      expect(text).not.toContain(m.idNumber);
    }
  };

  it('adding or correcting a member: 409 saying only "outside your area, ask the county office"; the detail in the audit trail', async () => {
    const taken = hB.members[1];
    const add = await opA.inject('POST', `/api/v1/households/${hA.householdNo}/members`, { idNumber: taken.idNumber, name: '赵四', relation: 'other' });
    expect(add.statusCode).toBe(409);
    expect(add.json().error.message, add.body).toMatch(OUTSIDE);
    expectNothingOf(add.body, hB);
    expect(add.json().error.details).toEqual({ field: 'idNumber', targetHouseholdNo: hA.householdNo });

    const card = (await opA.inject('GET', `/api/v1/households/${hA.householdNo}`)).json();
    const key = card.members.find((m: { relation: string }) => m.relation !== 'head').memberKey ?? card.members[1].key;
    const patch = await opA.inject('PATCH', `/api/v1/households/${hA.householdNo}/members/${key}`, { idNumber: taken.idNumber });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().error.message).toMatch(OUTSIDE);
    expectNothingOf(patch.body, hB);

    const events = await hiddenEvents(opA.username);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ outcome: 'refused', place_code: hA.villageCode });
    expect(events[0].after).toMatchObject({ existingHouseholdNo: hB.householdNo, existingHeadName: hB.headName, existingMemberName: taken.name, existingCountyCode: b.countyCode, targetHouseholdNo: hA.householdNo });
  });

  it('inside his scope keeps the helpful detail: which household, whose', async () => {
    const taken = hA2.members[1];
    const add = await opA.inject('POST', `/api/v1/households/${hA.householdNo}/members`, { idNumber: taken.idNumber, name: '赵五', relation: 'other' });
    expect(add.statusCode).toBe(409);
    expect(add.json().error.message).toContain(hA2.householdNo);
    expect(add.json().error.message).toContain(hA2.headName);
    expect(add.json().error.details).toMatchObject({ existingHouseholdNo: hA2.householdNo });
  });

  it('importing: the job result names no household of another county, the audit trail does', async () => {
    const rows = registryRows(a, 2, 2, 50);
    rows[1]['证件号码'] = hB.members[1].idNumber;
    rows[3]['证件号码'] = hA2.members[1].idNumber;
    const path = writeCsv(dir, `dup-${a.countyCode}.csv`, rows);
    const actor = { userId: 1, username: 'importer.' + a.countyCode, role: 'county_operator', address: '127.0.0.1' };
    const report = await importRegistry(database, { path, fileName: 'dup.csv' }, { scope: scopeOf([a.countyCode]), actor });
    expect(report.ok).toBe(false);
    const [outside, inside] = report.errors;
    expect(outside).toMatchObject({ row: 3, column: '证件号码', value: hB.members[1].idNumber, message: expect.stringMatching(OUTSIDE) });
    expectNothingOf(outside.message, hB);
    expect(inside.message).toContain(`已登记在户 ${hA2.householdNo}`);
    const events = await hiddenEvents(actor.username);
    expect(events).toHaveLength(1);
    expect(events[0].after).toMatchObject({ row: 3, existingHouseholdNo: hB.householdNo, existingCountyCode: b.countyCode, existingHeadName: hB.headName, existingMemberName: hB.members[1].name });
    // Nothing was written.
    expect(await database.db.selectFrom('household').select('household_no').where('household_no', '=', a.countyCode + '000050').execute()).toEqual([]);
    // A national (console) import still names the household.
    const national = await importRegistry(database, { path, fileName: 'dup.csv' });
    expect(national.errors[0].message).toContain(`已登记在户 ${hB.householdNo}`);
  });

  const refused = async () =>
    Number((await database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).where('action', '=', 'access.refused').executeTakeFirstOrThrow()).n);

  it('answers 404 and audits the refusal for a filter of another county, and 200 for his own', async () => {
    const lists: [string, (place: string, household: string) => string][] = [
      ['cases', (p) => `/api/v1/procedures/cases?place=${p}`],
      ['cases export', (p) => `/api/v1/procedures/cases/export.xlsx?place=${p}`],
      ['summary', (p) => `/api/v1/procedures/summary?place=${p}`],
      ['notices', (p) => `/api/v1/procedures/notices?place=${p}`],
      ['visits of a household', (_p, h) => `/api/v1/assistance/visits?householdNo=${h}`],
    ];
    for (const [name, url] of lists) {
      const before = await refused();
      const other = await opA.inject('GET', url(b.villageCodes[0], hB.householdNo));
      expect(other.statusCode, `${name}: ${other.body}`).toBe(404);
      expect(other.json().error.code, name).toBe('not_found');
      expect(other.body, name).not.toContain(hB.headName);
      expect(await refused(), `${name}: audited`).toBe(before + 1);
      const own = await opA.inject('GET', url(a.villageCodes[0], hA.householdNo));
      expect(own.statusCode, `${name}: ${own.body}`).toBe(200);
    }
    // A household number that exists nowhere answers the same 404.
    expect((await opA.inject('GET', `/api/v1/assistance/visits?householdNo=${a.countyCode}999999`)).statusCode).toBe(404);
    // A county filter of the other county on the cases list, as the issue found it.
    expect((await opA.inject('GET', `/api/v1/procedures/cases?place=${b.countyCode}`)).statusCode).toBe(404);
  });
});
