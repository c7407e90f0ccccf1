/**
 * The shape of a rule set (POLICY.md §3–8). Every number and list lives here as data; each
 * field carries its Chinese label (`describe`) so validation messages can name it.
 * Thresholds read as the label says: "不超过" is ≤, "高于" is >, "不低于" is ≥.
 */
import { z } from 'zod';
import { campaignRules } from './campaignSchema';
import { countyExitRules } from './countyExitSchema';
import { villageRules } from './villageSchema';
import { clockProblems, preventionRules } from '../prevention/schema';
import { byYear, codes, label, positiveInt, share, yuan } from './schemaHelpers';

/** The open risk types of POLICY §6 (stable codes; labels in assessment/riskTypes). */
export const RISK_TYPES = [
  'illness', 'disability', 'schooling', 'disaster', 'accident',
  'industry_failure', 'unstable_employment', 'sudden_event', 'unstable_income',
] as const;
export const riskTypeCode = z.enum(RISK_TYPES);

export const RISK_REASONS = [
  'income_not_above_line', 'criterion_failed', 'serious_event',
  'income_below_monitoring_line', 'income_fall', 'open_risk', 'relative_exit_short',
] as const;

export const CRITERIA = ['income', 'food', 'clothing', 'education', 'medical', 'housing', 'water'] as const;
export type Criterion = (typeof CRITERIA)[number];

const monitoringLine = label('监测线（{ multipleOfPovertyLine: 扶贫标准的倍数 } 或 { amount: 金额 }）', z.union([
  z.strictObject({ multipleOfPovertyLine: label('扶贫标准的倍数', z.number().positive()) }),
  z.strictObject({ amount: label('监测线金额（元/人·年）', z.number().positive()) }),
]));

const relativePoverty = z.strictObject({
  householdLine: yuan('相对贫困户识别标准（元/人·年，不变价）'),
  priceBaseYear: label('不变价基年', z.number().int().min(1990).max(2100)),
  householdLineByYear: byYear('相对贫困户识别标准的当年名义值（元/人·年，按年；未填写的年份用不变价标准）', z.number().positive()).optional(),
  villageIncomeLine: yuan('相对贫困村人均可支配收入标准（元）'),
  villagePoorShareMin: share('相对贫困村贫困人口占比下限'),
  householdExitShare: share('贫困户退出：占全省农村居民人均可支配收入的比例'),
  villageExitShare: share('贫困村出列：占全省农村居民人均可支配收入的比例'),
  provincialRuralIncomeByYear: byYear('全省农村居民人均可支配收入（按年）', z.number().positive()),
});

const waterLevel2004 = (text: string) =>
  label(text, z.strictObject({
    minLitres: label('最低水量（升/人·日）', z.number().positive()),
    maxTripMinutes: label('取水往返时间上限（分钟）', z.number().positive()),
    minGuaranteeRate: share('供水保证率下限'),
  }));

