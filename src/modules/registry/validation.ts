/**
 * Input validation for the registry: zod schemas whose failures become a 400 in Chinese that
 * names each field and the value given ("与户主关系（relation）的值“表哥”无效，应为：户主、配偶…").
 */
import { z } from 'zod';
import { RISK_TYPE_LABELS } from '../../domain/assessment/riskTypes';
import { allowedLabels, codeOf, type Enumeration } from '../../domain/enums';
import { badRequest, problemsOf } from '../../server/errors';

/** Chinese names of the fields users send. */
const FIELD_LABELS: Record<string, string> = {
  place: '地区代码',
  status: '户状态',
  attribute: '户属性',
  cause: '致贫原因',
  year: '年度',
  q: '查询内容',
  page: '页码',
  pageSize: '每页条数',
  sort: '排序字段',
  order: '排序方向',
  reveal: '显示明文字段',
  idNumber: '证件号码',
  memberKey: '成员编号',
  name: '姓名',
  relation: '与户主关系',
  ethnicity: '民族',
  education: '文化程度',
  schooling: '在校生状况',
  health: '健康状况',
  disabilityGrade: '残疾等级',
  labour: '劳动技能',
  workStatus: '务工状况',
  insuredBasic: '基本医疗保险',
  insuredSerious: '大病保险',
  insuredCommercial: '商业补充保险',
  insuredPension: '养老保险',
  familyDoctor: '家庭医生签约',
  chronicCard: '慢病卡',
  homeSchooling: '送教上门',
  phone: '联系电话',
  identifiedYear: '识别年度',
  plannedExitYear: '计划脱贫年度',
  mainCause: '主要致贫原因',
  otherCauses: '其他致贫原因',
  foodSecure: '不愁吃',
  clothingSecure: '不愁穿',
  houseGrade: '住房安全等级',
  houseRenovated: '危房改造',
  relocated: '易地扶贫搬迁',
  waterLpd: '人均日供水量',
  waterQualityOk: '水质达标',
  waterTripMinutes: '取水往返时间',
  waterPiped: '自来水入户',
  waterOutageDays: '年累计断水天数',
  waterScarceArea: '缺水地区',
  waterHorizontalM: '取水水平距离',
  waterVerticalM: '取水垂直距离',
  openRiskTypes: '未消除风险类型',
  wages: '工资性收入',
  productionNet: '生产经营性净收入',
  property: '财产性收入',
  transfer: '转移性收入',
  productionCost: '生产经营性支出',
  householdSize: '家庭人口',
  perCapitaNet: '人均纯收入',
};

/** The Chinese name of a field users send (the field itself when it has none). */
export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/** A field holding an enumeration: accepts the code, the Chinese label or an alias; yields the code. */
export function enumCode(e: Enumeration) {
  return z.string().transform((text, ctx) => {
    const code = codeOf(e, text);
    if (code === undefined) {
      ctx.issues.push({ code: 'custom', message: `无效，应为：${allowedLabels(e)}`, input: text });
      return z.NEVER;
    }
    return code;
  });
}

const RISK_TYPE_BY_TEXT = new Map<string, string>(Object.entries(RISK_TYPE_LABELS).flatMap(([code, label]) => [[code, code], [label, code]]));

/** A risk type (风险类型): its code or its Chinese label; yields the code. */
export const riskTypeCode = z.string().transform((text, ctx) => {
  const code = RISK_TYPE_BY_TEXT.get(text.trim());
  if (code === undefined) {
    ctx.issues.push({ code: 'custom', message: `无效，应为：${Object.values(RISK_TYPE_LABELS).join('、')}`, input: text });
    return z.NEVER;
  }
  return code;
});

export type { FieldProblem } from '../../server/errors';

/** Parse input with a schema; on failure a 400 whose message names every field and value. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const problems = problemsOf(result.error, value, { labels: FIELD_LABELS, preferOwnMessages: false });
  throw badRequest(`${what}有误：${problems.map((p) => p.message).join('；')}`, problems);
}

/** The registry's wording of a route's input errors (routesOf `inputErrors`), the body called `bodyName`. */
export const registryInputErrors = (bodyName?: string) => ({ parse: parseInput, bodyName });
