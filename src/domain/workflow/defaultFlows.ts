/**
 * The procedures shipped as policy data (POLICY.md §5): exit after seed 004 (民主评议 → 村两委
 * 信息核实 → 村内公示 → 乡镇核查 → 县级抽查 → 标注), identification and re-entry, monitoring
 * entry and risk elimination after the 2020/2021 national rules. Periods and shares are read
 * from the `procedures` numbers of the same policy record.
 */
import type { ProcedureFlows, StepDefinition } from './flowSchema';

const VILLAGE = ['village_operator'];
const TOWNSHIP = ['township_operator'];
const COUNTY = ['county_operator'];

const minutes = { code: 'review_minutes', label: '评议会议记录' };
const noticePhoto = { code: 'notice_photo', label: '公示照片' };

const notice = (rule: StepDefinition['noticeDaysRule'], returnTo: string): StepDefinition => ({
  code: 'public_notice',
  label: '村内公示',
  kind: 'notice',
  roles: VILLAGE,
  evidence: [noticePhoto],
  returnTo,
  noticeDaysRule: rule,
});

export const DEFAULT_PROCEDURE_FLOWS: Required<ProcedureFlows> = {
  exit: {
    label: '贫困户退出',
    outcomes: { poor: 'exited', returned: 'exited' },
    starters: VILLAGE,
    steps: [
      { code: 'village_review', label: '村民代表大会民主评议', kind: 'review', roles: VILLAGE, evidence: [minutes] },
      { code: 'village_verification', label: '村两委组织信息核实（农户签字认可）', kind: 'review', roles: VILLAGE, evidence: [{ code: 'household_agreement', label: '农户签字确认书' }] },
      notice('exitPublicNoticeDays', 'village_review'),
      { code: 'township_check', label: '乡镇核查', kind: 'review', roles: TOWNSHIP, evidence: [], returnTo: 'village_verification' },
      { code: 'county_spot_check', label: '县级抽查', kind: 'spot_check', roles: COUNTY, evidence: [], returnTo: 'village_verification', sampleShareRule: 'countySpotCheckShare' },
      { code: 'county_marking', label: '县级标注脱贫', kind: 'decision', roles: COUNTY, evidence: [], returnTo: 'township_check' },
    ],
  },
  identification: {
    label: '识别与返贫',
    outcomes: { not_poor: 'poor', exited: 'returned', risk_eliminated: 'returned', monitored: 'returned' },
    starters: VILLAGE,
    steps: [
      { code: 'village_review', label: '民主评议（农户申请或排查发现）', kind: 'review', roles: VILLAGE, evidence: [{ code: 'application', label: '申请书或排查记录' }, minutes] },
      notice('identificationPublicNoticeDays', 'village_review'),
      { code: 'township_review', label: '乡镇审核', kind: 'review', roles: TOWNSHIP, evidence: [] },
      { code: 'county_decision', label: '县级审定', kind: 'decision', roles: COUNTY, evidence: [], returnTo: 'township_review' },
    ],
  },
  monitoring_entry: {
    label: '纳入监测',
    outcomes: { exited: 'monitored', not_poor: 'monitored', risk_eliminated: 'monitored' },
    starters: [...VILLAGE, ...TOWNSHIP, 'department_operator'],
    steps: [
      {
        code: 'village_review',
        label: '村级评议',
        kind: 'review',
        roles: VILLAGE,
        evidence: [minutes, { code: 'consent', label: '承诺授权书', fromYearRule: 'monitoringConsentFromYear' }],
      },
      notice('monitoringPublicNoticeDays', 'village_review'),
      { code: 'township_review', label: '乡镇审核', kind: 'review', roles: TOWNSHIP, evidence: [] },
      { code: 'county_decision', label: '县级确定', kind: 'decision', roles: COUNTY, evidence: [], returnTo: 'township_review' },
    ],
  },
  risk_elimination: {
    label: '风险消除',
    outcomes: { monitored: 'risk_eliminated' },
    starters: VILLAGE,
    steps: [
      { code: 'village_review', label: '村级评议', kind: 'review', roles: VILLAGE, evidence: [minutes, { code: 'income_check', label: '收入核实材料' }] },
      notice('monitoringPublicNoticeDays', 'village_review'),
      { code: 'township_review', label: '乡镇审核', kind: 'review', roles: TOWNSHIP, evidence: [] },
      { code: 'county_decision', label: '县级确定', kind: 'decision', roles: COUNTY, evidence: [], returnTo: 'township_review' },
    ],
  },
  risk_remark: {
    label: '风险再标注',
    outcomes: { risk_eliminated: 'monitored' },
    starters: [...VILLAGE, ...TOWNSHIP],
    steps: [
      { code: 'household_verification', label: '入户核实新发生的风险', kind: 'review', roles: VILLAGE, evidence: [{ code: 'verification_record', label: '入户核实记录' }] },
      { code: 'township_review', label: '乡镇审核', kind: 'review', roles: TOWNSHIP, evidence: [] },
      { code: 'county_decision', label: '县级确定（重新标注为监测对象）', kind: 'decision', roles: COUNTY, evidence: [], returnTo: 'township_review' },
    ],
  },
  elimination_revert: {
    label: '消除回退',
    outcomes: { risk_eliminated: 'monitored' },
    starters: [...VILLAGE, ...TOWNSHIP, ...COUNTY],
    steps: [
      { code: 'township_check', label: '乡镇核查风险消除有误的情况', kind: 'review', roles: TOWNSHIP, evidence: [{ code: 'check_record', label: '核查材料' }] },
      { code: 'county_decision', label: '县级确定（撤销风险消除）', kind: 'decision', roles: COUNTY, evidence: [] },
    ],
  },
};

/**
 * Risk elimination as run from 2026: 入户核实 → 民主评议 → 公示 → 乡镇审核 → 县级审核确认并公告
 * (the shipped 2026 national record's definition).
 */
export const RISK_ELIMINATION_2026: ProcedureFlows['risk_elimination'] = {
  ...DEFAULT_PROCEDURE_FLOWS.risk_elimination,
  steps: [
    { code: 'household_verification', label: '入户核实', kind: 'review', roles: VILLAGE, evidence: [{ code: 'income_check', label: '收入核实材料' }] },
    { code: 'village_review', label: '民主评议', kind: 'review', roles: VILLAGE, evidence: [minutes] },
    notice('monitoringPublicNoticeDays', 'village_review'),
    { code: 'township_review', label: '乡镇审核', kind: 'review', roles: TOWNSHIP, evidence: [] },
    { code: 'county_decision', label: '县级审核确认并公告', kind: 'decision', roles: COUNTY, evidence: [], returnTo: 'township_review' },
  ],
};
