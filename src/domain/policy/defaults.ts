/**
 * The default policy records shipped as data (POLICY.md). Figures marked (verify) in the
 * notes rest on weak sources; they are data, so a policy administrator corrects them by
 * saving a new version, not by changing code.
 */
import { DEFAULT_PROCEDURE_FLOWS, RISK_ELIMINATION_2026 } from '../workflow/defaultFlows';
import { COUNTY_EXIT_DEFAULTS } from './countyExitSchema';
import type { PolicyRecord, PolicyRules } from './record';
import { PREVENTION_DEFAULTS, PROVINCE_CLOCKS } from '../prevention/defaults';

/**
 * Village rules (POLICY §7): western provinces (西部地区, 3%) by province code; operating income
 * only (经营收入、发包及上交收入、投资收益; 补助 and 其他 not counted, local default); seed 004's
 * targets 5万 (贫困村) / 1万 (其他村), shown against the actual.
 */
export const VILLAGE_RULE_DEFAULTS: NonNullable<PolicyRules['villageExit']> = {
  westernRegions: ['15', '45', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65'],
  westernMaxIncidence: 0.03,
  countedIncomeSources: ['operating', 'contract', 'investment'],
  collectiveIncomeTargets: { poorVillage: 50000, otherVillage: 10000, targetSource: 'seed 004（乡镇月度工作计划：贫困村 5 万元、其他村 1 万元）' },
};

export const NATIONAL_RULES: PolicyRules = {
  income: {
    standard: 'absolute',
    // 2010 prices 2300 yuan; nominal by year. 2011–2016 statistical yearbook; 2017–2019 (verify); 2020 about 4000.
    povertyLineByYear: {
      2011: 2536, 2012: 2625, 2013: 2736, 2014: 2800, 2015: 2855,
      2016: 2952, 2017: 2952, 2018: 2995, 2019: 3218, 2020: 4000,
    },
    checkPreviousYear: true,
    industryIncomeTarget: null,
  },
  monitoring: {
    lineByYear: { 2020: { multipleOfPovertyLine: 1.5 }, 2021: { amount: 6000 } },
    capByYear: { 2020: { share: 0.05, deepPovertyShare: 0.1 }, 2021: null },
    lookbackMonths: 12,
    deepPovertyCounties: [],
  },
  education: {
    compulsoryAgeFrom: 6,
    compulsoryAgeTo: 15,
    outOfSchoolStatuses: ['dropout'],
    homeSchoolingMaxDisabilityGrade: 2,
  },
  medical: {
    requireBasicInsurance: true,
    requireSeriousIllnessInsurance: true,
    familyDoctor: 'every_member',
    chronicCardHealthStatuses: ['chronic'],
  },
  housing: { passingGrades: ['A', 'B'], renovatedPasses: true, relocatedPasses: true },
  water: {
    scale: 'exit_rules',
    minLitresNormal: 35,
    minLitresScarce: 20,
    maxTripMinutes: 20,
    maxHorizontalMetres: 800,
    maxVerticalMetres: 80,
    maxOutageDays: 36,
    scale2004: {
      requiredLevel: 'basic',
      safe: { minLitres: 40, maxTripMinutes: 10, minGuaranteeRate: 0.95 },
      basic: { minLitres: 20, maxTripMinutes: 20, minGuaranteeRate: 0.9 },
    },
  },
  risk: {
    label: '本地默认（全国无统一的红黄绿评定标准）',
    redCriteria: ['food', 'clothing', 'education', 'medical', 'housing', 'water'],
    seriousEventTypes: ['illness', 'disaster', 'accident'],
    seriousEventLookbackMonths: 12,
    seriousEventExpenditureShare: 0.5,
    incomeFallShare: 0.3,
    openRiskTypes: [
      'illness', 'disability', 'schooling', 'disaster', 'accident',
      'industry_failure', 'unstable_employment', 'sudden_event', 'unstable_income',
    ],
    monitoringTriggers: ['income_not_above_line', 'criterion_failed', 'serious_event', 'income_below_monitoring_line', 'income_fall'],
  },
  procedures: {
    exitPublicNoticeDays: 7,
    countySpotCheckShare: 0.1,
    identificationPublicNoticeDays: 7,
    monitoringEntryDays: 15,
    monitoringPublicNoticeDays: 0,
    monitoringConsentFromYear: 2021,
    riskEliminationStableMonths: 6,
    riskEliminationCaseOpenMonths: 6,
    riskEliminationMinMeasures: 1,
    riskEliminationNeedsLabour: true,
    flows: DEFAULT_PROCEDURE_FLOWS,
  },
  exitStandards: {
    villageMaxIncidence: 0.02,
    villageCollectiveIncomeMin: 10000,
    // POLICY §7 (local defaults): 通硬化路、动力电、宽带、安全饮水、卫生室和合格村医、综合文化服务中心.
    villageConditions: ['road', 'electricity', 'broadband', 'water', 'clinic', 'culture'],
    countyCentralSpotCheckShare: 0.2,
  },
  qualityIndicators: { maxIncidence: 0.02, maxMissedRate: 0.02, maxWrongExitRate: 0.02, minApproval: 0.9 },
  countyExit: COUNTY_EXIT_DEFAULTS,
  supervision: { countyRemainingPoorPersons: 5000, townshipRemainingPoorPersons: 300, villagePoorPersons: 1000, villageIncidence: 0.1 },
  pairing: {
    minCadresPerHousehold: 1,
    model: 'township_15_10_15',
    models: {
      township_15_10_15: {
        label: '乡镇“15+10+15”',
        source: 'seed 004',
        quotas: [
          { rank: 'township_leader', label: '乡镇领导', households: 15 },
          { rank: 'township_cadre', label: '乡镇一般干部', households: 10 },
          { rank: 'village_cadre', label: '村干部', households: 15 },
        ],
      },
      county_853: {
        label: '县“853”',
        source: 'seed 004（按职级理解，未见出处）',
        quotas: [
          { rank: 'county_leader', label: '县级领导', households: 8 },
          { rank: 'section_chief', label: '科级干部', households: 5 },
          { rank: 'other_cadre', label: '其他干部', households: 3 },
        ],
      },
      county_321: {
        label: '县级领导3户、科级干部2户、其他干部1户',
        source: 'seed 002（察隅县）',
        quotas: [
          { rank: 'county_leader', label: '县级领导', households: 3 },
          { rank: 'section_chief', label: '科级干部', households: 2 },
          { rank: 'other_cadre', label: '其他干部', households: 1 },
        ],
      },
    },
  },
  visits: [
    { role: 'pairing_cadre', label: '结对帮扶干部', minVisits: 1, periodMonths: 1 },
    { role: 'village_linked_leader', label: '包村领导', minVisits: 1, periodMonths: 1 },
    { role: 'township_leadership_member', label: '乡镇领导班子成员', minVisits: 2, periodMonths: 3 },
    { role: 'township_leader_in_charge', label: '乡镇主要负责同志', minVisits: 1, periodMonths: 3 },
  ],
  funds: {
    industrialShareMin: 0.5,
    cropLivestockProcessingShareMin: 0.8,
    firstQuarterStartRateMin: 0.5,
    photovoltaicWelfareShareMin: 0.8,
    perPersonFund: 20000,
    fundShares: [6, 3, 1],
    microLoanMax: 50000,
    microLoanYears: 3,
    microLoanExtensionMonths: 6,
  },
  // POLICY §8: 2017 national 意见 at least 3 members; 20 days a month is a local default.
  workTeams: { monthlyMinDays: 20, minMembers: 3 },
  reporting: { monthlyProgressDay: 20, townshipProgressDay: 15, rhythms: ['weekly', 'monthly', 'quarterly', 'yearly'] },
  villageExit: VILLAGE_RULE_DEFAULTS,
  prevention: PREVENTION_DEFAULTS,
};

export const DEFAULT_POLICY_RECORDS: PolicyRecord[] = [
  {
    id: 'national',
    regionCode: '0',
    effectiveYear: 2011,
    version: 1,
    status: 'active',
    title: '全国默认',
    note: '扶贫标准 2017–2019 年数值待核实；风险等级为本地默认。',
    rules: NATIONAL_RULES,
  },
  {
    id: 'guangdong-relative',
    regionCode: '44',
    effectiveYear: 2016,
    version: 1,
    status: 'active',
    title: '广东省相对贫困标准',
    note: 'seed 003（连州市星子镇）：户 < 4000 元（2014 年不变价），村 < 8000 元且贫困人口 ≥ 5%；户退出 ≥ 全省农村居民人均可支配收入 45%，村出列 ≥ 60%。全省收入数值待核实。',
    rules: {
      income: { standard: 'relative' },
      relativePoverty: {
        householdLine: 4000,
        priceBaseYear: 2014,
        householdLineByYear: {},
        villageIncomeLine: 8000,
        villagePoorShareMin: 0.05,
        householdExitShare: 0.45,
        villageExitShare: 0.6,
        provincialRuralIncomeByYear: {
          2014: 12245.6, 2015: 13360.4, 2016: 14512.2, 2017: 15779.7,
          2018: 17167.7, 2019: 18818.4, 2020: 20143.4,
        },
      },
    },
  },
  {
    id: 'yunnan-monitoring',
    regionCode: '53',
    effectiveYear: 2021,
    version: 1,
    status: 'active',
    title: '云南省防返贫监测线',
    note: '2024 年监测线 8700 元（待核实）；其余年份沿用全国 6000 元，省里公布后逐年补充。',
    rules: { monitoring: { lineByYear: { 2024: { amount: 8700 } } } },
  },
  {
    id: 'tibet-west',
    regionCode: '54',
    effectiveYear: 2016,
    version: 1,
    status: 'active',
    title: '西藏自治区（西部地区）退出标准',
    note: '西部地区贫困发生率标准 3%（seed 002 察隅县）。',
    rules: { exitStandards: { villageMaxIncidence: 0.03 }, qualityIndicators: { maxIncidence: 0.03 } },
  },
  {
    id: 'chayu-pairing',
    regionCode: '540425',
    effectiveYear: 2016,
    version: 1,
    status: 'active',
    title: '察隅县结对帮扶',
    note: 'seed 002：县级领导 3 户、科级干部 2 户、其他干部 1 户。',
    rules: { pairing: { model: 'county_321' } },
  },
  {
    id: 'shangqiu-industry',
    regionCode: '4114',
    effectiveYear: 2016,
    version: 1,
    status: 'active',
    title: '商丘市产业增收目标（2016–2019）',
    note: 'seed 001“5个2”：有产业扶持的未脱贫户人均产业收入 2000 元以上（目标指标，不影响退出和风险等级）。2020 年起由“商丘市红黄绿三色评定”一并规定。',
    rules: { income: { industryIncomeTarget: 2000 } },
  },
  {
    id: 'shangqiu-risk',
    regionCode: '4114',
    effectiveYear: 2020,
    version: 1,
    status: 'active',
    title: '商丘市红黄绿三色评定（本地默认）',
    note: 'seed 001 只规定红、黄、绿三色和风险类型，未规定判定标准；阈值为本系统的本地默认。永城等地纳入监测公示不少于 5 天。',
    rules: {
      risk: {
        label: '本地默认（seed 001 仅规定三色标识，未定标准）',
        openRiskTypes: [
          'illness', 'schooling', 'disaster', 'disability', 'sudden_event',
          'industry_failure', 'unstable_employment', 'unstable_income',
        ],
      },
      procedures: { monitoringPublicNoticeDays: 5 },
      income: { industryIncomeTarget: 2000 },
    },
  },
  {
    id: 'national-2026',
    regionCode: '0',
    effectiveYear: 2026,
    version: 1,
    status: 'active',
    title: '全国默认（2026 年防止返贫致贫）',
    note: '2026 年：纳入监测和风险消除民主评议后公示不少于 5 天；风险消除经入户核实、民主评议、公示、乡镇审核、县级审核确认并公告。',
    rules: {
      ...NATIONAL_RULES,
      procedures: {
        ...NATIONAL_RULES.procedures,
        monitoringPublicNoticeDays: 5,
        flows: { ...DEFAULT_PROCEDURE_FLOWS, risk_elimination: RISK_ELIMINATION_2026 },
      },
    },
  },
  ...PROVINCE_CLOCKS.map((c): PolicyRecord => ({
    id: c.id,
    regionCode: c.regionCode,
    effectiveYear: 2021,
    version: 1,
    status: 'active',
    title: c.title,
    note: '防止返贫致贫：纳入监测时限方案（工作日，法定节假日按国务院办公厅通知，数值待核实）。',
    rules: { prevention: { clock: { profile: c.profile } } },
  })),
];
