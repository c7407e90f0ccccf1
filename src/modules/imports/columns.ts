/**
 * The registry spreadsheet: one row per person, the household's columns repeated on each of its
 * rows (keyed by 户编号), Chinese headers in any order. Each column says where its value goes and
 * how the cell text is read.
 */
import {
  education,
  ethnicity,
  health,
  houseGrade,
  householdAttribute,
  householdStatus,
  labourCapacity,
  monitorCategory,
  povertyCause,
  relation,
  schooling,
  workStatus,
  type Enumeration,
} from '../../domain/enums';
import { RISK_TYPE_LABELS } from '../../domain/assessment/riskTypes';
import { RISK_TYPES } from '../../domain/policy/rulesSchema';

/** 风险类型 (POLICY §6) as an enumeration of the sheet: the code, or its label with or without 返贫/致贫. */
export const riskType: Enumeration = {
  name: 'riskType',
  label: '风险类型',
  entries: RISK_TYPES.map((code) => ({ code, label: RISK_TYPE_LABELS[code], en: code, aliases: [`${RISK_TYPE_LABELS[code]}返贫`, `${RISK_TYPE_LABELS[code]}致贫`] })),
};

/**
 * household: same on every row of a household; income: one year's income of the household;
 * event: one risk event of the household (also the same on each of its rows); person: the row's member.
 */
export type ColumnLevel = 'household' | 'income' | 'event' | 'person';

export type ColumnKind =
  | 'householdNo'
  | 'text'
  | 'name'
  | 'villageCode'
  | 'phone'
  | 'enum'
  | 'causes'
  | 'codes'
  | 'date'
  | 'metres'
  | 'bool'
  | 'year'
  | 'count'
  | 'litres'
  | 'money'
  | 'idNumber'
  | 'disabilityGrade';

export interface ColumnSpec {
  header: string;
  /** Staging column (snake case, as in the registry tables where one exists). */
  key: string;
  level: ColumnLevel;
  kind: ColumnKind;
  enumeration?: Enumeration;
  /** The cell may not be blank. */
  required?: boolean;
  /** Other headers real files use for this column. */
  aliases?: string[];
  /** Upper bound for counts. */
  max?: number;
  /** A money column that may be negative (a net figure: 生产经营性净收入 can be a loss); every other amount is refused below 0. */
  signed?: boolean;
}

const h = (header: string, key: string, kind: ColumnKind, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ header, key, level: 'household', kind, ...extra });
const inc = (header: string, key: string, kind: ColumnKind, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ header, key, level: 'income', kind, ...extra });
const ev = (header: string, key: string, kind: ColumnKind, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ header, key, level: 'event', kind, ...extra });
const p = (header: string, key: string, kind: ColumnKind, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ header, key, level: 'person', kind, ...extra });

export const COLUMNS: readonly ColumnSpec[] = [
  h('户编号', 'household_no', 'householdNo', { required: true, aliases: ['户号', '家庭编号'] }),
  h('省', 'province', 'text', { aliases: ['省份', '省(自治区、直辖市)'] }),
  h('市', 'city', 'text', { aliases: ['市(州)', '地市', '市州'] }),
  h('县', 'county', 'text', { aliases: ['县(市、区)', '县区', '县(区)'] }),
  h('乡镇', 'township', 'text', { aliases: ['乡(镇)', '乡镇(街道)', '乡'] }),
  h('村', 'village', 'text', { aliases: ['行政村', '村(社区)'] }),
  h('村代码', 'village_code', 'villageCode', { aliases: ['行政区划代码', '村级代码'] }),
  h('户主姓名', 'head_name', 'name', { aliases: ['户主'] }),
  h('户属性', 'attribute', 'enum', { enumeration: householdAttribute, required: true, aliases: ['贫困户属性'] }),
  h('户状态', 'status', 'enum', { enumeration: householdStatus, required: true, aliases: ['贫困户状态'] }),
  h('监测对象类别', 'monitor_category', 'enum', { enumeration: monitorCategory }),
  h('识别年度', 'identified_year', 'year', { aliases: ['识别时间'] }),
  h('计划脱贫年度', 'planned_exit_year', 'year'),
  h('脱贫年度', 'exit_year', 'year', { aliases: ['脱贫时间'] }),
  h('主要致贫原因', 'main_cause', 'enum', { enumeration: povertyCause }),
  h('其他致贫原因', 'other_causes', 'causes'),
  h('联系电话', 'phone', 'phone', { aliases: ['户联系电话'] }),
  h('不愁吃', 'food_secure', 'bool'),
  h('不愁穿', 'clothing_secure', 'bool'),
  h('住房安全等级', 'house_grade', 'enum', { enumeration: houseGrade, aliases: ['住房安全鉴定等级'] }),
  h('危房改造', 'house_renovated', 'bool', { aliases: ['是否危房改造'] }),
  h('易地搬迁', 'relocated', 'bool', { aliases: ['易地扶贫搬迁', '是否易地搬迁'] }),
  h('人均日用水量(升)', 'water_lpd', 'litres', { aliases: ['人均日用水量', '人均日供水量(升)'] }),
  h('水质达标', 'water_quality_ok', 'bool'),
  h('取水往返时间(分钟)', 'water_trip_minutes', 'count', { max: 1440, aliases: ['取水往返时间'] }),
  h('自来水入户', 'water_piped', 'bool'),
  h('年断水天数', 'water_outage_days', 'count', { max: 366, aliases: ['年累计断水天数'] }),
  h('缺水地区', 'water_scarce_area', 'bool'),
  h('取水水平距离(米)', 'water_horizontal_m', 'metres', { aliases: ['取水水平距离'] }),
  h('取水垂直距离(米)', 'water_vertical_m', 'metres', { aliases: ['取水垂直距离'] }),
  h('未消除风险类型', 'open_risk_types', 'codes', { enumeration: riskType, aliases: ['风险类型', '返贫致贫风险'] }),
  inc('收入年度', 'income_year', 'year'),
  inc('工资性收入', 'wages', 'money'),
  inc('生产经营性净收入', 'production_net', 'money', { signed: true }),
  inc('财产性收入', 'property', 'money'),
  inc('转移性收入', 'transfer', 'money'),
  inc('生产经营性支出', 'production_cost', 'money'),
  ev('风险事件类型', 'event_type', 'enum', { enumeration: riskType }),
  ev('风险发生日期', 'event_date', 'date', { aliases: ['风险事件发生日期'] }),
  ev('风险刚性支出(元)', 'event_cost', 'money', { aliases: ['风险刚性支出', '刚性支出(元)', '刚性支出'] }),
  p('姓名', 'name', 'name', { required: true, aliases: ['成员姓名'] }),
  p('证件号码', 'id_number', 'idNumber', { required: true, aliases: ['身份证号码', '身份证号', '公民身份号码'] }),
  p('与户主关系', 'relation', 'enum', { enumeration: relation, required: true, aliases: ['与户主的关系'] }),
  p('民族', 'ethnicity', 'enum', { enumeration: ethnicity }),
  p('文化程度', 'education', 'enum', { enumeration: education }),
  p('在校生状况', 'schooling', 'enum', { enumeration: schooling, aliases: ['在校生情况'] }),
  p('健康状况', 'health', 'enum', { enumeration: health }),
  p('残疾等级', 'disability_grade', 'disabilityGrade'),
  p('劳动技能', 'labour', 'enum', { enumeration: labourCapacity, aliases: ['劳动能力'] }),
  p('务工状况', 'work_status', 'enum', { enumeration: workStatus, aliases: ['务工情况'] }),
  p('基本医疗保险', 'insured_basic', 'bool', { aliases: ['是否参加基本医疗保险', '参加基本医疗保险'] }),
  p('大病保险', 'insured_serious', 'bool', { aliases: ['是否参加大病保险'] }),
  p('商业补充保险', 'insured_commercial', 'bool', { aliases: ['商业补充医疗保险'] }),
  p('养老保险', 'insured_pension', 'bool', { aliases: ['是否参加养老保险', '城乡居民基本养老保险'] }),
  p('家庭医生签约', 'family_doctor', 'bool', { aliases: ['是否家庭医生签约'] }),
  p('慢病卡', 'chronic_card', 'bool', { aliases: ['是否办理慢病卡'] }),
  p('送教上门', 'home_schooling', 'bool'),
  p('个人联系电话', 'person_phone', 'phone', { aliases: ['成员联系电话'] }),
];

