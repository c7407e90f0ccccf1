import { describe, expect, it } from 'vitest';
import { completeIdNumber } from '../idNumber';
import { entitledItems, lacksAid } from './aid';
import { recordFlags } from './flags';
import { housingFromLedgers, schoolingFromStudent } from './facts';
import { calendarDay, checkRow, headersOf, recordKeyOf } from './rows';
import { LEDGER_SHAPES, shapeOf } from './shapes';

const today = new Date('2020-06-01T00:00:00Z');
const id = completeIdNumber('52262720100405123');

describe('ledger shapes', () => {
  it('declare every ledger once, with unique keys and headers, and checks naming declared fields', () => {
    expect(new Set(LEDGER_SHAPES.map((s) => s.kind)).size).toBe(LEDGER_SHAPES.length);
    for (const s of LEDGER_SHAPES) {
      expect(new Set(headersOf(s)).size).toBe(headersOf(s).length);
      const keys = s.fields.map((f) => f.key);
      for (const k of s.key) expect(keys).toContain(k);
      for (const c of s.checks) for (const k of c.kind === 'dateOrder' ? [c.before, c.after] : [...c.parts, c.whole]) expect(keys).toContain(k);
    }
  });
});

describe('checkRow', () => {
  const student = shapeOf('edu_student')!;
  it('reads a good row by its Chinese headers (labels or codes, Excel serial dates)', () => {
    const { value, problems } = checkRow(student, 2, { 学年: '2019', 身份证号: id.toLowerCase(), 姓名: '王小明', 学段: '小学', 学校: '中心小学', 就读状态: 'in_school', 寄宿生: '是', 入学日期: '42614' }, today);
    expect(problems).toEqual([]);
    expect(value).toMatchObject({ year: 2019, idNumber: id, name: '王小明', data: { stage: 'primary', status: 'in_school', boarder: true, enrolledOn: '2016-09-01' } });
    expect(recordKeyOf(student, value!)).toBe(id);
  });
  it('names each bad field with its value', () => {
    const bad = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    const { value, problems } = checkRow(student, 3, { 学年: '19', 身份证号: bad, 姓名: '', 学段: '大学', 学校: 'x', 就读状态: '在校', 入学日期: '2019-02-30' }, today);
    expect(value).toBeNull();
    expect(problems.map((p) => [p.field, p.value])).toEqual([
      ['姓名', ''],
      ['学年', '19'],
      ['身份证号', bad],
      ['学段', '大学'],
      ['入学日期', '2019-02-30'],
    ]);
  });
  it('checks dates in order and parts not above their whole', () => {
    const medical = shapeOf('medical_expense')!;
    const row = { 年度: '2019', 身份证号: id, 姓名: '甲', 入院日期: '2019-03-10', 出院日期: '2019-03-01', '总费用（元）': '1000', '政策范围内费用（元）': '1000.01', '基本医保（元）': '600', '医疗救助（元）': '400' };
    expect(checkRow(medical, 2, row, today).problems.map((p) => p.field)).toEqual(['出院日期', '政策范围内费用（元）']);
    expect(checkRow(medical, 2, { ...row, 出院日期: '2019-03-20', '政策范围内费用（元）': '1000' }, today).problems).toEqual([]);
    expect(checkRow(medical, 2, { ...row, 出院日期: '2019-03-20', '政策范围内费用（元）': '', '医疗救助（元）': '400.01' }, today).problems[0].message).toBe('基本医保（元）、大病保险（元）、医疗救助（元）、其他报销（元）合计 1000.01 元，大于总费用（元） 1000 元');
    const relocation = shapeOf('relocation_household')!;
    expect(checkRow(relocation, 2, { 搬迁年度: '2019', 户编号: 'H1', 搬迁类型: '同步搬迁', 安置点: '甲', 旧房拆除日期: '2019-01-01' }, today).problems[0].message).toBe('填写旧房拆除日期时应先有入住日期');
  });
  it('refuses a negative amount and more than two decimals', () => {
    const aid = shapeOf('edu_aid')!;
    const row = { 学年: '2019', 身份证号: id, 姓名: '甲', 学段: '高中', 资助项目: '普通高中国家助学金', 发放日期: '2019-10-01' };
    expect(checkRow(aid, 2, { ...row, '金额（元）': '-0.01' }, today).problems[0].message).toBe('金额（元）不能为负数');
    expect(checkRow(aid, 2, { ...row, '金额（元）': '1.005' }, today).problems[0].message).toBe('金额（元）最多两位小数');
    expect(checkRow(aid, 2, { ...row, '金额（元）': '1,000.5' }, today).value?.data.amount).toBe(1000.5);
  });
  it('reads dates typed in common ways', () => {
    expect(calendarDay('2019/9/1')).toBe('2019-09-01');
    expect(calendarDay('2019年9月1日')).toBe('2019-09-01');
    expect(calendarDay('2019-13-01')).toBeNull();
  });
});

