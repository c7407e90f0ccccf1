/**
 * One business year on the server: GET /years answers the income years of the user's places
 * only; a recompute of a year without data is refused saying how many households lack income;
 * an import of a file without 收入年度 needs the year (never the clock's). And 查看完整号码:
 * one full ID number with a reason, audited with it; refused without a reason, to a role without
 * 'person.reveal', and (as absent) outside the user's place.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { importJobSettled } from '../../src/modules/imports/service';
import { jobSettled } from '../../src/modules/jobs/service';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { csvText, registryRows } from '../imports/files';

function multipart(fileName: string, content: string) {
  const boundary = '----fupinYearBoundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(testDatabases)('business year and reveal on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let places: TestPlaces;
  let other: TestPlaces;
  let household: CreatedHousehold;
  let operator: Client;
  let county: Client;

  beforeAll(async () => {
    database = await open();
    ({ app } = await buildTestApp(database, { requireLogin: true }));
    places = await createPlaceTree(database, 1, 1);
    other = await createPlaceTree(database, 1, 1);
    household = await createHousehold(database, places, { phone: '13800138000', incomes: [{ year: 2018, wages: 9000 }, { year: 2019, wages: 9500 }] });
    await createHousehold(database, other, { incomes: [{ year: 2021, wages: 9000 }] });
    operator = await loginAs(app, (await makeUser(database, 'village_operator', places.villageCodes[0])).username);
    county = await loginAs(app, (await makeUser(database, 'county_operator', places.countyCode)).username);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('answers the years with data in the user’s places only, the latest last', async () => {
    const res = await operator.inject('GET', '/api/v1/years');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ years: [2018, 2019], latest: 2019 });
  });

  it('refuses a recompute of a year without data, saying how many households lack income', async () => {
    const refused = await county.inject('POST', '/api/v1/monitoring/recompute', { place: places.countyCode, year: 2024 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('2024 年没有可评估的数据：范围内 1 户都没有 2024 年收入记录');
    expect(refused.json().error.message).toContain('最近为 2019 年');
    const started = await county.inject('POST', '/api/v1/monitoring/recompute', { place: places.countyCode, year: 2019 });
    expect(started.statusCode, started.body).toBe(202);
    await jobSettled(started.json().jobId);
    const job = await county.inject('GET', `/api/v1/monitoring/jobs/${started.json().jobId}`);
    expect(job.json().message).toContain('2019 年 1 户');
  });

  it('refuses a file without 收入年度 unless the year is given', async () => {
    const rows = registryRows(places, 1, 2, 900).map(({ 收入年度: _y, 工资性收入: _w, 转移性收入: _t, 生产经营性支出: _c, ...rest }) => rest);
    const headers = Object.keys(rows[0]);
    const upload = async (query: string) => {
      const { payload, headers: h } = multipart('no-year.csv', csvText(rows, headers));
      const res = await county.inject('POST', `/api/v1/imports?dryRun=true${query}`, payload, h);
      expect(res.statusCode, res.body).toBe(202);
      await importJobSettled(res.json().jobId);
      return (await county.inject('GET', `/api/v1/imports/${res.json().jobId}`)).json();
    };
    const refused = await upload('');
    expect(refused.result.ok).toBe(false);
    expect(refused.result.errors[0].message).toContain('文件没有“收入年度”列：请给出这批数据的业务年度');
    const accepted = await upload('&year=2019');
    expect(accepted.result.ok, JSON.stringify(accepted.result.errors)).toBe(true);
    expect(accepted.result.statusYear).toBe(2019);
    expect((await county.inject('POST', '/api/v1/imports?year=1999', multipart('x.csv', 'a').payload, multipart('x.csv', 'a').headers)).statusCode).toBe(400);
  });

  it('reveals one full ID number with a reason, audited with the reason', async () => {
    const member = household.members[1];
    const card = await operator.inject('GET', `/api/v1/households/${household.householdNo}`);
    const memberKey = card.json().members.find((m: { name: string }) => m.name === member.name).memberKey as string;
    const url = `/api/v1/households/${household.householdNo}/reveal`;
    const res = await operator.inject('POST', url, { field: 'idNumber', memberKey, reason: '低保核对' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ field: 'idNumber', memberKey, name: member.name, value: member.idNumber });
    const phone = await operator.inject('POST', url, { field: 'phone', reason: '电话回访' });
    expect(phone.json().value).toBe('13800138000');
    const events = await database.db.selectFrom('audit_event').select(['action', 'object_type', 'object_id', 'note']).where('action', '=', 'person.reveal').where('object_id', '=', memberKey).execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ object_type: 'person' });
    expect(events[0].note).toContain('原因：低保核对');
  });

  it('refuses a reveal without a reason, to a role without the permission, and outside the place', async () => {
    const url = `/api/v1/households/${household.householdNo}/reveal`;
    const noReason = await operator.inject('POST', url, { field: 'idNumber', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('查看原因');
    const leader = await loginAs(app, (await makeUser(database, 'leader', places.countyCode)).username);
    expect((await leader.inject('POST', url, { field: 'idNumber', reason: '看看' })).statusCode).toBe(403);
    const stranger = await loginAs(app, (await makeUser(database, 'village_operator', other.villageCodes[0])).username);
    expect((await stranger.inject('POST', url, { field: 'idNumber', reason: '看看' })).statusCode).toBe(404);
  });
});
