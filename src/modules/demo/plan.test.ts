import { describe, expect, it } from 'vitest';
import { CHAYU, LONGSHAN, SHANGQIU_ANNEX, SHANGQIU_CITY, SHANGQIU_COUNTIES, XINGZI } from './plan';
import { codeOf, povertyCause } from '../../domain/enums';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('demo plan figures', () => {
  it('adds the 商丘 counties up to 29,300 with only 夏邑 and 虞城 above 5000', () => {
    expect(sum(SHANGQIU_COUNTIES.map((c) => c.persons))).toBe(SHANGQIU_CITY.persons);
    expect(SHANGQIU_COUNTIES.filter((c) => c.persons > SHANGQIU_CITY.countyLimit).map((c) => c.name)).toEqual(['夏邑县', '虞城县']);
  });

  it('has cause tables that sum to the households, in codes of the cause enumeration', () => {
    for (const c of SHANGQIU_COUNTIES.filter((x) => x.causes)) {
      expect(sum(Object.values(c.causes!))).toBe(c.households);
      for (const code of Object.keys(c.causes!)) expect(codeOf(povertyCause, code)).toBe(code);
    }
    expect(codeOf(povertyCause, '自身发展不足')).toBe('motivation');
  });

  it('lists 28 annex townships totalling 10,833, each within its county’s total, the drifted names mapped', () => {
    expect(SHANGQIU_ANNEX).toHaveLength(28);
    expect(sum(SHANGQIU_ANNEX.map((a) => a.persons))).toBe(10_833);
    for (const c of SHANGQIU_COUNTIES) {
      expect(sum(SHANGQIU_ANNEX.filter((a) => a.countyCode === c.code).map((a) => a.persons))).toBeLessThanOrEqual(c.persons);
    }
    const drifted = SHANGQIU_ANNEX.filter((a) => a.annexName !== a.name).map((a) => [a.annexName, a.name, a.code]);
    expect(drifted).toEqual([
      ['大侯乡', '大候镇', '411425112'],
      ['桑固乡', '桑堌乡', '411426207'],
      ['北皊镇', '北岭镇', '411426111'],
    ]);
    expect(SHANGQIU_ANNEX.every((a) => a.code.startsWith(a.countyCode) && a.persons > SHANGQIU_CITY.townshipLimit)).toBe(true);
  });

  it('has 察隅 exits of 2210 / 2365 / 1585 summing to 6160, 星子 3608, 龙山 562 / 2452', () => {
    const year = (y: number) => sum(CHAYU.exits.filter((e) => e.year === y).map((e) => e.persons));
    expect([year(2016), year(2017), year(2018)]).toEqual([2210, 2365, 1585]);
    expect(sum(CHAYU.exits.map((e) => e.persons))).toBe(CHAYU.persons);
    expect(sum(XINGZI.exits.map((e) => e.persons))).toBe(XINGZI.persons);
    expect([LONGSHAN.households, LONGSHAN.persons]).toEqual([562, 2452]);
  });
});
