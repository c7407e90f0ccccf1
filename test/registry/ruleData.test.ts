/**
 * The household data the rules read, edited on the card: water distances and open risk types on
 * the household, income by year (per-capita net computed), each validated, audited and scoped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { registryApp, signIn, type Client } from './session';

describe.each(testDatabases)('rule data on the household card on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let places: TestPlaces;
  let other: TestPlaces;
  let h: CreatedHousehold;
  let stranger: CreatedHousehold;
  let operator: Client;
  beforeAll(async () => {
    database = await open();
    app = await registryApp(database);
    places = await createPlaceTree(database, 1, 2);
    other = await createPlaceTree(database, 1, 1);
    h = await createHousehold(database, places, { incomes: [{ year: 2019, wages: 6000, transfer: 600 }] });
    stranger = await createHousehold(database, other);
    operator = await signIn(app, database, 'county_operator', places.countyCode);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const url = (no: string, year: number | string) => `/api/v1/households/${no}/incomes/${year}`;
  const events = (action: string) =>
    database.db.selectFrom('audit_event').select(['action', 'before', 'after', 'place_code']).where('action', '=', action).where('object_id', '=', h.householdNo).orderBy('id').execute();

  it('sets water distances and open risk types (codes or Chinese labels), audited, shown on the card', async () => {
    const res = await operator.inject('PATCH', `/api/v1/households/${h.householdNo}`, { waterHorizontalM: 850.5, waterVerticalM: 40, openRiskTypes: ['因病', 'disaster'] });
    expect(res.statusCode).toBe(200);
    expect(res.json().household).toMatchObject({ waterHorizontalM: 850.5, waterVerticalM: 40, openRiskTypes: ['illness', 'disaster'] });
    const [event] = await events('household.update');
    expect(event.after).toEqual({ waterHorizontalM: 850.5, waterVerticalM: 40, openRiskTypes: ['illness', 'disaster'] });
    expect(event.place_code).toBe(h.villageCode);
  });

  it.each([
    [{ waterHorizontalM: -1 }, '取水水平距离（waterHorizontalM）的值“-1”应不小于 0'],
    [{ waterVerticalM: 'far' }, '取水垂直距离（waterVerticalM）的值“far”类型不对'],
    [{ openRiskTypes: ['因懒'] }, '未消除风险类型（openRiskTypes.0）的值“因懒”无效，应为：因病、因残'],
  ])('refuses a bad household value %j naming field and value', async (patch, message) => {
    const res = await operator.inject('PATCH', `/api/v1/households/${h.householdNo}`, patch);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(message);
  });

  it('adds an income year with per-capita net computed over the members, then replaces it; both audited', async () => {
    const added = await operator.inject('PUT', url(h.householdNo, 2020), { wages: 9000, productionNet: 1500, property: 100, transfer: 1200, productionCost: 300 });
    expect(added.statusCode).toBe(200);
    expect(added.json().incomes.find((i: { year: number }) => i.year === 2020)).toEqual({
      year: 2020, wages: 9000, productionNet: 1500, property: 100, transfer: 1200, productionCost: 300, householdSize: 2, perCapitaNet: 5750,
    });
    const replaced = await operator.inject('PUT', url(h.householdNo, 2020), { wages: 3000, householdSize: 3 });
    expect(replaced.json().incomes.find((i: { year: number }) => i.year === 2020)).toMatchObject({ wages: 3000, productionNet: 0, householdSize: 3, perCapitaNet: 1000 });
    expect((await events('household.income.add')).map((e) => e.after)).toEqual([
      { year: 2020, wages: 9000, productionNet: 1500, property: 100, transfer: 1200, productionCost: 300, householdSize: 2, perCapitaNet: 5750 },
    ]);
    const [update] = await events('household.income.update');
    expect(update.before).toMatchObject({ year: 2020, wages: 9000, perCapitaNet: 5750 });
    expect(update.after).toMatchObject({ year: 2020, wages: 3000, householdSize: 3, perCapitaNet: 1000 });
    const same = await operator.inject('PUT', url(h.householdNo, 2020), { wages: 3000, householdSize: 3 });
    expect(same.statusCode).toBe(200);
    expect(await events('household.income.update')).toHaveLength(1);
  });

  it('deletes an income year (audited); a year without a record is a 404', async () => {
    const res = await operator.inject('DELETE', url(h.householdNo, 2020));
    expect(res.statusCode).toBe(200);
    expect(res.json().incomes.map((i: { year: number }) => i.year)).toEqual([2019]);
    expect(await events('household.income.delete')).toHaveLength(1);
    const again = await operator.inject('DELETE', url(h.householdNo, 2020));
    expect(again.statusCode).toBe(404);
    expect(again.json().error.message).toContain('2020 年收入记录');
  });

  it.each([
    [2020, { wages: -5 }, '工资性收入（wages）的值“-5”应不小于 0'],
    [2020, { wages: '九千' }, '工资性收入（wages）的值“九千”类型不对'],
    [2020, { householdSize: 0 }, '家庭人口（householdSize）的值“0”应不小于 1'],
    [2020, { bonus: 1 }, '不能在此填写或修改字段 bonus'],
    ['20x0', { wages: 1 }, '年度（year）的值“20x0”应为 1980 到 2100 之间的年份'],
  ])('refuses income year %s with %j naming field and value, writing nothing', async (year, body, message) => {
    const res = await operator.inject('PUT', url(h.householdNo, year), body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(message);
    const rows = await database.db.selectFrom('household_income').select('year').where('household_no', '=', h.householdNo).execute();
    expect(rows.map((r) => r.year)).toEqual([2019]);
  });

  it('refuses anonymous (401), a read-only role (403) and a household out of scope (404, audited)', async () => {
    const strangerIncomes = () => database.db.selectFrom('household_income').select('year').where('household_no', '=', stranger.householdNo).execute();
    const before = await strangerIncomes();
    const anonymous = await app.inject({ method: 'PUT', url: url(h.householdNo, 2021), payload: { wages: 1 } });
    expect(anonymous.statusCode).toBe(401);
    const leader = await signIn(app, database, 'leader', places.countyCode);
    expect((await leader.inject('PUT', url(h.householdNo, 2021), { wages: 1 })).statusCode).toBe(403);
    expect((await leader.inject('PATCH', `/api/v1/households/${h.householdNo}`, { waterVerticalM: 1 })).statusCode).toBe(403);
    const outside = await operator.inject('PUT', url(stranger.householdNo, 2021), { wages: 1 });
    expect(outside.statusCode).toBe(404);
    expect((await operator.inject('DELETE', url(stranger.householdNo, 2019))).statusCode).toBe(404);
    const refused = await database.db.selectFrom('audit_event').select('action').where('action', '=', 'access.refused').where('object_id', '=', stranger.householdNo).execute();
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(await strangerIncomes()).toEqual(before);
  });
});
