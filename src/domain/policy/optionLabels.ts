/**
 * Chinese names of the codes a rule field may hold (the options of its select or checkboxes in
 * the draft editor): the one map the editor reads, built from the labels the codes have elsewhere.
 */
import { RISK_TYPE_LABELS } from '../assessment/riskTypes';
import { health, schooling } from '../enums';

/** The seven criteria in words (also the headers of the assessed-households export). */
export const CRITERION_LABELS: Readonly<Record<string, string>> = { income: '收入', food: '不愁吃', clothing: '不愁穿', education: '义务教育', medical: '基本医疗', housing: '住房安全', water: '饮水安全' };

/** Why a household is at risk, in words (also the assessed-households export). */
export const REASON_LABELS: Readonly<Record<string, string>> = {
  income_not_above_line: '收入未超过贫困线',
  criterion_failed: '两不愁三保障或饮水未达标',
  serious_event: '发生严重风险事件',
  income_below_monitoring_line: '收入低于监测线',
  income_fall: '收入大幅下降',
  open_risk: '存在未消除风险',
  relative_exit_short: '未达到相对贫困退出收入',
};

/** code → 中文, for every enum a rule uses. */
export const RULE_OPTION_LABELS: Readonly<Record<string, string>> = {
  absolute: '绝对贫困标准',
  relative: '相对贫困标准',
  every_member: '每位成员签约',
  one_member: '至少一位成员签约',
  not_required: '不要求',
  A: 'A 级',
  B: 'B 级',
  C: 'C 级',
  D: 'D 级',
  exit_rules: '退出验收标准',
  scale_2004: '2004年评价指标体系',
  safe: '安全',
  basic: '基本安全',
  ...CRITERION_LABELS,
  ...RISK_TYPE_LABELS,
  ...REASON_LABELS,
};

/** Lists of codes whose options are an enumeration of the registry (rule path → code → 中文). */
export const RULE_CODE_LISTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'education.outOfSchoolStatuses': Object.fromEntries(schooling.entries.map((e) => [e.code, e.label])),
  'medical.chronicCardHealthStatuses': Object.fromEntries(health.entries.map((e) => [e.code, e.label])),
};
