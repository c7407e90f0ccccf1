/**
 * 大数据比对 on planted data, on both databases: every rule's hits and near-misses, a repeated
 * run adding and resolving nothing, a hit resolved by a newer batch, a refused (partial) batch
 * never used, and the bad inputs refused row by row (unknown columns, wrong encoding, check
 * digits, rows outside the scope). GBK files are read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database';
import { ALL_PLACES } from '../../src/db/placeScope';
import { listHitViews } from '../../src/modules/compare/service';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, idNumberFor, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { importRows, runCounties, runCounty, TODAY } from './helpers';

const viewer = { role: 'county_operator', revealIds: true, withholdsHealth: false, today: TODAY };

const person = (h: CreatedHousehold, i: number) => ({ 身份证号: h.members[i].idNumber, 姓名: h.members[i].name });

describe.each(testDatabases)('comparison rules on $name', ({ open }) => {
  let database: Database;
  let a: TestPlaces;
  const h: Record<string, CreatedHousehold> = {};

  const hitsOf = async (county: string, status?: string) =>
    (await listHitViews(database.db, ALL_PLACES, { place: county, status }, null, viewer)).items;

  beforeAll(async () => {
    database = await open();
    a = await createPlaceTree(database);
    const make = (key: string, spec: Parameters<typeof createHousehold>[2] = {}) => createHousehold(database, a, spec).then((x) => (h[key] = x));
    const disabled = (grade: number) => ({ columns: { health: 'disabled', disability_grade: grade } });
    await make('car');
    await make('carCheap');
    await make('exited', { status: 'exited', exitYear: 2019 });
    await make('notPoorSmallBills', { status: 'not_poor', identifiedYear: null, history: [] });
    await make('business');
    await make('payroll');
    await make('housing');
    await make('pension');
    await make('deathMove', { status: 'exited', exitYear: 2019 });
    await make('moveWithin');
    await make('dibaoUnmarked');
    await make('dibaoUnlisted', { attribute: 'dibao' });
    await make('dibaoOk', { attribute: 'dibao' });
    await make('disability', { members: [{ relation: 'head' }, { relation: 'spouse', ...disabled(3) }] });
    await make('noCard', { members: [{ relation: 'head', ...disabled(2) }] });
    await make('deregistered', { status: 'deregistered' });
    const C = a.countyCode;
    const ok = (rows: Record<string, string>[]) => rows;
    const imports = [
      importRows(database, 'vehicle', C, ok([
        { ...person(h.car, 0), 号牌号码: '测A12345', 车辆类型: '小型轿车', 车辆状态: '正常', '车辆价值（元）': '80000' },
        { ...person(h.car, 1), 号牌号码: '测A00001', 车辆类型: '拖拉机', 车辆状态: '正常', '车辆价值（元）': '50000' },
        { ...person(h.carCheap, 0), 号牌号码: '测A00002', 车辆类型: '小型轿车', 车辆状态: '正常', '车辆价值（元）': '20000' },
        { ...person(h.carCheap, 1), 号牌号码: '测A00003', 车辆类型: '轻型货车', 车辆状态: '正常', '车辆价值（元）': '' },
        { ...person(h.exited, 0), 号牌号码: '测A00004', 车辆类型: '小型轿车', 车辆状态: '正常', '车辆价值（元）': '100000' },
        { ...person(h.payroll, 1), 号牌号码: '测A00005', 车辆类型: '小型轿车', 车辆状态: '报废', '车辆价值（元）': '90000' },
        { ...person(h.deregistered, 0), 号牌号码: '测A00006', 车辆类型: '小型轿车', 车辆状态: '正常', '车辆价值（元）': '90000' },
      ])),
      importRows(database, 'business', C, [
        { ...person(h.business, 0), 市场主体名称: '测试商贸有限公司', 主体类型: '有限责任公司', 人员身份: '股东', '出资或注册资本（元）': '150000', 登记状态: '存续' },
        { ...person(h.business, 1), 市场主体名称: '测试种植合作社', 主体类型: '农民专业合作社', 人员身份: '法定代表人', '出资或注册资本（元）': '500000', 登记状态: '存续' },
        { ...person(h.housing, 1), 市场主体名称: '测试小店', 主体类型: '个体工商户', 人员身份: '经营者', '出资或注册资本（元）': '99999', 登记状态: '存续' },
        { ...person(h.pension, 1), 市场主体名称: '测试注销公司', 主体类型: '有限责任公司', 人员身份: '法定代表人', '出资或注册资本（元）': '1000000', 登记状态: '注销' },
      ]),
      importRows(database, 'payroll', C, [
        { ...person(h.payroll, 0), 单位名称: '测试县教育局', 供养类型: '在编' },
      ]),
      importRows(database, 'housing', C, [
        { ...person(h.housing, 0), 房屋坐落: '测试县城关镇幸福小区1栋', 房屋类型: '商品房', 所在区域: '县城', 登记日期: '2023-05-01' },
        { ...person(h.moveWithin, 1), 房屋坐落: '测试1镇街道', 房屋类型: '商品房', 所在区域: '集镇', 登记日期: '2023-05-01' },
        { ...person(h.dibaoOk, 1), 房屋坐落: '测试县安置区', 房屋类型: '安置房', 所在区域: '县城', 登记日期: '2019-05-01' },
      ]),
      importRows(database, 'social_insurance', C, [
        { ...person(h.pension, 0), 险种: '城镇职工基本养老保险', 待遇状态: '领取' },
        { ...person(h.car, 1), 险种: '城乡居民基本养老保险', 待遇状态: '领取' },
      ]),
      importRows(database, 'death', C, [{ ...person(h.deathMove, 0), 死亡日期: '2023-11-02' }]),
      importRows(database, 'move', C, [
        { ...person(h.deathMove, 1), 迁出日期: '2023-08-01', 迁往地区代码: '440106', 迁移原因: '务工' },
        { ...person(h.moveWithin, 0), 迁出日期: '2023-08-01', 迁往地区代码: a.villageCodes[1], 迁移原因: '婚嫁' },
        { ...person(h.moveWithin, 1), 迁出日期: '2023-09-01', 迁往地区代码: '440106', 迁移原因: '升学' },
      ]),
      importRows(database, 'assistance', C, [
        { ...person(h.dibaoUnmarked, 0), 救助类型: '低保', 保障状态: '在保', 起始日期: '2022-01-01' },
        { ...person(h.dibaoOk, 0), 救助类型: '低保', 保障状态: '在保', 起始日期: '2022-01-01' },
        { ...person(h.dibaoUnlisted, 0), 救助类型: '低保', 保障状态: '停保', 起始日期: '2020-01-01' },
      ]),
      importRows(database, 'disability', C, [
        { ...person(h.disability, 0), 残疾类别: '肢体', 残疾等级: '二级', 证件状态: '有效' },
        { ...person(h.disability, 1), 残疾类别: '视力', 残疾等级: '1', 证件状态: '有效' },
        { ...person(h.noCard, 0), 残疾类别: '肢体', 残疾等级: '二级', 证件状态: '注销' },
      ]),
      importRows(database, 'medical', C, [
        { ...person(h.exited, 1), 结算日期: '2023-06-01', '总费用（元）': '50000', '个人自付（元）': '7000' },
        { ...person(h.exited, 1), 结算日期: '2024-01-15', '总费用（元）': '20000', '个人自付（元）': '5000.50' },
        { ...person(h.notPoorSmallBills, 0), 结算日期: '2023-06-01', '个人自付（元）': '6000', '总费用（元）': '' },
        { ...person(h.notPoorSmallBills, 1), 结算日期: '2022-06-01', '个人自付（元）': '9000', '总费用（元）': '' },
        { ...person(h.car, 0), 结算日期: '2023-06-01', '个人自付（元）': '30000', '总费用（元）': '' },
      ]),
    ];
    for (const job of imports) expect((await job).status, JSON.stringify((await job).result)).toBe('done');
  });

  afterAll(async () => {
    await database?.close();
  });

  it('finds every rule on planted data and nothing on the near-misses', async () => {
    const run = await runCounty(database, a.countyCode);
    const hits = await hitsOf(a.countyCode);
    const found = hits.map((x) => `${x.ruleCode}:${x.idNumber ?? x.householdNo}`).sort();
    const expected = [
      `vehicle:${h.car.members[0].idNumber}`,
      `vehicle:${h.carCheap.members[1].idNumber}`,
      `business:${h.business.members[0].idNumber}`,
      `payroll:${h.payroll.members[0].idNumber}`,
      `housing:${h.housing.members[0].idNumber}`,
      `pension:${h.pension.members[0].idNumber}`,
      `death:${h.deathMove.members[0].idNumber}`,
      `move_out:${h.deathMove.members[1].idNumber}`,
      `move_within:${h.moveWithin.members[0].idNumber}`,
      `assistance_unmarked:${h.dibaoUnmarked.members[0].idNumber}`,
      `assistance_unlisted:${h.dibaoUnlisted.householdNo}`,
      `disability_unmarked:${h.disability.members[0].idNumber}`,
      `disability_grade:${h.disability.members[1].idNumber}`,
      `disability_no_card:${h.noCard.members[0].idNumber}`,
      `medical_lead:${h.exited.householdNo}`,
    ].sort();
    expect(found).toEqual(expected);
    expect(run.added).toBe(expected.length);
    const medical = hits.find((x) => x.ruleCode === 'medical_lead')!;
    expect(Number(medical.facts.amount)).toBe(12000.5);
    expect(medical.suggestedOutcome).toBe('monitoring');
    expect(hits.find((x) => x.ruleCode === 'vehicle' && x.householdNo === h.car.householdNo)!.suggestedOutcome).toBe('removed');
    expect(hits.find((x) => x.ruleCode === 'death')!.suggestedOutcome).toBe('natural_decrease');
    expect(hits.every((x) => x.status === 'found' && x.ruleVersion === run.version)).toBe(true);
  });

  it('adds nothing and resolves nothing when run again on the same data', async () => {
    const before = await hitsOf(a.countyCode);
    const again = await runCounty(database, a.countyCode);
    expect(again).toMatchObject({ added: 0, resolved: 0 });
    expect((await hitsOf(a.countyCode)).map((x) => x.id).sort()).toEqual(before.map((x) => x.id).sort());
  });

  it('resolves by data a hit that a newer batch no longer shows, with that batch', async () => {
    const newer = await importRows(database, 'vehicle', a.countyCode, [
      { ...person(h.carCheap, 1), 号牌号码: '测A00003', 车辆类型: '轻型货车', 车辆状态: '正常', '车辆价值（元）': '' },
      { ...person(h.car, 0), 号牌号码: '测A12345', 车辆类型: '小型轿车', 车辆状态: '注销', '车辆价值（元）': '80000' },
    ], { asOf: '2024-02-29' });
    expect(newer.status).toBe('done');
    const run = await runCounty(database, a.countyCode);
    expect(run).toMatchObject({ added: 0, resolved: 1 });
    const resolved = await hitsOf(a.countyCode, 'resolved');
    expect(resolved).toHaveLength(1);
    expect(resolved[0]).toMatchObject({ ruleCode: 'vehicle', householdNo: h.car.householdNo, resolvedBatchId: newer.result.batchId, resolvedOn: TODAY });
    expect((await hitsOf(a.countyCode, 'open')).filter((x) => x.ruleCode === 'vehicle').map((x) => x.householdNo)).toEqual([h.carCheap.householdNo]);
    expect(await runCounty(database, a.countyCode)).toMatchObject({ added: 0, resolved: 0 });
  });

  it('never uses a batch with a refused row, and names the row, field and value', async () => {
    const b = await createPlaceTree(database);
    const hh = await createHousehold(database, b);
    const bad = hh.members[1].idNumber.slice(0, 17) + (hh.members[1].idNumber[17] === '0' ? '1' : '0');
    const job = await importRows(database, 'vehicle', b.countyCode, [
      { ...person(hh, 0), 号牌号码: '测B1', 车辆类型: '小型轿车', 车辆状态: '正常', '车辆价值（元）': '80000' },
      { 身份证号: bad, 姓名: '错号', 号牌号码: '测B2', 车辆类型: '小型轿车', 车辆状态: '正常', '车辆价值（元）': '80000' },
      { ...person(hh, 1), 号牌号码: '测B3', 车辆类型: '小型轿车', 车辆状态: '正常', '车辆价值（元）': '八万' },
    ]);
    expect(job.status).toBe('failed');
    expect(job.result).toMatchObject({ status: 'refused', refusedRows: 2 });
    expect(job.result.problems[0]).toMatchObject({ row: 3, field: '身份证号', value: bad });
    expect(job.result.problems[0].message).toContain('校验位错误');
    expect(job.result.problems[1]).toMatchObject({ row: 4, field: '车辆价值（元）', value: '八万' });
    expect(job.hasFiles).toBe(true);
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM compare_row WHERE county_code = ${b.countyCode}`.execute(database.db);
    expect(rows.rows[0].n).toBe(0);
    expect(await runCounty(database, b.countyCode)).toMatchObject({ added: 0 });
    expect(await hitsOf(b.countyCode)).toHaveLength(0);
  });

  it('refuses rows outside the scope, a file without a required column or in a wrong encoding; ignores unknown columns; reads GBK', async () => {
    const b = await createPlaceTree(database);
    const hh = await createHousehold(database, b);
    const row = { ...person(hh, 0), 死亡日期: '2024-01-02' };
    const outside = await importRows(database, 'death', b.countyCode, [
      { ...row, 行政区划代码: b.villageCodes[0] },
      { ...person(hh, 1), 死亡日期: '2024-01-02', 行政区划代码: b.villageCodes[2] },
    ], { scope: [b.townshipCodes[0]] });
    expect(outside.result.status).toBe('refused');
    expect(outside.result.problems).toEqual([expect.objectContaining({ row: 3, field: '行政区划代码', value: b.villageCodes[2] })]);

    const missing = await importRows(database, 'death', b.countyCode, [{ ...person(hh, 0) }]);
    expect(missing.result.status).toBe('refused');
    expect(missing.result.problems[0].message).toContain('死亡日期');

    const utf16 = Buffer.from('\ufeff身份证号,姓名,死亡日期\r\n' + `${hh.members[0].idNumber},x,2024-01-02\r\n`, 'utf16le');
    const encoded = await importRows(database, 'death', b.countyCode, [row], { raw: utf16 });
    expect(encoded.status).toBe('failed');
    expect(encoded.result.status).toBe('refused');

    const gbk = await importRows(database, 'death', b.countyCode, [{ 序号: '1', ...row, 备注: '测试' }], { encoding: 'gbk', headers: ['序号', '身份证号', '姓名', '死亡日期', '备注'] });
    expect(gbk.status).toBe('done');
    expect(gbk.result.warnings[0]).toContain('序号');
    const run = await runCounty(database, b.countyCode);
    expect(run.added).toBe(1);
    const [hit] = await hitsOf(b.countyCode);
    expect(hit).toMatchObject({ ruleCode: 'death', idNumber: hh.members[0].idNumber, referenceName: hh.members[0].name });
  });

  it('accepts 15-digit and full-width ID numbers by normalising them', async () => {
    const b = await createPlaceTree(database);
    const id = idNumberFor(b.countyCode, '1960-01-01', 7);
    const hh = await createHousehold(database, b, { members: [{ idNumber: id, relation: 'head' }] });
    const old = id.slice(0, 6) + id.slice(8, 17);
    const full = [...hh.members[0].idNumber].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    const job = await importRows(database, 'payroll', b.countyCode, [
      { 身份证号: old, 姓名: '甲', 单位名称: '单位甲', 供养类型: '退休' },
    ]);
    expect(job.status).toBe('done');
    const dry = await importRows(database, 'payroll', b.countyCode, [{ 身份证号: full, 姓名: '甲', 单位名称: '单位乙', 供养类型: '在编' }], { dryRun: true });
    expect(dry.result).toMatchObject({ status: 'checked', rows: 1, refusedRows: 0, batchId: null });
    expect((await runCounty(database, b.countyCode)).added).toBe(1);
  });

  it('compares several counties in one run, each with its own batches, and leaves counties outside the run alone', async () => {
    const [b, c] = [await createPlaceTree(database), await createPlaceTree(database)];
    const [hb, hc] = [await createHousehold(database, b), await createHousehold(database, c)];
    const car = (hh: CreatedHousehold, plate: string) => ({ ...person(hh, 0), 号牌号码: plate, 车辆类型: '小型轿车', 车辆状态: '正常', '车辆价值（元）': '80000' });
    expect((await importRows(database, 'vehicle', b.countyCode, [car(hb, '测C1')])).status).toBe('done');
    expect((await importRows(database, 'vehicle', c.countyCode, [car(hc, '测D1')])).status).toBe('done');
    expect((await importRows(database, 'death', c.countyCode, [{ ...person(hc, 1), 死亡日期: '2024-01-02' }])).status).toBe('done');
    const run = await runCounties(database, [b.countyCode, c.countyCode]);
    expect(run.added).toBe(3);
    expect(run.counties.map((l) => [l.countyCode, l.added, l.rules.map((r) => `${r.rule}:${r.matched}`).sort().join(' ')])).toEqual([
      [b.countyCode, 1, 'vehicle:1'],
      [c.countyCode, 2, 'death:1 vehicle:1'],
    ]);
    expect((await hitsOf(b.countyCode)).map((x) => x.idNumber)).toEqual([hb.members[0].idNumber]);
    // County c's newer vehicle batch no longer shows the car; a run of c alone resolves it and leaves b's hit live.
    expect((await importRows(database, 'vehicle', c.countyCode, [{ ...car(hc, '测D1'), 车辆状态: '注销' }])).status).toBe('done');
    expect(await runCounties(database, [c.countyCode])).toMatchObject({ added: 0, resolved: 1 });
    expect((await hitsOf(b.countyCode, 'open')).map((x) => x.ruleCode)).toEqual(['vehicle']);
    expect((await hitsOf(c.countyCode, 'open')).map((x) => x.ruleCode)).toEqual(['death']);
  });

  it('purges the rows of replaced batches once past the retention, keeping the current batch and every record', async () => {
    const b = await createPlaceTree(database);
    const hh = await createHousehold(database, b);
    const car = { ...person(hh, 0), 号牌号码: '测E1', 车辆类型: '小型轿车', 车辆状态: '正常', '车辆价值（元）': '80000' };
    const old = await importRows(database, 'vehicle', b.countyCode, [car], { asOf: '2024-01-31' });
    const current = await importRows(database, 'vehicle', b.countyCode, [car], { asOf: '2024-02-29' });
    const batches = async () => (await sql<{ id: number; purged: boolean; rows: number }>`SELECT b.id::int AS id, b.purged_at IS NOT NULL AS purged,
        (SELECT count(*)::int FROM compare_row r WHERE r.county_code = b.county_code AND r.batch_id = b.id) AS rows
      FROM compare_batch b WHERE b.county_code = ${b.countyCode} ORDER BY b.id`.execute(database.db)).rows;
    // Within the retention (365 days from the import): nothing purged.
    expect((await runCounties(database, [b.countyCode])).counties[0]).toMatchObject({ added: 1, purgedBatches: 0 });
    expect(await batches()).toEqual([{ id: old.result.batchId, purged: false, rows: 1 }, { id: current.result.batchId, purged: false, rows: 1 }]);
    // A year and more later: the replaced batch's rows are deleted, its record kept; the current batch and the 疑点 stay.
    const later = await runCounties(database, [b.countyCode], '2025-06-01');
    expect(later.counties[0]).toMatchObject({ added: 0, resolved: 0, purgedBatches: 1 });
    expect(await batches()).toEqual([{ id: old.result.batchId, purged: true, rows: 0 }, { id: current.result.batchId, purged: false, rows: 1 }]);
    expect((await hitsOf(b.countyCode, 'open')).map((x) => x.batchId)).toEqual([current.result.batchId]);
  });
});
