import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_RECORDS } from '../policy/defaults';
import { resolvePolicy } from '../policy/resolve';
import { listedByIncidence, percentText, villageVerdict, type VillageRecordFacts } from './verdict';

const rulesAt = (place: string, year = 2019) => resolvePolicy(DEFAULT_POLICY_RECORDS, place, year).rules;

const good: VillageRecordFacts = {
  registeredPopulation: 1000, poorVillage: true, exitYear: null, relativePoorVillage: false,
  roadToVillage: true, roadNaturalVillages: 1, power: true, broadband: true, mobile4g: true, safeWater: true, dangerousHouses: 0,
  clinic: true, cultureRoom: true, school: 'school', serviceCenter: true,
  income: { operating: 30000, contract: 10000, investment: 10000, subsidy: 80000, other: 5000 }, perCapitaIncome: 9000,
};

const henan = '411423100201';
const yunnan = '530523100201';

describe('village exit verdict', () => {
  it('passes at 2% exactly and fails just above, naming value and threshold', () => {
    const at = villageVerdict({ villageCode: henan, year: 2019, record: good, poorPersons: 20 }, rulesAt(henan));
    expect(at.passed).toBe(true);
    expect(at.conditions[0].text).toBe('贫困发生率 2.00% ≤ 2%（贫困人口 20 人 / 户籍人口 1000 人）');
    const above = villageVerdict({ villageCode: henan, year: 2019, record: { ...good, registeredPopulation: 999 }, poorPersons: 20 }, rulesAt(henan));
    expect(above.passed).toBe(false);
    expect(above.failing).toEqual(['贫困发生率 2.002% > 2%（贫困人口 20 人 / 户籍人口 999 人）']);
  });

  it('uses 3% in the western provinces', () => {
    expect(villageVerdict({ villageCode: yunnan, year: 2019, record: good, poorPersons: 30 }, rulesAt(yunnan)).passed).toBe(true);
    const v = villageVerdict({ villageCode: yunnan, year: 2019, record: good, poorPersons: 31 }, rulesAt(yunnan));
    expect(v.failing[0]).toMatch(/^贫困发生率 3.10% > 3%/);
    expect(villageVerdict({ villageCode: henan, year: 2019, record: good, poorPersons: 30 }, rulesAt(henan)).passed).toBe(false);
  });

  it('counts operating income only, 1万 exactly passes, and shows the 5万 target without a veto', () => {
    const income = { operating: 5000, contract: 3000, investment: 2000, subsidy: 90000, other: 9000 };
    const v = villageVerdict({ villageCode: henan, year: 2019, record: { ...good, income }, poorPersons: 0 }, rulesAt(henan));
    expect(v.passed).toBe(true);
    expect(v.conditions.find((c) => c.code === 'collective_income')!.text).toBe('集体经济收入 1万 ≥ 1万');
    expect(v.conditions.find((c) => c.code === 'collective_income_target')).toMatchObject({ passed: false, judged: false, text: '集体经济收入 1万 < 5万（贫困村年度目标，不作否决）' });
    const short = villageVerdict({ villageCode: henan, year: 2019, record: { ...good, income: { ...income, operating: 4999 } }, poorPersons: 0 }, rulesAt(henan));
    expect(short.failing).toEqual(['集体经济收入 0.9999万 < 1万']);
    const target = villageVerdict({ villageCode: henan, year: 2019, record: { ...good, income: { ...income, operating: 45000 } }, poorPersons: 0 }, rulesAt(henan));
    expect(target.conditions.find((c) => c.code === 'collective_income_target')!.text).toBe('集体经济收入 5万 ≥ 5万（贫困村年度目标，不作否决）');
  });

  it('names every failing infrastructure and service condition, and unfilled ones', () => {
    const v = villageVerdict({ villageCode: henan, year: 2019, record: { ...good, broadband: false, clinic: null }, poorPersons: 0 }, rulesAt(henan));
    expect(v.failing).toEqual(['通宽带：未通', '标准化卫生室和合格村医：未填写']);
  });

  it('a Guangdong 相对贫困村 leaves at 60% of the provincial average, and is identified by < 8000 and ≥ 5%', () => {
    const gd = '441882105201';
    const record = { ...good, relativePoorVillage: true, perCapitaIncome: 7000 };
    const v = villageVerdict({ villageCode: gd, year: 2016, record, poorPersons: 50 }, rulesAt(gd, 2016));
    expect(v.kind).toBe('relative_exit');
    expect(v.passed).toBe(false);
    expect(v.failing[0]).toBe('村人均可支配收入 7000元 < 8707.32元（2016 年全省 14512.2元 × 60%）');
    expect(v.relativeIdentification!.met).toBe(true);
    expect(villageVerdict({ villageCode: gd, year: 2016, record: { ...record, perCapitaIncome: 8707.32 }, poorPersons: 50 }, rulesAt(gd, 2016)).passed).toBe(true);
    expect(villageVerdict({ villageCode: gd, year: 2016, record, poorPersons: 49 }, rulesAt(gd, 2016)).relativeIdentification!.met).toBe(false);
  });

  it('lists a poor village not yet exited above 10% only', () => {
    expect(listedByIncidence(100, good, 2019, rulesAt(henan)).listed).toBe(false);
    expect(listedByIncidence(101, good, 2019, rulesAt(henan))).toEqual({ listed: true, reason: '2019 年底贫困发生率 10.10%（101 人 / 户籍人口 1000 人），超过村级挂牌督战线 10%' });
    expect(listedByIncidence(200, { ...good, exitYear: 2018 }, 2019, rulesAt(henan)).listed).toBe(false);
  });

  it('shows more decimals only when two would equal the threshold', () => {
    expect(percentText(27, 1000, 0.02)).toBe('2.70%');
    expect(percentText(20001, 1000000, 0.02)).toBe('2.0001%');
  });
});