/** Place names used when 村代码 is absent: all five are then needed. */
export const PLACE_NAME_KEYS = ['province', 'city', 'county', 'township', 'village'] as const;

/** Header text compared loosely: blanks removed, full-width brackets as ASCII, a trailing * (required mark) dropped. */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\*$/, '')
    .replace(/^\*/, '');
}

const BY_HEADER = new Map<string, ColumnSpec>();
for (const column of COLUMNS) {
  for (const name of [column.header, ...(column.aliases ?? [])]) BY_HEADER.set(normaliseHeader(name), column);
}

export interface HeaderLayout {
  /** For each known column present in the file, its position (0-based). */
  positions: Map<ColumnSpec, number>;
  /** Headers we do not know (reported as a warning). */
  unknown: string[];
  /** Required headers that are missing (a file-level error). */
  missing: string[];
  /** Headers given twice (a file-level error). */
  duplicated: string[];
}

/** Match a header row to the column specification, regardless of order. */
export function layoutOf(headers: string[]): HeaderLayout {
  const positions = new Map<ColumnSpec, number>();
  const unknown: string[] = [];
  const duplicated: string[] = [];
  headers.forEach((raw, index) => {
    const text = normaliseHeader(raw ?? '');
    if (text === '') return;
    const column = BY_HEADER.get(text);
    if (!column) unknown.push(raw.trim());
    else if (positions.has(column)) duplicated.push(column.header);
    else positions.set(column, index);
  });
  const missing = COLUMNS.filter((c) => c.required && !positions.has(c)).map((c) => c.header);
  const hasCode = [...positions.keys()].some((c) => c.key === 'village_code');
  if (!hasCode) {
    const names = COLUMNS.filter((c) => (PLACE_NAME_KEYS as readonly string[]).includes(c.key));
    const absent = names.filter((c) => !positions.has(c)).map((c) => c.header);
    if (absent.length > 0) missing.push(`村代码（或${absent.join('、')}）`);
  }
  return { positions, unknown, missing, duplicated };
}

/** The header row a blank template carries, in specification order. */
export function templateHeaders(): string[] {
  return COLUMNS.map((c) => c.header);
}

/** Household and income columns, in staging order. */
export const HOUSEHOLD_COLUMNS: readonly ColumnSpec[] = COLUMNS.filter((c) => c.level !== 'person' && c.key !== 'household_no');

/** Person columns staged after id_number, sex and birth_date (which derive from the ID). */
export const PERSON_COLUMNS: readonly ColumnSpec[] = COLUMNS.filter((c) => c.level === 'person' && c.key !== 'id_number');

export function columnByKey(key: string): ColumnSpec {
  const column = COLUMNS.find((c) => c.key === key);
  if (!column) throw new Error(`未知列 ${key}`);
  return column;
}
