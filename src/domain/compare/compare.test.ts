import { describe, expect, it } from 'vitest';
import { completeIdNumber } from '../idNumber';
import { kindOf, matchHeader } from './kinds';
import { parseAmount, parseDate, parseReferenceRow } from './rowParse';
import { DEFAULT_RULE_SET, ruleSetSchema, RULE_CODES } from './rules';
import { actionsFor, isOverdue, nextStatus } from './workflow';

describe('reference rows', () => {
  const vehicle = kindOf('vehicle')!;
  const ctx = { countyCode: '411426', inScope: (c: string) => c.startsWith('411426'), today: new Date('2024-03-01T00:00:00Z') };
  const id = completeIdNumber('41142619650301001');

  it('matches headers by name and variant, warns of unknown ones, names missing required ones', () => {
    const m = matchHeader(vehicle, ['序号', '公民身份号码', '姓名', '车牌号', '车辆类型', '状态', '车辆价值(元)']);
    expect(m.unknown).toEqual(['序号']);
    expect(m.missing).toEqual([]);
    expect(matchHeader(vehicle, ['身份证号', '姓名']).missing).toEqual(['号牌号码', '车辆类型', '车辆状态']);
  });

  it('reads a row, normalising the ID number, and names each bad field with its value', () => {
    const { index } = matchHeader(vehicle, ['身份证号', '姓名', '号牌号码', '车辆类型', '车辆状态', '车辆价值（元）', '行政区划代码']);
    const ok = parseReferenceRow(vehicle, index, 2, [id.toLowerCase(), '甲', '豫N1', '小型轿车', '正常', '80,000', '411426101201'], ctx);
    expect(ok).toEqual({ row: expect.objectContaining({ idNumber: id, amount: 80000, category: '小型轿车', placeCode: '411426101201', detail: { 号牌号码: '豫N1' } }) });
    const bad = parseReferenceRow(vehicle, index, 3, [id.slice(0, 17) + (id[17] === '1' ? '2' : '1'), '乙', '豫N2', '', '正常', '八万', '411427101201'], ctx);
    expect('problems' in bad && bad.problems.map((p) => [p.row, p.field, p.value])).toEqual([
      [3, '身份证号', id.slice(0, 17) + (id[17] === '1' ? '2' : '1')], [3, '车辆类型', ''], [3, '车辆价值（元）', '八万'], [3, '行政区划代码', '411427101201'],
    ]);
  });

  it('parses dates (Excel day numbers too) and amounts', () => {
    expect(parseDate('2020/6/3')).toBe('2020-06-03');
    expect(parseDate('20200603')).toBe('2020-06-03');
    expect(parseDate('43985')).toBe('2020-06-03');
    expect(parseDate('2020-02-30')).toBeNull();
    expect(parseAmount('1,234.5元')).toBe(1234.5);
    expect(parseAmount('-3')).toBeNull();
  });
});

describe('rules as data', () => {
  it('the shipped rule set validates, cites a source for every rule and suggests an outcome', () => {
    expect(ruleSetSchema.parse(DEFAULT_RULE_SET)).toEqual(DEFAULT_RULE_SET);
    for (const code of RULE_CODES) expect(DEFAULT_RULE_SET.rules[code].source).toMatch(/POLICY|seed/);
    expect(DEFAULT_RULE_SET.rules.vehicle.params.minValue).toBe(30000);
    expect(DEFAULT_RULE_SET.rules.medical_lead.suggestedOutcome).toBe('monitoring');
  });
});

describe('疑点 work', () => {
  const base = { note: '', evidence: [] as number[] };
  it('moves by role and refuses what the step lacks', () => {
    expect(nextStatus('found', { ...base, action: 'send', role: 'county_operator' })).toBe('sent');
    expect(() => nextStatus('found', { ...base, action: 'send', role: 'village_operator' })).toThrow('县级业务员');
    expect(() => nextStatus('sent', { ...base, action: 'verify', role: 'village_operator', outcome: 'removed', note: '有车' })).toThrow('照片');
    expect(nextStatus('sent', { action: 'verify', role: 'village_operator', outcome: 'removed', note: '有车', evidence: [1] })).toBe('verified');
    expect(() => nextStatus('verified', { ...base, action: 'review_return', role: 'township_operator' })).toThrow('理由');
    expect(nextStatus('reviewed', { ...base, action: 'confirm', role: 'county_operator', outcome: 'none' })).toBe('closed');
    expect(() => nextStatus('closed', { ...base, action: 'confirm', role: 'county_operator', outcome: 'none' })).toThrow('已办结');
    expect(actionsFor('verified', 'township_operator')).toEqual(['review_pass', 'review_return']);
  });

  it('is overdue once sent and past its deadline, until closed', () => {
    expect(isOverdue({ status: 'sent', deadline: '2024-03-15' }, '2024-03-16')).toBe(true);
    expect(isOverdue({ status: 'sent', deadline: '2024-03-15' }, '2024-03-15')).toBe(false);
    expect(isOverdue({ status: 'closed', deadline: '2024-03-15' }, '2024-04-01')).toBe(false);
  });
});
