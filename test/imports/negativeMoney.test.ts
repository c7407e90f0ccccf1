/**
 * Negative money (issue 16 item 3): refused with a message naming the field and the value, in the
 * import's cells and in the card's income form, never stored as 0. 生产经营性净收入 is a net
 * figure and may be a loss, so it alone keeps its sign.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { CELL_NUMBER, CELL_TEXT, CellProblem, readCell } from '../../src/modules/imports/cells';
import { COLUMNS } from '../../src/modules/imports/columns';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type TestPlaces } from '../helpers/factory';

const column = (header: string) => COLUMNS.find((c) => c.header === header)!;

describe('import cells of money', () => {
  it.each(['工资性收入', '财产性收入', '转移性收入', '生产经营性支出', '风险刚性支出(元)'])('refuses a negative %s', (header) => {
    for (const [text, kind] of [['-500', CELL_NUMBER], ['-1,200.50', CELL_TEXT]] as const) {
      const read = readCell(column(header), text, kind);
      expect(read).toBeInstanceOf(CellProblem);
      expect((read as CellProblem).message).toContain('不能为负数');
    }
    expect(readCell(column(header), '0', CELL_NUMBER)).toBe('0');
  });

  it('keeps the sign of the net production income (a loss)', () => {
    expect(readCell(column('生产经营性净收入'), '-500', CELL_NUMBER)).toBe('-500');
  });
});

describe.each(testDatabases)('income form on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let places: TestPlaces;
  let operator: Client;

  beforeAll(async () => {
    database = await open();
    places = await createPlaceTree(database, 1, 1);
    ({ app } = await buildTestApp(database, { requireLogin: true }));
    operator = await loginAs(app, (await makeUser(database, 'county_operator', places.countyCode)).username);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('refuses negative wages naming 工资性收入 and the value, and stores nothing for the year', async () => {
    const h = await createHousehold(database, places);
    const res = await operator.inject('PUT', `/api/v1/households/${h.householdNo}/incomes/2023`, { wages: -500, productionNet: 1000, property: 0, transfer: 0, productionCost: 0 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('工资性收入');
    expect(res.json().error.message).toContain('-500');
    const stored = await database.db.selectFrom('household_income').select('year').where('household_no', '=', h.householdNo).where('year', '=', 2023).execute();
    expect(stored).toEqual([]);
  });
});
