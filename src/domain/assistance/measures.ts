/**
 * 帮扶措施目录 (一户一策): the measure types and the fields each type records. Common fields
 * (year, main/auxiliary, persons covered, amount, dates, provider department) are columns;
 * the type-specific ones live in `details`, checked here per type.
 */
import { z } from 'zod';

const text = (name: string) => z.string({ message: `${name}应为文字` }).trim().min(1, `${name}不能为空`).max(200, `${name}最多 200 字`);
const yuan = (name: string) => z.number({ message: `${name}应为数字（元）` }).nonnegative(`${name}不能为负数`);
const count = (name: string) => z.number({ message: `${name}应为整数` }).int(`${name}应为整数`).nonnegative(`${name}不能为负数`);

export const MEASURE_DETAILS = {
  industry: z.strictObject({ industry: text('产业名称').optional(), scale: text('规模').optional(), cooperative: text('合作社/龙头企业').optional() }),
  employment: z.strictObject({ workers: count('转移就业人数').optional(), destination: text('务工地').optional(), trained: count('培训人数').optional() }),
  welfare_job: z.strictObject({ post: text('岗位名称'), monthlyPay: yuan('月工资').optional() }),
  relocation: z.strictObject({ site: text('安置点').optional(), movedInOn: z.iso.date('入住日期格式应为 YYYY-MM-DD').optional(), subsidy: yuan('搬迁补助').optional() }),
  housing_renovation: z.strictObject({ gradeBefore: z.enum(['C', 'D'], { message: '改造前等级应为 C 或 D' }).optional(), completedOn: z.iso.date('竣工日期格式应为 YYYY-MM-DD').optional() }),
  education: z.strictObject({ students: count('资助学生数').optional(), stage: text('学段').optional() }),
  health: z.strictObject({ patients: count('救助人数').optional(), scheme: text('救助方式').optional() }),
  social_security: z.strictObject({ kind: z.enum(['dibao', 'tekun'], { message: '兜底类别应为 dibao（低保）或 tekun（特困供养）' }), monthlyAmount: yuan('月保障金').optional() }),
  ecological_ranger: z.strictObject({ rangers: count('生态护林员人数').optional(), area: text('管护区域').optional() }),
  micro_loan: z.strictObject({ bank: text('贷款银行').optional(), termYears: z.number().int().min(1).max(3, '小额信贷期限不超过 3 年').optional() }),
  micro_infrastructure: z.strictObject({ item: text('建设内容').optional() }),
  asset_income: z.strictObject({ asset: text('资产').optional(), dividend: yuan('分红').optional() }),
  photovoltaic: z.strictObject({ station: text('光伏电站').optional(), dividend: yuan('收益').optional() }),
  merit_store: z.strictObject({ points: count('积分').optional() }),
} as const;

export type MeasureType = keyof typeof MEASURE_DETAILS;

export const MEASURE_TYPES = Object.keys(MEASURE_DETAILS) as MeasureType[];

export function isMeasureType(code: string): code is MeasureType {
  return Object.prototype.hasOwnProperty.call(MEASURE_DETAILS, code);
}

export type DetailCheck = { ok: true; details: Record<string, unknown> } | { ok: false; message: string };

/** The type-specific fields checked against the type's schema, with a Chinese message naming the field. */
export function checkMeasureDetails(type: string, details: unknown): DetailCheck {
  if (!isMeasureType(type)) return { ok: false, message: `帮扶措施类型「${type}」不在措施目录中` };
  const parsed = MEASURE_DETAILS[type].safeParse(details ?? {});
  if (parsed.success) return { ok: true, details: parsed.data as Record<string, unknown> };
  const issue = parsed.error.issues[0];
  const field = issue.path.join('.');
  return { ok: false, message: `措施「${type}」的字段${field ? ` ${field} ` : ''}有误：${issue.message}` };
}
