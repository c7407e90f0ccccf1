/**
 * The comparison rules of 大数据比对 as policy data (POLICY.md §9): each rule reads one kind of
 * reference data, says what a hit means, cites its source, and suggests an outcome; its
 * thresholds and exclusions are values here, not code. A rule set is versioned (table
 * compare_rule_set); the defaults below are version 1. Values no seed gives are marked
 * `localDefault` ("local default" until a deployment confirms them).
 */
import { z } from 'zod';

export const OUTCOMES = {
  none: '无问题',
  corrected: '更正',
  natural_decrease: '自然减少',
  removed: '清退',
  monitoring: '纳入监测',
} as const;
export type Outcome = keyof typeof OUTCOMES;
export const OUTCOME_CODES = Object.keys(OUTCOMES) as [Outcome, ...Outcome[]];

export const RULE_GROUPS = { exclusion: '排除类（错评）', change: '变化类', lead: '线索类（纳入监测）' } as const;

/** Household statuses each group judges (POLICY §9: exclusion rules for 未脱贫, 返贫 and open monitored households). */
export const GROUP_STATUSES: Record<keyof typeof RULE_GROUPS, readonly string[]> = {
  exclusion: ['poor', 'returned', 'monitored'],
  change: ['poor', 'returned', 'monitored', 'exited', 'risk_eliminated', 'not_poor'],
  lead: ['not_poor', 'exited', 'risk_eliminated'],
};

const names = z.array(z.string().trim().min(1)).max(50);
const yuan = z.number().nonnegative().max(1e10);

const base = <P extends z.ZodRawShape>(params: P) =>
  z.object({
    label: z.string().min(1),
    kind: z.string().min(1),
    group: z.enum(['exclusion', 'change', 'lead']),
    meaning: z.string().min(1),
    source: z.string().min(1),
    localDefault: z.boolean(),
    suggestedOutcome: z.enum(OUTCOME_CODES),
    enabled: z.boolean(),
    params: z.object(params),
  });

export const ruleSetSchema = z.object({
  /** Days the township and village have to verify a 疑点 once sent down. */
  verifyDays: z.number().int().min(1).max(365),
  /** Days a superseded or refused batch is kept before its rows are purged. */
  batchRetentionDays: z.number().int().min(1).max(3650),
  rules: z.object({
    payroll: base({ roles: names }),
    vehicle: base({ excludedTypes: names, excludedStatuses: names, minValue: yuan }),
    business: base({ excludedTypes: names, excludedStatuses: names, minAmount: yuan }),
    housing: base({ areas: names, excludedTypes: names }),
    pension: base({ categories: names, statuses: names }),
    death: base({}),
    move_out: base({ keptReasons: names }),
    move_within: base({ keptReasons: names }),
    assistance_unmarked: base({ categories: names }),
    assistance_unlisted: base({ categories: names }),
    disability_unmarked: base({}),
    disability_no_card: base({}),
    disability_grade: base({}),
    medical_lead: base({ minOutOfPocket: yuan, months: z.number().int().min(1).max(36) }),
  }),
});
export type RuleSet = z.infer<typeof ruleSetSchema>;
export type RuleCode = keyof RuleSet['rules'];
export const RULE_CODES = Object.keys(ruleSetSchema.shape.rules.shape) as [RuleCode, ...RuleCode[]];

const SEED = 'seed 001（利用大数据比对）；POLICY.md §9';

