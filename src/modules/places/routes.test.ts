import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testDatabases } from '../../../test/helpers/databases';
import { createPlaceTree, idNumberFor, type TestPlaces } from '../../../test/helpers/factory';
import type { Database } from '../../db/database';
import { registryApp, signIn, type Client } from '../../../test/registry/session';
import { loadPlaces } from './load';

interface HouseholdSpec {
  village: string;
  status: string;
  members: number;
}

/** Households (and their members) straight into the registry tables, numbered within the county. */
async function addHouseholds(database: Database, places: TestPlaces, specs: HouseholdSpec[]): Promise<void> {
  const county = places.countyCode;
  let serial = 0;
  for (const [i, spec] of specs.entries()) {
    const householdNo = `${county}${String(i + 1).padStart(6, '0')}`;
    await database.db
      .insertInto('household')
      .values({
        county_code: county,
        household_no: householdNo,
        village_code: spec.village,
        township_code: spec.village.slice(0, 9),
        head_name: `户主${i + 1}`,
        attribute: 'general',
        status: spec.status,
        size: spec.members,
      })
      .execute();
    for (let m = 0; m < spec.members; m++) {
      serial++;
      await database.db
        .insertInto('person')
        .values({
          county_code: county,
          id_number: idNumberFor(county, '1980-05-01', serial),
          household_no: householdNo,
          name: `成员${serial}`,
          sex: 'M',
          birth_date: '1980-05-01',
          relation: m === 0 ? 'head' : 'other',
        })
        .execute();
    }
  }
}

