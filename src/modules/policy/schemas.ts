/** Input and output schemas of the policy API (outputs validated so nothing unlisted leaves the server). */
import { z } from 'zod';
import { placeCodeSchema as placeCode } from '../../domain/placeCode';

const year = (what: string) => z.coerce.number({ message: `${what}应为数字` }).int(`${what}应为整数`).min(2000, `${what}应不早于 2000 年`).max(2100, `${what}应不晚于 2100 年`);

export const listQuery = z.object({
  region: placeCode.optional(),
  /** Only the records governing this place (its own region, those above it, those below it). */
  place: placeCode.optional(),
  status: z.enum(['draft', 'active', 'superseded'], { message: '状态应为 draft、active 或 superseded' }).optional(),
  year: year('生效年份').optional(),
});

export const effectiveQuery = z.object({ place: placeCode.default('0'), year: year('年份') });

export const compareQuery = z.object({
  a: z.string().min(1, '请指定要比较的第一个版本 a'),
  b: z.string().min(1, '请指定要比较的第二个版本 b'),
  mode: z.enum(['record', 'effective'], { message: 'mode 应为 record（只比较各自设置的字段）或 effective（比较合并后实际生效的规则）' }).default('record'),
});

/** The body of a draft: its fields are checked by validatePolicy, which names each in Chinese. */
export const draftBody = z.record(z.string(), z.unknown(), { message: '请求体应为 JSON 对象' });

const draftFields = z.object({ regionCode: z.unknown(), effectiveYear: z.unknown(), title: z.unknown(), note: z.unknown().optional(), rules: z.unknown() });

export const whatIfBody = z
  .object({
    policyId: z.string().min(1).optional(),
    policy: draftFields.optional(),
    place: placeCode.optional(),
    year: year('测算年份').optional(),
  }, { message: '请求体应为 JSON 对象' })
  .refine((b) => (b.policyId === undefined) !== (b.policy === undefined), { message: '请给出 policyId（已保存的草稿）或 policy（未保存的草稿）之一', path: ['policyId'] });

export const policyViewSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  effectiveYear: z.number().int(),
  version: z.number().int(),
  status: z.enum(['draft', 'active', 'superseded']),
  statusLabel: z.string(),
  title: z.string(),
  note: z.string().nullable(),
  rules: z.unknown(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  activatedBy: z.string().nullable(),
  activatedAt: z.date().nullable(),
  supersededAt: z.date().nullable(),
});

export const policyListSchema = z.object({ items: z.array(policyViewSchema) });

const versionRef = z.object({ id: z.string(), regionCode: z.string(), effectiveYear: z.number().int(), version: z.number().int(), title: z.string() });

export const effectiveSchema = z.object({
  place: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(),
  rules: z.unknown(),
  versions: z.array(versionRef),
});

export const comparisonSchema = z.object({
  a: policyViewSchema,
  b: policyViewSchema,
  mode: z.enum(['record', 'effective']),
  differences: z.array(z.object({ path: z.string(), field: z.string(), a: z.unknown(), b: z.unknown() })),
});

const ruleInput = z.object({ schema: z.record(z.string(), z.unknown()), nullable: z.boolean(), options: z.record(z.string(), z.string()).optional() });
const ruleField = z.object({ path: z.string(), field: z.string(), group: z.string(), value: z.unknown(), input: ruleInput.optional() });

export const ruleFieldsSchema = z.object({ own: z.array(ruleField), effective: z.array(ruleField) });

export const activationSchema = z.object({ policy: policyViewSchema, superseded: z.string().nullable(), jobId: z.number().int() });

export const jobIdSchema = z.object({ jobId: z.number().int() });
