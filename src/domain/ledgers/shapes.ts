/**
 * The declared shape of every line-department ledger (POLICY §9, issue 19): its department line,
 * what a row is about (a person, a household), its columns (Chinese header, type, options,
 * sensitive or not), the fields making a record's key within a year, and its checks (date order,
 * a part not above its whole). Import (template, dry run, error report), forms, lists with their
 * filters, 导出Excel and audit are all driven by these declarations: one module, not one copy per
 * ledger. Codes are stable; labels are what the user reads.
 */
import type { DepartmentLine } from '../roles';

export type FieldType = 'text' | 'date' | 'money' | 'int' | 'enum' | 'bool';

export interface FieldOption {
  code: string;
  label: string;
}

export interface FieldSpec {
  key: string;
  /** The Chinese column header and form label. */
  label: string;
  type: FieldType;
  required?: boolean;
  options?: readonly FieldOption[];
  /** Personal data beyond name and ID (health, disability): withheld from lines that may not see it. */
  sensitive?: boolean;
  /** Offered as a filter of the ledger's list. */
  filter?: boolean;
  /** A hint under the form field / in the template's example row. */
  example?: string;
}

/** A check across fields of one row; a failure names the second field. */
export type RowCheck =
  | { kind: 'dateOrder'; before: string; after: string }
  /** The sum of `parts` (present ones) must not exceed `whole`. */
  | { kind: 'notAbove'; parts: readonly string[]; whole: string };

export interface LedgerShape {
  kind: string;
  /** The ledger's name (学生名册). */
  label: string;
  /** The group of ledgers it belongs to (教育, 住房安全 …). */
  group: string;
  line: DepartmentLine;
  /** What one row is about: a person (身份证号, 姓名) or a registered household (户编号). */
  subject: 'person' | 'household';
  /** The label of the year column (学年 for education: the school year starting that year). */
  yearLabel: string;
  fields: readonly FieldSpec[];
  /** Fields (besides the subject) making the record's key within its year. */
  key: readonly string[];
  checks: readonly RowCheck[];
}

const opts = (pairs: Record<string, string>): FieldOption[] => Object.entries(pairs).map(([code, label]) => ({ code, label }));

/** 学段: codes are the registry's schooling codes (高校 as 'college'), so a ledger stage is a registry fact. */
export const STAGES = opts({ preschool: '学前', primary: '小学', junior: '初中', senior: '高中', vocational: '中职', college: '高校' });

export const STUDENT_STATUSES = opts({ in_school: '在校', home_schooling: '送教上门', dropout: '失学/辍学', graduated: '毕业/离校' });

export const AID_ITEMS = opts({
  preschool_aid: '学前教育资助',
  boarding_subsidy: '寄宿生生活补助',
  compulsory_other: '义务教育其他资助',
  senior_grant: '普通高中国家助学金',
  tuition_waiver: '免学费',
  yulu: '雨露计划',
  college_grant: '高校国家助学金',
  student_loan: '生源地信用助学贷款',
  other: '其他资助',
});

const DROPOUT_STATUSES = opts({ open: '劝返中', returned: '已返校', home_schooling: '送教上门', exempt: '按规定暂缓入学' });

const HOUSING_PRIORITY = opts({ registered: '建档立卡贫困户', dibao: '低保户', tekun: '分散供养特困人员', disabled: '贫困残疾人家庭' });
const GRADES = opts({ C: 'C级', D: 'D级' });
const RELOCATION_TYPES = opts({ registered: '建档立卡搬迁', concurrent: '同步搬迁' });
const POST_TYPES = opts({ public_welfare: '公益岗位', forest_ranger: '生态护林员', eco_guard: '生态保护员' });
const ASSISTANCE_TYPES = opts({ dibao: '低保', tekun: '特困供养', temporary: '临时救助' });
const TRAINING_TYPES = opts({ guidance: '引导性培训', skills: '职业技能培训', business: '创业培训', practical: '农村实用技术培训' });
const TRANSFER_SCOPES = opts({ county: '县内', province: '县外省内', outside: '省外' });

const STAGE_FIELD: FieldSpec = { key: 'stage', label: '学段', type: 'enum', options: STAGES, required: true, filter: true };
/** An education ledger: person rows by school year (学年). */
const EDUCATION = { group: '教育', line: 'education', subject: 'person', yearLabel: '学年' } as const;
/** A person ledger of the calendar year (年度) of a group and line. */
const personLedger = <L extends DepartmentLine>(group: string, line: L) => ({ group, line, subject: 'person', yearLabel: '年度' }) as const;
const EMPLOYMENT = personLedger('就业', 'human_resources');
/** 起止 dates in order (上岗/离岗, 入职/离职 …). */
const STARTED_ENDED: readonly RowCheck[] = [{ kind: 'dateOrder', before: 'startedOn', after: 'endedOn' }];

