import { describe, expect, it } from 'vitest';
import { assessWater } from './water';
import { guaranteeRate } from './water2004';
import { defaultPolicy, household, withRules } from './testFacts';
import type { WaterFacts } from './types';

const rules = defaultPolicy().rules;
const good: WaterFacts = { litresPerDay: 40, qualityOk: true, tripMinutes: null, piped: true, outageDays: 0, scarceArea: false };
const check = (w: Partial<WaterFacts>, r = rules) => assessWater(household({ water: { ...good, ...w } }), r);

describe('drinking water under the exit rules', () => {
  const cases: { name: string; water: Partial<WaterFacts>; status: string; reason: RegExp }[] = [
    { name: 'scarce area at 20 L passes', water: { litresPerDay: 20, scarceArea: true }, status: 'pass', reason: /水量 20 升\/人·日，达到缺水地区标准 20 升/ },
    { name: 'scarce area at 19.9 L fails', water: { litresPerDay: 19.9, scarceArea: true }, status: 'fail', reason: /^水量 19.9 升\/人·日，低于缺水地区标准 20 升$/ },
    { name: 'normal area at 20 L fails', water: { litresPerDay: 20, scarceArea: false }, status: 'fail', reason: /低于正常地区标准 35 升/ },
    { name: 'normal area at 35 L passes', water: { litresPerDay: 35 }, status: 'pass', reason: /达到正常地区标准 35 升/ },
    { name: 'unknown area at 40 L passes either way', water: { litresPerDay: 40, scarceArea: null }, status: 'pass', reason: /达到 35 升/ },
    { name: 'unknown area at 19 L fails either way', water: { litresPerDay: 19, scarceArea: null }, status: 'fail', reason: /低于缺水地区标准 20 升/ },
    { name: 'unknown area at 25 L cannot be decided', water: { litresPerDay: 25, scarceArea: null }, status: 'undetermined', reason: /是否属缺水地区（水量 25 升\/人·日介于 20 与 35 升之间）/ },
    { name: 'quantity not recorded', water: { litresPerDay: null }, status: 'undetermined', reason: /供水量/ },
    { name: 'bad quality', water: { qualityOk: false }, status: 'fail', reason: /^水质不达标$/ },
    { name: 'quality not recorded', water: { qualityOk: null }, status: 'undetermined', reason: /水质检测或检查结果/ },
    { name: 'trip of 20 minutes passes', water: { piped: false, tripMinutes: 20 }, status: 'pass', reason: /取水往返 20 分钟，不超过 20 分钟/ },
    { name: 'trip of 21 minutes fails', water: { piped: false, tripMinutes: 21 }, status: 'fail', reason: /未通自来水，取水往返 21 分钟，超过 20 分钟/ },
    { name: 'long trip but within 800 m horizontally passes', water: { piped: false, tripMinutes: 25, horizontalMetres: 800 }, status: 'pass', reason: /水平距离 800 米/ },
    { name: 'long trip but within 80 m vertically passes', water: { piped: false, tripMinutes: 25, horizontalMetres: 900, verticalMetres: 80 }, status: 'pass', reason: /垂直距离 80 米/ },
    { name: 'not piped, trip not recorded', water: { piped: false, tripMinutes: null }, status: 'undetermined', reason: /缺少数据（取水往返时间）/ },
    { name: 'nothing recorded about access', water: { piped: null, tripMinutes: null }, status: 'undetermined', reason: /是否自来水入户、取水往返时间/ },
    { name: 'outage of 36 days passes', water: { outageDays: 36 }, status: 'pass', reason: /全年累计断水 36 天，不超过 36 天/ },
    { name: 'outage of 37 days fails', water: { outageDays: 37 }, status: 'fail', reason: /^全年累计断水 37 天，超过 36 天$/ },
    { name: 'outage not recorded', water: { outageDays: null }, status: 'undetermined', reason: /全年累计断水天数/ },
  ];
  it.each(cases)('$name', ({ water, status, reason }) => {
    const result = check(water);
    expect(result.status).toBe(status);
    expect(result.reason).toMatch(reason);
  });

  it('lists every failing indicator and records the values read', () => {
    const result = check({ litresPerDay: 10, qualityOk: false, piped: false, tripMinutes: 30, outageDays: 40 });
    expect(result.reason.split('；')).toHaveLength(4);
    expect(result.values).toMatchObject({ scale: 'exit_rules', litresPerDay: 10, qualityOk: false, piped: false, tripMinutes: 30, outageDays: 40, scarceArea: false });
  });

  it('explains a pass with all four indicators', () => {
    expect(check({}).reason).toBe('水量 40 升/人·日，达到正常地区标准 35 升，水质达标，自来水入户，全年累计断水 0 天，不超过 36 天');
  });
});

