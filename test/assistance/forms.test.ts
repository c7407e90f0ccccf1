/**
 * The routes behind the assistance forms, over HTTP as the web app calls them: a measure with its
 * type-specific fields (a negative amount refused with the field named, never stored as 0), its
 * change (audited, a second main measure refused at the role), a cadre's change, the pairing
 * sheet's dry run (problems by row, column and value, nothing written) and template, and a
 * left-behind contact named from the register's masked ID number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import { createCadre } from '../../src/modules/assistance/service';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type TestPlaces } from '../helpers/factory';
import { multipart } from '../procedures/helpers';

describe.each(testDatabases)('assistance forms on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let places: TestPlaces;
  let operator: Client;
  let outsider: Client;

  beforeAll(async () => {
    database = await open();
    places = await createPlaceTree(database, 1, 2);
    const other = await createPlaceTree(database, 1, 1);
    ({ app } = await buildTestApp(database, { requireLogin: true }));
    operator = await loginAs(app, (await makeUser(database, 'county_operator', places.countyCode)).username);
    outsider = await loginAs(app, (await makeUser(database, 'county_operator', other.countyCode)).username);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const measures = (householdNo: string) => database.db.selectFrom('household_measure').selectAll().where('household_no', '=', householdNo).orderBy('id').execute();

  it('serves each measure type with its fields named in Chinese', async () => {
    const res = await operator.inject('GET', '/api/v1/assistance/measure-fields');
    expect(res.statusCode).toBe(200);
    const welfare = res.json().items.find((t: { code: string }) => t.code === 'welfare_job');
    expect(welfare.fields).toEqual([
      { key: 'post', label: '岗位名称', kind: 'text', required: true },
      { key: 'monthlyPay', label: '月工资', kind: 'yuan' },
    ]);
  });

  it('refuses a negative amount or type-specific money with the field and the value, and stores nothing', async () => {
    const h = await createHousehold(database, places);
    const base = { householdNo: h.householdNo, year: 2024, type: 'welfare_job', role: 'main', details: { post: '保洁员', monthlyPay: 800 } };
    const negative = await operator.inject('POST', '/api/v1/assistance/measures', { ...base, amount: -500 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.message).toContain('金额不能为负数');
    const pay = await operator.inject('POST', '/api/v1/assistance/measures', { ...base, details: { post: '保洁员', monthlyPay: -1 } });
    expect(pay.statusCode).toBe(400);
    expect(pay.json().error.message).toContain('月工资不能为负数，填写的是「-1」');
    expect(pay.json().error.details).toEqual([expect.objectContaining({ field: 'details.monthlyPay', value: -1 })]);
    const missing = await operator.inject('POST', '/api/v1/assistance/measures', { ...base, details: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].field).toBe('details.post');
    expect(await measures(h.householdNo)).toEqual([]);
  });

  it('adds and changes a measure; a second main measure of the year is refused at the role; the change is audited', async () => {
    const h = await createHousehold(database, places);
    const add = (body: object) => operator.inject('POST', '/api/v1/assistance/measures', { householdNo: h.householdNo, year: 2024, ...body });
    const main = await add({ type: 'welfare_job', role: 'main', amount: 9600, details: { post: '护路员', monthlyPay: 800 } });
    expect(main.statusCode).toBe(201);
    const aux = await add({ type: 'education', role: 'auxiliary', details: { students: 1 } });
    expect(aux.statusCode).toBe(201);
    const id = aux.json().id;
    const url = `/api/v1/assistance/measures/${places.countyCode}/${id}`;
    const second = await operator.inject('PUT', url, { householdNo: h.householdNo, year: 2024, type: 'education', role: 'main', details: { students: 1 } });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.details[0].field).toBe('role');
    const changed = await operator.inject('PUT', url, { householdNo: h.householdNo, year: 2024, type: 'education', role: 'auxiliary', amount: 1500, details: { students: 2, stage: '初中' } });
    expect(changed.statusCode).toBe(200);
    const [, edu] = await measures(h.householdNo);
    expect([Number(edu.amount), edu.details]).toEqual([1500, { students: 2, stage: '初中' }]);
    const audit = await database.db.selectFrom('audit_event').select(['action', 'object_id']).where('action', '=', 'measure.update').where('object_id', '=', h.householdNo).execute();
    expect(audit).toHaveLength(1);
    expect((await outsider.inject('PUT', url, { householdNo: h.householdNo, year: 2024, type: 'education', role: 'auxiliary', details: {} })).statusCode).toBe(404);
  });

  it('changes a cadre and lists the ranks of the local pairing model', async () => {
    const id = await createCadre(database.db, { name: '改名前', unit: '县农业农村局', rank: 'township_cadre', visitRole: 'pairing_cadre', placeCode: places.countyCode, phone: null, userId: null }, CONSOLE_ACTOR);
    const ranks = await operator.inject('GET', `/api/v1/assistance/cadre-ranks?place=${places.countyCode}&year=2024`);
    expect(ranks.statusCode).toBe(200);
    expect(ranks.json().items.map((r: { rank: string }) => r.rank)).toContain('township_cadre');
    const res = await operator.inject('PUT', `/api/v1/assistance/cadres/${id}`, { name: '改名后', unit: '县农业农村局', rank: 'section_chief', placeCode: places.countyCode, phone: '0370-1234567' });
    expect(res.statusCode).toBe(200);
    const row = await database.db.selectFrom('cadre').select(['name', 'rank', 'phone']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '改名后', rank: 'section_chief', phone: '0370-1234567' });
    const bad = await operator.inject('PUT', `/api/v1/assistance/cadres/${id}`, { name: '', unit: '县农业农村局', rank: 'section_chief', placeCode: places.countyCode });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('干部姓名');
    const exported = await operator.inject('GET', `/api/v1/assistance/cadres/export.xlsx?place=${places.countyCode}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    expect((await outsider.inject('PUT', `/api/v1/assistance/cadres/${id}`, { name: 'x', unit: 'y', rank: 'section_chief', placeCode: places.countyCode })).statusCode).toBe(404);
  });

  it('checks a pairing sheet without writing: problems by row, column and value; a good sheet passes and the import then pairs', async () => {
    const [a, b] = [await createHousehold(database, places), await createHousehold(database, places)];
    const cadreId = await createCadre(database.db, { name: '试导干部', unit: '乡政府', rank: 'township_cadre', visitRole: 'pairing_cadre', placeCode: places.countyCode, phone: null, userId: null }, CONSOLE_ACTOR);
    const upload = (url: string, rows: (string | number)[][]) => {
      const { payload, headers } = multipart('结对表.csv', 'text/csv', Buffer.from(['户编号,干部编号,结对日期', ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n'));
      return operator.inject('POST', url, payload, headers);
    };
    const bad = await upload('/api/v1/assistance/pairings/import/check', [[a.householdNo, cadreId, '2024-05-01'], ['NOSUCH', cadreId, '2024-05-01']]);
    expect(bad.statusCode).toBe(200);
    expect(bad.json().problems).toEqual([{ row: 3, column: '户编号', value: 'NOSUCH', message: '户 NOSUCH 不存在或不在您的权限范围内' }]);
    const good = await upload('/api/v1/assistance/pairings/import/check', [[a.householdNo, cadreId, '2024-05-01'], [b.householdNo, cadreId, '2024-05-01']]);
    expect(good.json()).toEqual({ rows: 2, paired: 2, cadres: 1, problems: [] });
    expect(await database.db.selectFrom('pairing').select('id').where('cadre_id', '=', cadreId).execute()).toEqual([]);
    const done = await upload('/api/v1/assistance/pairings/import', [[a.householdNo, cadreId, '2024-05-01'], [b.householdNo, cadreId, '2024-05-01']]);
    expect(done.statusCode).toBe(201);
    expect(await database.db.selectFrom('pairing').select('id').where('cadre_id', '=', cadreId).execute()).toHaveLength(2);
    const template = await operator.inject('GET', `/api/v1/assistance/pairings/template.xlsx?place=${places.countyCode}`);
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
  });

  it('names a left-behind person\'s contact from the masked ID number of the register', async () => {
    const h = await createHousehold(database, places, {
      members: [
        { name: '外出父亲', relation: 'head', sex: 'M', birth: '1985-01-01' },
        { name: '留守儿童', relation: 'son', sex: 'M', birth: '2015-06-01' },
      ],
    });
    await database.db.updateTable('person').set({ work_status: 'out_of_province' }).where('household_no', '=', h.householdNo).where('relation', '=', 'head').execute();
    const register = await operator.inject('GET', `/api/v1/assistance/left-behind?place=${places.countyCode}&category=child&asOf=2024-06-01`);
    const child = register.json().items.find((r: { householdNo: string }) => r.householdNo === h.householdNo);
    expect(child.idNumber).toMatch(/\*/);
    const body = { householdNo: h.householdNo, idNumber: child.idNumber, category: 'child', contactName: '村妇联主任', contactPhone: '13800000000', rhythm: '月探访、周通话' };
    const bad = await operator.inject('PUT', '/api/v1/assistance/left-behind/contact', { ...body, contactName: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('联系人不能为空');
    const res = await operator.inject('PUT', '/api/v1/assistance/left-behind/contact', body);
    expect(res.statusCode).toBe(200);
    const after = await operator.inject('GET', `/api/v1/assistance/left-behind?place=${places.countyCode}&category=child&asOf=2024-06-01`);
    expect(after.json().items.find((r: { householdNo: string }) => r.householdNo === h.householdNo).contactName).toBe('村妇联主任');
    expect((await outsider.inject('PUT', '/api/v1/assistance/left-behind/contact', body)).statusCode).toBe(404);
  });
});