export const assessmentRules = {
  income: label('收入标准', z.strictObject({
    standard: label('收入标准类型', z.enum(['absolute', 'relative'])),
    povertyLineByYear: byYear('扶贫标准（元/人·年，按年）', z.number().positive()),
    checkPreviousYear: label('有上年记录时同时核对上年收入', z.boolean()),
    industryIncomeTarget: label('有产业扶持的未脱贫户人均产业收入目标（元/年，空为不设）', z.number().positive().nullable()),
  })),
  relativePoverty: label('相对贫困标准', relativePoverty.optional()),
  monitoring: label('防返贫监测', z.strictObject({
    lineByYear: byYear('监测线（按年）', monitoringLine),
    capByYear: byYear('监测对象规模上限（按年，空为不设上限）', z.strictObject({
      share: share('监测对象占建档立卡人口比例上限'),
      deepPovertyShare: share('深度贫困地区比例上限'),
    }).nullable()),
    lookbackMonths: positiveInt('纳入监测的收入核算期（月）'),
    deepPovertyCounties: codes('深度贫困县（县代码，按深度贫困地区比例上限）').optional(),
  })),
  education: label('义务教育', z.strictObject({
    compulsoryAgeFrom: label('义务教育起始年龄', z.number().int().min(3).max(18)),
    compulsoryAgeTo: label('义务教育截止年龄', z.number().int().min(6).max(20)),
    outOfSchoolStatuses: codes('视为失学辍学的在校状况'),
    homeSchoolingMaxDisabilityGrade: label('送教上门可免的残疾等级上限（1–4级）', z.number().int().min(1).max(4)),
  })),
  medical: label('基本医疗', z.strictObject({
    requireBasicInsurance: label('须参加基本医疗保险', z.boolean()),
    requireSeriousIllnessInsurance: label('须参加大病保险', z.boolean()),
    familyDoctor: label('家庭医生签约要求', z.enum(['every_member', 'one_member', 'not_required'])),
    chronicCardHealthStatuses: codes('须持慢病卡的健康状况'),
  })),
  housing: label('住房安全', z.strictObject({
    passingGrades: label('达标的鉴定等级', z.array(z.enum(['A', 'B', 'C', 'D'])).min(1)),
    renovatedPasses: label('危房改造完成视为达标', z.boolean()),
    relocatedPasses: label('易地扶贫搬迁入住视为达标', z.boolean()),
  })),
  water: label('饮水安全', z.strictObject({
    scale: label('评价标准', z.enum(['exit_rules', 'scale_2004'])),
    minLitresNormal: label('正常地区最低水量（升/人·日）', z.number().positive()),
    minLitresScarce: label('缺水地区最低水量（升/人·日）', z.number().positive()),
    maxTripMinutes: label('单次取水往返时间上限（分钟）', z.number().positive()),
    maxHorizontalMetres: label('取水水平距离上限（米）', z.number().positive()),
    maxVerticalMetres: label('取水垂直距离上限（米）', z.number().positive()),
    maxOutageDays: label('全年累计断水天数上限', z.number().int().min(0).max(366)),
    scale2004: label('2004年评价指标体系', z.strictObject({
      requiredLevel: label('要求等级', z.enum(['safe', 'basic'])),
      safe: waterLevel2004('安全'),
      basic: waterLevel2004('基本安全'),
    })),
  })),
  risk: label('风险等级评定', z.strictObject({
    label: label('规则来源说明', z.string().min(1)),
    redCriteria: label('不达标即为红色的指标', z.array(z.enum(CRITERIA))),
    seriousEventTypes: label('重大事件类型', z.array(riskTypeCode).min(1)),
    seriousEventLookbackMonths: positiveInt('重大事件回溯期（月）'),
    seriousEventExpenditureShare: share('刚性支出占家庭年收入比例（超过即红色）'),
    incomeFallShare: share('收入较上年下降比例（超过即黄色）'),
    openRiskTypes: label('风险类型（未消除即黄色）', z.array(riskTypeCode)),
    monitoringTriggers: label('建议纳入监测的风险原因', z.array(z.enum(RISK_REASONS))),
  })),
};

const rulesShape = { ...assessmentRules, ...campaignRules, ...countyExitRules, ...villageRules, ...preventionRules };

function checkCrossFields(rules: z.infer<z.ZodObject<typeof rulesShape>>, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const e = rules.education;
  if (e.compulsoryAgeFrom > e.compulsoryAgeTo) {
    issue(['education', 'compulsoryAgeTo'], `义务教育截止年龄 ${e.compulsoryAgeTo} 小于起始年龄 ${e.compulsoryAgeFrom}`);
  }
  const w = rules.water;
  if (w.minLitresScarce > w.minLitresNormal) {
    issue(['water', 'minLitresScarce'], `缺水地区最低水量 ${w.minLitresScarce} 高于正常地区 ${w.minLitresNormal}`);
  }
  const s = w.scale2004;
  if (s.safe.minLitres < s.basic.minLitres || s.safe.maxTripMinutes > s.basic.maxTripMinutes || s.safe.minGuaranteeRate < s.basic.minGuaranteeRate) {
    issue(['water', 'scale2004', 'safe'], '2004年评价指标体系中“安全”的要求不应低于“基本安全”');
  }
  if (rules.prevention) for (const p of clockProblems(rules.prevention.clock)) issue(p.path, p.message);
  if (rules.income.standard === 'relative' && !rules.relativePoverty) {
    issue(['relativePoverty'], '收入标准类型为相对贫困标准，但未填写相对贫困标准');
  }
}

/** A complete rule set (the national record, or any record merged onto it). */
export const PolicyRules = z.strictObject(rulesShape).superRefine(checkCrossFields);
export type PolicyRules = z.infer<typeof PolicyRules>;
export const policyRulesObject = z.strictObject(rulesShape);
