/**
 * The list of procedure cases as an .xlsx download: the same filters as the list (procedure,
 * waiting on my role), every page, within the user's reach; refused to roles without the
 * export permission and to anonymous users.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loginAs } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree } from '../helpers/factory';
import { eligibleHousehold, makeProcedureUser, makeTeam, setDay, withProcedureApp } from './helpers';

async function sheetRows(body: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe.each(testDatabases)('procedure case export on $name', ({ open }) => {
  const suite = withProcedureApp(open);

  it('downloads the filtered list of cases within the user’s reach, and refuses others', async () => {
    const { database, app, clock } = suite;
    setDay(clock, '2024-03-01');
    const places = await createPlaceTree(database, 1, 2);
    const team = await makeTeam(app, database, places);
    const v = await team.as('village');
    const households = [await eligibleHousehold(database, places), await eligibleHousehold(database, places)];
    const elsewhere = await eligibleHousehold(database, places, { villageCode: places.villageCodes[1] });
    for (const h of households) expect((await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'exit', householdNo: h.householdNo })).statusCode).toBe(201);
    const other = await loginAs(app, (await makeProcedureUser(database, 'village_operator', places.villageCodes[1])).username);
    expect((await other.inject('POST', '/api/v1/procedures/cases', { procedure: 'exit', householdNo: elsewhere.householdNo })).statusCode).toBe(201);

    const res = await v.inject('GET', '/api/v1/procedures/cases/export.xlsx?procedure=exit&mine=true');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('扶贫程序案件清单.xlsx'));
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual(['扶贫程序案件清单']);
    expect(rows[1]).toEqual(['筛选：程序 贫困户退出；待我办理']);
    const header = rows.findIndex((r) => r[0] === '案件号');
    expect(rows[header].slice(0, 4)).toEqual(['案件号', '程序', '户编号', '户主']);
    const data = rows.slice(header + 1);
    expect(data.map((r) => r[2]).sort()).toEqual(households.map((h) => h.householdNo).sort());
    expect(data[0].slice(7, 10)).toEqual(['1/6 村民代表大会民主评议', '村级信息员', '办理中']);

    const township = await team.as('township');
    const all = await sheetRows((await township.inject('GET', '/api/v1/procedures/cases/export.xlsx')).rawPayload);
    expect(all.length - header - 1).toBe(3);
    const mine = await sheetRows((await township.inject('GET', '/api/v1/procedures/cases/export.xlsx?mine=true')).rawPayload);
    expect(mine.length - header - 1).toBe(0);

    const cadre = await loginAs(app, (await makeProcedureUser(database, 'pairing_cadre', places.villageCodes[0])).username);
    expect((await cadre.inject('GET', '/api/v1/procedures/cases/export.xlsx')).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/procedures/cases/export.xlsx' })).statusCode).toBe(401);
  });
});
