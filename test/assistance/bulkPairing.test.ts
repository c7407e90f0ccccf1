/**
 * Bulk pairing from a spreadsheet (户编号, 干部编号, 结对日期): all or nothing — a bad cell is named
 * by row, column and value, a quota breach in the file refuses the whole file, and a good file
 * pairs every row.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { ALL_PLACES } from '../../src/db/placeScope';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import { createCadre, pairFromSheet } from '../../src/modules/assistance/service';
import { AppError } from '../../src/server/errors';
import { buildTestApp, loginAs, makeUser } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type TestPlaces } from '../helpers/factory';
import { multipart } from '../procedures/helpers';

const EVERYWHERE = { scope: ALL_PLACES, pairedCadreId: null };

describe.each(testDatabases)('bulk pairing from a spreadsheet on $name', ({ open }) => {
  let database: Database;
  let places: TestPlaces;
  const dir = mkdtempSync(join(tmpdir(), 'fupin-pairing-test-'));
  const csv = (name: string, rows: (string | number)[][]) => {
    const path = join(dir, name);
    writeFileSync(path, ['户编号,干部编号,结对日期', ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n');
    return path;
  };
  const refusal = async (path: string) => {
    try {
      await pairFromSheet(database.db, EVERYWHERE, path, path, CONSOLE_ACTOR);
    } catch (e) {
      if (e instanceof AppError) return e;
      throw e;
    }
    throw new Error('the file was accepted');
  };
  const pairedHouseholds = async (cadreId: number) =>
    (await database.db.selectFrom('pairing').select('household_no').where('cadre_id', '=', cadreId).orderBy('household_no').execute()).map((r) => r.household_no);

  beforeAll(async () => {
    database = await open();
    places = await createPlaceTree(database, 1, 2);
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the row, column and value of a bad cell and writes nothing', async () => {
    const households = [await createHousehold(database, places), await createHousehold(database, places)];
    const cadreId = await createCadre(database.db, { name: '表格干部', unit: '县扶贫办', rank: 'township_cadre', visitRole: 'pairing_cadre', placeCode: places.countyCode, phone: null, userId: null }, CONSOLE_ACTOR);
    const error = await refusal(csv(`bad-${places.countyCode}.csv`, [[households[0].householdNo, cadreId, '2024-01-01'], [households[1].householdNo, cadreId, '2024-13-45']]));
    expect(error.status).toBe(400);
    expect(error.message).toContain('第 3 行 结对日期');
    expect(error.details).toMatchObject({ problems: [{ row: 3, column: '结对日期', value: '2024-13-45' }] });
    expect(await pairedHouseholds(cadreId)).toEqual([]);
  });

  it('refuses the whole file when one cadre would pass his quota, naming the row; the other cadre\'s good rows are not written either', async () => {
    const households = [];
    for (let i = 0; i < 12; i++) households.push(await createHousehold(database, places));
    const fine = await createCadre(database.db, { name: '守额干部', unit: '县民政局', rank: 'township_cadre', visitRole: 'pairing_cadre', placeCode: places.countyCode, phone: null, userId: null }, CONSOLE_ACTOR);
    const cadreId = await createCadre(database.db, { name: '超额干部', unit: '乡政府', rank: 'township_cadre', visitRole: 'pairing_cadre', placeCode: places.countyCode, phone: null, userId: null }, CONSOLE_ACTOR);
    const rows = [[households[0].householdNo, fine, '2024-02-01'], ...households.slice(1).map((h) => [h.householdNo, cadreId, '2024-02-01'])];
    const error = await refusal(csv(`quota-${places.countyCode}.csv`, rows));
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/第 3 行：.*最多结对 10 户/);
    expect(error.details).toMatchObject({ problems: [{ row: 3, column: '干部编号', value: String(cadreId) }] });
    expect(await pairedHouseholds(cadreId)).toEqual([]);
    expect(await pairedHouseholds(fine)).toEqual([]);
    const refused = await database.db.selectFrom('audit_event').select(['outcome']).where('action', '=', 'pairing.refused').where('object_id', '=', String(cadreId)).execute();
    expect(refused).toEqual([{ outcome: 'refused' }]);
  });

  it('pairs every row of a good file, grouped by cadre', async () => {
    const households = [await createHousehold(database, places), await createHousehold(database, places), await createHousehold(database, places)];
    const first = await createCadre(database.db, { name: '甲干部', unit: '县教育局', rank: 'township_cadre', visitRole: 'pairing_cadre', placeCode: places.countyCode, phone: null, userId: null }, CONSOLE_ACTOR);
    const second = await createCadre(database.db, { name: '乙干部', unit: '县卫健委', rank: 'township_cadre', visitRole: 'pairing_cadre', placeCode: places.countyCode, phone: null, userId: null }, CONSOLE_ACTOR);
    const result = await pairFromSheet(
      database.db,
      EVERYWHERE,
      csv(`good-${places.countyCode}.csv`, [[households[0].householdNo, first, '2024-03-01'], [households[1].householdNo, first, '2024-03-01'], [households[2].householdNo, second, '2024-03-01']]),
      'good.csv',
      CONSOLE_ACTOR,
    );
    expect(result).toEqual({ paired: 3, cadres: 2 });
    expect(await pairedHouseholds(first)).toEqual([households[0].householdNo, households[1].householdNo].sort());
    expect(await pairedHouseholds(second)).toEqual([households[2].householdNo]);
  });

  it('takes an .xlsx upload over HTTP: a village operator may pair only his own village\'s households; a leader is refused', async () => {
    const [own, other] = [await createHousehold(database, places, { villageCode: places.villageCodes[0] }), await createHousehold(database, places, { villageCode: places.villageCodes[1] })];
    const cadreId = await createCadre(database.db, { name: '村干部', unit: '村委会', rank: 'village_cadre', visitRole: 'pairing_cadre', placeCode: places.villageCodes[0], phone: null, userId: null }, CONSOLE_ACTOR);
    const xlsx = async (rows: (string | number)[][]) => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('结对').addRows([['户编号', '干部编号', '结对日期'], ...rows]);
      return multipart('结对表.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', Buffer.from(await workbook.xlsx.writeBuffer()));
    };
    const { app } = await buildTestApp(database, { requireLogin: true });
    try {
      const operator = await loginAs(app, (await makeUser(database, 'village_operator', places.villageCodes[0])).username);
      const leader = await loginAs(app, (await makeUser(database, 'leader', places.countyCode)).username);
      const upload = async (client: typeof operator, rows: (string | number)[][]) => {
        const { payload, headers } = await xlsx(rows);
        return client.inject('POST', '/api/v1/assistance/pairings/import', payload, headers);
      };

      const outside = await upload(operator, [[own.householdNo, cadreId, '2024-04-01'], [other.householdNo, cadreId, '2024-04-01']]);
      expect(outside.statusCode).toBe(400);
      expect(outside.json().error.details.problems).toEqual([{ row: 3, column: '户编号', value: other.householdNo, message: `户 ${other.householdNo} 不存在或不在您的权限范围内` }]);
      expect(await pairedHouseholds(cadreId)).toEqual([]);

      expect((await upload(leader, [[own.householdNo, cadreId, '2024-04-01']])).statusCode).toBe(403);
      const good = await upload(operator, [[own.householdNo, cadreId, '2024/4/1']]);
      expect(good.statusCode).toBe(201);
      expect(good.json()).toEqual({ paired: 1, cadres: 1 });
      expect(await pairedHouseholds(cadreId)).toEqual([own.householdNo]);
    } finally {
      await app.close();
    }
  });
});
