import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_RECORDS, NATIONAL_RULES } from './defaults';
import type { PolicyRecord } from './record';
import { PolicyResolutionError, resolvePolicy, versionKey } from './resolve';

const record = (id: string, regionCode: string, effectiveYear: number, rules: PolicyRecord['rules'], extra: Partial<PolicyRecord> = {}): PolicyRecord => ({
  id, regionCode, effectiveYear, version: 1, status: 'active', title: id, rules, ...extra,
});

const records: PolicyRecord[] = [
  record('nation', '0', 2011, NATIONAL_RULES),
  record('nation-2016', '0', 2016, { ...NATIONAL_RULES, procedures: { ...NATIONAL_RULES.procedures, exitPublicNoticeDays: 5 } }),
  record('henan', '41', 2016, { education: { compulsoryAgeTo: 16 }, procedures: { countySpotCheckShare: 0.2 } }),
  record('shangqiu', '4114', 2017, { procedures: { countySpotCheckShare: 0.3 } }),
  record('xiayi-2018', '411426', 2018, { education: { compulsoryAgeFrom: 7 }, procedures: { countySpotCheckShare: 0.5 } }),
  record('xiayi-2020-v1', '411426', 2020, { procedures: { countySpotCheckShare: 0.6 } }),
  record('xiayi-2020-v2', '411426', 2020, { procedures: { countySpotCheckShare: 0.7 } }, { version: 2 }),
  record('xiayi-2020-v3-draft', '411426', 2020, { procedures: { countySpotCheckShare: 0.9 } }, { version: 3, status: 'draft' }),
  record('village', '411426001001', 2019, { water: { maxOutageDays: 30 } }),
];

describe('resolvePolicy: county over city over province over nation, by year', () => {
  const cases: { place: string; year: number; versions: string[]; spotCheck: number; ages: [number, number]; notice: number }[] = [
    { place: '440000000000', year: 2015, versions: ['nation'], spotCheck: 0.1, ages: [6, 15], notice: 7 },
    { place: '440000000000', year: 2016, versions: ['nation-2016'], spotCheck: 0.1, ages: [6, 15], notice: 5 },
    { place: '411426001002', year: 2015, versions: ['nation'], spotCheck: 0.1, ages: [6, 15], notice: 7 },
    { place: '411426001002', year: 2016, versions: ['nation-2016', 'henan'], spotCheck: 0.2, ages: [6, 16], notice: 5 },
    { place: '411426001002', year: 2017, versions: ['nation-2016', 'henan', 'shangqiu'], spotCheck: 0.3, ages: [6, 16], notice: 5 },
    { place: '411426001002', year: 2018, versions: ['nation-2016', 'henan', 'shangqiu', 'xiayi-2018'], spotCheck: 0.5, ages: [7, 16], notice: 5 },
    { place: '411426001002', year: 2020, versions: ['nation-2016', 'henan', 'shangqiu', 'xiayi-2020-v2'], spotCheck: 0.7, ages: [6, 16], notice: 5 },
    { place: '411426', year: 2030, versions: ['nation-2016', 'henan', 'shangqiu', 'xiayi-2020-v2'], spotCheck: 0.7, ages: [6, 16], notice: 5 },
    { place: '411425001001', year: 2020, versions: ['nation-2016', 'henan', 'shangqiu'], spotCheck: 0.3, ages: [6, 16], notice: 5 },
    { place: '411426001001', year: 2019, versions: ['nation-2016', 'henan', 'shangqiu', 'xiayi-2018', 'village'], spotCheck: 0.5, ages: [7, 16], notice: 5 },
  ];
  it.each(cases)('$place in $year', ({ place, year, versions, spotCheck, ages, notice }) => {
    const { rules, versions: used } = resolvePolicy(records, place, year);
    expect(used.map((v) => v.id)).toEqual(versions);
    expect(rules.procedures.countySpotCheckShare).toBe(spotCheck);
    expect([rules.education.compulsoryAgeFrom, rules.education.compulsoryAgeTo]).toEqual(ages);
    expect(rules.procedures.exitPublicNoticeDays).toBe(notice);
  });

  it('applies a village record only to that village', () => {
    expect(resolvePolicy(records, '411426001001', 2019).rules.water.maxOutageDays).toBe(30);
    expect(resolvePolicy(records, '411426001002', 2019).rules.water.maxOutageDays).toBe(36);
  });

  it('ignores drafts (a what-if passes the draft as active)', () => {
    const asActive = records.map((r) => (r.id === 'xiayi-2020-v3-draft' ? { ...r, status: 'active' as const } : r));
    expect(resolvePolicy(asActive, '411426', 2020).rules.procedures.countySpotCheckShare).toBe(0.9);
  });

  it('does not change the records it merges', () => {
    const before = JSON.stringify(records);
    resolvePolicy(records, '411426001001', 2019);
    expect(JSON.stringify(records)).toBe(before);
  });

  it('names the versions used', () => {
    expect(versionKey(resolvePolicy(records, '411426', 2018).versions)).toBe('0@2016v1+41@2016v1+4114@2017v1+411426@2018v1');
  });

  it('refuses without a national record for the year', () => {
    expect(() => resolvePolicy(records, '411426', 2010)).toThrow(PolicyResolutionError);
    expect(() => resolvePolicy(records.slice(2), '411426', 2020)).toThrow(/没有 2020 年生效的全国政策记录/);
  });

  it('refuses a merge that leaves the rules incomplete, naming the records', () => {
    const broken = [...records, record('guangdong-broken', '44', 2016, { income: { standard: 'relative' } })];
    expect(() => resolvePolicy(broken, '441882', 2017)).toThrow(/相对贫困标准.*guangdong-broken（44，2016 年第 1 版）/);
  });
});

