/**
 * Assistance through the API: quota refusal, unpaired lists, overdue visits at period
 * boundaries, plan coverage counts, the left-behind register, and the field app's sync (two
 * offline edits, a conflict, a replayed upload that must not duplicate a visit).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type TestPlaces } from '../helpers/factory';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe.each(testDatabases)('assistance on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let places: TestPlaces;
  let county: Client;

  const cadre = async (body: Record<string, unknown>) => {
    const r = await county.inject('POST', '/api/v1/assistance/cadres', { unit: '测试县扶贫办', placeCode: places.countyCode, ...body });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as number;
  };
  const pair = (cadreId: number, householdNos: string[], startedOn = '2024-01-01') => county.inject('POST', '/api/v1/assistance/pairings', { cadreId, householdNos, startedOn });
  const visit = (client: Client, householdNo: string, visitedOn: string, extra: Record<string, unknown> = {}) =>
    client.inject('POST', '/api/v1/assistance/visits', { id: randomUUID(), householdNo, visitedOn, findings: '家中情况稳定', ...extra });

  beforeAll(async () => {
    database = await open();
    ({ app } = await buildTestApp(database));
    places = await createPlaceTree(database, 1, 2);
    const op = await makeUser(database, 'county_operator', places.countyCode);
    county = await loginAs(app, op.username);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('refuses a pairing beyond the rank quota of the 15+10+15 model, in Chinese, writing nothing', async () => {
    const households = [];
    for (let i = 0; i < 11; i++) households.push(await createHousehold(database, places, { villageCode: places.villageCodes[1] }));
    const id = await cadre({ name: '王乡干', rank: 'township_cadre' });
    expect((await pair(id, households.slice(0, 10).map((h) => h.householdNo))).statusCode).toBe(201);
    const refused = await pair(id, [households[10].householdNo]);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('干部王乡干（乡镇一般干部）已结对 10 户，按「乡镇“15+10+15”」（seed 004）最多结对 10 户，不能再增加 1 户');
    const unknownRank = await pair(await cadre({ name: '李某', rank: 'county_leader' }), [households[10].householdNo]);
    expect(unknownRank.statusCode).toBe(409);
    expect(unknownRank.json().error.message).toContain('不在本地结对模式「乡镇“15+10+15”」中');
    const rows = await database.db.selectFrom('pairing').select('household_no').where('household_no', '=', households[10].householdNo).execute();
    expect(rows).toHaveLength(0);
  });

  it('lists poor and monitored households without a cadre per place, and drops them once paired', async () => {
    const village = places.villageCodes[0];
    const poor = await createHousehold(database, places, { villageCode: village });
    const monitored = await createHousehold(database, places, { villageCode: village, status: 'monitored', monitorCategory: 'marginal' });
    const exited = await createHousehold(database, places, { villageCode: village, status: 'exited', exitYear: 2019 });
    const list = async () => (await county.inject('GET', `/api/v1/assistance/unpaired?place=${village}`)).json();
    const before = await list();
    const nos = before.items.map((h: { householdNo: string }) => h.householdNo);
    expect(nos).toEqual(expect.arrayContaining([poor.householdNo, monitored.householdNo]));
    expect(nos).not.toContain(exited.householdNo);
    expect(before.total).toBe(nos.length);
    expect((await pair(await cadre({ name: '赵村干', rank: 'village_cadre' }), [poor.householdNo])).statusCode).toBe(201);
    const after = await list();
    expect(after.total).toBe(before.total - 1);
    expect(after.items.map((h: { householdNo: string }) => h.householdNo)).not.toContain(poor.householdNo);
    const other = await createPlaceTree(database, 1, 1);
    expect((await county.inject('GET', `/api/v1/assistance/unpaired?place=${other.countyCode}`)).statusCode).toBe(404);
  });

  it('flags overdue visits from the policy frequencies at period boundaries (monthly; twice a quarter for township leaders)', async () => {
    const village = places.villageCodes[0];
    const h = await createHousehold(database, places, { villageCode: village });
    const monthlyUser = await makeUser(database, 'pairing_cadre', village);
    const leaderUser = await makeUser(database, 'pairing_cadre', village);
    const monthly = await cadre({ name: '月走访', rank: 'village_cadre', userId: monthlyUser.id });
    const leader = await cadre({ name: '季走访', rank: 'township_leader', visitRole: 'township_leadership_member', userId: leaderUser.id });
    expect((await pair(monthly, [h.householdNo])).statusCode).toBe(201);
    expect((await pair(leader, [h.householdNo])).statusCode).toBe(201);
    const m = await loginAs(app, monthlyUser.username);
    const l = await loginAs(app, leaderUser.username);
    expect((await visit(m, h.householdNo, '2024-02-29')).statusCode).toBe(201);
    expect((await visit(l, h.householdNo, '2024-02-10')).statusCode).toBe(201);
    const standing = async (asOf: string, cadreId: number) => {
      const r = await county.inject('GET', `/api/v1/assistance/overdue?place=${village}&asOf=${asOf}&cadreId=${cadreId}&all=true`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json().lines.find((x: { householdNo: string }) => x.householdNo === h.householdNo).standing;
    };
    expect((await standing('2024-03-31', monthly)).overdue).toBe(false);
    const april = await standing('2024-04-01', monthly);
    expect(april.overdue).toBe(true);
    expect(april.previous).toMatchObject({ start: '2024-03-01', end: '2024-03-31', visits: 0 });
    expect((await standing('2024-03-31', leader)).overdue).toBe(false);
    expect((await standing('2024-04-01', leader)).overdue).toBe(true);
    expect((await visit(l, h.householdNo, '2024-03-31')).statusCode).toBe(201);
    const q2 = await standing('2024-04-01', leader);
    expect(q2.overdue).toBe(false);
    expect(q2.previous).toMatchObject({ start: '2024-01-01', end: '2024-03-31', visits: 2 });
    const onlyOverdue = (await county.inject('GET', `/api/v1/assistance/overdue?place=${village}&asOf=2024-04-01`)).json();
    const mine = onlyOverdue.lines.filter((x: { householdNo: string }) => x.householdNo === h.householdNo);
    expect(mine.map((x: { cadreName: string }) => x.cadreName)).toEqual(['月走访']);
  });

  it('counts plan coverage per measure type: households once, persons covered', async () => {
    const village = places.villageCodes[0];
    const t = await createPlaceTree(database, 1, 1);
    const op = await loginAs(app, (await makeUser(database, 'county_operator', t.countyCode)).username);
    const a = await createHousehold(database, t, { members: [{ relation: 'head' }, { relation: 'spouse' }, { relation: 'son' }] });
    const b = await createHousehold(database, t);
    const add = (householdNo: string, type: string, role: string, extra: Record<string, unknown> = {}) =>
      op.inject('POST', '/api/v1/assistance/measures', { householdNo, year: 2016, type, role, ...extra });
    expect((await add(a.householdNo, 'industry', 'main', { details: { industry: '牦牛养殖' } })).statusCode).toBe(201);
    expect((await add(b.householdNo, 'industry', 'main')).statusCode).toBe(201);
    expect((await add(a.householdNo, 'health', 'auxiliary', { persons: 1 })).statusCode).toBe(201);
    const second = await add(a.householdNo, 'relocation', 'main');
    expect(second.statusCode).toBe(409);
    expect((await add(b.householdNo, 'welfare_job', 'auxiliary', { details: {} })).json().error.message).toContain('岗位名称');
    const r = await op.inject('GET', `/api/v1/assistance/coverage?place=${t.countyCode}&year=2016`);
    const rows = Object.fromEntries(r.json().rows.map((x: { type: string; households: number; persons: number }) => [x.type, [x.households, x.persons]]));
    expect(rows.industry).toEqual([2, 5]);
    expect(rows.health).toEqual([1, 1]);
    expect(rows.relocation).toEqual([0, 0]);
    const xlsx = await op.inject('GET', `/api/v1/assistance/coverage/export.xlsx?place=${t.countyCode}&year=2016`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await county.inject('GET', `/api/v1/assistance/coverage?place=${village}`)).json().rows.find((x: { type: string }) => x.type === 'industry').households).toBe(0);
  });

  it('derives the left-behind register from member data, with masked ID numbers', async () => {
    const t = await createPlaceTree(database, 1, 1);
    const op = await loginAs(app, (await makeUser(database, 'county_operator', t.countyCode)).username);
    const h = await createHousehold(database, t, {
      members: [
        { relation: 'head', sex: 'M', birth: '1985-01-01', columns: { work_status: 'out_of_province' } },
        { relation: 'spouse', sex: 'F', birth: '1986-01-01', columns: { work_status: 'out_of_province' } },
        { relation: 'son', sex: 'M', birth: '2015-06-01' },
        { relation: 'mother', sex: 'F', birth: '1950-02-02', columns: { disability_grade: 2 } },
      ],
    });
    const r = await op.inject('GET', `/api/v1/assistance/left-behind?place=${t.countyCode}&asOf=2024-03-01`);
    expect(r.statusCode, r.body).toBe(200);
    const got = r.json().items.map((x: { category: string; age: number; householdNo: string }) => [x.category, x.age]);
    expect(got.sort()).toEqual([['child', 8], ['disabled', 74], ['elderly', 74]]);
    expect(r.json().items[0].idNumber).toMatch(/^\d{6}\*+[0-9X]{4}$/);
    expect(r.json().items[0].householdNo).toBe(h.householdNo);
  });

  it('syncs offline changes: two edits apply, a conflict comes back, a replayed upload does not duplicate the visit', async () => {
    const village = places.villageCodes[0];
    const h = await createHousehold(database, places, { villageCode: village, columns: { food_secure: null, house_grade: 'C' } });
    const other = await createHousehold(database, places, { villageCode: village });
    const user = await makeUser(database, 'pairing_cadre', village);
    const id = await cadre({ name: '离线干部', rank: 'village_cadre', userId: user.id });
    expect((await pair(id, [h.householdNo])).statusCode).toBe(201);
    const c = await loginAs(app, user.username);

    const field = (await c.inject('GET', '/api/v1/assistance/field/households')).json();
    expect(field.items.map((x: { householdNo: string }) => x.householdNo)).toEqual([h.householdNo]);
    expect(field.items[0]).not.toHaveProperty('phone');

    // meanwhile the village operator regrades the house
    const village0 = await loginAs(app, (await makeUser(database, 'village_operator', village)).username);
    expect((await village0.inject('PATCH', `/api/v1/households/${h.householdNo}`, { houseGrade: 'B' })).statusCode).toBe(200);

    const visitId = randomUUID();
    const batch = {
      changes: [
        { kind: 'visit', changeId: randomUUID(), visit: { id: visitId, householdNo: h.householdNo, visitedOn: '2024-03-01', findings: '离线记录', photos: [{ contentType: 'image/png', data: PNG.toString('base64') }] } },
        { kind: 'fact', changeId: randomUUID(), householdNo: h.householdNo, field: 'foodSecure', base: null, value: true },
        { kind: 'fact', changeId: randomUUID(), householdNo: h.householdNo, field: 'houseGrade', base: 'C', value: 'A' },
        { kind: 'fact', changeId: randomUUID(), householdNo: other.householdNo, field: 'foodSecure', base: null, value: true },
      ],
    };
    const first = await c.inject('POST', '/api/v1/assistance/sync', batch);
    expect(first.statusCode, first.body).toBe(200);
    const [v, food, grade, outside] = first.json().results;
    expect(v).toMatchObject({ status: 'applied', visitId, replayed: false });
    expect(food).toMatchObject({ status: 'applied' });
    expect(grade).toMatchObject({ status: 'conflict', field: 'houseGrade', base: 'C', server: 'B', mine: 'A' });
    expect(outside.status).toBe('error');

    const replay = await c.inject('POST', '/api/v1/assistance/sync', batch);
    expect(replay.json().results.slice(0, 2).map((r: { status: string; replayed: boolean }) => [r.status, r.replayed])).toEqual([['applied', true], ['applied', true]]);
    const visits = await database.db.selectFrom('visit').select('id').where('household_no', '=', h.householdNo).execute();
    expect(visits).toHaveLength(1);
    const photos = await database.db.selectFrom('visit_photo').select(['sha256', 'size_bytes']).where('visit_id', '=', visitId).execute();
    expect(photos).toEqual([{ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size_bytes: PNG.length }]);

    const resolved = await c.inject('POST', '/api/v1/assistance/sync', { changes: [{ ...batch.changes[2], changeId: randomUUID(), force: true }] });
    expect(resolved.json().results[0].status).toBe('applied');
    const row = await database.db.selectFrom('household').select(['food_secure', 'house_grade']).where('household_no', '=', h.householdNo).executeTakeFirstOrThrow();
    expect(row).toEqual({ food_secure: true, house_grade: 'A' });
  });

  it('checks photos by their bytes and keeps a pairing cadre to his own households', async () => {
    const village = places.villageCodes[0];
    const h = await createHousehold(database, places, { villageCode: village });
    const stranger = await createHousehold(database, places, { villageCode: village });
    const user = await makeUser(database, 'pairing_cadre', village);
    expect((await pair(await cadre({ name: '照片干部', rank: 'village_cadre', userId: user.id }), [h.householdNo])).statusCode).toBe(201);
    const c = await loginAs(app, user.username);
    const fake = await visit(c, h.householdNo, '2024-03-01', { photos: [{ contentType: 'image/jpeg', data: PNG.toString('base64') }] });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.message).toContain('不是声明的格式 image/jpeg');
    expect((await visit(c, stranger.householdNo, '2024-03-01')).statusCode).toBe(404);
    expect((await c.inject('POST', '/api/v1/assistance/pairings', { cadreId: 1, householdNos: [h.householdNo], startedOn: '2024-01-01' })).statusCode).toBe(403);
    const anon = await app.inject({ method: 'GET', url: '/api/v1/assistance/coverage' });
    expect(anon.statusCode).toBe(401);
  });
});
