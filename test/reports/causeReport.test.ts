/**
 * The cause report and the progress report against the hand-counted fixture (fixture.ts), on
 * both databases: figures, shares to two decimals, children, year-ends, the rollup following
 * later writes, the .xlsx export and the access matrix.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold } from '../helpers/factory';
import { buildReportFixture, type ReportFixture } from './fixture';
import { markRollupsStale } from '../../src/db/rollupMarks';
import { updateHouseholdRecord } from '../../src/modules/registry/queries';

const json = async (client: Client, url: string) => {
  const res = await client.inject('GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe.each(testDatabases)('reports on $name', (t) => {
  let database: Database;
  let app: FastifyInstance;
  let fx: ReportFixture;
  let leader: Client;
  let county: string;

  beforeAll(async () => {
    database = await t.open();
    fx = await buildReportFixture(database);
    county = fx.places.countyCode;
    ({ app } = await buildTestApp(database, { requireLogin: true }));
    leader = await loginAs(app, (await makeUser(database, 'leader', county)).username);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('counts the remaining poor of the county by main cause at the latest year-end, shares to two decimals', async () => {
    const report = await json(leader, `/api/v1/reports/causes?place=${county}`);
    expect(report.year).toBe(2019);
    expect(report.statuses).toEqual(['poor', 'returned']);
    expect([report.households, report.persons]).toEqual([5, 12]);
    expect(report.causes).toEqual([
      { cause: 'illness', label: '因病', households: 2, householdShare: 40, persons: 3, personShare: 25 },
      { cause: 'disability', label: '因残', households: 1, householdShare: 20, persons: 3, personShare: 25 },
      { cause: 'schooling', label: '因学', households: 1, householdShare: 20, persons: 4, personShare: 33.33 },
      { cause: '', label: '未填写', households: 1, householdShare: 20, persons: 2, personShare: 16.67 },
    ]);
    const [t1, t2] = fx.places.townshipCodes;
    expect(report.children.map((c: { code: string; households: number; persons: number; causes: object }) => [c.code, c.households, c.persons, c.causes])).toEqual([
      [t1, 3, 9, { illness: 1, disability: 1, schooling: 1 }],
      [t2, 2, 3, { illness: 1, '': 1 }],
    ]);
  });

  it('reads an earlier year-end from the status history, and other statuses when asked', async () => {
    const y2017 = await json(leader, `/api/v1/reports/causes?place=${county}&year=2017`);
    expect([y2017.households, y2017.persons]).toEqual([5, 10]);
    expect(y2017.causes.map((c: { cause: string; households: number; persons: number }) => [c.cause, c.households, c.persons])).toEqual([
      ['illness', 3, 5],
      ['disability', 1, 3],
      ['', 1, 2],
    ]);
    const exited = await json(leader, `/api/v1/reports/causes?place=${county}&year=2017&status=exited`);
    expect(exited.causes).toEqual([{ cause: 'schooling', label: '因学', households: 1, householdShare: 100, persons: 4, personShare: 100 }]);
    const village = await json(leader, `/api/v1/reports/causes?place=${fx.places.villageCodes[0]}`);
    expect([village.households, village.persons, village.children]).toEqual([2, 5, []]);
  });

  it('gives status and exit progress year by year and per township', async () => {
    const report = await json(leader, `/api/v1/reports/progress?place=${county}`);
    const pick = (y: Record<string, number>) => [y.year, y.remainingHouseholds, y.remainingPersons, y.exitsHouseholds, y.exitsPersons, y.exitedHouseholds, y.returnsHouseholds, y.returnsPersons];
    expect(report.years.map(pick)).toEqual([
      [2016, 5, 13, 0, 0, 0, 0, 0],
      [2017, 5, 10, 1, 4, 1, 0, 0],
      [2018, 4, 8, 1, 2, 2, 0, 0],
      [2019, 5, 12, 0, 0, 1, 1, 4],
    ]);
    const [t1] = fx.places.townshipCodes;
    const first = report.children.find((c: { code: string }) => c.code === t1);
    expect([first.remainingHouseholds, first.remainingPersons, first.exitedHouseholds, first.exitedPersons, first.returnsHouseholds]).toEqual([3, 9, 1, 2, 1]);
  });

  it('gives the county’s dashboard: large numbers, trend, causes and townships for the drill-down', async () => {
    const d = await json(leader, `/api/v1/dashboard?place=${county}`);
    expect(d.year).toBe(2019);
    const t = d.totals;
    expect([t.remainingHouseholds, t.remainingPersons, t.exitedHouseholds, t.exitedPersons, t.returnsHouseholds, t.returnsPersons]).toEqual([5, 12, 1, 2, 1, 4]);
    expect(d.trend.map((y: { year: number; remainingPersons: number; exitsPersons: number }) => [y.year, y.remainingPersons, y.exitsPersons])).toEqual([
      [2016, 13, 0], [2017, 10, 4], [2018, 8, 2], [2019, 12, 0],
    ]);
    expect(d.causes.map((c: { label: string; households: number }) => [c.label, c.households])).toEqual([['因病', 2], ['因残', 1], ['因学', 1], ['未填写', 1]]);
    const [t1, t2] = fx.places.townshipCodes;
    expect(d.children.map((c: { code: string; remainingPersons: number; exitedPersons: number; listed: boolean }) => [c.code, c.remainingPersons, c.exitedPersons, c.listed])).toEqual([
      [t1, 9, 2, false],
      [t2, 3, 0, false],
    ]);
    expect([d.supervision.counties, d.supervision.townships, d.supervision.villages]).toEqual([0, 0, 0]);
    expect(d.rectifications).toEqual({ open: 0, overdue: 0, closed: 0, reopened: 0 });
  });

  it('follows later writes: a new household, a changed cause, a removed member', async () => {
    const own = await buildReportFixture(database);
    const code = own.places.countyCode;
    const ownLeader = await loginAs(app, (await makeUser(database, 'leader', code)).username);
    expect((await json(ownLeader, `/api/v1/reports/causes?place=${code}`)).households).toBe(5);
    await createHousehold(database, own.places, { villageCode: own.places.villageCodes[3], mainCause: 'labour', members: [{ relation: 'head' }], history: [{ year: 2019, status: 'poor' }] });
    await updateHouseholdRecord(database.db, code, own.households.F.householdNo, { main_cause: 'disaster' });
    // No page removes a member; a script that does marks the county as every writer does.
    await database.db.deleteFrom('person').where('id_number', '=', own.households.B.members[2].idNumber).execute();
    await markRollupsStale(database.db, [code]);
    const report = await json(ownLeader, `/api/v1/reports/causes?place=${code}`);
    expect([report.households, report.persons]).toEqual([6, 12]);
    expect(report.causes.map((c: { cause: string; households: number; persons: number }) => [c.cause, c.households, c.persons])).toEqual([
      ['illness', 2, 3],
      ['disability', 1, 2],
      ['schooling', 1, 4],
      ['disaster', 1, 2],
      ['labour', 1, 1],
    ]);
    const state = await sql<{ stale: boolean }>`SELECT change_seq > refreshed_seq AS stale FROM rollup_state WHERE county_code = ${code}`.execute(database.db);
    expect(state.rows).toEqual([{ stale: false }]);
  });

  it('exports the cause report as .xlsx with the same figures', async () => {
    const res = await leader.inject('GET', `/api/v1/reports/causes/export.xlsx?place=${county}&year=2017`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('致贫原因统计'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('致贫原因')!;
    const rows = sheet.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    const header = rows.findIndex((r) => r[0] === '致贫原因');
    expect(rows.slice(header + 1)).toEqual([
      ['因病', 3, 60, 5, 50],
      ['因残', 1, 20, 3, 30],
      ['未填写', 1, 20, 2, 20],
      ['合计', 5, 100, 10, 100],
    ]);
    expect(workbook.getWorksheet('下级地区')!.rowCount).toBeGreaterThan(header + 2);
  });

  it('refuses anonymous (401), a role without dashboard.read (403), a place outside the scope (404), bad input (400)', async () => {
    expect((await app.inject({ method: 'GET', url: `/api/v1/reports/causes?place=${county}` })).statusCode).toBe(401);
    const admin = await loginAs(app, (await makeUser(database, 'sys_admin', county)).username);
    expect((await admin.inject('GET', `/api/v1/reports/causes?place=${county}`)).statusCode).toBe(403);
    expect((await admin.inject('GET', `/api/v1/reports/progress/export.xlsx?place=${county}`)).statusCode).toBe(403);
    expect((await admin.inject('GET', `/api/v1/dashboard?place=${county}`)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/v1/dashboard?place=${county}` })).statusCode).toBe(401);
    const townshipLeader = await loginAs(app, (await makeUser(database, 'leader', fx.places.townshipCodes[1])).username);
    for (const url of [`/api/v1/reports/causes?place=${fx.places.townshipCodes[0]}`, `/api/v1/reports/causes?place=${county}`, '/api/v1/reports/progress/export.xlsx?place=0', `/api/v1/dashboard?place=${county}`]) {
      const res = await townshipLeader.inject('GET', url);
      expect(res.statusCode, url).toBe(404);
    }
    const own = await json(townshipLeader, '/api/v1/reports/causes');
    expect(own.place.code).toBe(fx.places.townshipCodes[1]);
    expect(own.households).toBe(2);
    const bad = await leader.inject('GET', `/api/v1/reports/causes?place=${county}&status=rich`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('户状态');
    expect((await leader.inject('GET', `/api/v1/reports/causes?place=${county}&year=abc`)).statusCode).toBe(400);
    expect((await leader.inject('GET', '/api/v1/reports/causes?place=12345')).statusCode).toBe(400);
  });
});
