/** Input and output schemas of the 防止返贫致贫 API (outputs validated: nothing unlisted leaves the server). */
import { z } from 'zod';
import { placeCodeOf } from '../../domain/placeCode';
import { COST_ITEMS } from '../../domain/prevention/schema';

const year = (what: string) => z.coerce.number({ message: `${what}应为数字` }).int(`${what}应为整数`).min(2000, `${what}应不早于 2000 年`).max(2100, `${what}应不晚于 2100 年`);
const placeCode = placeCodeOf([2, 4, 6, 9, 12], '地区代码（place）');

export const screeningQuery = z.object({ place: placeCode.optional(), year: year('年度（year）'), all: z.enum(['true', 'false']).optional() });
export const placeQuery = z.object({ place: placeCode.optional() });
export const caseParams = z.object({ id: z.coerce.number({ message: '程序编号应为数字' }).int().positive() });
export const costParams = z.object({ householdNo: z.string().min(1), year: year('年度') });

export const whatIfBody = z
  .object({
    policyId: z.string().min(1).optional(),
    policy: z.object({ regionCode: z.unknown(), effectiveYear: z.unknown(), title: z.unknown(), note: z.unknown().optional(), rules: z.unknown() }).optional(),
    place: placeCode.optional(),
    year: year('测算年份（year）'),
  }, { message: '请求体应为 JSON 对象' })
  .refine((b) => (b.policyId === undefined) !== (b.policy === undefined), { message: '请给出 policyId（已保存的草稿）或 policy（未保存的草稿）之一', path: ['policyId'] });

export const costBody = z.object({
  lines: z.array(z.object({
    item: z.enum(COST_ITEMS, { message: `支出项目（item）应为 ${COST_ITEMS.join('、')} 之一` }),
    amount: z.number({ message: '金额（amount）应为数字' }).nonnegative('金额（amount）不能为负数').max(10_000_000, '金额（amount）过大'),
    note: z.string().max(200).nullable().optional(),
  })).max(COST_ITEMS.length),
});

export const urgentBody = z.object({
  startedOn: z.string({ message: '开始日期（startedOn）应为 YYYY-MM-DD' }),
  cause: z.string({ message: '紧急原因（cause）必填' }),
  measure: z.string({ message: '先行帮扶措施（measure）必填' }).max(200, '先行帮扶措施（measure）不超过 200 字'),
});

const counts = z.object({ households: z.number(), inRange: z.number(), unstable: z.number(), marginal: z.number(), sudden: z.number(), notYetMonitored: z.number() });
const s = z.string();
const sn = z.string().nullable();
const nn = z.number().nullable();

export const screeningSchema = z.object({
  year: z.number(), place: s, ranges: z.array(s), counts,
  items: z.array(z.object({ householdNo: s, headName: s, villageCode: s, status: s, monitored: z.boolean(), kind: sn, kindLabel: sn, perCapita: nn, afterCosts: nn, reason: s })),
});

export const whatIfSchema = z.object({
  year: z.number(), place: s,
  policy: z.object({ id: s, regionCode: s, effectiveYear: z.number(), version: z.number(), title: s }),
  before: counts, after: counts, entering: z.number(), leaving: z.number(),
  changes: z.array(z.object({ householdNo: s, headName: s, villageCode: s, status: s, change: s, changeLabel: s, kindBefore: sn, kindAfter: sn, reasonBefore: s, reasonAfter: s })),
});

export const clockSchema = z.object({
  caseId: z.number(), householdNo: s, headName: s, villageCode: s, caseStatus: s, procedureStepLabel: sn,
  profile: s, profileLabel: s, unit: s, unitLabel: s, clueOn: s, dueOn: s,
  steps: z.array(z.object({ code: s, label: s, dueOn: s })),
  currentStep: z.object({ code: s, label: s, dueOn: s }).nullable(),
  stepRemaining: nn, remaining: z.number(), status: s, statusLabel: s, escalateTo: sn, text: s,
  urgentMeasures: z.array(z.object({ id: z.number(), caseId: z.number(), startedOn: s, cause: s, causeLabel: s, measure: s, recordedBy: sn })),
});
export const clockListSchema = z.object({ items: z.array(clockSchema) });

export const costsSchema = z.object({
  householdNo: s, year: z.number(), lines: z.array(z.object({ item: s, label: s, amount: z.number(), note: sn })),
});
