/**
 * 健康, 兜底保障 and 就业 ledgers on both databases: 家庭医生签约和慢病卡 (卫健) and 参保 (医保)
 * read by the assessment over the registry's fields and saying so (checklist and the set-based
 * recompute), 应签尽签 and 应参尽参 at their boundary with 导出Excel, bad rows refused with row,
 * field and value, and the 兜底 / 就业 records shown beside the household's income.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { recomputeAssessments } from '../../src/modules/monitoring/service';
import { buildTestApp, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { goodColumns, incomeOf, insuredAdult, storedResults } from '../monitoring/helpers';
import { csv, multipart, upload, usersOf } from './helpers';

const SIGNING = ['年度', '身份证号', '姓名', '行政区划代码', '家庭医生签约', '签约日期', '签约团队', '慢病病种', '慢病卡', '慢病卡办理日期'];
const INSURANCE = ['年度', '身份证号', '姓名', '行政区划代码', '基本医疗保险', '大病保险', '城乡居民养老保险', '意外伤害保险', '农业保险', '个人缴费资助（元）'];

interface Source { criterion: string; member: string; source: string; ledger: string | null; fact: string; recordId: number | null }

describe.each(testDatabases)('health, social assistance and employment ledgers on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let a: TestPlaces;
  let family: CreatedHousehold;
  let unknown: CreatedHousehold;
  let u: Record<'healthA' | 'insureA' | 'eduA' | 'civilA' | 'hrA' | 'opA', Client>;

  const checklist = async (h: CreatedHousehold, year: number) => {
    const res = await u.opA.inject('GET', `/api/v1/households/${h.householdNo}/assessment?year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { criteria: { criterion: string; status: string }[]; sources: Source[] };
  };
  const medical = (c: Awaited<ReturnType<typeof checklist>>) => c.criteria.find((x) => x.criterion === 'medical')!.status;
  const gaps = async (client: Client, check: string, place = a.countyCode) => {
    const res = await client.inject('GET', `/api/v1/ledgers/health/gaps?year=2019&check=${check}&place=${place}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { name: string; fromLedger: boolean }[]).map((i) => `${i.name}${i.fromLedger ? '·台账' : ''}`).sort();
  };

  beforeAll(async () => {
    database = await open();
    ({ app } = await buildTestApp(database));
    a = await createPlaceTree(database);
    family = await createHousehold(database, a, {
      members: [insuredAdult('吴大海', '1970-02-01'), { ...insuredAdult('吴二妹', '1972-03-01'), sex: 'F', columns: { ...insuredAdult('', '').columns, insured_basic: false } }],
      columns: goodColumns(),
      incomes: [incomeOf(2018, 9000, 2), incomeOf(2019, 9000, 2)],
    });
    // The registry says nothing of this member's contract: 未登记.
    unknown = await createHousehold(database, a, {
      villageCode: a.villageCodes[1],
      members: [{ ...insuredAdult('郑老汉', '1950-01-01'), columns: { ...insuredAdult('', '').columns, family_doctor: null } }],
      columns: goodColumns(),
      incomes: [incomeOf(2019, 9000, 1)],
    });
    const county = a.countyCode;
    u = await usersOf(app, database, {
      healthA: ['department_operator', county, 'health'],
      insureA: ['department_operator', county, 'medical_security'],
      eduA: ['department_operator', county, 'education'],
      civilA: ['department_operator', county, 'civil_affairs'],
      hrA: ['department_operator', county, 'human_resources'],
      opA: ['county_operator', county],
    });
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('reads 参保 and 家庭医生签约 from the health ledgers over the registry fields, in the checklist and the recompute', async () => {
    const [dad, mum] = family.members;
    // The registry: 吴二妹 not insured → medical fails; the 参保 ledger says she is.
    expect(medical(await checklist(family, 2019))).toBe('fail');
    const insured = await upload(u.insureA, 'health_insurance', [INSURANCE, [2019, mum.idNumber, '吴二妹', '', '是', '是', '是', '否', '', '280']]);
    expect(insured.json()).toMatchObject({ created: 1, problems: [] });
    const after = await checklist(family, 2019);
    expect(medical(after)).toBe('pass');
    expect(after.sources.find((s) => s.member === '吴二妹' && s.fact.startsWith('基本医疗保险'))).toMatchObject({ criterion: 'medical', source: 'ledger', ledger: '参保', fact: '基本医疗保险：是' });
    expect(after.sources.find((s) => s.member === '吴大海' && s.fact.startsWith('家庭医生签约'))).toMatchObject({ source: 'registry', fact: '家庭医生签约：是' });
    // Another year's row says nothing of 2018: the registry stands.
    expect(medical(await checklist(family, 2018))).toBe('fail');
    // 卫健's ledger: 吴大海 not signed in 2019 → medical fails again, and says so.
    await upload(u.healthA, 'health_signing', [SIGNING, [2019, dad.idNumber, '吴大海', '', '否', '', '', '', '', '']]);
    const unsigned = await checklist(family, 2019);
    expect(medical(unsigned)).toBe('fail');
    expect(unsigned.sources.find((s) => s.member === '吴大海' && s.fact.startsWith('家庭医生签约'))).toMatchObject({ source: 'ledger', ledger: '家庭医生签约和慢病卡', fact: '家庭医生签约：否' });
    await recomputeAssessments(database, { place: a.villageCodes[0], year: 2019 });
    expect((await storedResults(database, a.countyCode, 2019)).get(family.householdNo)?.criteria[4]).toBe('F');
    await upload(u.healthA, 'health_signing', [SIGNING, [2019, dad.idNumber, '吴大海', '', '是', '2019-03-01', '龙山镇卫生院第一团队', '', '', '']]);
    await recomputeAssessments(database, { place: a.villageCodes[0], year: 2019 });
    expect((await storedResults(database, a.countyCode, 2019)).get(family.householdNo)?.criteria[4]).toBe('P');
    expect(medical(await checklist(family, 2019))).toBe('pass');
  });

  it('lists 应签尽签 and 应参尽参 at their boundary, exports them, and keeps each list to its line', async () => {
    // 郑老汉: the registry says nothing of his contract (listed as 未登记); signed in the ledger, he leaves the list.
    expect(await gaps(u.healthA, 'signing')).toEqual(['郑老汉']);
    const exported = await u.healthA.inject('GET', `/api/v1/ledgers/health/gaps/export.xlsx?year=2019&check=signing&place=${a.countyCode}`);
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const row = wb.worksheets[0].getRow(2);
    expect([row.getCell(2).value, row.getCell(5).value, row.getCell(9).value]).toEqual(['郑老汉', '未登记', '建档立卡登记']);
    expect(String(row.getCell(3).value)).not.toBe(unknown.members[0].idNumber);
    await upload(u.healthA, 'health_signing', [SIGNING, [2019, unknown.members[0].idNumber, '郑老汉', '', '是', '2019-04-01', '', '', '', '']]);
    expect(await gaps(u.healthA, 'signing')).toEqual([]);
    // 应参尽参: 吴二妹 insured by the ledger (not listed); the ledger saying 大病保险 否 lists her.
    expect(await gaps(u.insureA, 'insurance')).toEqual([]);
    await upload(u.insureA, 'health_insurance', [INSURANCE, [2019, family.members[1].idNumber, '吴二妹', '', '是', '否', '', '', '', '']]);
    expect(await gaps(u.insureA, 'insurance')).toEqual(['吴二妹·台账']);
    expect(await gaps(u.insureA, 'insurance', a.villageCodes[1])).toEqual([]);
    // Each list belongs to its ledger's line.
    expect((await u.eduA.inject('GET', '/api/v1/ledgers/health/gaps?year=2019&check=signing')).statusCode).toBe(403);
    expect((await u.insureA.inject('GET', '/api/v1/ledgers/health/gaps?year=2019&check=signing')).statusCode).toBe(403);
    expect((await u.healthA.inject('GET', '/api/v1/ledgers/health/gaps?year=2019&check=other')).statusCode).toBe(400);
  });

  it('keeps 卫健 out of 教育 ledgers and 教育 out of 卫健 ledgers, and leaves the 慢病卡 source out of an education user\'s checklist', async () => {
    expect((await u.healthA.inject('GET', '/api/v1/ledgers/edu_student/records')).statusCode).toBe(403);
    expect((await u.healthA.inject('GET', '/api/v1/ledgers/edu_aid/export.xlsx')).statusCode).toBe(403);
    expect((await u.eduA.inject('GET', '/api/v1/ledgers/health_signing/records')).statusCode).toBe(403);
    expect((await upload(u.eduA, 'health_signing', [SIGNING])).statusCode).toBe(403);
    expect((await upload(u.healthA, 'health_insurance', [INSURANCE])).statusCode).toBe(403);
    const kinds = async (c: Client) => ((await c.inject('GET', '/api/v1/ledgers')).json().items as { kind: string }[]).map((i) => i.kind);
    expect(await kinds(u.healthA)).toEqual(['health_signing']);
    expect(await kinds(u.hrA)).toEqual(['employment_post', 'employment_training', 'employment_transfer', 'employment_workshop']);
    const seen = (await u.eduA.inject('GET', `/api/v1/households/${family.householdNo}/assessment?year=2019`)).json().sources as Source[];
    expect(seen.filter((x) => x.criterion === 'medical').map((x) => x.fact.split('：')[0]).sort()).toEqual(['基本医疗保险', '基本医疗保险', '大病保险', '大病保险', '家庭医生签约', '家庭医生签约'].sort());
  });

  it('refuses bad health and employment rows with row, field and value, writing nothing', async () => {
    const before = await u.hrA.inject('GET', '/api/v1/ledgers/employment_training/records?year=2019');
    const bad = await upload(u.healthA, 'health_signing', [SIGNING, [2019, family.members[0].idNumber, '吴大海', '', '也许', '', '', '', '', '']]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.problems).toEqual([expect.objectContaining({ row: 2, field: '家庭医生签约', value: '也许' })]);
    const training = ['年度', '身份证号', '姓名', '行政区划代码', '培训班次', '培训类别', '开班日期', '结业日期', '取得证书'];
    const refused = await upload(u.hrA, 'employment_training', [
      training,
      [2019, family.members[0].idNumber, '吴大海', '', '2019年第一期厨师培训班', '职业技能培训', '2019-05-01', '2019-05-20', '是'],
      [2019, family.members[1].idNumber, '吴二妹', '', '2019年第一期厨师培训班', '职业技能培训', '2019-05-01', '2019-04-20', '否'],
    ]);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.problems).toEqual([expect.objectContaining({ row: 3, field: '结业日期', value: '2019-04-20' })]);
    // The same file's error report as .xlsx: row, column, value and message; nothing written.
    const { body, type } = multipart({ name: 'training.csv', content: csv([training, [2019, family.members[1].idNumber, '吴二妹', '', '班', '职业技能培训', '2019-05-01', '2019-04-20', '否', '多余']]) });
    const report = await u.hrA.inject('POST', '/api/v1/ledgers/employment_training/import/errors.xlsx', body, { 'content-type': type });
    expect(report.statusCode, report.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const cells = (n: number) => (book.worksheets[0].getRow(n).values as unknown[]).slice(1).map(String);
    expect(cells(1)).toEqual(['行号', '列', '值', '问题', '类别']);
    expect(cells(2)).toEqual(['2', '结业日期', '2019-04-20', expect.stringContaining('开班日期'), '错误']);
    expect((await u.healthA.inject('POST', '/api/v1/ledgers/employment_training/import/errors.xlsx', body, { 'content-type': type })).statusCode).toBe(403);
    expect((await u.hrA.inject('GET', '/api/v1/ledgers/employment_training/records?year=2019')).json().total).toBe(before.json().total);
    const transfer = ['年度', '身份证号', '姓名', '行政区划代码', '务工地域', '务工地点', '就业单位', '务工月数', '务工收入（元）'];
    const negative = await upload(u.hrA, 'employment_transfer', [transfer, [2019, family.members[0].idNumber, '吴大海', '', '省外', '广东省东莞市', '', '10', '-100']]);
    expect(negative.json().error.details.problems).toEqual([expect.objectContaining({ row: 2, field: '务工收入（元）', value: '-100' })]);
  });

  it('shows the 兜底保障 and 就业 records of the members beside the income in the checklist', async () => {
    const [dad, mum] = family.members;
    const transfer = ['年度', '身份证号', '姓名', '行政区划代码', '务工地域', '务工地点', '就业单位', '务工月数', '务工收入（元）'];
    expect((await upload(u.hrA, 'employment_transfer', [transfer, [2019, dad.idNumber, '吴大海', '', '省外', '广东省东莞市', '', '10', '30000']])).json()).toMatchObject({ created: 1 });
    const workshop = ['年度', '身份证号', '姓名', '行政区划代码', '扶贫车间', '入职日期', '离职日期', '月工资（元）'];
    expect((await upload(u.hrA, 'employment_workshop', [workshop, [2019, mum.idNumber, '吴二妹', '', '龙山镇竹编扶贫车间', '2019-02-01', '', '1500']])).json()).toMatchObject({ created: 1 });
    const assistance = ['年度', '身份证号', '姓名', '行政区划代码', '救助类别', '起始日期', '停保日期', '金额（元）'];
    expect((await upload(u.civilA, 'social_assistance', [assistance, [2019, mum.idNumber, '吴二妹', '', '低保', '2019-03-01', '', '3000']])).json()).toMatchObject({ created: 1 });
    const income = (await checklist(family, 2019)).sources.filter((s) => s.criterion === 'income');
    expect(income.map((s) => [s.member, s.ledger, s.fact])).toEqual([
      ['吴大海', '转移就业', '转移就业 广东省东莞市 10 个月，收入 30000 元，工资性收入'],
      ['吴二妹', '扶贫车间', '扶贫车间“龙山镇竹编扶贫车间” 月工资 1500 元，工资性收入'],
      ['吴二妹', '兜底保障', '低保 3000 元（2019-03-01 起），转移性收入'],
    ]);
    expect((await checklist(family, 2018)).sources.filter((s) => s.criterion === 'income')).toEqual([]);
  });
});
