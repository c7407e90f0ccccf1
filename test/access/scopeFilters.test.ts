/**
 * A list filtered on a place or household outside the user's scope answers 404 (audited) like
 * every other out-of-scope request, not an empty 200: the procedure cases and their export,
 * the case summary, the public notices, and the visits of a household.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { registryApp, signIn, type Client } from '../registry/session';

describe.each(testDatabases)('out-of-scope list filters on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let a: TestPlaces;
  let b: TestPlaces;
  let hA: CreatedHousehold;
  let hB: CreatedHousehold;
  let opA: Client;
  beforeAll(async () => {
    database = await open();
    app = await registryApp(database);
    a = await createPlaceTree(database, 1, 1);
    b = await createPlaceTree(database, 1, 1);
    hA = await createHousehold(database, a);
    hB = await createHousehold(database, b);
    opA = await signIn(app, database, 'county_operator', a.countyCode);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
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
