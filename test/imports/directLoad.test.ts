/**
 * The direct path of the import (a county's first load, persons COPYed straight into the
 * registry) against the staging path: the same file gives the same registry, and each case the
 * direct path cannot take starts again on the staging path with the staging path's answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database';
import { importRegistry } from '../../src/modules/imports/service';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree, type TestPlaces } from '../helpers/factory';
import { BASIC_HEADERS, registryRows, tempDir, writeCsv, writeXlsx, type Row } from './files';

const HEADERS = [...BASIC_HEADERS, '户主姓名', '联系电话', '住房安全等级', '人均日用水量(升)', '未消除风险类型', '风险事件类型', '风险发生日期', '风险刚性支出(元)', '残疾等级', '个人联系电话'];

/** Registry rows with household, income, event and person columns beyond the basic ones. */
function richRows(places: TestPlaces, households: number): Row[] {
  return registryRows(places, households, 3).map((r, i) => {
    const h = Math.floor(i / 3);
    return {
      ...r,
      户主姓名: `户主${h + 1}`,
      联系电话: h % 2 === 0 ? '13800000000' : null,
      住房安全等级: h % 4 === 0 ? 'C级' : 'A级',
      '人均日用水量(升)': 35 + h,
      未消除风险类型: h % 5 === 0 ? '因病' : null,
      风险事件类型: h % 5 === 0 ? '因病' : null,
      风险发生日期: h % 5 === 0 ? '2021-03-01' : null,
      '风险刚性支出(元)': h % 5 === 0 ? 12000.5 : null,
      残疾等级: i % 7 === 0 ? '二级' : null,
      个人联系电话: i % 2 === 0 ? '15900000000' : null,
    };
  });
}

/** Everything the import writes for a county, without the columns that differ by nature (times, generated keys). */
async function snapshot(database: Database, county: string) {
  const { db } = database;
  const households = await db.selectFrom('household').selectAll().where('county_code', '=', county).orderBy('household_no').execute();
  const persons = await db.selectFrom('person').selectAll().where('county_code', '=', county).orderBy('id_number').execute();
  const incomes = await db.selectFrom('household_income').selectAll().where('county_code', '=', county).orderBy('household_no').execute();
  const history = await db.selectFrom('household_status_history').selectAll().where('county_code', '=', county).orderBy('household_no').execute();
  const events = await db.selectFrom('risk_event').select(['household_no', 'type', 'occurred_on', 'cost']).where('county_code', '=', county).orderBy('household_no').execute();
  const strip = <T extends object>(rows: T[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !['created_at', 'updated_at', 'recorded_at', 'member_key'].includes(k))));
  return { households: strip(households), persons: strip(persons), incomes, history: strip(history), events };
}

async function clearCounty(database: Database, county: string): Promise<void> {
  for (const table of ['risk_event', 'household_income', 'household_status_history', 'person', 'household'] as const) {
    await database.db.deleteFrom(table).where('county_code', '=', county).execute();
  }
}

async function registryIndexes(database: Database) {
  const result = await sql<{ name: string }>`
    SELECT indexname AS name FROM pg_indexes WHERE tablename IN ('household', 'person') AND schemaname = current_schema() ORDER BY 1`.execute(database.db);
  return result.rows.map((r) => r.name);
}

