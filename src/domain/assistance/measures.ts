/**
 * 帮扶措施目录 (一户一策): the measure types and the fields each type records. Common fields
 * (year, main/auxiliary, persons covered, amount, dates, provider department) are columns;
 * the type-specific ones live in `details`, checked here per type.
 */
import { z } from 'zod';

/** One type-specific field of a measure, as the form shows it and the server checks it. */
export interface MeasureField {
  key: string;
  label: string;
  kind: 'text' | 'count' | 'yuan' | 'date' | 'enum' | 'years';
  required?: boolean;
  /** enum: code → Chinese label. */
  options?: Readonly<Record<string, string>>;
}

const f = (key: string, label: string, kind: MeasureField['kind'], more: Partial<MeasureField> = {}): MeasureField => ({ key, label, kind, ...more });

/** The type-specific fields of each measure type: the one map the server's checks and the web form are built from. */
export const MEASURE_FIELDS = {
  industry: [f('industry', '产业名称', 'text'), f('scale', '规模', 'text'), f('cooperative', '合作社/龙头企业', 'text')],
  employment: [f('workers', '转移就业人数', 'count'), f('destination', '务工地', 'text'), f('trained', '培训人数', 'count')],
  welfare_job: [f('post', '岗位名称', 'text', { required: true }), f('monthlyPay', '月工资', 'yuan')],
  relocation: [f('site', '安置点', 'text'), f('movedInOn', '入住日期', 'date'), f('subsidy', '搬迁补助', 'yuan')],
  housing_renovation: [f('gradeBefore', '改造前等级', 'enum', { options: { C: 'C 级', D: 'D 级' } }), f('completedOn', '竣工日期', 'date')],
  education: [f('students', '资助学生数', 'count'), f('stage', '学段', 'text')],
  health: [f('patients', '救助人数', 'count'), f('scheme', '救助方式', 'text')],
  social_security: [f('kind', '兜底类别', 'enum', { required: true, options: { dibao: '低保', tekun: '特困供养' } }), f('monthlyAmount', '月保障金', 'yuan')],
  ecological_ranger: [f('rangers', '生态护林员人数', 'count'), f('area', '管护区域', 'text')],
  micro_loan: [f('bank', '贷款银行', 'text'), f('termYears', '贷款期限（年）', 'years')],
  micro_infrastructure: [f('item', '建设内容', 'text')],
  asset_income: [f('asset', '资产', 'text'), f('dividend', '分红', 'yuan')],
  photovoltaic: [f('station', '光伏电站', 'text'), f('dividend', '收益', 'yuan')],
  merit_store: [f('points', '积分', 'count')],
} as const satisfies Record<string, readonly MeasureField[]>;

function fieldSchema(field: MeasureField): z.ZodType {
  const name = field.label;
  const value = (v: unknown) => `「${String(v)}」`;
  switch (field.kind) {
    case 'text':
      return z.string({ message: `${name}应为文字` }).trim().min(1, `${name}不能为空`).max(200, `${name}最多 200 字`);
    case 'count':
      return z.number({ message: `${name}应为整数` }).int({ error: (i) => `${name}应为整数，填写的是${value(i.input)}` }).nonnegative({ error: (i) => `${name}不能为负数，填写的是${value(i.input)}` });
    case 'yuan':
      return z.number({ message: `${name}应为数字（元）` }).nonnegative({ error: (i) => `${name}不能为负数，填写的是${value(i.input)}` });
    case 'date':
      return z.iso.date(`${name}格式应为 YYYY-MM-DD`);
    case 'years':
      return z.number({ message: `${name}应为整数` }).int(`${name}应为整数`).min(1, `${name}至少 1 年`).max(3, `小额信贷期限不超过 3 年`);
    case 'enum': {
      const options = field.options ?? {};
      const words = Object.entries(options).map(([code, label]) => `${code}（${label}）`).join('或');
      return z.enum(Object.keys(options) as [string, ...string[]], { message: `${name}应为${words}` });
    }
  }
}

export const MEASURE_DETAILS = Object.fromEntries(
  Object.entries(MEASURE_FIELDS).map(([type, fields]) => [
    type,
    z.strictObject(Object.fromEntries(fields.map((field: MeasureField) => [field.key, field.required ? fieldSchema(field) : fieldSchema(field).optional()]))),
  ]),
) as unknown as Record<keyof typeof MEASURE_FIELDS, z.ZodType>;

export type MeasureType = keyof typeof MEASURE_FIELDS;

export const MEASURE_TYPES = Object.keys(MEASURE_DETAILS) as MeasureType[];

export function isMeasureType(code: string): code is MeasureType {
  return Object.prototype.hasOwnProperty.call(MEASURE_DETAILS, code);
}

export type DetailCheck = { ok: true; details: Record<string, unknown> } | { ok: false; message: string; field?: string };

/** The type-specific fields checked against the type's schema, with a Chinese message naming the field. */
export function checkMeasureDetails(type: string, details: unknown): DetailCheck {
  if (!isMeasureType(type)) return { ok: false, message: `帮扶措施类型「${type}」不在措施目录中` };
  const parsed = MEASURE_DETAILS[type].safeParse(details ?? {});
  if (parsed.success) return { ok: true, details: parsed.data as Record<string, unknown> };
  const issue = parsed.error.issues[0];
  const key = String(issue.path[0] ?? '');
  const field = (MEASURE_FIELDS[type] as readonly MeasureField[]).find((x) => x.key === key);
  if (issue.code === 'unrecognized_keys') return { ok: false, message: `措施「${type}」没有字段：${issue.keys.join('、')}` };
  return { ok: false, message: `措施「${type}」的${field ? field.label : key ? `字段 ${key}` : '字段'}有误：${issue.message}`, field: key || undefined };
}
