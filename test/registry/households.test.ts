import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { scopeOf } from '../../src/db/placeScope';
import { EVERY_HOUSEHOLD } from '../../src/db/householdReach';
import { listHouseholds, getHousehold } from '../../src/modules/registry/service';
import { testDatabases } from '../helpers/databases';
import { seedSmallRegistry } from './seed';
import { queryString, registryApp, signIn, type Client } from './session';

const MASKED_ID = /^\d{6}\*{8}[\dX]{4}$/;

describe.each(testDatabases)('household list and card on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await open();
    app = await registryApp(database);
  });
  /** The registry of a test, and a county operator of its county signed in as `as`. */
  let as: Client;
  async function seed() {
    const r = await seedSmallRegistry(database);
    as = await signIn(app, database, 'county_operator', r.places.countyCode);
    return r;
  }
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  async function list(query: Record<string, string | number>) {
    const res = await as.inject('GET', '/api/v1/households' + queryString(query));
    return { status: res.statusCode, body: res.json() };
  }
  const numbers = (body: { items: { householdNo: string }[] }) => body.items.map((i) => i.householdNo).sort();

  it('filters by place subtree at county, township and village', async () => {
    const r = await seed();
    const { places } = r;
    const county = await list({ place: places.countyCode });
    expect(county.status).toBe(200);
    expect(county.body.total).toBe(5);
    expect(numbers(county.body)).toEqual([r.a, r.b, r.c, r.d, r.e].map((h) => h.householdNo).sort());
    const township1 = await list({ place: places.townshipCodes[0] });
    expect(numbers(township1.body)).toEqual([r.a, r.b, r.e].map((h) => h.householdNo).sort());
    expect(township1.body.total).toBe(3);
    const village11 = await list({ place: places.villageCodes[0] });
    expect(numbers(village11.body)).toEqual([r.a, r.e].map((h) => h.householdNo).sort());
    const village22 = await list({ place: places.villageCodes[3] });
    expect(numbers(village22.body)).toEqual([r.d.householdNo]);
    const city = await list({ place: places.cityCode, pageSize: 200 });
    expect(city.body.items.every((i: { countyCode: string }) => i.countyCode.startsWith(places.cityCode))).toBe(true);
    expect(city.body.total).toBeGreaterThanOrEqual(5);
  });

  it('returns the contract fields, masked, with place path and latest per-capita income', async () => {
    const r = await seed();
    const { body } = await list({ place: r.places.villageCodes[0], sort: 'householdNo' });
    const item = body.items.find((i: { householdNo: string }) => i.householdNo === r.a.householdNo);
    expect(item).toEqual({
      householdNo: r.a.householdNo,
      countyCode: r.places.countyCode,
      villageCode: r.places.villageCodes[0],
      placePath: `测试县${r.places.countyCode} / 测试1镇 / 测试1镇1村村委会`,
      headName: '王大明',
      headIdNumber: r.a.members[0].idNumber.slice(0, 6) + '********' + r.a.members[0].idNumber.slice(-4),
      attribute: 'general',
      status: 'poor',
      monitorCategory: null,
      mainCause: 'illness',
      size: 3,
      identifiedYear: 2016,
      exitYear: null,
      perCapitaNet: 3800,
    });
    expect(item.headIdNumber).toMatch(MASKED_ID);
    const c = (await list({ place: r.places.villageCodes[2] })).body.items[0];
    expect(c.perCapitaNet).toBeNull();
  });

  it('filters by status, attribute, cause and year (codes or Chinese labels)', async () => {
    const r = await seed();
    const place = r.places.countyCode;
    expect(numbers((await list({ place, status: 'poor' })).body)).toEqual([r.a, r.c].map((h) => h.householdNo).sort());
    expect(numbers((await list({ place, status: '未脱贫' })).body)).toEqual([r.a, r.c].map((h) => h.householdNo).sort());
    expect(numbers((await list({ place, attribute: '低保贫困户' })).body)).toEqual([r.b.householdNo]);
    expect(numbers((await list({ place, attribute: 'tekun' })).body)).toEqual([r.c.householdNo]);
    expect(numbers((await list({ place, cause: 'illness' })).body)).toEqual([r.a, r.b].map((h) => h.householdNo).sort());
    expect(numbers((await list({ place, cause: '缺劳力' })).body)).toEqual([r.b.householdNo]);
    expect(numbers((await list({ place, year: 2016 })).body)).toEqual([r.a, r.b, r.c, r.e].map((h) => h.householdNo).sort());
    expect(numbers((await list({ place, year: 2019, status: 'exited' })).body)).toEqual([r.b.householdNo]);
    expect(numbers((await list({ place, year: 2016, status: 'exited' })).body)).toEqual([]);
    expect(numbers((await list({ place, year: 2020, status: 'monitored' })).body)).toEqual([r.d.householdNo]);
    expect((await list({ place, status: 'poor', attribute: 'general', cause: 'illness' })).body.total).toBe(1);
    expect((await list({ place, status: '' })).body.total).toBe(5);
  });

  it('searches by name prefix of the head or any member, and by full ID number (15 digits converted)', async () => {
    const r = await seed();
    const place = r.places.countyCode;
    expect(numbers((await list({ place, q: '王' })).body)).toEqual([r.a, r.c, r.e].map((h) => h.householdNo).sort());
    expect(numbers((await list({ place, q: '王大' })).body)).toEqual([r.a.householdNo]);
    expect(numbers((await list({ place, q: '李秀' })).body)).toEqual([r.a.householdNo]);
    expect(numbers((await list({ place, q: '大明' })).body)).toEqual([]);
    expect(numbers((await list({ place, q: '%' })).body)).toEqual([]);
    expect(numbers((await list({ place, q: '_' })).body)).toEqual([]);
    const spouse = r.a.members[1].idNumber;
    expect(numbers((await list({ q: spouse })).body)).toEqual([r.a.householdNo]);
    const fifteen = spouse.slice(0, 6) + spouse.slice(8, 17);
    expect(numbers((await list({ q: fifteen })).body)).toEqual([r.a.householdNo]);
    const wrongCheck = spouse.slice(0, 17) + (spouse[17] === '0' ? '1' : '0');
    const bad = await list({ q: wrongCheck });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain(wrongCheck);
    expect(bad.body.error.message).toContain('校验位');
  });

  it('pages and sorts on whitelisted columns', async () => {
    const r = await seed();
    const place = r.places.countyCode;
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const { body } = await list({ place, page, pageSize: 2 });
      expect(body).toMatchObject({ total: 5, page, pageSize: 2 });
      expect(body.items).toHaveLength(page === 3 ? 1 : 2);
      seen.push(...body.items.map((i: { householdNo: string }) => i.householdNo));
    }
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(5);
    expect((await list({ place, page: 4, pageSize: 2 })).body).toMatchObject({ total: 5, items: [] });

    const bySize = (await list({ place, sort: 'size', order: 'desc' })).body.items.map((i: { size: number }) => i.size);
    expect(bySize).toEqual([3, 2, 2, 1, 1]);
    const byIncome = (await list({ place, sort: 'perCapitaNet', order: 'desc' })).body.items.map((i: { perCapitaNet: number | null }) => i.perCapitaNet);
    expect(byIncome[byIncome.length - 1]).toBeNull();
    const known = byIncome.filter((v: number | null) => v !== null);
    expect(known).toEqual([...known].sort((x: number, y: number) => y - x));
    const names = (await list({ place, sort: 'headName' })).body.items.map((i: { headName: string }) => i.headName);
    expect(names).toHaveLength(5);
    expect(names).toEqual([...names].sort((x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)));
  });

  it('pages by keyset after a household number: the same pages as by offset, both orders; after only with 户编号 order', async () => {
    const r = await seed();
    const place = r.places.countyCode;
    for (const order of ['asc', 'desc'] as const) {
      const byOffset: string[][] = [];
      for (const page of [1, 2, 3]) byOffset.push((await list({ place, page, pageSize: 2, order })).body.items.map((i: { householdNo: string }) => i.householdNo));
      const first = (await list({ place, pageSize: 2, order })).body;
      expect(first.nextAfter).toBe(byOffset[0][1]);
      const second = (await list({ place, pageSize: 2, order, after: first.nextAfter })).body;
      expect(second).toMatchObject({ total: 5 });
      expect(second.items.map((i: { householdNo: string }) => i.householdNo)).toEqual(byOffset[1]);
      const third = (await list({ place, pageSize: 2, order, after: second.nextAfter })).body;
      expect(third.items.map((i: { householdNo: string }) => i.householdNo)).toEqual(byOffset[2]);
      expect(third.nextAfter).toBeNull();
    }
    const refused = await list({ place, sort: 'size', after: r.a.householdNo });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('after');
  });

  it('refuses bad list parameters with the field and value named', async () => {
    const r = await seed();
    const cases: [Record<string, string | number>, string[]][] = [
      [{ sort: 'head_id_number' }, ['sort', 'head_id_number']],
      [{ status: 'bogus' }, ['户状态', 'bogus', '未脱贫']],
      [{ place: 'abc' }, ['place', 'abc']],
      [{ page: 0 }, ['page', '0']],
      [{ pageSize: 1000 }, ['pageSize', '1000']],
      [{ year: 'last' }, ['year', 'last']],
      [{ order: 'sideways' }, ['order', 'sideways']],
    ];
    for (const [query, words] of cases) {
      const res = await list({ place: r.places.countyCode, ...query });
      expect(res.status, JSON.stringify(query)).toBe(400);
      for (const w of words) expect(res.body.error.message).toContain(w);
    }
    const unknownPlace = await list({ place: r.places.countyCode + '999999' });
    expect(unknownPlace.status).toBe(404);
    expect(unknownPlace.body.error.code).toBe('not_found');
  });

  it('shows one household with members, incomes by year and status history, masked', async () => {
    const r = await seed();
    const res = await as.inject('GET', `/api/v1/households/${r.a.householdNo}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.household).toMatchObject({
      householdNo: r.a.householdNo,
      countyCode: r.places.countyCode,
      townshipCode: r.places.townshipCodes[0],
      placePath: `测试县${r.places.countyCode} / 测试1镇 / 测试1镇1村村委会`,
      headName: '王大明',
      phone: '138****1234',
      attribute: 'general',
      status: 'poor',
      otherCauses: [],
      size: 3,
    });
    expect(body.household.headIdNumber).toMatch(MASKED_ID);
    expect(body.members.map((m: { name: string }) => m.name)).toEqual(['王大明', '李秀英', '王小红']);
    const spouse = body.members[1];
    expect(spouse.memberKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(body.members.map((m: { memberKey: string }) => m.memberKey)).size).toBe(3);
    expect(spouse).toMatchObject({ sex: 'F', birthDate: '1964-**-**', relation: 'spouse', health: 'chronic', phone: '139****5678', ethnicity: '01' });
    expect(spouse.age).toBeGreaterThanOrEqual(60);
    for (const m of body.members) expect(m.idNumber).toMatch(MASKED_ID);
    expect(body.incomes).toEqual([
      { year: 2018, wages: 6000, productionNet: 0, property: 0, transfer: 600, productionCost: 0, householdSize: 3, perCapitaNet: 2200 },
      { year: 2019, wages: 9000, productionNet: 1500, property: 0, transfer: 1200, productionCost: 300, householdSize: 3, perCapitaNet: 3800 },
    ]);
    expect(body.statusHistory).toEqual([{ year: 2016, status: 'poor', monitorCategory: null, reason: null }]);
    for (const m of r.a.members) expect(res.body).not.toContain(m.idNumber);
    expect(res.body).not.toContain('13912345678');
    expect(Object.keys(body.household)).not.toContain('created_at');
  });

  it('gives the card read in one statement as the card read list by list', async () => {
    const r = await seed();
    for (const h of [r.a, r.b, r.d]) {
      const res = await as.inject('GET', `/api/v1/households/${h.householdNo}`);
      expect(res.statusCode).toBe(200);
      const listByList = await getHousehold(database.db, EVERY_HOUSEHOLD, h.householdNo);
      expect(res.json()).toEqual(JSON.parse(JSON.stringify(listByList)));
      expect(listByList.members.length + listByList.statusHistory.length).toBeGreaterThan(0);
    }
  });

  it('answers 404 for an unknown household and for one outside the scope', async () => {
    const r = await seed();
    const res = await as.inject('GET', '/api/v1/households/NO-SUCH-HOUSEHOLD');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect(res.json().error.message).toContain('NO-SUCH-HOUSEHOLD');
    const township2 = { scope: scopeOf([r.places.townshipCodes[1]]), pairedCadreId: null };
    await expect(getHousehold(database.db, township2, r.a.householdNo)).rejects.toMatchObject({ status: 404 });
    const inScope = await getHousehold(database.db, township2, r.c.householdNo);
    expect(inScope.household.headName).toBe('王二');
    const page = await listHouseholds(database.db, township2, { place: r.places.countyCode }, { page: 1, pageSize: 20, sort: 'householdNo', order: 'asc' });
    expect(page.items.map((i) => i.householdNo).sort()).toEqual([r.c.householdNo, r.d.householdNo].sort());
    expect(page.total).toBe(2);
  });
});
