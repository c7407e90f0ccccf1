import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_RECORDS } from '../../domain/policy/defaults';
import type { PolicyRecord } from '../../domain/policy/record';
import { policyGroups } from './policyGroups';

const county: PolicyRecord = { id: 'c', regionCode: '411426', effectiveYear: 2021, version: 1, status: 'active', title: '县', rules: { monitoring: { lineByYear: { 2021: { amount: 6500 } } } } };
const village: PolicyRecord = { ...county, id: 'v', regionCode: '411426001001', title: '村', rules: { risk: { incomeFallShare: 0.2 } } };
const draft: PolicyRecord = { ...county, id: 'd', regionCode: '411427', status: 'draft', title: '草稿' };
const records = [...DEFAULT_POLICY_RECORDS, county, village, draft];

const summary = (place: string, year: number) =>
  policyGroups(records, place, year).map((g) => ({ region: g.region, notUnder: g.notUnder, versions: g.policy.versions.map((v) => v.id) }));

describe('policyGroups', () => {
  it('splits the nation by the deepest region with an active record', () => {
    expect(summary('0', 2021)).toEqual([
      { region: '0', notUnder: ['34', '4114', '411426', '411426001001', '44', '46', '53', '54', '540425', '62'], versions: ['national'] },
      { region: '34', notUnder: [], versions: ['national', 'anhui-clock'] },
      { region: '4114', notUnder: ['411426', '411426001001'], versions: ['national', 'shangqiu-risk'] },
      { region: '411426', notUnder: ['411426001001'], versions: ['national', 'shangqiu-risk', 'c'] },
      { region: '411426001001', notUnder: [], versions: ['national', 'shangqiu-risk', 'c', 'v'] },
      { region: '44', notUnder: [], versions: ['national', 'guangdong-relative'] },
      { region: '46', notUnder: [], versions: ['national', 'hainan-clock'] },
      { region: '53', notUnder: [], versions: ['national', 'yunnan-monitoring'] },
      { region: '54', notUnder: ['540425'], versions: ['national', 'tibet-west'] },
      { region: '540425', notUnder: [], versions: ['national', 'tibet-west', 'chayu-pairing'] },
      { region: '62', notUnder: [], versions: ['national', 'gansu-clock'] },
    ]);
  });

  it('keeps only the groups that can hold households of the place', () => {
    expect(summary('411426', 2021)).toEqual([
      { region: '411426', notUnder: ['411426001001'], versions: ['national', 'shangqiu-risk', 'c'] },
      { region: '411426001001', notUnder: [], versions: ['national', 'shangqiu-risk', 'c', 'v'] },
    ]);
    expect(summary('411426002', 2021)).toEqual([{ region: '411426', notUnder: [], versions: ['national', 'shangqiu-risk', 'c'] }]);
    expect(summary('411427', 2021)).toEqual([{ region: '4114', notUnder: [], versions: ['national', 'shangqiu-risk'] }]);
    expect(summary('1101', 2021)).toEqual([{ region: '0', notUnder: [], versions: ['national'] }]);
  });

  it('ignores records not yet in effect in the year, and drafts', () => {
    expect(summary('411426', 2020)).toEqual([{ region: '4114', notUnder: [], versions: ['national', 'shangqiu-risk'] }]);
    expect(summary('411426', 2019)).toEqual([{ region: '4114', notUnder: [], versions: ['national', 'shangqiu-industry'] }]);
    expect(summary('411426', 2015)).toEqual([{ region: '0', notUnder: [], versions: ['national'] }]);
  });
});