export const LEDGER_SHAPES: readonly LedgerShape[] = [
  {
    kind: 'edu_student',
    ...EDUCATION,
    label: '学生名册',
    fields: [
      STAGE_FIELD,
      { key: 'school', label: '学校', type: 'text', required: true, example: '龙山镇中心小学' },
      { key: 'grade', label: '年级', type: 'text', example: '三年级' },
      { key: 'status', label: '就读状态', type: 'enum', options: STUDENT_STATUSES, required: true, filter: true },
      { key: 'boarder', label: '寄宿生', type: 'bool' },
      { key: 'enrolledOn', label: '入学日期', type: 'date' },
    ],
    key: [],
    checks: [],
  },
  {
    kind: 'edu_aid',
    ...EDUCATION,
    label: '学生资助',
    fields: [
      STAGE_FIELD,
      { key: 'item', label: '资助项目', type: 'enum', options: AID_ITEMS, required: true, filter: true },
      { key: 'amount', label: '金额（元）', type: 'money', required: true, example: '1000' },
      { key: 'paidOn', label: '发放日期', type: 'date', required: true },
    ],
    key: ['item'],
    checks: [],
  },
  {
    kind: 'edu_dropout',
    ...EDUCATION,
    label: '控辍保学',
    fields: [
      { key: 'foundOn', label: '发现日期', type: 'date', required: true },
      { key: 'reason', label: '辍学原因', type: 'text', required: true, example: '厌学' },
      { key: 'steps', label: '劝返措施', type: 'text', required: true, example: '2019-09-10 村干部和教师上门劝返；2019-09-20 联系家长签订承诺书' },
      { key: 'returnedOn', label: '返校日期', type: 'date' },
      { key: 'status', label: '劝返状态', type: 'enum', options: DROPOUT_STATUSES, required: true, filter: true },
    ],
    key: [],
    checks: [{ kind: 'dateOrder', before: 'foundOn', after: 'returnedOn' }],
  },
  {
    kind: 'housing_renovation',
    label: '危房改造',
    group: '住房安全',
    line: 'housing',
    subject: 'household',
    yearLabel: '计划年度',
    fields: [
      { key: 'priority', label: '四类重点对象', type: 'enum', options: HOUSING_PRIORITY, required: true, filter: true },
      { key: 'gradeBefore', label: '改造前等级', type: 'enum', options: GRADES, required: true, filter: true },
      { key: 'startedOn', label: '开工日期', type: 'date' },
      { key: 'completedOn', label: '竣工日期', type: 'date' },
      { key: 'acceptedOn', label: '验收日期', type: 'date' },
      { key: 'subsidy', label: '补助资金（元）', type: 'money' },
    ],
    key: [],
    checks: [
      { kind: 'dateOrder', before: 'startedOn', after: 'completedOn' },
      { kind: 'dateOrder', before: 'completedOn', after: 'acceptedOn' },
    ],
  },
  {
    kind: 'relocation_household',
    label: '易地扶贫搬迁',
    group: '住房安全',
    line: 'housing',
    subject: 'household',
    yearLabel: '搬迁年度',
    fields: [
      { key: 'type', label: '搬迁类型', type: 'enum', options: RELOCATION_TYPES, required: true, filter: true },
      { key: 'site', label: '安置点', type: 'text', required: true, example: '龙山镇集中安置点' },
      { key: 'movedInOn', label: '入住日期', type: 'date' },
      { key: 'demolishedOn', label: '旧房拆除日期', type: 'date' },
      { key: 'noOldHouse', label: '无旧房', type: 'bool' },
      { key: 'oldHouseKept', label: '旧房经批准保留', type: 'bool', example: '连体房、传统村落，经县批准' },
      { key: 'followUp', label: '后续扶持措施', type: 'text' },
    ],
    key: [],
    checks: [{ kind: 'dateOrder', before: 'movedInOn', after: 'demolishedOn' }],
  },
  {
    kind: 'social_assistance',
    ...personLedger('兜底保障', 'civil_affairs'),
    label: '兜底保障',
    fields: [
      { key: 'type', label: '救助类别', type: 'enum', options: ASSISTANCE_TYPES, required: true, filter: true },
      { key: 'startedOn', label: '起始日期', type: 'date', required: true },
      { key: 'endedOn', label: '停保日期', type: 'date' },
      { key: 'amount', label: '金额（元）', type: 'money', required: true },
    ],
    key: ['type'],
    checks: STARTED_ENDED,
  },
  {
    kind: 'medical_expense',
    ...personLedger('健康', 'medical_security'),
    label: '医疗费用',
    fields: [
      { key: 'admittedOn', label: '入院日期', type: 'date', required: true },
      { key: 'dischargedOn', label: '出院日期', type: 'date' },
      { key: 'inCounty', label: '县域内住院', type: 'bool' },
      { key: 'total', label: '总费用（元）', type: 'money', required: true },
      { key: 'eligible', label: '政策范围内费用（元）', type: 'money' },
      { key: 'basic', label: '基本医保（元）', type: 'money' },
      { key: 'serious', label: '大病保险（元）', type: 'money' },
      { key: 'assistance', label: '医疗救助（元）', type: 'money' },
      { key: 'other', label: '其他报销（元）', type: 'money' },
      { key: 'payLater', label: '先诊疗后付费', type: 'bool' },
      { key: 'oneStop', label: '一站式结算', type: 'bool' },
    ],
    key: ['admittedOn'],
    checks: [
      { kind: 'dateOrder', before: 'admittedOn', after: 'dischargedOn' },
      { kind: 'notAbove', parts: ['basic', 'serious', 'assistance', 'other'], whole: 'total' },
      { kind: 'notAbove', parts: ['eligible'], whole: 'total' },
    ],
  },
  {
    kind: 'employment_post',
    ...EMPLOYMENT,
    label: '公益岗位和生态护林员',
    fields: [
      { key: 'type', label: '岗位类别', type: 'enum', options: POST_TYPES, required: true, filter: true },
      { key: 'post', label: '岗位', type: 'text', required: true, example: '村级生态保护员' },
      { key: 'startedOn', label: '上岗日期', type: 'date', required: true },
      { key: 'endedOn', label: '离岗日期', type: 'date' },
      { key: 'monthlyPay', label: '月报酬（元）', type: 'money', required: true },
    ],
    key: ['type'],
    checks: STARTED_ENDED,
  },
  {
    kind: 'health_signing',
    ...personLedger('健康', 'health'),
    label: '家庭医生签约和慢病卡',
    fields: [
      { key: 'signed', label: '家庭医生签约', type: 'bool', required: true, filter: true, example: '是' },
      { key: 'signedOn', label: '签约日期', type: 'date' },
      { key: 'team', label: '签约团队', type: 'text', example: '龙山镇卫生院第一团队' },
      { key: 'chronicDisease', label: '慢病病种', type: 'text', sensitive: true, example: '高血压' },
      { key: 'chronicCard', label: '慢病卡', type: 'bool', filter: true },
      { key: 'cardIssuedOn', label: '慢病卡办理日期', type: 'date' },
    ],
    key: [],
    checks: [],
  },
  {
    kind: 'health_insurance',
    ...personLedger('健康', 'medical_security'),
    label: '参保',
    fields: [
      { key: 'basic', label: '基本医疗保险', type: 'bool', required: true, filter: true, example: '是' },
      { key: 'serious', label: '大病保险', type: 'bool', filter: true },
      { key: 'pension', label: '城乡居民养老保险', type: 'bool', filter: true },
      { key: 'accident', label: '意外伤害保险', type: 'bool' },
      { key: 'agricultural', label: '农业保险', type: 'bool' },
      { key: 'premiumAid', label: '个人缴费资助（元）', type: 'money' },
    ],
    key: [],
    checks: [],
  },
  {
    kind: 'employment_training',
    ...EMPLOYMENT,
    label: '技能培训',
    fields: [
      { key: 'session', label: '培训班次', type: 'text', required: true, example: '2019年龙山镇第一期厨师培训班' },
      { key: 'type', label: '培训类别', type: 'enum', options: TRAINING_TYPES, required: true, filter: true },
      { key: 'startedOn', label: '开班日期', type: 'date', required: true },
      { key: 'endedOn', label: '结业日期', type: 'date' },
      { key: 'certificate', label: '取得证书', type: 'bool' },
    ],
    key: ['session'],
    checks: STARTED_ENDED,
  },
  {
    kind: 'employment_transfer',
    ...EMPLOYMENT,
    label: '转移就业',
    fields: [
      { key: 'scope', label: '务工地域', type: 'enum', options: TRANSFER_SCOPES, required: true, filter: true },
      { key: 'where', label: '务工地点', type: 'text', required: true, example: '广东省东莞市' },
      { key: 'employer', label: '就业单位', type: 'text' },
      { key: 'months', label: '务工月数', type: 'int', required: true, example: '10' },
      { key: 'income', label: '务工收入（元）', type: 'money', required: true },
    ],
    key: [],
    checks: [],
  },
  {
    kind: 'employment_workshop',
    ...EMPLOYMENT,
    label: '扶贫车间',
    fields: [
      { key: 'workshop', label: '扶贫车间', type: 'text', required: true, example: '龙山镇竹编扶贫车间' },
      { key: 'startedOn', label: '入职日期', type: 'date', required: true },
      { key: 'endedOn', label: '离职日期', type: 'date' },
      { key: 'monthlyPay', label: '月工资（元）', type: 'money', required: true },
    ],
    key: ['workshop'],
    checks: STARTED_ENDED,
  },
];

export const LEDGER_KINDS = LEDGER_SHAPES.map((s) => s.kind);

export function shapeOf(kind: string): LedgerShape | undefined {
  return LEDGER_SHAPES.find((s) => s.kind === kind);
}

/** The ledgers a line keeps. */
export function shapesOfLine(line: string | null): LedgerShape[] {
  return LEDGER_SHAPES.filter((s) => s.line === line);
}

/** The Chinese label of an option (the code itself when unknown). */
export function optionLabel(field: FieldSpec, code: unknown): string {
  if (code === null || code === undefined) return '';
  return field.options?.find((o) => o.code === code)?.label ?? String(code);
}