describe('应助尽助 and the ledger facts', () => {
  it('a boarder of compulsory school needs 寄宿生生活补助; a day pupil any item of his stage; others are not checked', () => {
    expect(entitledItems('junior', true)).toEqual(['boarding_subsidy']);
    expect(lacksAid({ stage: 'junior', boarder: true, status: 'in_school' }, ['compulsory_other'])).toBe(true);
    expect(lacksAid({ stage: 'junior', boarder: false, status: 'in_school' }, ['compulsory_other'])).toBe(false);
    expect(lacksAid({ stage: 'college', boarder: null, status: 'in_school' }, ['student_loan'])).toBe(false);
    expect(lacksAid({ stage: 'senior', boarder: null, status: 'in_school' }, ['yulu'])).toBe(true);
    expect(lacksAid({ stage: 'senior', boarder: null, status: 'dropout' }, [])).toBe(false);
  });
  it('maps the register to the registry schooling codes, and housing records to the house facts by the year end', () => {
    expect(schoolingFromStudent('college', 'in_school')).toEqual({ schooling: 'college', homeSchooling: false });
    expect(schoolingFromStudent('primary', 'home_schooling')).toEqual({ schooling: 'dropout', homeSchooling: true });
    expect(schoolingFromStudent('primary', 'graduated')).toBeNull();
    const rows = [{ id: 1, kind: 'housing_renovation', year: 2019, acceptedOn: '2020-01-01', movedInOn: null }];
    expect(housingFromLedgers(rows, 2019)).toEqual({ renovated: false, relocated: undefined });
    expect(housingFromLedgers(rows, 2020)).toEqual({ renovated: true, relocated: undefined });
    expect(housingFromLedgers(rows, 2018)).toEqual({ renovated: undefined, relocated: undefined });
  });
});

describe('medical flags', () => {
  it('flag 医疗救助 below 70% of the cost left and an in-county own share above 10%, at the boundary', () => {
    const base = { total: 12000, eligible: 10000, basic: 6000, serious: 1000, other: 0, inCounty: true, payLater: true, oneStop: true };
    expect(recordFlags('medical_expense', { ...base, assistance: 2100 })).toEqual([]);
    expect(recordFlags('medical_expense', { ...base, assistance: 2099.99 })).toEqual(['医疗救助 2099.99 元，低于医保报销后合规费用 3000 元的 70%（2100 元）']);
    // Own share exactly 10%: not flagged; 医疗救助 below 70% of 3100: flagged.
    expect(recordFlags('medical_expense', { ...base, assistance: 2100, basic: 5900 })).toEqual(['医疗救助 2100 元，低于医保报销后合规费用 3100 元的 70%（2170 元）']);
    expect(recordFlags('medical_expense', { ...base, assistance: 2000, basic: 5800, serious: 1000 })).toContain('县域内住院政策范围内自付 12%，超过 10%');
    expect(recordFlags('medical_expense', { ...base, assistance: 2100, payLater: false })).toEqual(['县域内住院未实行先诊疗后付费']);
    expect(recordFlags('edu_aid', { amount: 1 })).toEqual([]);
  });
  it('flag 龙山镇’s relocation milestones met late or not met, and nothing elsewhere', () => {
    const longshan = '530523101201';
    expect(recordFlags('relocation_household', { movedInOn: '2019-03-31', demolishedOn: '2019-09-30' }, longshan)).toEqual([]);
    expect(recordFlags('relocation_household', { movedInOn: '2019-04-01', demolishedOn: null }, longshan)).toEqual(['搬迁入住逾期完成（2019-04-01，期限 2019-03-31）', '旧房拆除未完成（期限 2019-09-30）']);
    expect(recordFlags('relocation_household', { movedInOn: null, demolishedOn: null }, '540425100201')).toEqual([]);
  });
});
