/**
 * 名单比对 on both databases: a roster matched by ID number written every way (15 digits,
 * lower-case x, full-width digits, spaces), the registry category of each row, the conflicts
 * field by field, the rows matching nobody, bad rows refused naming row, column and value with
 * nothing written, a missing mapping refused with a suggestion, scope, masking and retention.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database';
import { scopeOf } from '../../src/db/placeScope';
import { completeIdNumber } from '../../src/domain/idNumber';
import { findRoster, listRosters, purgeRosters, rosterReport, rosterRowViews, saveMapping } from '../../src/modules/rosters/service';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { AT, MAPPING, upload } from './helpers';

/** The 15-digit form of an 18-digit number born in the 1900s. */
const fifteen = (id: string) => id.slice(0, 6) + id.slice(8, 17);
const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe.each(testDatabases)('rosters on $name', ({ open }) => {
  let database: Database;
  let a: TestPlaces;
  const h: Record<string, CreatedHousehold> = {};
  let xId: string;

  beforeAll(async () => {
    database = await open();
    a = await createPlaceTree(database);
    const C = a.countyCode;
    // A number ending in X, to be written with a lower-case x.
    for (let s = 1; ; s++) {
      const id = completeIdNumber(`${C}19700101${String(900 + s).padStart(3, '0')}`);
      if (id.endsWith('X')) { xId = id; break; }
    }
    h.eliminated = await createHousehold(database, a, { status: 'risk_eliminated', monitorCategory: 'marginal', exitYear: 2024 });
    h.exited = await createHousehold(database, a, { status: 'exited', exitYear: 2019, members: [{ relation: 'head', idNumber: xId }, { relation: 'spouse', columns: { health: 'disabled', disability_grade: 2 } }] });
    h.monitored = await createHousehold(database, a, { status: 'monitored', monitorCategory: 'sudden', attribute: 'dibao' });
    h.otherTownship = await createHousehold(database, a, { status: 'exited', exitYear: 2019, villageCode: a.villageCodes[2] });
    await saveMapping(database.db, C, '民政低收入人口', MAPPING, 'test', AT);
  });
  afterAll(async () => database?.close());

  const m = (k: string, i = 0) => h[k].members[i];

  it('matches 15-digit, lower-case x, full-width and spaced ID numbers; reports categories, conflicts and unmatched rows, masked', async () => {
    const stranger = completeIdNumber(`${a.countyCode}19800101777`);
    const r = await upload(database, a.countyCode, [
      { 公民身份号码: fifteen(m('eliminated').idNumber), 姓名: m('eliminated').name, 区划代码: a.villageCodes[0], 户类型: '', 救助类型: '低保', 残疾等级: '' },
      { 公民身份号码: xId.slice(0, 17) + 'x', 姓名: m('exited').name, 区划代码: '', 户类型: '脱贫户', 救助类型: '', 残疾等级: '' },
      { 公民身份号码: fullWidth(m('exited', 1).idNumber), 姓名: '别名', 区划代码: '', 户类型: '', 救助类型: '', 残疾等级: '三级' },
      { 公民身份号码: ` ${m('monitored').idNumber.slice(0, 6)} ${m('monitored').idNumber.slice(6)} `, 姓名: m('monitored').name, 区划代码: '', 户类型: '监测对象', 救助类型: '低保', 残疾等级: '' },
      { 公民身份号码: stranger, 姓名: '名单外', 区划代码: '', 户类型: '', 救助类型: '', 残疾等级: '' },
    ], { encoding: 'gbk' });
    expect(r.message).toContain('5 行');
    expect(r.result).toMatchObject({ rows: 5, matched: 4, conflicts: 2, refusedRows: 0 });
    const roster = (await findRoster(database.db, r.result.rosterId!))!;
    const report = await rosterReport(database.db, roster);
    expect(report.byCategory.map((c) => [c.label, c.rows, c.conflicts])).toEqual([
      ['脱贫户', 2, 1], ['监测对象', 1, 0], ['风险已消除', 1, 1], ['不在本地登记', 1, 0],
    ]);
    const conflicts = await rosterRowViews(database.db, roster, { view: 'conflicts' }, { page: 1, pageSize: 20 });
    expect(conflicts.items.map((x) => x.rowNo)).toEqual([2, 4]);
    const dibao = conflicts.items[0];
    expect(dibao).toMatchObject({ categoryLabel: '风险已消除', householdNo: h.eliminated.householdNo });
    expect(dibao.idNumber).toBe(m('eliminated').idNumber.slice(0, 6) + '********' + m('eliminated').idNumber.slice(-4));
    expect(dibao.conflicts).toEqual([{ field: '救助类型', registry: '无', roster: '低保', note: '在册为「风险已消除」，名单显示新纳入低保：应核实是否有返贫致贫风险' }]);
    expect(conflicts.items[1].conflicts).toEqual([{ field: '姓名', registry: m('exited', 1).name, roster: '别名' }, { field: '残疾等级', registry: '***', roster: '***', sensitive: true }]);
    const unmatched = await rosterRowViews(database.db, roster, { view: 'unmatched' }, { page: 1, pageSize: 20 });
    expect(unmatched.items).toEqual([expect.objectContaining({ rowNo: 6, name: '名单外', category: 'unmatched', householdNo: null, conflicts: [] })]);
    const stored = await sql<{ id_number: string }>`SELECT id_number FROM roster_row WHERE county_code = ${a.countyCode} AND roster_id = ${roster.id} ORDER BY row_no`.execute(database.db);
    expect(stored.rows.map((x) => x.id_number)).toEqual([m('eliminated').idNumber, xId, m('exited', 1).idNumber, m('monitored').idNumber, stranger]);
  });

  it('refuses bad rows naming row, column and value, writing nothing', async () => {
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM roster WHERE county_code = ${a.countyCode}`.execute(database.db);
    const bad = m('exited').idNumber.slice(0, 17) + (m('exited').idNumber.endsWith('0') ? '1' : '0');
    const r = await upload(database, a.countyCode, [
      { 公民身份号码: m('monitored').idNumber, 姓名: '', 区划代码: '', 户类型: '', 救助类型: '', 残疾等级: '' },
      { 公民身份号码: bad, 姓名: '', 区划代码: '', 户类型: '', 救助类型: '', 残疾等级: '' },
      { 公民身份号码: m('eliminated').idNumber, 姓名: '', 区划代码: '110101', 户类型: '贫困', 救助类型: '临时', 残疾等级: '' },
      { 公民身份号码: fifteen(m('monitored').idNumber), 姓名: '', 区划代码: '', 户类型: '', 救助类型: '', 残疾等级: '' },
    ]);
    expect(r.status).toBe('failed');
    expect(r.result.rosterId).toBeNull();
    expect(r.result.refusedRows).toBe(3);
    const byRow = (row: number) => r.result.problems.filter((p) => p.row === row);
    expect(byRow(3)).toEqual([expect.objectContaining({ field: '公民身份号码', value: bad, message: expect.stringMatching(/^第 3 行「公民身份号码」列的值「\d{17}[\dX]」不是有效的身份证号：校验位错误/) })]);
    expect(byRow(4).map((p) => [p.field, p.value])).toEqual([['区划代码', '110101'], ['户类型', '贫困'], ['救助类型', '临时']]);
    expect(byRow(4)[0].message).toContain(`不在本次上传的范围（${a.countyCode}）内`);
    expect(byRow(5)[0].message).toBe(`第 5 行「公民身份号码」列的身份证号与第 2 行重复（同一号码的不同写法按同一人计）`);
    expect(r.message).toContain('没有写入任何数据');
    const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM roster WHERE county_code = ${a.countyCode}`.execute(database.db);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('refuses a file without a mapping for its source, offering the headers and a suggested mapping', async () => {
    const r = await upload(database, a.countyCode, [{ 学生姓名: '张三', 学生身份证号: m('exited').idNumber, 学校: '一中' }], { source: '县一中学生名单', headers: ['学生姓名', '学生身份证号', '学校'] });
    expect(r.status).toBe('failed');
    expect(r.result.problems[0]).toMatchObject({ row: 1, field: '列映射', message: '来源「县一中学生名单」还没有列映射：请对照第 1 行（表头）设置一次列映射后重新上传' });
    expect(r.result.mapping).toEqual({ headers: ['学生姓名', '学生身份证号', '学校'], suggested: { idNumber: '学生身份证号', name: '学生姓名' }, saved: null });
    await saveMapping(database.db, a.countyCode, '县一中学生名单', { idNumber: '身份证', name: '学生姓名' }, 'test', AT);
    const missing = await upload(database, a.countyCode, [{ 学生姓名: '张三', 学生身份证号: m('exited').idNumber }], { source: '县一中学生名单', headers: ['学生姓名', '学生身份证号'] });
    expect(missing.result.problems[0].message).toContain('缺少来源「县一中学生名单」的列映射中的列：身份证号（映射到「身份证」，文件中没有这一列）');
  });

  it('matches only the registry of the place uploaded for, and lists rosters only inside the reader\'s scope', async () => {
    const township = a.townshipCodes[0];
    const r = await upload(database, township, [
      { 公民身份号码: m('exited').idNumber, 姓名: '', 区划代码: '', 户类型: '', 救助类型: '', 残疾等级: '' },
      { 公民身份号码: m('otherTownship').idNumber, 姓名: '', 区划代码: '', 户类型: '', 救助类型: '', 残疾等级: '' },
    ]);
    const roster = (await findRoster(database.db, r.result.rosterId!))!;
    expect((await rosterReport(database.db, roster)).byCategory.map((c) => [c.category, c.rows])).toEqual([['exited', 1], ['unmatched', 1]]);
    const mine = (await listRosters(database.db, scopeOf([township]))).map((x) => x.id);
    expect(mine).toContain(roster.id);
    const other = (await listRosters(database.db, scopeOf([a.townshipCodes[1]]))).map((x) => x.id);
    expect(other).not.toContain(roster.id);
    expect(other).toEqual([]);
  });

  it('purges a roster\'s rows when its retention ends, keeping the record', async () => {
    const r = await upload(database, a.countyCode, [{ 公民身份号码: m('exited').idNumber, 姓名: '', 区划代码: '', 户类型: '', 救助类型: '', 残疾等级: '' }], { retentionDays: 1 });
    const id = r.result.rosterId!;
    expect(await purgeRosters(database.db, new Date(AT.getTime() + 86_400_000 - 1))).toBe(0);
    expect(await purgeRosters(database.db, new Date(AT.getTime() + 86_400_000))).toBeGreaterThanOrEqual(1);
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM roster_row WHERE county_code = ${a.countyCode} AND roster_id = ${id}`.execute(database.db);
    expect(left.rows[0].n).toBe(0);
    expect((await findRoster(database.db, id))!.purgedAt).not.toBeNull();
  });
});
