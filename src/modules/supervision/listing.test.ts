import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_RECORDS } from '../../domain/policy/defaults';
import type { PolicyRecord } from '../../domain/policy/record';
import { decideListing, delistable, lowestThreshold, thresholdFor } from './listing';

const shangqiu: PolicyRecord = {
  id: 'sq', regionCode: '4114', effectiveYear: 2020, version: 2, status: 'active', title: '商丘市挂牌督战方案',
  rules: { supervision: { townshipRemainingPoorPersons: 250 } },
};
const draft: PolicyRecord = { ...shangqiu, id: 'draft', status: 'draft', rules: { supervision: { townshipRemainingPoorPersons: 10 } } };
const records = [...DEFAULT_POLICY_RECORDS, shangqiu, draft];

describe('listing thresholds', () => {
  it('takes seed 001’s lines from the national defaults: counties 5000, townships 300, villages 1000', () => {
    expect(thresholdFor(DEFAULT_POLICY_RECORDS, 'county', '411426', 2020).persons).toBe(5000);
    expect(thresholdFor(DEFAULT_POLICY_RECORDS, 'township', '411426207', 2020).persons).toBe(300);
    expect(thresholdFor(DEFAULT_POLICY_RECORDS, 'village', '411426207201', 2020).persons).toBe(1000);
  });

  it('lets a region override its line from the effective year, and names the record that set it', () => {
    const t = thresholdFor(records, 'township', '411426207', 2020);
    expect(t).toEqual({ persons: 250, policyKey: '0@2011v1+4114@2020v2', policyTitle: '商丘市挂牌督战方案' });
    expect(thresholdFor(records, 'township', '411426207', 2019).persons).toBe(300);
    expect(thresholdFor(records, 'township', '411526207', 2020).persons).toBe(300);
    expect(thresholdFor(records, 'county', '411426', 2020).policyTitle).toBe('全国默认');
  });

  it('knows the lowest active line of a level (drafts do not count)', () => {
    expect(lowestThreshold(records, 'township')).toBe(250);
    expect(lowestThreshold(records, 'county')).toBe(5000);
  });
});

describe('decideListing', () => {
  const line = thresholdFor(DEFAULT_POLICY_RECORDS, 'township', '411426111', 2020);

  it.each([
    [299, false],
    [300, false],
    [301, true],
    [302, true],
  ])('%i remaining persons against 300: listed %s', (persons, listed) => {
    expect(decideListing('township', persons, 2019, line).listed).toBe(listed);
  });

  it('explains itself', () => {
    expect(decideListing('township', 301, 2019, line).reason).toBe('2019 年底剩余贫困人口 301 人，超过乡镇级挂牌督战线 300 人（全国默认）');
    expect(decideListing('county', 5000, 2019, thresholdFor(DEFAULT_POLICY_RECORDS, 'county', '411426', 2020)).reason).toContain('未超过县级挂牌督战线 5000 人');
  });

  it('allows delisting once the remaining poor are at or below the line', () => {
    expect(delistable(300, line)).toBe(true);
    expect(delistable(301, line)).toBe(false);
  });
});