export const DEFAULT_RULE_SET: RuleSet = {
  verifyDays: 15,
  batchRetentionDays: 365,
  rules: {
    payroll: {
      label: '财政供养人员', kind: 'payroll', group: 'exclusion', suggestedOutcome: 'removed', enabled: true, localDefault: false,
      meaning: '家庭成员为行政事业单位在编人员，或从其退休领取退休金（村干部补贴、公益岗位工资不属财政供养）',
      source: SEED, params: { roles: ['在编', '退休'] },
    },
    vehicle: {
      label: '家庭成员有车', kind: 'vehicle', group: 'exclusion', suggestedOutcome: 'removed', enabled: true, localDefault: true,
      meaning: '家庭成员登记有未注销、未报废的机动车（农用运输车、三轮汽车、低速货车、拖拉机、摩托车除外），有价值的价值不低于 3 万元；轻型货车计入',
      source: `${SEED}；车型排除和 3 万元为地方默认值`,
      params: { excludedTypes: ['农用运输车', '三轮汽车', '低速货车', '拖拉机', '摩托车', '农用车'], excludedStatuses: ['注销', '报废'], minValue: 30000 },
    },
    business: {
      label: '经营市场主体', kind: 'business', group: 'exclusion', suggestedOutcome: 'removed', enabled: true, localDefault: true,
      meaning: '家庭成员为存续市场主体的股东（本人认缴出资额）、法定代表人（注册资本）或个体工商户经营者（资金数额），金额不低于 10 万元；农民专业合作社除外',
      source: `${SEED}；10 万元和合作社排除为地方默认值`,
      params: { excludedTypes: ['农民专业合作社'], excludedStatuses: ['注销', '吊销'], minAmount: 100000 },
    },
    housing: {
      label: '购买商品房', kind: 'housing', group: 'exclusion', suggestedOutcome: 'removed', enabled: true, localDefault: true,
      meaning: '家庭成员在县城或城市购买商品房（含商铺）；在集镇购买的只在户上显示，不作疑点；易地搬迁安置房除外',
      source: `${SEED}；区域范围为地方默认值`,
      params: { areas: ['县城', '城市'], excludedTypes: ['安置房', '易地扶贫搬迁安置房'] },
    },
    pension: {
      label: '领取城镇职工养老金', kind: 'social_insurance', group: 'exclusion', suggestedOutcome: 'removed', enabled: true, localDefault: false,
      meaning: '家庭成员领取城镇职工基本养老保险养老金（企业退休；机关事业单位退休人员属财政供养）',
      source: SEED, params: { categories: ['城镇职工基本养老保险'], statuses: ['领取', '正常领取', '待遇领取'] },
    },
    death: {
      label: '死亡未销户', kind: 'death', group: 'change', suggestedOutcome: 'natural_decrease', enabled: true, localDefault: false,
      meaning: '家庭成员有死亡记录，仍在建档立卡家庭成员中', source: SEED, params: {},
    },
    move_out: {
      label: '户籍迁出本县', kind: 'move', group: 'change', suggestedOutcome: 'natural_decrease', enabled: true, localDefault: false,
      meaning: '家庭成员户籍迁出本县，仍在建档立卡家庭成员中（升学、参军迁出的保留，不作疑点）', source: SEED, params: { keptReasons: ['升学', '参军'] },
    },
    move_within: {
      label: '县内迁移', kind: 'move', group: 'change', suggestedOutcome: 'corrected', enabled: true, localDefault: false,
      meaning: '家庭成员户籍迁往本县其他村，建档立卡登记的村应更正（升学、参军迁出的保留）', source: SEED, params: { keptReasons: ['升学', '参军'] },
    },
    assistance_unmarked: {
      label: '在保低保特困未标注', kind: 'assistance', group: 'change', suggestedOutcome: 'corrected', enabled: true, localDefault: false,
      meaning: '家庭成员在民政低保或特困名单上（在保），建档立卡户未标为低保或特困户', source: SEED, params: { categories: ['低保', '特困'] },
    },
    assistance_unlisted: {
      label: '标注低保特困但不在保', kind: 'assistance', group: 'change', suggestedOutcome: 'corrected', enabled: true, localDefault: false,
      meaning: '建档立卡户标为低保或特困户，但没有成员在民政名单上在保（含停保）', source: SEED, params: { categories: ['低保', '特困'] },
    },
    disability_unmarked: {
      label: '持证残疾未标注', kind: 'disability', group: 'change', suggestedOutcome: 'corrected', enabled: true, localDefault: false,
      meaning: '家庭成员持有效残疾人证，建档立卡未标为残疾', source: SEED, params: {},
    },
    disability_no_card: {
      label: '标注残疾但无有效证', kind: 'disability', group: 'change', suggestedOutcome: 'corrected', enabled: true, localDefault: false,
      meaning: '建档立卡标为残疾的成员没有有效残疾人证', source: SEED, params: {},
    },
    disability_grade: {
      label: '残疾等级不一致', kind: 'disability', group: 'change', suggestedOutcome: 'corrected', enabled: true, localDefault: false,
      meaning: '建档立卡登记的残疾等级与残疾人证不同', source: SEED, params: {},
    },
    medical_lead: {
      label: '大额医疗自付', kind: 'medical', group: 'lead', suggestedOutcome: 'monitoring', enabled: true, localDefault: true,
      meaning: '非贫困、已脱贫或风险已消除的家庭，成员近 12 个月医保结算个人自付合计超过 1 万元（防返贫监测线索）',
      source: `${SEED}；1 万元为地方默认值（各地 6000–10000 元）`, params: { minOutOfPocket: 10000, months: 12 },
    },
  },
};

/** The rules that read a kind. */
export function rulesOfKind(set: RuleSet, kind: string): RuleCode[] {
  return RULE_CODES.filter((c) => set.rules[c].kind === kind);
}
