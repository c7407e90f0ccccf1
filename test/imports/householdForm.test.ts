/**
 * 新增农户 from a form (POST /imports/household): checked by the import's own rules, written with
 * its status of the chosen year, refused with the member and field named, nothing half written.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree, idNumberFor, type TestPlaces } from '../helpers/factory';

describe.each(testDatabases)('新增农户 on $name', (t) => {
  let database: Database;
  let app: FastifyInstance;
  let places: TestPlaces;
  let other: TestPlaces;
  let county: Client;
  let serial = 0;
  const tag = `${t.name === 'pglite' ? 'L' : 'P'}${String(Date.now()).slice(-6)}`;

  const form = (no: string, village: string, members: Record<string, string>[], extra: object = {}) => ({
    year: 2019,
    household: { household_no: no, village_code: village, attribute: '一般贫困户', status: '未脱贫', main_cause: '因病' },
    members,
    ...extra,
  });
  const person = (name: string, relation: string, id = idNumberFor(places.countyCode, '19800501', 800 + ++serial)) => ({ name, id_number: id, relation });
  const householdRows = (no: string) => database.db.selectFrom('household').select(['household_no', 'status']).where('household_no', '=', no).execute();

  beforeAll(async () => {
    database = await t.open();
    places = await createPlaceTree(database, 1, 1);
    other = await createPlaceTree(database, 1, 1);
    ({ app } = await buildTestApp(database, { requireLogin: true }));
    county = await loginAs(app, (await makeUser(database, 'county_operator', places.countyCode)).username);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('checks without writing, then adds the household with its members and the chosen year\'s status', async () => {
    const no = `${tag}F1`;
    const body = form(no, places.villageCodes[0], [person('表单户主', '户主'), person('表单配偶', '配偶')]);
    const dry = await county.inject('POST', '/api/v1/imports/household', { ...body, dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().report.households).toEqual({ added: 1, updated: 0, unchanged: 0 });
    expect(await householdRows(no)).toEqual([]);

    const added = await county.inject('POST', '/api/v1/imports/household', body);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().report.persons.added).toBe(2);
    expect(await householdRows(no)).toEqual([{ household_no: no, status: 'poor' }]);
    const history = await database.db.selectFrom('household_status_history').select(['year', 'status']).where('household_no', '=', no).execute();
    expect(history).toEqual([{ year: 2019, status: 'poor' }]);
  });

  it('refuses a number already used in the county', async () => {
    const no = `${tag}F2`;
    expect((await county.inject('POST', '/api/v1/imports/household', form(no, places.villageCodes[0], [person('甲', '户主')]))).statusCode).toBe(201);
    const again = await county.inject('POST', '/api/v1/imports/household', form(no, places.villageCodes[0], [person('乙', '户主')]));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(`户编号“${no}”在本县已有农户：已有的户请在其一户一档中修改或新增成员`);
  });

  it('names the member, field and value of a bad entry, and writes nothing', async () => {
    const no = `${tag}F3`;
    const bad = await county.inject('POST', '/api/v1/imports/household', form(no, places.villageCodes[0], [person('丙', '户主'), person('丁', '子女', '41142619800501001X')]));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^第 2 位成员的【证件号码】“41142619800501001X”：.*校验位错误.*；没有写入任何数据$/);
    expect(bad.json().error.details[0]).toMatchObject({ member: 2, field: '证件号码', value: '41142619800501001X' });
    expect(await householdRows(no)).toEqual([]);

    const noAttribute = await county.inject('POST', '/api/v1/imports/household', { ...form(`${tag}F4`, places.villageCodes[0], [person('戊', '户主')]), household: { household_no: `${tag}F4`, village_code: places.villageCodes[0], status: '未脱贫' } });
    expect(noAttribute.statusCode).toBe(400);
    expect(noAttribute.json().error.message).toContain('户属性');
    const unknownField = await county.inject('POST', '/api/v1/imports/household', { ...form(`${tag}F5`, places.villageCodes[0], [person('己', '户主')]), household: { household_no: `${tag}F5`, salary: '1' } });
    expect(unknownField.statusCode).toBe(400);
  });

  it('refuses a village outside the user\'s area without saying what is there', async () => {
    const no = `${tag}F6`;
    const outside = await county.inject('POST', '/api/v1/imports/household', form(no, other.villageCodes[0], [person('庚', '户主')]));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toContain('【村代码】');
    expect(await householdRows(no)).toEqual([]);
  });
});
