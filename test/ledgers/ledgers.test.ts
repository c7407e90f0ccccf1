/**
 * Line-department ledgers on both databases: the education ledgers imported (dry run, commit,
 * 非建档立卡 kept), bad rows of every kind refused with row, field and value and nothing written,
 * 应助尽助 at its boundary, the assessment reading the student register over the registry field
 * and saying so (checklist and the set-based recompute), and department scope: a user reads and
 * writes only his line's ledgers, only in his place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { recomputeAssessments } from '../../src/modules/monitoring/service';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, idNumberFor, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { goodColumns, incomeOf, insuredAdult, storedResults } from '../monitoring/helpers';
import { upload } from './helpers';

const STUDENT_HEADER = ['学年', '身份证号', '姓名', '行政区划代码', '学段', '学校', '年级', '就读状态', '寄宿生', '入学日期'];
const AID_HEADER = ['学年', '身份证号', '姓名', '行政区划代码', '学段', '资助项目', '金额（元）', '发放日期'];

describe.each(testDatabases)('line-department ledgers on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let a: TestPlaces;
  let b: TestPlaces;
  let family: CreatedHousehold;
  let boarderFamily: CreatedHousehold;
  let other: CreatedHousehold;
  const u = {} as Record<'eduA' | 'eduB' | 'housingA' | 'healthA' | 'civilA' | 'opA' | 'leaderA', Client>;
  const child = () => family.members[2];
  const boarder = () => boarderFamily.members[1];

  const count = async (kind: string) =>
    Number((await database.db.selectFrom('ledger_record').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', kind).where('county_code', 'in', [a.countyCode, b.countyCode]).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    database = await open();
    ({ app } = await buildTestApp(database));
    a = await createPlaceTree(database);
    b = await createPlaceTree(database);
    const adults = [insuredAdult('王大山', '1975-03-01'), insuredAdult('李秀英', '1977-05-02')];
    // The registry says the child is in primary school; the register will say otherwise.
    family = await createHousehold(database, a, {
      members: [...adults, { ...insuredAdult('王小明', '2010-04-05'), columns: { ...insuredAdult('', '').columns, schooling: 'primary' } }],
      columns: goodColumns(),
      incomes: [incomeOf(2018, 9000, 3), incomeOf(2019, 9000, 3)],
    });
    boarderFamily = await createHousehold(database, a, {
      villageCode: a.villageCodes[1],
      members: [insuredAdult('赵大成', '1976-01-01'), { ...insuredAdult('赵小红', '2008-06-01'), sex: 'F', columns: { ...insuredAdult('', '').columns, schooling: 'junior' } }],
      status: 'exited',
      exitYear: 2018,
      columns: goodColumns(),
      incomes: [incomeOf(2019, 9000, 2)],
    });
    other = await createHousehold(database, b, { members: [insuredAdult('孙大力', '1970-01-01'), { ...insuredAdult('孙小龙', '2011-02-03'), columns: { ...insuredAdult('', '').columns, schooling: 'primary' } }] });
    const user = async (role: string, place: string, line?: string) => loginAs(app, (await makeUser(database, role, place, { departmentLine: line })).username);
    u.eduA = await user('department_operator', a.countyCode, 'education');
    u.eduB = await user('department_operator', b.countyCode, 'education');
    u.housingA = await user('department_operator', a.countyCode, 'housing');
    u.healthA = await user('department_operator', a.countyCode, 'medical_security');
    u.civilA = await user('department_operator', a.countyCode, 'civil_affairs');
    u.opA = await user('county_operator', a.countyCode);
    u.leaderA = await user('leader', a.countyCode);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('imports the student register: a dry run writes nothing, the commit writes every row, a person outside the registry is kept as 非建档立卡', async () => {
    const outsider = idNumberFor(a.countyCode, '2012-09-09', 401);
    const rows = [
      STUDENT_HEADER,
      [2019, child().idNumber, '王小明', '', '小学', '龙山镇中心小学', '四年级', '在校', '否', '2016-09-01'],
      [2019, boarder().idNumber, '赵小红', '', '初中', '龙山镇中学', '初二', '在校', '是', '2019-09-01'],
      [2019, outsider, '周小花', a.villageCodes[0], '小学', '龙山镇中心小学', '二年级', '在校', '否', '2018-09-01'],
    ];
    const dry = await upload(u.eduA, 'edu_student', rows, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 3, created: 0, problems: [] });
    expect(await count('edu_student')).toBe(0);
    const done = await upload(u.eduA, 'edu_student', rows);
    expect(done.json()).toMatchObject({ dryRun: false, rows: 3, created: 3, updated: 0 });
    const list = await u.eduA.inject('GET', `/api/v1/ledgers/edu_student/records?year=2019&stage=primary`);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { name: string; registered: boolean; idNumber: string; text: Record<string, string>; householdNo: string | null }[];
    expect(items.map((i) => [i.name, i.registered, i.text.stage, i.householdNo])).toEqual([
      ['王小明', true, '小学', family.householdNo],
      ['周小花', false, '小学', null],
    ]);
    expect(items[0].idNumber).not.toBe(child().idNumber);
    const again = await upload(u.eduA, 'edu_student', rows.slice(0, 2));
    expect(again.json()).toMatchObject({ created: 0, updated: 1 });
    const exported = await u.eduA.inject('GET', `/api/v1/ledgers/edu_student/export.xlsx?year=2019`);
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe('学年');
    expect(wb.worksheets[0].rowCount).toBe(4);
  });

  it('refuses bad rows with row, field and value and writes nothing', async () => {
    const before = await count('edu_aid');
    const badCheck = child().idNumber.slice(0, 17) + (child().idNumber[17] === '0' ? '1' : '0');
    const res = await upload(u.eduA, 'edu_aid', [
      AID_HEADER,
      [2019, child().idNumber, '王小明', '', '小学', '义务教育其他资助', '500', '2019-10-01'],
      [2019, badCheck, '王小明', '', '小学', '义务教育其他资助', '500', '2019-10-01'],
      [2019, other.members[1].idNumber, '孙小龙', '', '小学', '义务教育其他资助', '500', '2019-10-01'],
      [2019, boarder().idNumber, '赵小红', '', '初中', '寄宿生生活补助', '-1', '2019-10-01'],
    ]);
    expect(res.statusCode).toBe(400);
    const problems = res.json().error.details.problems.map((p: { row: number; field: string; value: string }) => [p.row, p.field, p.value]);
    expect(problems).toEqual([
      [3, '身份证号', badCheck],
      [4, '身份证号', other.members[1].idNumber],
      [5, '金额（元）', '-1'],
    ]);
    expect(res.json().error.message).toContain('未写入任何记录');
    expect(await count('edu_aid')).toBe(before);

    const dropout = await upload(u.eduA, 'edu_dropout', [
      ['学年', '身份证号', '姓名', '发现日期', '辍学原因', '劝返措施', '返校日期', '劝返状态'],
      [2019, child().idNumber, '王小明', '2019-10-10', '厌学', '上门劝返', '2019-09-01', '已返校'],
    ]);
    expect(dropout.json().error.details.problems).toEqual([{ row: 2, field: '返校日期', value: '2019-09-01', message: '返校日期不能早于发现日期（2019-10-10）' }]);

    const housing = await upload(u.housingA, 'housing_renovation', [
      ['计划年度', '户编号', '四类重点对象', '改造前等级', '开工日期', '竣工日期', '验收日期', '补助资金（元）'],
      [2019, family.householdNo, '建档立卡贫困户', 'D级', '2019-05-01', '2019-04-01', '', '20000'],
      [2019, other.householdNo, '建档立卡贫困户', 'C级', '2019-05-01', '2019-06-01', '2019-07-01', '20000'],
      [2019, 'NOSUCH-1', '低保户', 'C级', '', '', '', ''],
    ]);
    expect(housing.json().error.details.problems.map((p: { row: number; field: string; value: string }) => [p.row, p.field, p.value])).toEqual([
      [2, '竣工日期', '2019-04-01'],
      [3, '户编号', other.householdNo],
      [4, '户编号', 'NOSUCH-1'],
    ]);
    const relocation = await upload(u.housingA, 'relocation_household', [
      ['搬迁年度', '户编号', '搬迁类型', '安置点', '入住日期', '旧房拆除日期', '无旧房', '旧房经批准保留', '后续扶持措施'],
      [2019, family.householdNo, '建档立卡搬迁', '龙山镇集中安置点', '2019-08-01', '2019-07-01', '', '', ''],
    ]);
    expect(relocation.json().error.details.problems[0]).toMatchObject({ row: 2, field: '旧房拆除日期', value: '2019-07-01' });
    const medical = await upload(u.healthA, 'medical_expense', [
      ['年度', '身份证号', '姓名', '行政区划代码', '入院日期', '出院日期', '县域内住院', '总费用（元）', '政策范围内费用（元）', '基本医保（元）', '大病保险（元）', '医疗救助（元）', '其他报销（元）', '先诊疗后付费', '一站式结算'],
      [2019, family.members[0].idNumber, '王大山', '', '2019-03-01', '2019-03-10', '是', '10000', '9000', '7000', '2000', '1500', '0', '是', '是'],
    ]);
    expect(medical.json().error.details.problems[0]).toMatchObject({ row: 2, field: '基本医保（元）、大病保险（元）、医疗救助（元）、其他报销（元）', value: '10500' });
    expect(await count('housing_renovation')).toBe(0);
    expect(await count('relocation_household')).toBe(0);
    expect(await count('medical_expense')).toBe(0);
  });

  it('lists 应助尽助 at its boundary: a boarder needs 寄宿生生活补助, a day pupil any item of his stage', async () => {
    const gaps = async () => ((await u.eduA.inject('GET', '/api/v1/ledgers/education/aid-gaps?year=2019')).json().items as { name: string }[]).map((i) => i.name).sort();
    // 周小花 is not registered: not checked.
    expect(await gaps()).toEqual(['王小明', '赵小红']);
    const form = (idNumber: string, name: string, stage: string, item: string) => ({ year: '2019', idNumber, name, stage, item, amount: '1000', paidOn: '2019-11-01' });
    const other = await u.eduA.inject('POST', '/api/v1/ledgers/edu_aid/records', form(boarder().idNumber, '赵小红', '初中', '义务教育其他资助'));
    expect(other.statusCode, other.body).toBe(201);
    expect(await gaps()).toEqual(['王小明', '赵小红']);
    await u.eduA.inject('POST', '/api/v1/ledgers/edu_aid/records', form(boarder().idNumber, '赵小红', '初中', '寄宿生生活补助'));
    const day = await u.eduA.inject('POST', '/api/v1/ledgers/edu_aid/records', form(child().idNumber, '王小明', '小学', '义务教育其他资助'));
    expect(day.json()).toMatchObject({ ledger: '学生资助', name: '王小明', text: { item: '义务教育其他资助', amount: '1000' } });
    expect(await gaps()).toEqual([]);
    const negative = await u.eduA.inject('POST', '/api/v1/ledgers/edu_aid/records', { ...form(child().idNumber, '王小明', '小学', '其他资助'), amount: '-5' });
    expect([negative.statusCode, negative.json().error.details.problems[0]]).toEqual([400, { field: '金额（元）', value: '-5', message: '金额（元）不能为负数' }]);
    const coverage = (await u.eduA.inject('GET', `/api/v1/ledgers/education/coverage?year=2019`)).json();
    expect(coverage.total).toMatchObject({ students: 3, registered: 2, aided: 2, byStage: { primary: 2, junior: 1, senior: 0 } });
  });

  it('reads the education fact from the student register over the registry field, says which record, and the recompute agrees', async () => {
    const checklist = async () => (await u.opA.inject('GET', `/api/v1/households/${family.householdNo}/assessment?year=2019`)).json();
    const before = await checklist();
    expect(before.criteria.find((c: { criterion: string }) => c.criterion === 'education').status).toBe('pass');
    const source = before.sources.find((s: { member: string }) => s.member === '王小明');
    expect(source).toMatchObject({ source: 'ledger', ledger: '学生名册', fact: '小学，龙山镇中心小学' });
    expect(source.recordId).toBeGreaterThan(0);
    expect(before.sources.find((s: { member: string }) => s.member === '王大山')).toMatchObject({ source: 'registry', ledger: null, fact: '非在校' });

    // The register now says the child dropped out; the registry still says primary school.
    await upload(u.eduA, 'edu_student', [STUDENT_HEADER, [2019, child().idNumber, '王小明', '', '小学', '龙山镇中心小学', '四年级', '失学/辍学', '否', '']]);
    const after = await checklist();
    expect(after.criteria.find((c: { criterion: string }) => c.criterion === 'education')).toMatchObject({ status: 'fail' });
    expect(after.sources.find((s: { member: string }) => s.member === '王小明')).toMatchObject({ source: 'ledger', fact: '失学/辍学，龙山镇中心小学', recordId: source.recordId });
    // Another school year's register does not count for 2019's verdict.
    expect((await u.opA.inject('GET', `/api/v1/households/${family.householdNo}/assessment?year=2018`)).json().sources.find((s: { member: string }) => s.member === '王小明')).toMatchObject({ source: 'registry', fact: '小学' });

    await recomputeAssessments(database, { place: a.countyCode, year: 2019 });
    const stored = await storedResults(database, a.countyCode, 2019);
    expect(stored.get(family.householdNo)?.criteria[3]).toBe('F');
    expect(stored.get(boarderFamily.householdNo)?.criteria[3]).toBe('P');
    expect(after.stored === null || after.stored.criteria).toBeTruthy();
    // Back in school: the card's ledger records show the register and the aid.
    await upload(u.eduA, 'edu_student', [STUDENT_HEADER, [2019, child().idNumber, '王小明', '', '小学', '龙山镇中心小学', '四年级', '在校', '否', '']]);
    const card = (await u.eduA.inject('GET', `/api/v1/ledgers/households/${family.householdNo}`)).json();
    expect(card.ledgers.map((l: { label: string; items: unknown[] }) => [l.label, l.items.length])).toEqual([
      ['学生名册', 1],
      ['学生资助', 1],
    ]);
  });

  it('reads 危房改造 from the housing ledger over the registry field: 竣工验收 by the year end makes the house safe', async () => {
    const dangerous = await createHousehold(database, a, {
      villageCode: a.villageCodes[2],
      members: [insuredAdult('钱大山', '1960-01-01')],
      columns: { ...goodColumns(), house_grade: 'D', house_renovated: false },
      incomes: [incomeOf(2018, 9000, 1), incomeOf(2019, 9000, 1)],
    });
    const header = ['计划年度', '户编号', '四类重点对象', '改造前等级', '开工日期', '竣工日期', '验收日期', '补助资金（元）'];
    const housing = async (year: number) => (await u.opA.inject('GET', `/api/v1/households/${dangerous.householdNo}/assessment?year=${year}`)).json();
    const started = await upload(u.housingA, 'housing_renovation', [header, [2019, dangerous.householdNo, '建档立卡贫困户', 'D级', '2019-05-01', '2019-09-01', '', '20000']]);
    expect(started.json()).toMatchObject({ created: 1 });
    const open = await housing(2019);
    expect(open.criteria.find((c: { criterion: string }) => c.criterion === 'housing').status).toBe('fail');
    expect(open.sources.find((x: { ledger: string | null }) => x.ledger === '危房改造')).toMatchObject({ source: 'ledger', fact: '未竣工验收' });
    await upload(u.housingA, 'housing_renovation', [header, [2019, dangerous.householdNo, '建档立卡贫困户', 'D级', '2019-05-01', '2019-09-01', '2019-10-01', '20000']]);
    const accepted = await housing(2019);
    expect(accepted.criteria.find((c: { criterion: string }) => c.criterion === 'housing').status).toBe('pass');
    expect(accepted.sources.find((x: { ledger: string | null }) => x.ledger === '危房改造')).toMatchObject({ source: 'ledger', fact: '竣工验收（2019-10-01）' });
    // A plan of 2019 says nothing of 2018: the registry's field stands.
    expect((await housing(2018)).sources.find((x: { criterion: string; fact: string }) => x.criterion === 'housing' && x.fact.startsWith('危房改造'))).toMatchObject({ source: 'registry', fact: '危房改造：否' });
    await recomputeAssessments(database, { place: a.villageCodes[2], year: 2019 });
    expect((await storedResults(database, a.countyCode, 2019)).get(dangerous.householdNo)?.criteria[5]).toBe('P');
    await recomputeAssessments(database, { place: a.villageCodes[2], year: 2018 });
    expect((await storedResults(database, a.countyCode, 2018)).get(dangerous.householdNo)?.criteria[5]).toBe('F');
  });

  it('keeps a medical expense whose 医疗救助 falls short of 70% and flags it for the department', async () => {
    const header = ['年度', '身份证号', '姓名', '行政区划代码', '入院日期', '出院日期', '县域内住院', '总费用（元）', '政策范围内费用（元）', '基本医保（元）', '大病保险（元）', '医疗救助（元）', '其他报销（元）', '先诊疗后付费', '一站式结算'];
    const ok = await upload(u.healthA, 'medical_expense', [header, [2019, family.members[1].idNumber, '李秀英', '', '2019-05-01', '2019-05-09', '是', '12000', '10000', '6000', '1000', '1500', '0', '是', '是']]);
    expect(ok.json()).toMatchObject({ created: 1, problems: [] });
    const list = (await u.healthA.inject('GET', '/api/v1/ledgers/medical_expense/records?year=2019')).json();
    expect(list.items[0].flags).toEqual(['医疗救助 1500 元，低于医保报销后合规费用 3000 元的 70%（2100 元）', '县域内住院政策范围内自付 15%，超过 10%']);
  });

  it('lists 应保尽保 at its boundary: below the 低保 standard and no member 在保 in 低保 or 特困 at the year end', async () => {
    const gaps = async (standard: number) => {
      const res = await u.civilA.inject('GET', `/api/v1/ledgers/assistance/gaps?year=2019&standard=${standard}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { householdNo: string }[]).map((i) => i.householdNo).filter((n) => [family.householdNo, boarderFamily.householdNo].includes(n)).sort();
    };
    expect(await gaps(9000)).toEqual([]);
    expect(await gaps(9000.01)).toEqual([family.householdNo, boarderFamily.householdNo].sort());
    const header = ['年度', '身份证号', '姓名', '行政区划代码', '救助类别', '起始日期', '停保日期', '金额（元）'];
    await upload(u.civilA, 'social_assistance', [header, [2019, family.members[0].idNumber, '王大山', '', '低保', '2019-03-01', '', '3000'], [2019, boarder().idNumber, '赵小红', '', '特困供养', '2018-01-01', '2019-06-30', '2000']]);
    // 王大山 is 在保 at the year end; 赵小红's support ended in June.
    expect(await gaps(9000.01)).toEqual([boarderFamily.householdNo]);
    expect((await u.eduA.inject('GET', '/api/v1/ledgers/assistance/gaps?year=2019&standard=5000')).statusCode).toBe(403);
    const exported = await u.civilA.inject('GET', `/api/v1/ledgers/assistance/gaps/export.xlsx?year=2019&standard=9000.01&place=${a.villageCodes[1]}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(2).getCell(1).value).toBe(boarderFamily.householdNo);
    expect((await u.civilA.inject('GET', '/api/v1/ledgers/assistance/gaps?year=2019&standard=-1')).statusCode).toBe(400);
  });

  it('keeps a department user to his line and his place (access matrix)', async () => {
    const status = async (c: Client, method: string, url: string, body?: unknown) => (await c.inject(method, url, body)).statusCode;
    // Another line's ledger: refused (403), reading and writing.
    expect(await status(u.housingA, 'GET', '/api/v1/ledgers/edu_student/records')).toBe(403);
    expect(await status(u.housingA, 'GET', '/api/v1/ledgers/education/aid-gaps?year=2019')).toBe(403);
    expect(await status(u.eduA, 'GET', '/api/v1/ledgers/housing_renovation/records')).toBe(403);
    expect(await status(u.eduA, 'GET', '/api/v1/ledgers/medical_expense/export.xlsx')).toBe(403);
    expect((await upload(u.housingA, 'edu_student', [STUDENT_HEADER])).statusCode).toBe(403);
    expect(await status(u.civilA, 'POST', '/api/v1/ledgers/edu_aid/records', { year: '2019' })).toBe(403);
    // Operators and leaders read every ledger of their place, but keep none.
    expect(await status(u.opA, 'GET', '/api/v1/ledgers/edu_student/records')).toBe(200);
    expect(await status(u.leaderA, 'GET', '/api/v1/ledgers/edu_aid/records')).toBe(200);
    expect(await status(u.opA, 'POST', '/api/v1/ledgers/edu_aid/records', { year: '2019' })).toBe(403);
    expect(await status(u.leaderA, 'POST', '/api/v1/ledgers/edu_aid/records', { year: '2019' })).toBe(403);
    expect(((await u.eduA.inject('GET', '/api/v1/ledgers')).json().items as { kind: string }[]).map((i) => i.kind)).toEqual(['edu_student', 'edu_aid', 'edu_dropout']);
    // Another county's education user: nothing of county A (404 as absent, empty lists).
    const record = (await u.eduA.inject('GET', '/api/v1/ledgers/edu_student/records?year=2019')).json().items[0];
    expect(await status(u.eduA, 'GET', `/api/v1/ledgers/records/${record.countyCode}/${record.id}`)).toBe(200);
    expect(await status(u.eduB, 'GET', `/api/v1/ledgers/records/${record.countyCode}/${record.id}`)).toBe(404);
    expect(await status(u.housingA, 'GET', `/api/v1/ledgers/records/${record.countyCode}/${record.id}`)).toBe(404);
    expect(await status(u.eduB, 'GET', `/api/v1/ledgers/households/${family.householdNo}`)).toBe(404);
    expect(await status(u.eduB, 'GET', `/api/v1/ledgers/edu_student/records?place=${a.countyCode}`)).toBe(404);
    expect((await u.eduB.inject('GET', '/api/v1/ledgers/edu_student/records?year=2019')).json().total).toBe(0);
    // The housing user sees the household's housing records only, none of education's.
    expect((await u.housingA.inject('GET', `/api/v1/ledgers/households/${family.householdNo}`)).json().ledgers).toEqual([]);
  });
});
