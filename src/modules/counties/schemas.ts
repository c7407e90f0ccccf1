/** Inputs and answers of the counties routes (Chinese messages naming the field). */
import { z } from 'zod';
import { isCalendarDate } from '../../domain/dates';
import { placeCodeOf, placeCodeSchema } from '../../domain/placeCode';

const year = z.coerce.number({ message: '年度（year）应为数字' }).int('年度（year）应为整数').min(2000, '年度（year）不早于 2000').max(2100, '年度（year）不晚于 2100');
const date = (name: string) => z.string({ message: `${name}应为日期，格式 YYYY-MM-DD` }).refine(isCalendarDate, `${name}不是有效日期（应为 YYYY-MM-DD）`);
const text = (name: string, max: number) => z.string({ message: `${name}应为文字` }).trim().min(1, `${name}不能为空`).max(max, `${name}不超过 ${max} 个字`);
const count = (name: string) => z.number({ message: `${name}应为数字` }).int(`${name}应为整数`).min(0, `${name}不能为负数`);

export const placeYearQuery = z.object({ place: placeCodeSchema.optional(), year });
export const countyParams = z.object({ county: placeCodeOf([6], '县代码（county）') });
export const idParams = z.object({ id: z.coerce.number({ message: '摘帽申请编号应为数字' }).int().positive('摘帽申请编号应为正整数') });
export const yearBody = z.strictObject({ year });

export const actionBody = z.discriminatedUnion('type', [
  z.strictObject({ type: z.enum(['approve', 'return', 'reject']), comment: z.string().max(2000, '意见不超过 2000 个字').optional() }),
  z.strictObject({ type: z.literal('publish'), startsOn: date('公示开始日期（startsOn）') }),
  z.strictObject({ type: z.literal('object'), objector: text('异议人（objector）', 100), content: text('异议内容（content）', 2000), receivedOn: date('收到日期（receivedOn）').optional() }),
  z.strictObject({ type: z.literal('resolve'), objectionId: z.number().int().positive(), upheld: z.boolean(), comment: text('处理结果（comment）', 2000) }),
], { message: '操作（type）应为 approve、return、reject、publish、object 或 resolve' });

export const drawBody = z.strictObject({ year, place: placeCodeOf([0, 2], '抽查范围（place）'), seed: z.string().max(200, '种子不超过 200 个字').optional() });

export const findingsBody = z.strictObject({
  checkedOn: date('复查日期（checkedOn）'),
  ruralPopulation: count('农村户籍人口（ruralPopulation）'),
  personsSampled: count('抽查未建档人数（personsSampled）'),
  missedPersons: count('漏评人数（missedPersons）'),
  exitedPersonsSampled: count('抽查已脱贫人数（exitedPersonsSampled）'),
  wronglyExitedPersons: count('错退人数（wronglyExitedPersons）'),
  respondents: count('调查户数（respondents）'),
  satisfied: count('认可户数（satisfied）'),
});

const condition = z.object({
  key: z.string(), label: z.string(), value: z.number().nullable(), shown: z.string().nullable(), threshold: z.number(), thresholdShown: z.string(),
  comparison: z.string(), passed: z.boolean(), reason: z.string(), formula: z.string(), source: z.string(),
});
const verdict = z.object({ countyCode: z.string(), passed: z.boolean(), western: z.boolean(), conditions: z.array(condition), failing: z.array(z.string()) });

export const dashboardSchema = z.object({
  place: z.object({ code: z.string(), name: z.string() }),
  year: z.number(),
  passed: z.number(),
  rows: z.array(z.object({
    code: z.string(), name: z.string(), year: z.number(), policyKey: z.string(), verdict,
    exit: z.object({ year: z.number(), status: z.string(), statusLabel: z.string(), approvedOn: z.string() }).nullable(),
  })),
});

export const caseSchema = z.object({
  id: z.number(), countyCode: z.string(), countyName: z.string(), year: z.number(), status: z.string(), statusLabel: z.string(),
  stepIndex: z.number(), stepLabel: z.string(), waitingOn: z.string().nullable(),
  steps: z.array(z.object({ code: z.string(), label: z.string(), kind: z.string(), level: z.string(), noticeDays: z.number().nullable(), noticeSource: z.string().nullable() })),
  noticeStartsOn: z.string().nullable(), noticeEndsOn: z.string().nullable(), openObjections: z.number(), policyKey: z.string(),
  verdict: z.object({ passed: z.boolean(), conditions: z.array(z.object({ label: z.string(), reason: z.string() })) }),
  startedBy: z.string().nullable(), startedAt: z.string(),
  history: z.array(z.object({ seq: z.number(), stepLabel: z.string(), action: z.string(), result: z.string(), resultLabel: z.string(), onDate: z.string(), actor: z.string().nullable(), actorRole: z.string().nullable(), comment: z.string().nullable() })),
  objections: z.array(z.object({ id: z.number(), objector: z.string(), receivedOn: z.string(), content: z.string(), status: z.string(), outcome: z.string().nullable(), resolution: z.string().nullable(), resolvedOn: z.string().nullable() })),
  actions: z.array(z.object({ type: z.string(), allowed: z.boolean(), reason: z.string().nullable() })),
});

export const caseListSchema = z.object({
  items: z.array(z.object({
    id: z.number(), countyCode: z.string(), countyName: z.string(), year: z.number(), status: z.string(), statusLabel: z.string(), stepLabel: z.string(),
    startedAt: z.string(), noticeEndsOn: z.string().nullable(), openObjections: z.number(),
  })),
});

export const drawSchema = z.object({
  id: z.number(), year: z.number(), exitYear: z.number(), placeCode: z.string(), seed: z.string(), share: z.number(),
  population: z.array(z.string()), sample: z.array(z.string()), required: z.number(),
});

export const recheckResultSchema = z.object({ countyCode: z.string(), year: z.number(), passed: z.boolean(), verdict });

export const overviewSchema = z.object({
  place: z.object({ code: z.string(), name: z.string() }),
  year: z.number(),
  draws: z.array(z.object({
    id: z.number(), placeCode: z.string(), placeName: z.string(), exitYear: z.number(), seed: z.string(), share: z.number(),
    populationCount: z.number(), sampleCount: z.number(), drawnBy: z.string(), drawnRole: z.string(), drawnAt: z.string(),
  })),
  rechecks: z.array(z.object({
    countyCode: z.string(), countyName: z.string(), drawId: z.number(), status: z.string(), statusLabel: z.string(), checkedOn: z.string().nullable(),
    conditions: z.array(z.object({ key: z.string(), label: z.string(), shown: z.string().nullable(), passed: z.boolean(), reason: z.string() })),
    rectificationIds: z.array(z.number()),
  })),
});

export const whatIfQuery = placeYearQuery.extend({ policy: z.string({ message: '政策记录（policy）应为编号' }).min(1, '政策记录（policy）不能为空') });

export const whatIfSchema = z.object({
  place: z.object({ code: z.string(), name: z.string() }),
  year: z.number(),
  policy: z.object({ id: z.string(), title: z.string(), regionCode: z.string() }),
  counties: z.number(),
  changed: z.array(z.object({ code: z.string(), name: z.string(), passedBefore: z.boolean(), passedAfter: z.boolean(), failingBefore: z.array(z.string()), failingAfter: z.array(z.string()) })),
});
