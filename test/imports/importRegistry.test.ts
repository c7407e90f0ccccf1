import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database';
import { scopeOf } from '../../src/db/placeScope';
import { buildTemplate, importRegistry } from '../../src/modules/imports/service';
import ExcelJS from 'exceljs';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, idNumberFor } from '../helpers/factory';
import { BASIC_HEADERS, registryRows, tempDir, writeCsv, writeXlsx } from './files';

async function registryOf(database: Database, countyCode: string) {
  const { db } = database;
  const households = await db.selectFrom('household').selectAll().where('county_code', '=', countyCode).orderBy('household_no').execute();
  const persons = await db.selectFrom('person').selectAll().where('county_code', '=', countyCode).orderBy('id_number').execute();
  const incomes = await db.selectFrom('household_income').selectAll().where('county_code', '=', countyCode).orderBy('household_no').execute();
  const history = await db.selectFrom('household_status_history').selectAll().where('county_code', '=', countyCode).orderBy('household_no').execute();
  return { households, persons, incomes, history };
}

describe.each(testDatabases)('registry import on $name', ({ open }) => {
  let database: Database;
  const dir = tempDir();
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a CSV: households, persons with sex and birth from the ID, income and status history', async () => {
    const places = await createPlaceTree(database);
    const rows = registryRows(places, 4, 3);
    const path = writeCsv(dir, `happy-${places.countyCode}.csv`, rows);
    const report = await importRegistry(database, { path, fileName: 'happy.csv' }, { statusYear: 2019 });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ ok: true, rows: 12, households: { added: 4, updated: 0, unchanged: 0 }, persons: { added: 12, updated: 0, unchanged: 0 }, incomes: 4, statusRecords: 4 });
    const { households, persons, incomes, history } = await registryOf(database, places.countyCode);
    expect(households).toHaveLength(4);
    expect(households[0]).toMatchObject({
      household_no: places.countyCode + '000001',
      village_code: places.villageCodes[0],
      township_code: places.villageCodes[0].slice(0, 9),
      head_name: '户主1',
      head_id_number: rows[0]['证件号码'],
      attribute: 'dibao',
      status: 'poor',
      main_cause: 'illness',
      other_causes: ['capital', 'labour'],
      size: 3,
    });
    expect(persons).toHaveLength(12);
    const spouse = persons.find((p) => p.id_number === rows[1]['证件号码'])!;
    expect(spouse).toMatchObject({ name: '成员1-1', sex: 'F', relation: 'spouse', ethnicity: '01', insured_basic: true, household_no: households[0].household_no });
    expect(spouse.birth_date).toBe(`1962-${String(rows[1]['证件号码']).slice(10, 12)}-${String(rows[1]['证件号码']).slice(12, 14)}`);
    expect(incomes[0]).toMatchObject({ year: 2019, wages: 9000, transfer: 1200, production_cost: 600, household_size: 3, per_capita_net: 3200 });
    expect(history.map((h) => [h.household_no, h.year, h.status])).toEqual(households.map((h) => [h.household_no, 2019, 'poor']));
  });

  it('imports .xlsx with a title row above the headers, and GBK and BOM CSV files alike', async () => {
    const places = await createPlaceTree(database);
    const xlsx = await writeXlsx(dir, `title-${places.countyCode}.xlsx`, registryRows(places, 2, 2, 1), { titleRows: [['测试县建档立卡贫困户花名册']] });
    const gbk = writeCsv(dir, `gbk-${places.countyCode}.csv`, registryRows(places, 2, 2, 3), { encoding: 'gbk' });
    const bom = writeCsv(dir, `bom-${places.countyCode}.csv`, registryRows(places, 2, 2, 5), { encoding: 'utf8-bom' });
    for (const [path, name] of [[xlsx, 'a.xlsx'], [gbk, 'b.csv'], [bom, 'c.csv']]) {
      const report = await importRegistry(database, { path, fileName: name });
      expect(report.errors).toEqual([]);
      expect(report).toMatchObject({ ok: true, rows: 4, households: { added: 2 }, persons: { added: 4 } });
    }
    const { households, persons } = await registryOf(database, places.countyCode);
    expect(households.map((h) => h.head_name)).toEqual(['户主1', '户主2', '户主3', '户主4', '户主5', '户主6']);
    expect(households.map((h) => h.attribute)).toEqual(['dibao', 'general', 'dibao', 'general', 'dibao', 'general']);
    expect(persons).toHaveLength(12);
  });

  it('dry run validates against the database, reports what it would do, and writes nothing', async () => {
    const places = await createPlaceTree(database);
    const path = writeCsv(dir, `dry-${places.countyCode}.csv`, registryRows(places, 3, 2));
    const jobsBefore = await database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'registry.import').executeTakeFirstOrThrow();
    const dry = await importRegistry(database, { path, fileName: 'dry.csv' }, { dryRun: true });
    expect(dry).toMatchObject({ ok: true, dryRun: true, households: { added: 3, updated: 0, unchanged: 0 }, persons: { added: 6 } });
    const after = await registryOf(database, places.countyCode);
    expect([after.households, after.persons, after.incomes, after.history]).toEqual([[], [], [], []]);
    const jobsAfter = await database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'registry.import').executeTakeFirstOrThrow();
    expect(Number(jobsAfter.n)).toBe(Number(jobsBefore.n));
    const real = await importRegistry(database, { path, fileName: 'dry.csv' });
    expect({ households: real.households, persons: real.persons }).toEqual({ households: dry.households, persons: dry.persons });
  });

  it('re-importing the same file changes nothing; a changed file reports exactly what changed', async () => {
    const places = await createPlaceTree(database);
    const rows = registryRows(places, 3, 2);
    const path = writeCsv(dir, `again-${places.countyCode}.csv`, rows);
    await importRegistry(database, { path, fileName: 'again.csv' }, { statusYear: 2019 });
    const before = await registryOf(database, places.countyCode);
    const again = await importRegistry(database, { path, fileName: 'again.csv' }, { statusYear: 2019 });
    expect(again).toMatchObject({ ok: true, households: { added: 0, updated: 0, unchanged: 3 }, persons: { added: 0, updated: 0, unchanged: 6 }, incomes: 0, statusRecords: 0 });
    expect(await registryOf(database, places.countyCode)).toEqual(before);

    // Household 2 exits; a member of household 3 is renamed; household 1 gains a child (its size changes).
    const changed = rows.map((r) => ({ ...r }));
    for (const r of changed.filter((x) => x['户编号'] === places.countyCode + '000002')) r['户状态'] = '已脱贫';
    changed[5]['姓名'] = '改名后';
    changed.push({ ...changed[0], 姓名: '新生儿', 证件号码: idNumberFor(places.countyCode, '2019-06-01', 99, 'F'), 与户主关系: '之女' });
    const changedPath = writeCsv(dir, `changed-${places.countyCode}.csv`, changed);
    const report = await importRegistry(database, { path: changedPath, fileName: 'changed.csv' }, { statusYear: 2019 });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ households: { added: 0, updated: 2, unchanged: 1 }, persons: { added: 1, updated: 1, unchanged: 5 } });
    const after = await registryOf(database, places.countyCode);
    expect(after.households.map((h) => [h.status, h.size])).toEqual([['poor', 3], ['exited', 2], ['poor', 2]]);
    expect(after.persons.find((p) => p.id_number === rows[5]['证件号码'])?.name).toBe('改名后');
    expect(after.incomes[0]).toMatchObject({ household_size: 3, per_capita_net: Math.round(((9000 + 1200 - 600) / 3) * 100) / 100 });
    expect(after.history.find((h) => h.household_no === places.countyCode + '000002')?.status).toBe('exited');
  });

  it('counts members already registered but not in the file, and keeps columns the file does not have', async () => {
    const places = await createPlaceTree(database);
    const existing = await createHousehold(database, places, { columns: { house_grade: 'B', water_lpd: 55 } });
    const newcomer = idNumberFor(places.countyCode, '2001-01-01', 7, 'M');
    const headers = ['户编号', '村代码', '户属性', '户状态', '姓名', '证件号码', '与户主关系'];
    const path = writeCsv(dir, `partial-${places.countyCode}.csv`, [{ 户编号: existing.householdNo, 村代码: existing.villageCode, 户属性: '一般贫困户', 户状态: '未脱贫', 姓名: '新成员', 证件号码: newcomer, 与户主关系: '之子' }], { headers });
    const report = await importRegistry(database, { path, fileName: 'partial.csv' }, { statusYear: 2019 });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ households: { updated: 1 }, persons: { added: 1 } });
    const household = await database.db.selectFrom('household').selectAll().where('household_no', '=', existing.householdNo).executeTakeFirstOrThrow();
    expect(household).toMatchObject({ size: 3, head_name: existing.headName, head_id_number: existing.members[0].idNumber, house_grade: 'B', water_lpd: 55 });
  });

  it('never imports the template’s example: the unchanged template and a file of only the example row are refused', async () => {
    const template = join(dir, 'template.xlsx');
    writeFileSync(template, await buildTemplate());
    const unchanged = await importRegistry(database, { path: template, fileName: '模板.xlsx' });
    expect(unchanged.ok).toBe(false);
    expect(unchanged.errors).toEqual([{ row: 0, column: '', value: '', message: '文件只有表头，没有数据行（导入模板的示例在“示例（不导入）”工作表，不会导入；请在第一个工作表中填写数据）' }]);
    // The example row copied into the import sheet, alone or beside real rows: refused, naming the row.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(template) as unknown as ArrayBuffer);
    const [sheet, example] = book.worksheets;
    sheet.addRow(example.getRow(2).values as ExcelJS.CellValue[]);
    const copied = join(dir, 'copied.xlsx');
    await book.xlsx.writeFile(copied);
    const only = await importRegistry(database, { path: copied, fileName: 'copied.xlsx' });
    expect(only.ok).toBe(false);
    expect(only.errors).toEqual([{ row: 2, column: '户编号', value: '4114260207201001', message: '这是导入模板中的示例行（户编号 4114260207201001，张三），不会导入：请删除该行，填写真实数据' }]);
    expect(await database.db.selectFrom('household').select('household_no').where('household_no', '=', '4114260207201001').execute()).toEqual([]);
  });

  it('refuses an ID number of another household — in the file or in the registry — naming both households', async () => {
    const places = await createPlaceTree(database);
    const registered = await createHousehold(database, places);
    const rows = registryRows(places, 3, 2, 10);
    rows[3]['证件号码'] = rows[0]['证件号码'];
    rows[5]['证件号码'] = registered.members[1].idNumber;
    const path = writeCsv(dir, `dup-${places.countyCode}.csv`, rows);
    const report = await importRegistry(database, { path, fileName: 'dup.csv' });
    expect(report.ok).toBe(false);
    const [h10, h11, h12] = [10, 11, 12].map((n) => places.countyCode + String(n).padStart(6, '0'));
    expect(report.errors).toEqual([
      { row: 5, column: '证件号码', value: rows[0]['证件号码'], message: expect.stringMatching(new RegExp(`户 ${h10} 中.*属于户 ${h11}`)) },
      { row: 7, column: '证件号码', value: registered.members[1].idNumber, message: expect.stringMatching(new RegExp(`已登记在户 ${registered.householdNo}.*属于户 ${h12}`)) },
    ]);
    expect((await registryOf(database, places.countyCode)).households.map((h) => h.household_no)).toEqual([registered.householdNo]);
  });

  it('reports row errors with row, column, value and a Chinese reason, and writes nothing', async () => {
    const places = await createPlaceTree(database);
    const rows = registryRows(places, 3, 2);
    rows[0]['户属性'] = rows[1]['户属性'] = '困难户';
    rows[2]['证件号码'] = String(rows[2]['证件号码']).slice(0, 17) + (String(rows[2]['证件号码']).endsWith('0') ? '1' : '0');
    rows[3]['户状态'] = '已脱贫';
    rows[4]['姓名'] = '';
    rows[5]['工资性收入'] = '很多';
    rows[5]['与户主关系'] = '户主';
    const path = writeCsv(dir, `bad-${places.countyCode}.csv`, rows);
    const report = await importRegistry(database, { path, fileName: 'bad.csv' });
    expect(report.ok).toBe(false);
    const summary = report.errors.map((e) => [e.row, e.column, e.value]);
    expect(summary).toEqual([
      [2, '户属性', '困难户'],
      [4, '证件号码', rows[2]['证件号码']],
      [5, '户状态', '已脱贫'],
      [6, '姓名', ''],
      [7, '工资性收入', '很多'],
      [7, '与户主关系', '户主'],
    ]);
    expect(report.errors[0].message).toContain('不是有效的贫困户属性，应为：一般贫困户、低保贫困户、特困供养贫困户');
    expect(report.errors[1].message).toMatch(/校验位错误/);
    expect(report.errors[2].message).toContain(`第4行的“户状态”（未脱贫）不一致`);
    expect(report.errors[3].message).toBe('姓名不能为空');
    expect(report.errors[5].message).toMatch(/已有户主（第6行）/);
    expect((await registryOf(database, places.countyCode)).households).toEqual([]);
  });

  it('finds villages by name (tolerating 村/村委会), reports unknown names, and refuses places outside the scope', async () => {
    const places = await createPlaceTree(database);
    const headers = ['户编号', '省', '市', '县', '乡镇', '村', '户属性', '户状态', '姓名', '证件号码', '与户主关系'];
    const row = (no: string, village: string, serial: number) => ({
      户编号: no, 省: '测试省', 市: `测试市${places.cityCode}`, 县: `测试县${places.countyCode}`, 乡镇: '测试2镇', 村: village,
      户属性: '一般贫困户', 户状态: '未脱贫', 姓名: '户主' + serial, 证件号码: idNumberFor(places.countyCode, '1970-01-01', serial), 与户主关系: '户主',
    });
    const good = writeCsv(dir, `names-${places.countyCode}.csv`, [row(places.countyCode + '900001', '测试2镇2村', 1)], { headers });
    const report = await importRegistry(database, { path: good, fileName: 'names.csv' }, { statusYear: 2019 });
    expect(report.errors).toEqual([]);
    expect(report.warnings.join()).toContain('测试2镇2村');
    const household = await database.db.selectFrom('household').select(['village_code', 'township_code']).where('household_no', '=', places.countyCode + '900001').executeTakeFirstOrThrow();
    expect(household).toEqual({ village_code: places.villageCodes[3], township_code: places.townshipCodes[1] });

    const bad = writeCsv(dir, `badnames-${places.countyCode}.csv`, [row(places.countyCode + '900002', '无此村', 2)], { headers });
    const refused = await importRegistry(database, { path: bad, fileName: 'bad.csv' }, { statusYear: 2019 });
    expect(refused.errors).toEqual([{ row: 2, column: '村', value: '无此村', message: expect.stringContaining('找不到') }]);

    const other = writeCsv(dir, `scope-${places.countyCode}.csv`, registryRows(places, 1, 1, 50).map((r) => ({ ...r, 村代码: places.villageCodes[3] })));
    const outside = await importRegistry(database, { path: other, fileName: 'scope.csv' }, { scope: scopeOf([places.townshipCodes[0]]), statusYear: 2019 });
    expect(outside.errors).toEqual([{ row: 2, column: '村代码', value: places.villageCodes[3], message: expect.stringContaining('不在您的管辖范围内') }]);
  });

  it('derives the head from the members, refuses a household without one, and warns of unknown columns', async () => {
    const places = await createPlaceTree(database);
    const rows = registryRows(places, 2, 2, 70);
    rows[2]['与户主关系'] = '配偶';
    const headers = [...BASIC_HEADERS.slice().reverse(), '备注'];
    const path = writeCsv(dir, `head-${places.countyCode}.csv`, rows.map((r) => ({ ...r, 备注: '无' })), { headers });
    const report = await importRegistry(database, { path, fileName: 'head.csv' });
    expect(report.warnings).toContain('未识别的列“备注”，已忽略');
    expect(report.errors).toEqual([{ row: 4, column: '与户主关系', value: '', message: expect.stringContaining(`户 ${places.countyCode}000071 没有户主`) }]);
  });

  it('a bulk load into a registry no larger than itself rebuilds the indexes and gives the same result', async () => {
    const places = await createPlaceTree(database);
    const indexes = async () =>
      (await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE tablename IN ('household', 'person') AND schemaname = current_schema() ORDER BY 1`.execute(database.db)).rows.map((r) => r.name);
    const before = await indexes();
    const path = writeCsv(dir, `bulk-${places.countyCode}.csv`, registryRows(places, 5, 2));
    const dry = await importRegistry(database, { path, fileName: 'bulk.csv' }, { dryRun: true, bulkLoadRows: 1 });
    expect(dry).toMatchObject({ ok: true, persons: { added: 10 } });
    expect(await indexes()).toEqual(before);
    const estimate = await sql<{ n: number }>`SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = 'person'::regclass`.execute(database.db);
    const report = await importRegistry(database, { path, fileName: 'bulk.csv' }, { bulkLoadRows: 1 });
    expect(report).toMatchObject({ ok: true, households: { added: 5 }, persons: { added: 10 } });
    if (Number(estimate.rows[0].n) <= 10) expect([report.indexesRebuilt, dry.indexesRebuilt]).toEqual([before.length - 2, before.length - 2]);
    expect(await indexes()).toEqual(before);
    const found = await database.db.selectFrom('person').select('name').where('id_number', '=', String(registryRows(places, 1, 1)[0]['证件号码'])).execute();
    expect(found).toEqual([{ name: '户主1' }]);
  });

  it('takes off the apostrophe an export puts before text that starts like a formula', async () => {
    const places = await createPlaceTree(database);
    const rows = registryRows(places, 1, 1).map((r) => ({ ...r, 姓名: "'=张三", 户主姓名: "'=张三", 联系电话: "'+86 13800000000" }));
    const path = writeCsv(dir, `quoted-${places.countyCode}.csv`, rows, { headers: [...BASIC_HEADERS, '户主姓名', '联系电话'] });
    const report = await importRegistry(database, { path, fileName: 'quoted.csv' });
    expect(report.errors).toEqual([]);
    const household = await database.db.selectFrom('household').select(['head_name', 'phone']).where('county_code', '=', places.countyCode).executeTakeFirstOrThrow();
    expect(household).toEqual({ head_name: '=张三', phone: '+86 13800000000' });
  });

  it('names a column stored as an Excel number that lost digits', async () => {
    const places = await createPlaceTree(database);
    const rows = registryRows(places, 1, 1);
    for (let serial = 1; String(rows[0]['证件号码']).endsWith('X'); serial++) rows[0]['证件号码'] = idNumberFor(places.countyCode, '1960-01-01', serial);
    const path = await writeXlsx(dir, `numbers-${places.countyCode}.xlsx`, rows, { idAsNumber: true });
    const report = await importRegistry(database, { path, fileName: 'numbers.xlsx' });
    expect(report.errors).toEqual([{ row: 2, column: '证件号码', value: expect.stringMatching(/^\d{18}$|E\+17$/), message: expect.stringContaining('存成了数字') }]);
  });
});