describe.each(testDatabases)('direct import path on $name', ({ open }) => {
  let database: Database;
  const dir = tempDir();
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a county’s first load goes straight into the registry and gives what the staging path gives, CSV and .xlsx', async () => {
    const places = await createPlaceTree(database);
    const rows = richRows(places, 12);
    for (const [name, path] of [['csv', writeCsv(dir, `rich-${places.countyCode}.csv`, rows, { headers: HEADERS })], ['xlsx', await writeXlsx(dir, `rich-${places.countyCode}.xlsx`, rows, { headers: HEADERS })]] as const) {
      const direct = await importRegistry(database, { path, fileName: `rich.${name}` }, { statusYear: 2021, recompute: false });
      expect(direct.errors).toEqual([]);
      expect(direct).toMatchObject({ ok: true, path: 'direct', rows: 36, households: { added: 12 }, persons: { added: 36 }, incomes: 12, statusRecords: 12, riskEvents: 3 });
      const viaDirect = await snapshot(database, places.countyCode);
      await clearCounty(database, places.countyCode);
      const staged = await importRegistry(database, { path, fileName: `rich.${name}` }, { statusYear: 2021, recompute: false, direct: false });
      expect(staged).toMatchObject({ ok: true, path: 'staging', households: direct.households, persons: direct.persons, incomes: 12, statusRecords: 12, riskEvents: 3 });
      expect(await snapshot(database, places.countyCode)).toEqual(viaDirect);
      expect(viaDirect.households[0]).toMatchObject({ head_name: '户主1', head_id_number: String(rows[0]['证件号码']), size: 3, house_grade: 'C', open_risk_types: ['illness'] });
      expect(viaDirect.persons.filter((p) => p.disability_grade === 2)).toHaveLength(Math.ceil(36 / 7));
      await clearCounty(database, places.countyCode);
    }
  });

  it('households whose rows are scattered through the file (a head on a later row, ID numbers with blanks or a lower-case x) give what the staging path gives', async () => {
    const places = await createPlaceTree(database);
    const grouped = richRows(places, 6);
    // Rows of households 1-3 interleaved, then households 4-6 with each household's rows reversed (head last).
    const rows = [0, 3, 6, 1, 4, 7, 2, 5, 8].map((i) => grouped[i]);
    for (let h = 3; h < 6; h++) rows.push(grouped[h * 3 + 2], grouped[h * 3 + 1], grouped[h * 3]);
    const xRow = rows.findIndex((r) => String(r['证件号码']).endsWith('X'));
    if (xRow >= 0) rows[xRow] = { ...rows[xRow], 证件号码: String(rows[xRow]['证件号码']).toLowerCase() };
    rows[1] = { ...rows[1], 证件号码: ` ${rows[1]['证件号码']} ` };
    const path = writeCsv(dir, `scattered-${places.countyCode}.csv`, rows, { headers: HEADERS });
    const direct = await importRegistry(database, { path, fileName: 'scattered.csv' }, { statusYear: 2021, recompute: false });
    expect(direct.errors).toEqual([]);
    expect(direct).toMatchObject({ ok: true, path: 'direct', rows: 18, households: { added: 6 }, persons: { added: 18 } });
    const viaDirect = await snapshot(database, places.countyCode);
    expect(viaDirect.households.map((h) => [h.head_name, h.size])).toEqual([1, 2, 3, 4, 5, 6].map((h) => [`户主${h}`, 3]));
    await clearCounty(database, places.countyCode);
    const staged = await importRegistry(database, { path, fileName: 'scattered.csv' }, { statusYear: 2021, recompute: false, direct: false });
    expect(staged).toMatchObject({ ok: true, path: 'staging', households: direct.households, persons: direct.persons });
    expect(await snapshot(database, places.countyCode)).toEqual(viaDirect);
    await clearCounty(database, places.countyCode);
  });

  it('a long file goes in segments (households written while the reading goes on), its scattered households written again, and gives what the staging path gives', async () => {
    const places = await createPlaceTree(database);
    const grouped = richRows(places, 400);
    // The second row of every 50th household moved to the end: it comes back after its household was written.
    const late = new Set(grouped.map((_, i) => i).filter((i) => i % 150 === 1));
    const rows = [...grouped.filter((_, i) => !late.has(i)), ...grouped.filter((_, i) => late.has(i))];
    for (const [name, path] of [['csv', writeCsv(dir, `long-${places.countyCode}.csv`, rows, { headers: HEADERS })], ['xlsx', await writeXlsx(dir, `long-${places.countyCode}.xlsx`, rows, { headers: HEADERS })]] as const) {
      const direct = await importRegistry(database, { path, fileName: `long.${name}` }, { statusYear: 2021, recompute: false, segmentBytes: 1 });
      expect(direct.errors).toEqual([]);
      expect(direct).toMatchObject({ ok: true, path: 'direct', rows: 1200, households: { added: 400, updated: 0, unchanged: 0 }, persons: { added: 1200 }, incomes: 400, statusRecords: 400, riskEvents: 80 });
      const viaDirect = await snapshot(database, places.countyCode);
      expect(viaDirect.households.filter((h) => h.size !== 3)).toEqual([]);
      await clearCounty(database, places.countyCode);
      const staged = await importRegistry(database, { path, fileName: `long.${name}` }, { statusYear: 2021, recompute: false, direct: false });
      expect(staged).toMatchObject({ ok: true, path: 'staging', households: direct.households, persons: direct.persons, incomes: 400, statusRecords: 400, riskEvents: 80 });
      expect(await snapshot(database, places.countyCode)).toEqual(viaDirect);
      await clearCounty(database, places.countyCode);
    }
    // A bad village code found after the segments were written: nothing of the file stays.
    const bad = rows.map((r, i) => (i === rows.length - 1 ? r : i >= 600 && i < 603 ? { ...r, 村代码: '999999999999' } : r));
    const refused = await importRegistry(database, { path: writeCsv(dir, `long-bad-${places.countyCode}.csv`, bad, { headers: HEADERS }), fileName: 'long-bad.csv' }, { recompute: false, segmentBytes: 1 });
    expect(refused.ok).toBe(false);
    expect(refused.errors.map((e) => e.column)).toContain('村代码');
    expect(await snapshot(database, places.countyCode)).toMatchObject({ households: [], persons: [], incomes: [], history: [], events: [] });
    // A household without a head in the middle: its segment cannot be written (head_name is required); the rest is
    // only staged, the check names the household, and nothing of the file stays.
    const headless = rows.map((r) => (r['户编号'] === rows[600]['户编号'] ? { ...r, 户主姓名: null, 与户主关系: r['与户主关系'] === '户主' ? '其他' : r['与户主关系'] } : r));
    const noHead = await importRegistry(database, { path: writeCsv(dir, `long-headless-${places.countyCode}.csv`, headless, { headers: HEADERS }), fileName: 'long-headless.csv' }, { recompute: false, segmentBytes: 1 });
    expect(noHead).toMatchObject({ ok: false, path: 'direct' });
    expect(noHead.errors).toEqual([expect.objectContaining({ column: '与户主关系', message: expect.stringContaining(`户 ${rows[600]['户编号']} 没有户主`) })]);
    expect(await snapshot(database, places.countyCode)).toMatchObject({ households: [], persons: [], incomes: [], history: [], events: [] });
  });

  it('marks the county’s rollups stale after a bulk load (the import marks it; no trigger to set aside) and puts keys and indexes back', async () => {
    const places = await createPlaceTree(database);
    const before = await registryIndexes(database);
    const path = writeCsv(dir, `bulk-${places.countyCode}.csv`, registryRows(places, 6, 2));
    const dry = await importRegistry(database, { path, fileName: 'bulk.csv' }, { dryRun: true, bulkLoadRows: 1e9 });
    expect(dry).toMatchObject({ ok: true, path: 'direct', persons: { added: 12 }, indexesRebuilt: before.length - 2 });
    expect(await registryIndexes(database)).toEqual(before);
    expect(await database.db.selectFrom('person').select('id_number').where('county_code', '=', places.countyCode).execute()).toEqual([]);
    const report = await importRegistry(database, { path, fileName: 'bulk.csv' }, { bulkLoadRows: 1e9, recompute: false });
    expect(report).toMatchObject({ ok: true, path: 'direct', households: { added: 6 }, persons: { added: 12 }, indexesRebuilt: before.length - 2 });
    expect(await registryIndexes(database)).toEqual(before);
    const key = await sql<{ def: string }>`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'person'::regclass AND contype = 'p'`.execute(database.db);
    expect(key.rows.map((r) => r.def)).toEqual(['PRIMARY KEY (county_code, id_number)']);
    const state = await database.db.selectFrom('rollup_state').select(['change_seq', 'refreshed_seq']).where('county_code', '=', places.countyCode).executeTakeFirstOrThrow();
    expect(Number(state.change_seq)).toBeGreaterThan(Number(state.refreshed_seq));
  });

  it('a re-import of a county that has households starts again on the staging path and changes nothing', async () => {
    const places = await createPlaceTree(database);
    const path = writeCsv(dir, `again-${places.countyCode}.csv`, registryRows(places, 3, 2));
    expect(await importRegistry(database, { path, fileName: 'again.csv' }, { recompute: false })).toMatchObject({ ok: true, path: 'direct' });
    const first = await snapshot(database, places.countyCode);
    const again = await importRegistry(database, { path, fileName: 'again.csv' }, { recompute: false });
    expect(again).toMatchObject({ ok: true, path: 'staging', households: { added: 0, updated: 0, unchanged: 3 }, persons: { added: 0, updated: 0, unchanged: 6 } });
    expect(await snapshot(database, places.countyCode)).toEqual(first);
  });

  it('a household given by place names instead of 村代码 is resolved on the staging path', async () => {
    const places = await createPlaceTree(database);
    const headers = [...BASIC_HEADERS.filter((h) => h !== '村代码'), '省', '市', '县', '乡镇', '村'];
    const rows = registryRows(places, 2, 2).map((r) => ({ ...r, 省: '测试省', 市: `测试市${places.cityCode}`, 县: `测试县${places.countyCode}`, 乡镇: '测试1镇', 村: '测试1镇1村村委会' }));
    const report = await importRegistry(database, { path: writeCsv(dir, `names-${places.countyCode}.csv`, rows, { headers }), fileName: 'names.csv' }, { recompute: false });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ ok: true, path: 'staging', households: { added: 2 } });
    const villages = await database.db.selectFrom('household').select('village_code').where('county_code', '=', places.countyCode).execute();
    expect(villages).toEqual([{ village_code: places.villageCodes[0] }, { village_code: places.villageCodes[0] }]);
  });

  it.each([
    ['with the registry’s keys kept (unique violation)', 0],
    ['with the keys set aside for a bulk load (checked after the stream)', 1e9],
  ])('an ID number registered in another county is refused by row, %s, and nothing is written', async (_label, bulkLoadRows) => {
    const home = await createPlaceTree(database);
    const homeRows = registryRows(home, 2, 2);
    expect(await importRegistry(database, { path: writeCsv(dir, `home-${home.countyCode}.csv`, homeRows), fileName: 'home.csv' }, { recompute: false })).toMatchObject({ ok: true });
    const places = await createPlaceTree(database);
    const rows = registryRows(places, 3, 2);
    rows[3]['证件号码'] = homeRows[1]['证件号码'];
    const before = await registryIndexes(database);
    const report = await importRegistry(database, { path: writeCsv(dir, `moved-${places.countyCode}.csv`, rows), fileName: 'moved.csv' }, { bulkLoadRows, recompute: false });
    expect(report).toMatchObject({ ok: false, path: 'staging' });
    expect(report.errors).toEqual([{ row: 5, column: '证件号码', value: homeRows[1]['证件号码'], message: expect.stringContaining(`已登记在户 ${home.countyCode}000001`) }]);
    expect(await database.db.selectFrom('household').select('household_no').where('county_code', '=', places.countyCode).execute()).toEqual([]);
    expect(await registryIndexes(database)).toEqual(before);
  });

  it('row errors and an unknown 村代码 on the direct path are reported by row and nothing is written', async () => {
    const places = await createPlaceTree(database);
    const rows = registryRows(places, 3, 2);
    rows[3]['证件号码'] = '110101199003071234';
    rows[4]['村代码'] = places.countyCode + '999999';
    rows[5]['村代码'] = places.countyCode + '999999';
    const report = await importRegistry(database, { path: writeCsv(dir, `bad-${places.countyCode}.csv`, rows), fileName: 'bad.csv' }, { recompute: false });
    expect(report).toMatchObject({ ok: false, path: 'direct' });
    expect(report.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [5, '证件号码', '110101199003071234'],
      [6, '村代码', places.countyCode + '999999'],
    ]);
    expect(await database.db.selectFrom('person').select('id_number').where('county_code', '=', places.countyCode).execute()).toEqual([]);
  });
});
