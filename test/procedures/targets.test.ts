/**
 * Targets and progress, and 三率一度: with the demo data, 察隅县's 2016–2018 exits per township
 * against seed 002's targets (2210 / 2365 / 1585 persons); on a fresh county, progress by month
 * from completed exit cases with a forecast from those in progress; surveys and the four rates
 * with the policy thresholds; and who may read and set them.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import type { ManualClock } from '../../src/modules/auth/service';
import { CHAYU, DEMO_PLACE_PREFIXES } from '../../src/modules/demo/plan';
import { loadDemo } from '../../src/modules/demo/service';
import { loadPlaces } from '../../src/modules/places/load';
import { loginAs, openIsolated } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree } from '../helpers/factory';
import { act, eligibleHousehold, makeProcedureUser, makeTeam, procedureApp, setDay } from './helpers';

interface Cell { targetPersons: number | null; exitedPersons: number; exitedHouseholds: number; status: string; inProgressPersons: number; forecastPersons: number }
interface Row { code: string; name: string; byYear: Record<string, Cell> }

describe.each(testDatabases)('targets with the demo data on $name', (t) => {
  let database: Database;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let clock: ManualClock;
  beforeAll(async () => {
    ({ database, drop } = await openIsolated(t));
    await loadPlaces(database, { prefixes: [...DEMO_PLACE_PREFIXES] });
    await loadDemo(database, { counties: [CHAYU.countyCode] });
    ({ app, clock } = await procedureApp(database));
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('shows 察隅县’s exits per township for 2016–2018 as seed 002 plans them', async () => {
    setDay(clock, '2024-03-01');
    const county = await loginAs(app, (await makeProcedureUser(database, 'county_operator', CHAYU.countyCode)).username);
    const res = await county.inject('GET', `/api/v1/targets/overview?place=${CHAYU.countyCode}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { years: number[]; total: Row; rows: Row[]; behind: string[] };
    expect(body.years).toEqual([2016, 2017, 2018]);
    expect([2016, 2017, 2018].map((y) => [body.total.byYear[y].targetPersons, body.total.byYear[y].exitedPersons, body.total.byYear[y].status])).toEqual([
      [2210, 2210, 'met'],
      [2365, 2365, 'met'],
      [1585, 1585, 'met'],
    ]);
    expect(Object.values(body.total.byYear).reduce((n, c) => n + c.exitedHouseholds, 0)).toBe(1431);
    for (const e of CHAYU.exits) {
      const row = body.rows.find((r) => r.code === e.townshipCode)!;
      expect(row.name).toBe(e.name);
      expect(row.byYear[e.year]).toMatchObject({ targetPersons: e.persons, exitedPersons: e.persons, status: 'met' });
    }
    expect(body.rows.find((r) => r.name === '竹瓦根镇')!.byYear[2018]).toMatchObject({ targetPersons: null, exitedPersons: 0, status: 'no_target' });
    expect(body.behind).toEqual([]);

    const set = await county.inject('PUT', '/api/v1/targets', { placeCode: '540425100', year: 2018, persons: 50, households: 12 });
    expect(set.statusCode).toBe(200);
    const after = (await county.inject('GET', `/api/v1/targets/overview?place=${CHAYU.countyCode}&from=2018&to=2018`)).json();
    expect(after.behind).toEqual(['540425100']);
    expect(after.rows.find((r: Row) => r.code === '540425100').byYear[2018]).toMatchObject({ targetPersons: 50, status: 'behind' });

    const progress = (await county.inject('GET', `/api/v1/targets/progress?place=${CHAYU.countyCode}&year=2017`)).json();
    expect(progress.target).toMatchObject({ targetPersons: 2365, exitedPersons: 2365 });
    expect(progress.recordedWithoutCase).toBe(2365);
    expect(progress.months.at(-1)).toEqual({ month: 12, persons: 0, cumulative: 0, planned: 2365 });
  });
});

describe.each(testDatabases)('progress, forecast and 三率一度 on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let clock: ManualClock;
  beforeAll(async () => {
    database = await open();
    ({ app, clock } = await procedureApp(database));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('counts completed exit cases by month and forecasts from those in progress', async () => {
    setDay(clock, '2024-03-15');
    const places = await createPlaceTree(database, 2, 1);
    const team = await makeTeam(app, database, places);
    const c = await team.as('county');
    expect((await c.inject('PUT', '/api/v1/targets', { placeCode: places.townshipCodes[0], year: 2024, persons: 6 })).statusCode).toBe(200);
    expect((await c.inject('PUT', '/api/v1/targets', { placeCode: places.townshipCodes[1], year: 2024, persons: 3, households: 1 })).statusCode).toBe(200);
    const bad = await c.inject('PUT', '/api/v1/targets', { placeCode: places.townshipCodes[0], year: 2024, persons: -1 });
    expect(bad.json().error.message).toBe(`${places.townshipCodes[0]} 2024 年目标有误：目标人数（persons）应为不小于 0 的整数，实为 -1`);

    const v = await team.as('village');
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const h = await eligibleHousehold(database, places);
      ids.push((await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'exit', householdNo: h.householdNo })).json().id);
    }
    await database.db.updateTable('procedure_case').set({ step_index: 5, step_code: 'county_marking' }).where('id', '=', ids[0]).execute();
    expect((await act(c, [ids[0]], 'approve')).statusCode).toBe(200);

    const overview = (await c.inject('GET', `/api/v1/targets/overview?place=${places.countyCode}&from=2024&to=2024`)).json();
    expect(overview.total.byYear['2024']).toMatchObject({ targetPersons: 9, exitedPersons: 2, inProgressPersons: 4, forecastPersons: 6, status: 'behind' });
    expect(overview.rows.map((r: Row) => [r.code, r.byYear['2024'].status])).toEqual([
      [places.townshipCodes[0], 'on_track'],
      [places.townshipCodes[1], 'behind'],
    ]);
    expect(overview.behind).toEqual([places.townshipCodes[1]]);

    const progress = (await c.inject('GET', `/api/v1/targets/progress?place=${places.townshipCodes[0]}&year=2024`)).json();
    expect(progress.months[2]).toEqual({ month: 3, persons: 2, cumulative: 2, planned: 2 });
    expect(progress.recordedWithoutCase).toBe(0);
    expect(progress.target).toMatchObject({ targetPersons: 6, forecastPersons: 6, status: 'on_track' });
  });

  it('records sample surveys and computes the four rates against the thresholds', async () => {
    setDay(clock, '2024-11-20');
    const places = await createPlaceTree(database, 2, 1);
    const c = await loginAs(app, (await makeProcedureUser(database, 'county_operator', places.countyCode)).username);
    await eligibleHousehold(database, places, { villageCode: places.villageCodes[0] });
    const survey = (placeCode: string, change: Record<string, unknown> = {}) =>
      c.inject('POST', '/api/v1/quality/surveys', {
        placeCode, year: 2024, surveyedOn: '2024-11-18', ruralPopulation: 1000, personsSampled: 200, missedPersons: 2,
        exitedPersonsSampled: 100, wronglyExitedPersons: 1, respondents: 100, satisfied: 95, ...change,
      });
    expect((await survey(places.townshipCodes[0])).statusCode).toBe(201);
    expect((await survey(places.townshipCodes[1], { wronglyExitedPersons: 4, satisfied: 85 })).statusCode).toBe(201);
    const wrong = await survey(places.townshipCodes[1], { missedPersons: 300 });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe(`${places.townshipCodes[1]} 的抽样调查有误：漏评人数（missedPersons）300 大于抽查人数 200`);

    const report = (await c.inject('GET', `/api/v1/quality/rates?place=${places.countyCode}&year=2024`)).json();
    expect(report.thresholds).toEqual({ maxIncidence: 0.02, maxMissedRate: 0.02, maxWrongExitRate: 0.02, minApproval: 0.9 });
    const [first, second] = report.rows;
    expect(first.remainingPoor).toBe(2);
    expect(first.rates[0]).toMatchObject({ key: 'incidence', value: 0.005, breach: false });
    expect(first.breached).toEqual([]);
    expect(second.breached).toEqual(['wrongExitRate', 'approval']);
    expect(report.total.totals).toMatchObject({ surveys: 2, ruralPopulation: 2000, wronglyExitedPersons: 5 });
    expect(report.total.rates.find((r: { key: string }) => r.key === 'wrongExitRate')).toMatchObject({ value: 0.025, breach: true, explanation: '错退率 = 错退 5 ÷ 抽查脱贫人数 200 = 2.5%，标准：不超过 2%，未达标' });
  });

  it('refuses anonymous users, roles without the permission and places outside the scope', async () => {
    setDay(clock, '2024-03-01');
    const places = await createPlaceTree(database, 1, 1);
    const elsewhere = await createPlaceTree(database, 1, 1);
    expect((await app.inject({ method: 'GET', url: `/api/v1/targets/overview?place=${places.countyCode}` })).statusCode).toBe(401);
    const cadre = await loginAs(app, (await makeProcedureUser(database, 'pairing_cadre', places.countyCode)).username);
    expect((await cadre.inject('GET', `/api/v1/targets/overview?place=${places.countyCode}`)).statusCode).toBe(403);
    const village = await loginAs(app, (await makeProcedureUser(database, 'village_operator', places.villageCodes[0])).username);
    expect((await village.inject('GET', `/api/v1/quality/rates?place=${places.villageCodes[0]}`)).statusCode).toBe(200);
    expect((await village.inject('PUT', '/api/v1/targets', { placeCode: places.villageCodes[0], year: 2024, persons: 1 })).statusCode).toBe(403);
    const county = await loginAs(app, (await makeProcedureUser(database, 'county_operator', places.countyCode)).username);
    expect((await county.inject('GET', `/api/v1/targets/overview?place=${elsewhere.countyCode}`)).statusCode).toBe(404);
    expect((await county.inject('PUT', '/api/v1/targets', { placeCode: elsewhere.countyCode, year: 2024, persons: 1 })).statusCode).toBe(404);
    expect((await county.inject('GET', `/api/v1/quality/rates?place=${elsewhere.countyCode}`)).statusCode).toBe(404);
  });
});
