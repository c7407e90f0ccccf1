/**
 * A department operator's line of work narrows what he sees: members' health data (健康状况,
 * 残疾等级, 慢病卡) only for the lines that need them (health, medical insurance, civil affairs,
 * disabled persons); withheld on the card and in the export for the others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';

async function exportedHealth(client: Client, place: string): Promise<unknown[][]> {
  const res = await client.inject('GET', `/api/v1/households/export.xlsx?place=${place}`);
  expect(res.statusCode).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  const at = (h: string) => headers.indexOf(h) + 1;
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push([row.getCell(at('健康状况')).value, row.getCell(at('残疾等级')).value, row.getCell(at('慢病卡')).value]);
  });
  return rows;
}

describe.each(testDatabases)('health data by line of work on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let places: TestPlaces;
  let household: CreatedHousehold;
  const as = async (role: string, departmentLine?: string) => loginAs(app, (await makeUser(database, role, places.countyCode, { departmentLine })).username);

  beforeAll(async () => {
    database = await open();
    ({ app } = await buildTestApp(database));
    places = await createPlaceTree(database);
    household = await createHousehold(database, places, {
      members: [
        { name: '王残', relation: 'head', columns: { health: 'disabled', disability_grade: 2, chronic_card: true } },
        { name: '李康', relation: 'spouse', columns: { health: 'healthy' } },
      ],
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('leaves illness and disability risk events out for an education operator, and hides a note that names an illness', async () => {
    const county = await as('county_operator');
    const add = (body: object) => county.inject('POST', `/api/v1/households/${household.householdNo}/risk-events`, body);
    expect((await add({ type: 'illness', occurredOn: '2024-03-01', cost: 20000, note: '住院' })).statusCode).toBe(201);
    expect((await add({ type: 'disaster', occurredOn: '2024-04-01', cost: 3000, note: '洪灾后户主慢性病加重' })).statusCode).toBe(201);
    const seen = async (client: Awaited<ReturnType<typeof as>>) => {
      const res = await client.inject('GET', `/api/v1/households/${household.householdNo}/risk-events`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { type: string; note: string | null }[]).map((e) => [e.type, e.note]).sort();
    };
    expect(await seen(await as('department_operator', 'education'))).toEqual([['disaster', '（不可见）']]);
    expect(await seen(await as('department_operator', 'health'))).toEqual([['disaster', '洪灾后户主慢性病加重'], ['illness', '住院']]);
    expect(await seen(county)).toEqual([['disaster', '洪灾后户主慢性病加重'], ['illness', '住院']]);
  });

  it('withholds health, disability grade and chronic card from an education operator, on the card and in the export', async () => {
    const education = await as('department_operator', 'education');
    const card = await education.inject('GET', `/api/v1/households/${household.householdNo}`);
    expect(card.statusCode).toBe(200);
    const members = card.json().members as Record<string, unknown>[];
    expect(members.map((m) => [m.name, m.health, m.disabilityGrade, m.chronicCard, m.healthWithheld])).toEqual([
      ['王残', null, null, null, true],
      ['李康', null, null, null, true],
    ]);
    expect(await exportedHealth(education, places.countyCode)).toEqual([
      ['（不可见）', '（不可见）', '（不可见）'],
      ['（不可见）', '（不可见）', '（不可见）'],
    ]);
  });

  it('withholds the health values of a member change in the timeline from an education operator', async () => {
    const operator = await as('county_operator');
    const card = (await operator.inject('GET', `/api/v1/households/${household.householdNo}`)).json();
    const spouse = (card.members as { name: string; memberKey: string }[]).find((m) => m.name === '李康')!;
    const changed = await operator.inject('PATCH', `/api/v1/households/${household.householdNo}/members/${spouse.memberKey}`, { health: 'chronic' });
    expect(changed.statusCode).toBe(200);
    const healthChange = async (client: Client) => {
      const res = await client.inject('GET', `/api/v1/households/${household.householdNo}/timeline`);
      expect(res.statusCode).toBe(200);
      const items = res.json().items as { changes: { field: string; before: unknown; after: unknown }[] }[];
      return items.flatMap((i) => i.changes).find((c) => c.field === 'health');
    };
    expect(await healthChange(await as('department_operator', 'education'))).toEqual({ field: 'health', fieldLabel: '健康状况', before: '（不可见）', after: '（不可见）' });
    expect(await healthChange(await as('department_operator', 'health'))).toEqual({ field: 'health', fieldLabel: '健康状况', before: 'healthy', after: 'chronic' });
  });

  it.each([
    ['department_operator', 'health'],
    ['department_operator', 'disabled_persons'],
    ['county_operator', undefined],
    ['leader', undefined],
  ])('shows them to %s %s', async (role, line) => {
    const client = await as(role, line);
    const card = await client.inject('GET', `/api/v1/households/${household.householdNo}`);
    expect(card.statusCode).toBe(200);
    const head = (card.json().members as Record<string, unknown>[]).find((m) => m.name === '王残')!;
    expect(head).toMatchObject({ health: 'disabled', disabilityGrade: 2, chronicCard: true });
    expect(head.healthWithheld).toBeUndefined();
    if (role !== 'leader') expect((await exportedHealth(client, places.countyCode))[0]).toEqual(['残疾', 2, '是']);
  });
});
