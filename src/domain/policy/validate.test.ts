import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_RECORDS, NATIONAL_RULES } from './defaults';
import { validatePolicy } from './validate';

const county = (rules: unknown, extra: Record<string, unknown> = {}) => ({
  id: 'xiayi', regionCode: '411426', effectiveYear: 2021, version: 1, status: 'draft', title: '夏邑县', rules, ...extra,
});

function messages(record: unknown, base?: Parameters<typeof validatePolicy>[1]): string[] {
  const result = validatePolicy(record, base);
  return result.ok ? [] : result.errors.map((e) => e.message);
}

describe('validatePolicy', () => {
  it.each(DEFAULT_POLICY_RECORDS.map((r) => [r.id, r] as const))('accepts the default record %s', (_id, r) => {
    expect(validatePolicy(r)).toEqual({ ok: true, record: r });
  });

  const cases: { name: string; record: unknown; path: string; message: string }[] = [
    { name: 'a negative threshold', record: county({ water: { minLitresScarce: -5 } }), path: 'rules.water.minLitresScarce',
      message: '饮水安全 · 缺水地区最低水量（升/人·日）（rules.water.minLitresScarce）应大于 0，实为 -5' },
    { name: 'a share above 1', record: county({ risk: { incomeFallShare: 30 } }), path: 'rules.risk.incomeFallShare',
      message: '风险等级评定 · 收入较上年下降比例（超过即黄色）（rules.risk.incomeFallShare）应不大于 1，实为 30' },
    { name: 'a wrong type', record: county({ income: { checkPreviousYear: 'yes' } }), path: 'rules.income.checkPreviousYear',
      message: '收入标准 · 有上年记录时同时核对上年收入（rules.income.checkPreviousYear）应为是/否，实为 "yes"' },
    { name: 'an unknown option', record: county({ water: { scale: '2004' } }), path: 'rules.water.scale',
      message: '饮水安全 · 评价标准（rules.water.scale）应为 exit_rules、scale_2004 之一，实为 "2004"' },
    { name: 'a year key that is not a year', record: county({ monitoring: { lineByYear: { '20x4': { amount: 6500 } } } }), path: 'rules.monitoring.lineByYear.20x4',
      message: '防返贫监测 · 监测线（按年） · 20x4（rules.monitoring.lineByYear.20x4）键 "20x4" 无效：年份应为四位数字' },
    { name: 'a monitoring line of neither form', record: county({ monitoring: { lineByYear: { 2025: { yuan: 6500 } } } }), path: 'rules.monitoring.lineByYear.2025',
      message: '防返贫监测 · 监测线（按年） · 2025 · 监测线（{ multipleOfPovertyLine: 扶贫标准的倍数 } 或 { amount: 金额 }）（rules.monitoring.lineByYear.2025）格式不符，实为 {"yuan":6500}' },
    { name: 'an unknown field', record: county({ water: { minLitres: 30 } }), path: 'rules.water',
      message: '饮水安全（rules.water）含有不认识的字段：minLitres' },
    { name: 'an unknown risk type', record: county({ risk: { openRiskTypes: ['illness', 'bad_luck'] } }), path: 'rules.risk.openRiskTypes.1',
      message: '风险等级评定 · 风险类型（未消除即黄色） · 第2项（rules.risk.openRiskTypes.1）应为 illness、disability、schooling、disaster、accident、industry_failure、unstable_employment、sudden_event、unstable_income 之一，实为 "bad_luck"' },
    { name: 'an incomplete list entry', record: county({ visits: [{ role: 'pairing_cadre', label: '结对帮扶干部', minVisits: 0, periodMonths: 1 }] }), path: 'rules.visits.0.minVisits',
      message: '走访频次 · 第1项 · 最少走访次数（rules.visits.0.minVisits）应大于 0，实为 0' },
    { name: 'a bad region code', record: county({}, { regionCode: '4114261' }), path: 'regionCode',
      message: '适用地区代码（regionCode）地区代码应为 0（全国）或 2/4/6/9/12 位数字，实为 "4114261"' },
    { name: 'a fractional version', record: county({}, { version: 1.5 }), path: 'version', message: '版本号（version）应为整数，实为 1.5' },
    { name: 'an unknown status', record: county({}, { status: 'published' }), path: 'status', message: '状态（status）应为 draft、active 之一，实为 "published"' },
    { name: 'no title', record: county({}, { title: '' }), path: 'title', message: '名称（title）不能为空' },
  ];
  it.each(cases)('refuses $name', ({ record, path, message }) => {
    const result = validatePolicy(record);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual(expect.objectContaining({ path, message }));
  });

  it('requires complete rules in the national record', () => {
    const { water: _water, ...rest } = NATIONAL_RULES;
    expect(messages({ ...DEFAULT_POLICY_RECORDS[0], rules: rest })).toEqual(['饮水安全（rules.water）未填写']);
  });

  it('checks fields against each other', () => {
    const rules = { ...NATIONAL_RULES, education: { ...NATIONAL_RULES.education, compulsoryAgeFrom: 12, compulsoryAgeTo: 10 } };
    expect(messages({ ...DEFAULT_POLICY_RECORDS[0], rules })).toEqual([
      '义务教育 · 义务教育截止年龄（rules.education.compulsoryAgeTo）义务教育截止年龄 10 小于起始年龄 12',
    ]);
  });

  it('with the rules above it, checks the merged result too', () => {
    const override = county({ water: { minLitresScarce: 40 } });
    expect(messages(override)).toEqual([]);
    expect(messages(override, NATIONAL_RULES)).toEqual([
      '饮水安全 · 缺水地区最低水量（升/人·日）（rules.water.minLitresScarce）缺水地区最低水量 40 高于正常地区 35',
    ]);
    expect(messages(county({ income: { standard: 'relative' } }), NATIONAL_RULES)).toEqual([
      '相对贫困标准（rules.relativePoverty）收入标准类型为相对贫困标准，但未填写相对贫困标准',
    ]);
  });

  it('reports every problem at once', () => {
    const record = county({ water: { minLitresNormal: 0, maxOutageDays: 400 }, housing: { passingGrades: [] } }, { effectiveYear: 1990 });
    const result = validatePolicy(record);
    expect(result.ok ? [] : result.errors.map((e) => e.path).sort()).toEqual([
      'effectiveYear', 'rules.housing.passingGrades', 'rules.water.maxOutageDays', 'rules.water.minLitresNormal',
    ]);
  });

  it('refuses something that is not a record', () => {
    expect(messages(null)).toEqual(['记录（整条记录）应为对象，实为 null']);
  });
});