describe('drinking water under the 2004 scale (policy option)', () => {
  const scale2004 = (requiredLevel: 'safe' | 'basic') =>
    withRules((r) => ({ ...r, water: { ...r.water, scale: 'scale_2004', scale2004: { ...r.water.scale2004, requiredLevel } } })).rules;
  const basic = scale2004('basic');
  const safe = scale2004('safe');

  it('computes the guarantee rate from outage days', () => {
    expect(guaranteeRate(36)).toBeGreaterThanOrEqual(0.9);
    expect(guaranteeRate(37)).toBeLessThan(0.9);
    expect(guaranteeRate(18)).toBeGreaterThanOrEqual(0.95);
    expect(guaranteeRate(19)).toBeLessThan(0.95);
  });

  const cases: { name: string; water: Partial<WaterFacts>; level: 'safe' | 'basic'; status: string; reason: RegExp }[] = [
    { name: '91.8% guarantee is basically safe: passes when basic is required', water: { outageDays: 30 }, level: 'basic', status: 'pass', reason: /供水保证率 91.8%，基本安全/ },
    { name: '91.8% guarantee fails when safe (95%) is required', water: { outageDays: 30 }, level: 'safe', status: 'fail', reason: /^断水 30 天，供水保证率 91.8%，基本安全（要求安全）$/ },
    { name: '90.1% (36 days) passes at 90%', water: { outageDays: 36 }, level: 'basic', status: 'pass', reason: /90.1%，基本安全/ },
    { name: '89.9% (37 days) fails at 90%', water: { outageDays: 37 }, level: 'basic', status: 'fail', reason: /89.9%，不安全（要求基本安全）/ },
    { name: '95.1% (18 days) passes at 95%', water: { outageDays: 18 }, level: 'safe', status: 'pass', reason: /95.1%，安全/ },
    { name: '94.8% (19 days) fails at 95%', water: { outageDays: 19 }, level: 'safe', status: 'fail', reason: /94.8%，基本安全（要求安全）/ },
    { name: '20 L is basically safe', water: { litresPerDay: 20 }, level: 'basic', status: 'pass', reason: /水量 20 升\/人·日，基本安全/ },
    { name: '19.9 L is unsafe', water: { litresPerDay: 19.9 }, level: 'basic', status: 'fail', reason: /水量 19.9 升\/人·日，不安全/ },
    { name: '39 L is not safe', water: { litresPerDay: 39 }, level: 'safe', status: 'fail', reason: /39 升\/人·日，基本安全（要求安全）/ },
    { name: 'a 10-minute trip is safe', water: { piped: false, tripMinutes: 10 }, level: 'safe', status: 'pass', reason: /取水往返 10 分钟，安全/ },
    { name: 'an 11-minute trip is only basically safe', water: { piped: false, tripMinutes: 11 }, level: 'safe', status: 'fail', reason: /11 分钟，基本安全（要求安全）/ },
    { name: 'a 21-minute trip is unsafe', water: { piped: false, tripMinutes: 21 }, level: 'basic', status: 'fail', reason: /21 分钟，不安全/ },
    { name: 'bad quality is unsafe', water: { qualityOk: false }, level: 'basic', status: 'fail', reason: /水质不达标，不安全/ },
    { name: 'missing outage cannot be decided', water: { outageDays: null }, level: 'basic', status: 'undetermined', reason: /全年累计断水天数/ },
  ];
  it.each(cases)('$name', ({ water, level, status, reason }) => {
    const result = check(water, level === 'safe' ? safe : basic);
    expect(result.status).toBe(status);
    expect(result.reason).toMatch(reason);
  });

  it('says which scale and level it applied, and the rate it computed', () => {
    const result = check({ outageDays: 30 }, basic);
    expect(result.reason).toMatch(/^按2004年评价指标体系（要求基本安全）：/);
    expect(result.values).toMatchObject({ scale: 'scale_2004', requiredLevel: 'basic', outageDays: 30 });
    expect(result.values.guaranteeRate).toBeCloseTo(335 / 365, 10);
  });
});
