import { describe, expect, it } from 'vitest';
import { assessClothing, assessFood } from './foodClothing';
import { assessHousing } from './housing';
import { defaultPolicy, household, withRules } from './testFacts';
import type { HouseFacts } from './types';

const rules = defaultPolicy().rules;
const house = (grade: string | null, renovated: boolean | null = null, relocated: boolean | null = null): HouseFacts => ({ grade, renovated, relocated });

describe('safe housing', () => {
  it.each([
    { house: house('A'), status: 'pass', reason: '住房鉴定为 A 级' },
    { house: house('B'), status: 'pass', reason: '住房鉴定为 B 级' },
    { house: house('C'), status: 'fail', reason: '住房鉴定为 C 级（达标等级为 A、B 级），无危房改造完成或易地搬迁入住记录' },
    { house: house('C', true), status: 'pass', reason: '住房鉴定为 C 级，危房改造已完成' },
    { house: house('C', false, false), status: 'fail', reason: '住房鉴定为 C 级（达标等级为 A、B 级），无危房改造完成或易地搬迁入住记录' },
    { house: house('D', null, true), status: 'pass', reason: '易地扶贫搬迁已入住' },
    { house: house(null), status: 'undetermined', reason: '不能判定：缺少数据（住房安全鉴定等级）' },
    { house: house(null, null, true), status: 'pass', reason: '易地扶贫搬迁已入住' },
    { house: house(null, true), status: 'pass', reason: '危房改造已完成' },
  ])('$house → $status', ({ house: h, status, reason }) => {
    const result = assessHousing(household({ house: h }), rules);
    expect(result.status).toBe(status);
    expect(result.reason).toBe(reason);
    expect(result.values).toEqual({ grade: h.grade, renovated: h.renovated, relocated: h.relocated });
  });

  it('does not count renovation where the rules do not', () => {
    const r = withRules((x) => ({ ...x, housing: { ...x.housing, renovatedPasses: false } })).rules;
    const result = assessHousing(household({ house: house('C', true) }), r);
    expect(result.status).toBe('fail');
    expect(result.reason).toBe('住房鉴定为 C 级（达标等级为 A、B 级），无易地搬迁入住记录');
  });
});

describe('food and clothing (两不愁)', () => {
  it.each([
    { value: true, status: 'pass' },
    { value: false, status: 'fail' },
    { value: null, status: 'undetermined' },
  ])('$value → $status', ({ value, status }) => {
    const facts = household({ foodSecure: value, clothingSecure: value });
    expect(assessFood(facts).status).toBe(status);
    expect(assessClothing(facts).status).toBe(status);
  });
  it('says what the cadre recorded', () => {
    expect(assessFood(household({ foodSecure: false })).reason).toBe('走访记录：不愁吃未达到');
    expect(assessClothing(household({ clothingSecure: null })).reason).toBe('不能判定：缺少数据（走访记录“不愁穿”）');
  });
});
