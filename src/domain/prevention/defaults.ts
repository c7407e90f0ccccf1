/**
 * The shipped 防止返贫致贫 defaults (policy data, corrected by saving a new version): the
 * national floor of the monitoring range (2021: 以脱贫攻坚期国家扶贫标准的 1.5 倍为底线, 6000
 * yuan), the 收支核算口径, and the clock profiles of monitoring entry — national 15 days from
 * the first clue, and the examples of 海南, 安徽 and 甘肃 (working days). Holiday calendar 2026
 * after the State Council's notice (dates to verify against the notice).
 */
import type { PreventionRules } from './schema';

const VERIFY = 'village_review';
const NOTICE = 'public_notice';
const TOWNSHIP = 'township_review';
const COUNTY = 'county_decision';

const steps = (verify: number, notice: number, township: number, county: number, verifyLabel = '入户核实（承诺授权）') => [
  { code: 'verification', label: verifyLabel, days: verify, procedureSteps: [VERIFY] },
  { code: 'review_notice', label: '民主评议和公示', days: notice, procedureSteps: [NOTICE] },
  { code: 'township_review', label: '乡镇初审', days: township, procedureSteps: [TOWNSHIP] },
  { code: 'county_decision', label: '县级审定', days: county, procedureSteps: [COUNTY] },
];

export const PREVENTION_DEFAULTS: PreventionRules = {
  rangeByYear: {
    2021: { upper: 6000, notice: '中农组发〔2021〕7号：以脱贫攻坚期国家扶贫标准的1.5倍为底线（全国底线，各省逐年公布本省监测范围）' },
  },
  accounting: {
    incomeItems: ['wages', 'production_net', 'property', 'transfer'],
    expenseItems: ['production_cost'],
    deductedCosts: ['medical_compliant', 'schooling_compliant'],
    notice: '家庭纯收入 = 工资性 + 生产经营性 + 财产性 + 转移性收入 − 生产经营费用；突发严重困难户另扣除合规自付医疗、教育支出（本地默认，以省里口径为准）',
  },
  suddenIncomeFallShare: 0.5,
  clock: {
    profile: 'national',
    profiles: {
      national: { label: '全国默认（15日）', unit: 'calendar', totalDays: 15, noticeMinDays: 5, source: '中农组发〔2021〕7号：从发现到认定原则上不超过15天', steps: steps(3, 7, 3, 2) },
      hainan: { label: '海南（20个工作日）', unit: 'working', totalDays: 20, noticeMinDays: 5, source: '海南省防止返贫动态监测和帮扶工作办法（待核实）', steps: steps(5, 8, 4, 3) },
      anhui: { label: '安徽（核查2个工作日，20个工作日办结）', unit: 'working', totalDays: 20, noticeMinDays: 5, source: '安徽省防止返贫动态监测和帮扶实施办法（待核实）', steps: steps(2, 8, 5, 5, '入户核查（承诺授权）') },
      gansu: { label: '甘肃（核查5个、审批15个工作日）', unit: 'working', totalDays: 20, noticeMinDays: 5, source: '甘肃省防止返贫动态监测和帮扶工作实施细则（待核实）', steps: steps(5, 7, 4, 4, '入户核查（承诺授权）') },
    },
    holidaysByYear: {
      2026: [
        '2026-01-01', '2026-01-02', '2026-01-03',
        '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
        '2026-04-04', '2026-04-05', '2026-04-06',
        '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
        '2026-06-19', '2026-06-20', '2026-06-21',
        '2026-09-25', '2026-09-26', '2026-09-27',
        '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
      ],
    },
    workdaysByYear: { 2026: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'] },
    redAfterDays: 3,
  },
};

/** Province records choosing a clock profile (regions '46' 海南, '34' 安徽, '62' 甘肃). */
export const PROVINCE_CLOCKS: { id: string; regionCode: string; title: string; profile: string }[] = [
  { id: 'hainan-clock', regionCode: '46', title: '海南省纳入监测时限', profile: 'hainan' },
  { id: 'anhui-clock', regionCode: '34', title: '安徽省纳入监测时限', profile: 'anhui' },
  { id: 'gansu-clock', regionCode: '62', title: '甘肃省纳入监测时限', profile: 'gansu' },
];
