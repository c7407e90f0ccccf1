/**
 * Campaign rules of a policy record (POLICY.md §4 village/county exit, §5 procedures,
 * §7 三率一度, §8 listing, pairing quotas, visits, funds, reporting).
 */
import { z } from 'zod';
import { procedureFlows } from '../workflow/flowSchema';
import { codes, count, label, positiveInt, share, yuan } from './schemaHelpers';

const quota = z.strictObject({
  rank: label('职级代码', z.string().min(1)),
  label: label('职级名称', z.string().min(1)),
  households: positiveInt('结对户数'),
});

const pairingModel = z.strictObject({
  label: label('模式名称', z.string().min(1)),
  source: label('出处', z.string()),
  quotas: label('各职级结对户数', z.array(quota).min(1)),
});

const visitRule = z.strictObject({
  role: label('走访人员代码', z.string().min(1)),
  label: label('走访人员', z.string().min(1)),
  minVisits: positiveInt('最少走访次数'),
  periodMonths: positiveInt('周期（月）'),
});

export const campaignRules = {
  procedures: label('工作程序', z.strictObject({
    exitPublicNoticeDays: positiveInt('退出村内公示天数'),
    countySpotCheckShare: share('县级抽查比例'),
    identificationPublicNoticeDays: positiveInt('识别与返贫公示天数'),
    monitoringEntryDays: positiveInt('纳入监测时限（发现后天数）'),
    monitoringPublicNoticeDays: count('纳入监测公示天数（0为不公示）'),
    monitoringConsentFromYear: label('纳入监测须签承诺授权书的起始年份', z.number().int().min(2000).max(2100)),
    riskEliminationStableMonths: positiveInt('风险消除：收入稳定高于监测线的月数'),
    riskEliminationCaseOpenMonths: positiveInt('风险消除：纳入监测的最短月数'),
    riskEliminationMinMeasures: positiveInt('风险消除：至少落实的帮扶措施数'),
    riskEliminationNeedsLabour: label('风险消除须有劳动能力成员', z.boolean()),
    flows: label('程序步骤定义（未填写时用系统默认）', procedureFlows.optional()),
  })),
  exitStandards: label('贫困村、贫困县退出标准', z.strictObject({
    villageMaxIncidence: share('贫困村出列：贫困发生率低于'),
    villageCollectiveIncomeMin: yuan('贫困村出列：村集体经济收入不低于（元）'),
    villageConditions: codes('贫困村出列：基础设施和公共服务条件'),
    countyCentralSpotCheckShare: share('中央对摘帽县抽查比例'),
  })),
  qualityIndicators: label('三率一度', z.strictObject({
    maxIncidence: share('综合贫困发生率低于'),
    maxMissedRate: share('漏评率不超过'),
    maxWrongExitRate: share('错退率不超过'),
    minApproval: share('群众认可度不低于'),
  })),
  supervision: label('挂牌督战', z.strictObject({
    countyRemainingPoorPersons: count('县剩余贫困人口超过（人）'),
    townshipRemainingPoorPersons: count('乡镇剩余贫困人口超过（人）'),
    villagePoorPersons: count('村贫困人口超过（人）'),
    villageIncidence: share('村贫困发生率超过'),
  })),
  pairing: label('结对帮扶', z.strictObject({
    minCadresPerHousehold: positiveInt('每户至少责任干部数'),
    model: label('采用的结对模式', z.string().min(1)),
    models: label('结对模式', z.record(z.string().min(1), pairingModel)),
  })),
  visits: label('走访频次', z.array(visitRule).min(1)),
  funds: label('资金与信贷', z.strictObject({
    industrialShareMin: share('产业项目占统筹整合资金比例不低于'),
    cropLivestockProcessingShareMin: share('种养加项目占产业资金比例不低于'),
    firstQuarterStartRateMin: share('一季度项目开工率不低于'),
    photovoltaicWelfareShareMin: share('村级光伏收益用于公益岗位和劳务比例不低于'),
    perPersonFund: yuan('人均帮扶资金（元）'),
    fundShares: label('省、市、市分担比例', z.array(z.number().positive()).min(1)),
    microLoanMax: yuan('小额信贷额度上限（元）'),
    microLoanYears: positiveInt('小额信贷期限上限（年）'),
    microLoanExtensionMonths: count('小额信贷展期上限（月）'),
  })),
  workTeams: label('驻村工作队', z.strictObject({
    monthlyMinDays: positiveInt('每月最少在岗天数（按当月在任天数折算）'),
    minMembers: positiveInt('每队最少队员数'),
  }).optional()),
  reporting: label('报送', z.strictObject({
    monthlyProgressDay: label('月度进展报送日（县报市，当月此日 24 时前）', z.number().int().min(1).max(31)),
    townshipProgressDay: label('乡镇报县的月度进展报送日（未填写时本地默认 15 日）', z.number().int().min(1).max(31).optional()),
    rhythms: codes('报告周期'),
  })),
};
