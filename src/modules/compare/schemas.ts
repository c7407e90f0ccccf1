/** Input and output schemas of 大数据比对. */
import { z } from 'zod';
import { KIND_CODES, REFERENCE_KINDS } from '../../domain/compare/kinds';
import { OUTCOME_CODES, OUTCOMES, RULE_CODES } from '../../domain/compare/rules';
import { HIT_ACTIONS, HIT_STATUSES } from '../../domain/compare/workflow';
import { isCalendarDate } from '../../domain/dates';
import { placeCodeSchema } from '../../domain/placeCode';

const kindText = REFERENCE_KINDS.map((k) => `${k.code}（${k.label}）`).join('、');
const kind = z.enum(KIND_CODES, { message: `数据种类（kind）应为：${kindText}` });
const dateText = (name: string) => z.string({ message: `${name}应为日期 YYYY-MM-DD` }).refine(isCalendarDate, `${name}应为有效日期 YYYY-MM-DD`);
const year = z.coerce.number({ message: '业务年度（year）应为数字' }).int('业务年度（year）应为整数').min(2014, '业务年度（year）不早于 2014').max(2100, '业务年度（year）无效');

export const idParams = z.object({ id: z.coerce.number({ message: '编号应为数字' }).int('编号应为整数').positive('编号应为正整数') });

export const uploadQuery = z.object({
  kind,
  county: placeCodeSchema.refine((c) => c.length === 6, '县（county）应为 6 位县级行政区划代码'),
  asOf: dateText('数据截止日期（asOf）').optional(),
  source: z.string().trim().min(1, '数据来源（source）不能为空').max(200, '数据来源（source）不超过 200 个字').optional(),
  dryRun: z.enum(['true', 'false', '1', '0']).optional(),
});

export const jobStarted = z.object({ jobId: z.number().int() });

export const jobSchema = z.object({
  jobId: z.number().int(),
  kind: z.string(),
  status: z.string(),
  progress: z.number(),
  stage: z.string().nullable(),
  message: z.string().nullable(),
  result: z.unknown(),
  errorReport: z.string().nullable(),
});

export const batchQuery = z.object({ kind: kind.optional(), place: placeCodeSchema.optional() });

const batch = z.object({
  id: z.number().int(), countyCode: z.string(), kind: z.string(), kindLabel: z.string(), department: z.string(), source: z.string(), fileName: z.string(), asOf: z.string(),
  status: z.string(), statusLabel: z.string(), current: z.boolean(), rowCount: z.number().int(), errorCount: z.number().int(), importedBy: z.string().nullable(),
  importedAt: z.date(), purgedAt: z.date().nullable(),
});
export const batchListSchema = z.object({ items: z.array(batch) });

export const rowsQuery = z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50) });
export const rowsSchema = z.object({
  batch,
  total: z.number().int(),
  columns: z.array(z.object({ header: z.string(), field: z.string(), sensitive: z.boolean() })),
  rows: z.array(z.object({ rowNo: z.number().int(), values: z.record(z.string(), z.string().nullable()) })),
});

export const kindsSchema = z.object({
  kinds: z.array(z.object({ code: z.string(), label: z.string(), department: z.string(), mayImport: z.boolean(), columns: z.array(z.object({ header: z.string(), aliases: z.array(z.string()), required: z.boolean(), sensitive: z.boolean() })) })),
});

export const runInput = z.object({ place: placeCodeSchema });

export const rulesSchema = z.object({ version: z.number().int(), note: z.string().nullable(), publishedBy: z.string().nullable(), publishedAt: z.date(), rules: z.unknown() });
export const publishRulesInput = z.object({ note: z.string().trim().min(1, '修订说明（note）不能为空').max(500), rules: z.unknown() });

