/**
 * Import columns of the data the rules read beyond the basic registry: water distances, open
 * risk types and one risk event per household (type, date, cost). Good values land in the
 * registry (a re-import changes nothing); bad ones are reported by row, column and value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { Database } from '../../src/db/database';
import { CELL_NUMBER, CELL_TEXT, CellProblem, readCell } from '../../src/modules/imports/cells';
import { columnByKey } from '../../src/modules/imports/columns';
import { importRegistry } from '../../src/modules/imports/service';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree, type TestPlaces } from '../helpers/factory';
import { BASIC_HEADERS, registryRows, tempDir, writeCsv, type Row } from './files';

const RULE_HEADERS = ['取水水平距离(米)', '取水垂直距离(米)', '未消除风险类型', '风险事件类型', '风险发生日期', '风险刚性支出(元)'];
const HEADERS = [...BASIC_HEADERS, ...RULE_HEADERS];
const TODAY = new Date('2024-06-30T00:00:00Z');

describe('reading rule-data cells', () => {
  it.each([
    ['event_date', '2020-03-05', CELL_TEXT, '2020-03-05'],
    ['event_date', '2020/3/5', CELL_TEXT, '2020-03-05'],
    ['event_date', '2020年3月5日', CELL_TEXT, '2020-03-05'],
    ['event_date', '43895', CELL_NUMBER, '2020-03-05'],
    ['open_risk_types', '因病、因灾返贫', CELL_TEXT, '{illness,disaster}'],
    ['event_type', '因意外事故', CELL_TEXT, 'accident'],
    ['water_horizontal_m', '1,200.5', CELL_TEXT, '1200.5'],
  ])('%s “%s” reads as %s', (key, text, kind, expected) => {
    expect(readCell(columnByKey(key), text, kind)).toBe(expected);
  });

  it.each([
    ['event_date', '2020-02-30', '不是有效的日期'],
    ['event_date', '去年春天', '应为日期'],
    ['open_risk_types', '因病、因懒', '“因懒”不是有效的风险类型'],
    ['water_vertical_m', '-2', '应为不小于0的数字（米）'],
  ])('%s “%s” is refused: %s', (key, text, message) => {
    const result = readCell(columnByKey(key), text, CELL_TEXT);
    expect(result).toBeInstanceOf(CellProblem);
    expect((result as CellProblem).message).toContain(message);
  });
});

describe.each(testDatabases)('import of rule-data columns on $name', ({ open }) => {
  let database: Database;
  let places: TestPlaces;
  const dir = tempDir();
  beforeAll(async () => {
    database = await open();
    places = await createPlaceTree(database, 1, 2);
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const withRuleData = (rows: Row[], values: Row) => rows.map((r) => ({ ...r, ...values }));
  const run = (name: string, rows: Row[]) => importRegistry(database, { path: writeCsv(dir, name, rows, { headers: HEADERS }), fileName: name }, { statusYear: 2019, today: TODAY });
  const eventsOf = (householdNo: string) =>
    database.db.selectFrom('risk_event').select(['type', 'occurred_on', 'cost']).where('household_no', '=', householdNo).orderBy('id').execute();

  it('imports water distances, open risk types and a risk event; a re-import changes nothing, a new cost updates the event', async () => {
    const rows = withRuleData(registryRows(places, 1, 2, 101), {
      '取水水平距离(米)': 850,
      '取水垂直距离(米)': 30.5,
      未消除风险类型: '因病、因灾',
      风险事件类型: '因病',
      风险发生日期: '2020/3/5',
      '风险刚性支出(元)': 12000,
    });
    const householdNo = String(rows[0]['户编号']);
    const report = await run('rules.csv', rows);
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ ok: true, riskEvents: 1 });
    const h = await database.db.selectFrom('household').select(['water_horizontal_m', 'water_vertical_m', 'open_risk_types']).where('household_no', '=', householdNo).executeTakeFirstOrThrow();
    expect(h).toEqual({ water_horizontal_m: 850, water_vertical_m: 30.5, open_risk_types: ['illness', 'disaster'] });
    expect(await eventsOf(householdNo)).toEqual([{ type: 'illness', occurred_on: '2020-03-05', cost: 12000 }]);

    const again = await run('rules-again.csv', rows);
    expect(again).toMatchObject({ ok: true, riskEvents: 0, households: { updated: 0 } });
    const dearer = await run('rules-dearer.csv', withRuleData(rows, { '风险刚性支出(元)': 15000 }));
    expect(dearer).toMatchObject({ ok: true, riskEvents: 1 });
    expect(await eventsOf(householdNo)).toEqual([{ type: 'illness', occurred_on: '2020-03-05', cost: 15000 }]);
  });

  it('reports each bad rule-data value by row, column and value, and writes nothing', async () => {
    const rows = registryRows(places, 5, 1, 201);
    rows[0]['取水水平距离(米)'] = '-3';
    rows[1]['未消除风险类型'] = '因懒';
    rows[2]['风险事件类型'] = '因病';
    rows[2]['风险发生日期'] = '2020-02-30';
    rows[3]['风险刚性支出(元)'] = 500;
    rows[3]['风险发生日期'] = '2021-01-01';
    rows[4]['风险事件类型'] = '因灾';
    rows[4]['风险发生日期'] = '2025-01-01';
    const report = await run('rules-bad.csv', rows);
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([
      { row: 2, column: '取水水平距离(米)', value: '-3', message: '应为不小于0的数字（米）' },
      { row: 3, column: '未消除风险类型', value: '因懒', message: expect.stringContaining('“因懒”不是有效的风险类型') },
      { row: 4, column: '风险发生日期', value: '2020-02-30', message: '不是有效的日期' },
      { row: 5, column: '风险事件类型', value: '', message: '填写了风险事件时须同时填写风险事件类型' },
      { row: 6, column: '风险发生日期', value: '2025-01-01', message: '风险发生日期晚于今天' },
    ]);
    const written = await database.db.selectFrom('household').select('household_no').where('household_no', 'in', rows.map((r) => String(r['户编号']))).execute();
    expect(written).toEqual([]);
  });
});