describe.each(testDatabases)('places API on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let leader: Client;
  beforeAll(async () => {
    database = await open();
    app = await registryApp(database);
    leader = await signIn(app, database, 'leader', '0');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const get = async (url: string) => {
    const res = await leader.inject('GET', '/api/v1' + url);
    return { status: res.statusCode, body: res.json() };
  };

  it('refuses anonymous requests and limits the counts to the user\'s scope', async () => {
    const places = await registry();
    const anonymous = await app.inject({ method: 'GET', url: `/api/v1/places/${places.countyCode}/children` });
    expect(anonymous.statusCode).toBe(401);
    const villageOperator = await signIn(app, database, 'village_operator', places.villageCodes[0]);
    const res = await villageOperator.inject('GET', `/api/v1/places/${places.countyCode}/children`);
    expect(res.statusCode).toBe(200);
    const counts = res.json().children.map((c: { code: string; households: number }) => [c.code, c.households]);
    expect(counts).toEqual([[places.townshipCodes[0], 2], [places.townshipCodes[1], 0]]);
  });

  async function registry() {
    const places = await createPlaceTree(database, 2, 2);
    const [v11, v12, v21] = places.villageCodes;
    await addHouseholds(database, places, [
      { village: v11, status: 'poor', members: 3 },
      { village: v11, status: 'exited', members: 2 },
      { village: v12, status: 'returned', members: 1 },
      { village: v12, status: 'monitored', members: 0 },
      { village: v21, status: 'poor', members: 4 },
    ]);
    return places;
  }

  it('counts households and persons, all and poor, under each township and village', async () => {
    const places = await registry();
    const [t1, t2] = places.townshipCodes;
    const county = await get(`/places/${places.countyCode}/children`);
    expect(county.status).toBe(200);
    expect(county.body).toEqual({
      place: { code: places.countyCode, name: `测试县${places.countyCode}`, level: 3 },
      children: [
        { code: t1, name: '测试1镇', level: 4, households: 4, persons: 6, poorHouseholds: 2, poorPersons: 4 },
        { code: t2, name: '测试2镇', level: 4, households: 1, persons: 4, poorHouseholds: 1, poorPersons: 4 },
      ],
    });
    const township = await get(`/places/${t1}/children`);
    expect(township.body.children).toEqual([
      { code: places.villageCodes[0], name: '测试1镇1村村委会', level: 5, households: 2, persons: 5, poorHouseholds: 1, poorPersons: 3 },
      { code: places.villageCodes[1], name: '测试1镇2村村委会', level: 5, households: 2, persons: 1, poorHouseholds: 1, poorPersons: 1 },
    ]);
    const quiet = await get(`/places/${t2}/children`);
    expect(quiet.body.children[1]).toMatchObject({ code: places.villageCodes[3], households: 0, persons: 0, poorHouseholds: 0, poorPersons: 0 });
  });

  it('counts a county among the children of its city, and a province among the nation', async () => {
    const places = await registry();
    const city = await get(`/places/${places.cityCode}/children`);
    expect(city.body.children.find((c: { code: string }) => c.code === places.countyCode)).toEqual({
      code: places.countyCode,
      name: `测试县${places.countyCode}`,
      level: 3,
      households: 5,
      persons: 10,
      poorHouseholds: 3,
      poorPersons: 8,
    });
    const nation = await get('/places/0/children');
    expect(nation.body.place).toEqual({ code: '0', name: '全国', level: 0 });
    const province = nation.body.children.find((c: { code: string }) => c.code === '99');
    expect(province.households).toBeGreaterThanOrEqual(5);
    expect(province.poorPersons).toBeGreaterThanOrEqual(8);
    const codes = nation.body.children.map((c: { code: string }) => c.code);
    expect(codes).toEqual([...codes].sort());
  });

  it('gives a village no children', async () => {
    const places = await createPlaceTree(database, 1, 1);
    const village = await get(`/places/${places.villageCodes[0]}/children`);
    expect(village.body).toEqual({ place: { code: places.villageCodes[0], name: '测试1镇1村村委会', level: 5 }, children: [] });
  });

  it('returns a place with its path from the province down', async () => {
    const places = await createPlaceTree(database, 1, 1);
    const { status, body } = await get(`/places/${places.villageCodes[0]}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      code: places.villageCodes[0],
      name: '测试1镇1村村委会',
      level: 5,
      parentCode: places.townshipCodes[0],
      path: [
        { code: '99', name: '测试省', level: 1 },
        { code: places.cityCode, name: `测试市${places.cityCode}`, level: 2 },
        { code: places.countyCode, name: `测试县${places.countyCode}`, level: 3 },
        { code: places.townshipCodes[0], name: '测试1镇', level: 4 },
        { code: places.villageCodes[0], name: '测试1镇1村村委会', level: 5 },
      ],
    });
    expect((await get('/places/0')).body).toEqual({ code: '0', name: '全国', level: 0, parentCode: null, path: [] });
  });

  it.each([
    ['/places/123', 400, 'invalid_input'],
    ['/places/41a', 400, 'invalid_input'],
    ['/places/123/children', 400, 'invalid_input'],
    ['/places/979797979797', 404, 'not_found'],
    ['/places/979797/children', 404, 'not_found'],
    ['/places/search?q=', 400, 'invalid_input'],
    ['/places/search?q=镇&within=12345', 400, 'invalid_input'],
    ['/places/search?q=镇&within=979797', 404, 'not_found'],
  ])('GET %s → %i %s', async (url, status, code) => {
    const res = await get(url);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('searches by name and by code within a place', async () => {
    const places = await createPlaceTree(database, 2, 2);
    const byName = await get(`/places/search?q=${encodeURIComponent('测试2镇1村')}&within=${places.countyCode}`);
    expect(byName.status).toBe(200);
    expect(byName.body).toEqual([
      {
        code: places.villageCodes[2],
        name: '测试2镇1村村委会',
        level: 5,
        path: [
          { code: '99', name: '测试省', level: 1 },
          { code: places.cityCode, name: `测试市${places.cityCode}`, level: 2 },
          { code: places.countyCode, name: `测试县${places.countyCode}`, level: 3 },
          { code: places.townshipCodes[1], name: '测试2镇', level: 4 },
          { code: places.villageCodes[2], name: '测试2镇1村村委会', level: 5 },
        ],
      },
    ]);
    const within = await get(`/places/search?q=${encodeURIComponent('测试')}&within=${places.countyCode}`);
    expect(within.body.map((p: { code: string }) => p.code)).toEqual([...places.townshipCodes, ...places.villageCodes]);
    const byCode = await get(`/places/search?q=${places.townshipCodes[0]}`);
    expect(byCode.body.map((p: { code: string }) => p.code)).toEqual([places.townshipCodes[0], ...places.villageCodes.slice(0, 2)]);
    const exactFirst = await get(`/places/search?q=${encodeURIComponent('测试1镇')}&within=${places.countyCode}`);
    expect(exactFirst.body[0].code).toBe(places.townshipCodes[0]);
    const literal = await get(`/places/search?q=${encodeURIComponent('测试%')}&within=${places.countyCode}`);
    expect(literal.body).toEqual([]);
  });

  it('returns at most 20 places and finds real names', async () => {
    await loadPlaces(database, { prefixes: ['411426'] });
    const many = await get(`/places/search?q=${encodeURIComponent('村')}&within=411426`);
    expect(many.body).toHaveLength(20);
    const found = await get(`/places/search?q=${encodeURIComponent('桑堌')}`);
    expect(found.body[0]).toMatchObject({ code: '411426207', name: '桑堌乡', level: 4 });
    expect(found.body[0].path.map((p: { name: string }) => p.name)).toEqual(['河南省', '商丘市', '夏邑县', '桑堌乡']);
  });
});
