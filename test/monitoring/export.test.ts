/** The list of assessed households as .xlsx: same filters as the page, Chinese headers and labels, audited, scoped. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { recomputeAssessments } from '../../src/modules/monitoring/service';
import { buildTestApp } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type TestPlaces } from '../helpers/factory';
import { goodColumns, incomeOf, insuredAdult, signedIn } from './helpers';

describe.each(testDatabases)('export of assessed households on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let places: TestPlaces;
  let thirsty: string;
  beforeAll(async () => {
    database = await open();
    ({ app } = await buildTestApp(database, { requireLogin: true }));
    places = await createPlaceTree(database, 1, 2);
    const members = [insuredAdult('张大山', '1970-03-01'), insuredAdult('李小红', '1972-05-02')].map((m, i) => ({ ...m, relation: i === 0 ? 'head' : 'spouse' }));
    const make = (columns: Record<string, unknown>) =>
      createHousehold(database, places, { members, incomes: [incomeOf(2020, 9000, 2), incomeOf(2021, 9000, 2)], columns: { ...goodColumns(), ...columns } });
    thirsty = (await make({ water_lpd: 10 })).householdNo;
    await make({});
    await recomputeAssessments(database, { place: places.countyCode, year: 2021 });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const url = (query: string) => `/api/v1/monitoring/households/export.xlsx?${query}`;

  it('exports the red households failing water with the criteria and reasons in Chinese, and audits the export', async () => {
    const operator = await signedIn(app, database, 'county_operator', places.countyCode);
    const res = await operator.inject('GET', url(`place=${places.countyCode}&grade=red&failing=water`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['户编号', '地区', '户主', '人数', '人均纯收入(元)', '评估结果', '收入', '不愁吃', '不愁穿', '义务教育', '基本医疗', '住房安全', '饮水安全', '风险等级', '风险原因', '建议监测类别', '政策版本']);
    expect(sheet.rowCount).toBe(2);
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(row[0]).toBe(thirsty);
    expect(row.slice(6, 13)).toEqual(['达标', '达标', '达标', '达标', '达标', '达标', '未达标']);
    expect(row[13]).toBe('红色');
    expect(row[14]).toContain('两不愁三保障或饮水未达标');
    const audit = await database.db.selectFrom('audit_event').select(['action', 'place_code', 'after']).where('action', '=', 'monitoring.export').where('place_code', '=', places.countyCode).execute();
    expect(audit).toEqual([{ action: 'monitoring.export', place_code: places.countyCode, after: { place: places.countyCode, grade: 'red', failing: 'water' } }]);
  });

  it('refuses a bad filter (400), a role without export (403), a place out of scope (404) and anonymous (401)', async () => {
    const operator = await signedIn(app, database, 'county_operator', places.countyCode);
    const bad = await operator.inject('GET', url('grade=purple'));
    expect(bad.statusCode).toBe(400);
    const leader = await signedIn(app, database, 'leader', places.countyCode);
    expect((await leader.inject('GET', url(`place=${places.countyCode}`))).statusCode).toBe(403);
    const elsewhere = await createPlaceTree(database, 1, 1);
    expect((await operator.inject('GET', url(`place=${elsewhere.countyCode}`))).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: url('') })).statusCode).toBe(401);
  });
});