describe('the default records', () => {
  it('merge year maps key by key: Yunnan keeps the national 6000 and adds 8700 for 2024', () => {
    const lines = resolvePolicy(DEFAULT_POLICY_RECORDS, '530102', 2024).rules.monitoring.lineByYear;
    expect(lines).toEqual({ 2020: { multipleOfPovertyLine: 1.5 }, 2021: { amount: 6000 }, 2024: { amount: 8700 } });
  });

  it('察隅 takes the western 3% from Tibet and the 3/2/1 pairing from the county', () => {
    const { rules, versions } = resolvePolicy(DEFAULT_POLICY_RECORDS, '540425100200', 2017);
    expect(versions.map((v) => v.id)).toEqual(['national', 'tibet-west', 'chayu-pairing']);
    expect(rules.exitStandards.villageMaxIncidence).toBe(0.03);
    expect(rules.qualityIndicators.maxIncidence).toBe(0.03);
    expect(rules.pairing.model).toBe('county_321');
    expect(rules.pairing.models[rules.pairing.model].quotas.map((q) => q.households)).toEqual([3, 2, 1]);
    expect(resolvePolicy(DEFAULT_POLICY_RECORDS, '540102', 2017).rules.pairing.model).toBe('township_15_10_15');
  });

  it('Guangdong uses the relative standard from 2016', () => {
    expect(resolvePolicy(DEFAULT_POLICY_RECORDS, '441882', 2015).rules.income.standard).toBe('absolute');
    const gd = resolvePolicy(DEFAULT_POLICY_RECORDS, '441882', 2016).rules;
    expect(gd.income.standard).toBe('relative');
    expect(gd.relativePoverty).toMatchObject({ householdLine: 4000, priceBaseYear: 2014, villageIncomeLine: 8000, householdExitShare: 0.45, villageExitShare: 0.6 });
  });

  it('商丘 replaces the open risk types as a whole list and is labelled 本地默认', () => {
    const sq = resolvePolicy(DEFAULT_POLICY_RECORDS, '411426', 2020).rules;
    expect(sq.risk.openRiskTypes).not.toContain('accident');
    expect(sq.risk.openRiskTypes).toHaveLength(8);
    expect(sq.risk.label).toMatch(/本地默认/);
    expect(sq.procedures.monitoringPublicNoticeDays).toBe(5);
    expect(resolvePolicy(DEFAULT_POLICY_RECORDS, '411426', 2019).rules.risk.openRiskTypes).toContain('accident');
  });
});

describe('the industry income target (seed 001, 商丘 only, from 2016)', () => {
  it('is 2000 in 商丘 from 2016 on and unset elsewhere', () => {
    const target = (place: string, year: number) => resolvePolicy(DEFAULT_POLICY_RECORDS, place, year).rules.income.industryIncomeTarget;
    expect([target('411426', 2015), target('411426', 2016), target('411426', 2019), target('411426', 2020), target('411426', 2024)]).toEqual([null, 2000, 2000, 2000, 2000]);
    expect(target('441882', 2018)).toBeNull();
  });
});