const statuses = Object.keys(HIT_STATUSES) as [string, ...string[]];
export const hitQuery = z.object({
  place: placeCodeSchema.optional(),
  rule: z.enum(RULE_CODES, { message: `规则（rule）应为：${RULE_CODES.join('、')}` }).optional(),
  status: z.enum(['open', ...statuses], { message: `状态（status）应为 open 或：${statuses.join('、')}` }).optional(),
  outcome: z.enum(OUTCOME_CODES, { message: `结果（outcome）应为：${OUTCOME_CODES.join('、')}` }).optional(),
  householdNo: z.string().trim().min(1).max(40).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const hit = z.object({
  id: z.number().int(), countyCode: z.string(), ruleCode: z.string(), ruleLabel: z.string(), ruleVersion: z.number().int(), householdNo: z.string(), headName: z.string().nullable(),
  householdStatus: z.string().nullable(), villageCode: z.string(), placeName: z.string(), idNumber: z.string().nullable(), personName: z.string().nullable(), referenceName: z.string().nullable(),
  nameDiffers: z.boolean(), batchId: z.number().int(), facts: z.record(z.string(), z.unknown()), suggestedOutcome: z.string(), suggestedOutcomeLabel: z.string(), status: z.string(),
  statusLabel: z.string(), proposedOutcome: z.string().nullable(), outcome: z.string().nullable(), outcomeLabel: z.string().nullable(), procedureCaseId: z.number().int().nullable(),
  deadline: z.string().nullable(), overdue: z.boolean(), foundOn: z.string(), sentOn: z.string().nullable(), closedOn: z.string().nullable(), resolvedBatchId: z.number().int().nullable(),
  resolvedOn: z.string().nullable(),
});
export const hitPageSchema = z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), today: z.string(), items: z.array(hit) });
export const hitDetailSchema = hit.extend({
  actions: z.array(z.object({ action: z.string(), label: z.string() })),
  steps: z.array(z.object({
    seq: z.number().int(), action: z.string(), label: z.string(), statusAfter: z.string(), outcome: z.string().nullable(), outcomeLabel: z.string().nullable(), note: z.string().nullable(),
    evidenceIds: z.array(z.number().int()), onDate: z.string(), actorName: z.string().nullable(), actorRole: z.string().nullable(),
  })),
});

const countLine = z.object({ key: z.string(), name: z.string(), total: z.number().int(), open: z.number().int(), overdue: z.number().int(), closed: z.number().int(), resolved: z.number().int() });
export const reportSchema = z.object({ today: z.string(), byRule: z.array(countLine), byPlace: z.array(countLine), byStatus: z.array(countLine), byOutcome: z.array(countLine) });

const actions = (Object.keys(HIT_ACTIONS) as (keyof typeof HIT_ACTIONS)[]).filter((a) => a !== 'resolve') as [string, ...string[]];
const outcomeText = Object.entries(OUTCOMES).map(([c, l]) => `${c}（${l}）`).join('、');
export const stepInput = z.object({
  action: z.enum(actions as [Exclude<keyof typeof HIT_ACTIONS, 'resolve'>, ...Exclude<keyof typeof HIT_ACTIONS, 'resolve'>[]], { message: `操作（action）应为：${actions.join('、')}` }),
  note: z.string({ message: '说明（note）应为文字' }).max(2000, '说明（note）不超过 2000 个字').default(''),
  outcome: z.enum(OUTCOME_CODES, { message: `结果（outcome）应为：${outcomeText}` }).optional().nullable(),
  evidence: z.array(z.number().int().positive(), { message: '佐证材料（evidence）应为材料编号列表' }).max(20, '佐证材料最多 20 项').default([]),
  year: year.optional(),
  monitorCategory: z.string().trim().min(1).max(40).optional(),
});

export const sendInput = z.object({
  place: placeCodeSchema,
  rule: z.enum(RULE_CODES, { message: `规则（rule）应为：${RULE_CODES.join('、')}` }).optional(),
  ids: z.array(z.number().int().positive()).max(5000, '一次最多下发 5000 个疑点').optional(),
});
export const sentSchema = z.object({ sent: z.number().int() });
