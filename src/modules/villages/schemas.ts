/** Input and output schemas of the villages module. */
import { z } from 'zod';
import { placeCodeOf, placeCodeSchema } from '../../domain/placeCode';
import { VILLAGE_FIELDS, type FieldKind } from './fields';

const yearSchema = z.coerce.number({ message: '年度（year）应为四位年份' }).int('年度（year）应为四位年份').min(2000, '年度（year）应为四位年份').max(2100, '年度（year）应为四位年份');

export const villageParams = z.object({ code: placeCodeOf([12], '村代码') });
export const caseParams = z.object({
  county: placeCodeOf([6], '县代码'),
  id: z.coerce.number({ message: '程序编号应为数字' }).int().positive('程序编号应为正整数'),
});
export const yearQuery = z.object({ year: yearSchema });

const valueOf = (kind: FieldKind, label: string) => {
  switch (kind) {
    case 'flag': return z.boolean({ message: `${label}应为是或否` }).nullable().optional();
    case 'text':
    case 'school': return z.string({ message: `${label}应为文字` }).trim().nullable().optional().transform((v) => (v === '' ? null : v));
    default: return z.number({ message: `${label}应为数字` }).nullable().optional();
  }
};

export const valuesSchema = z.object(Object.fromEntries(VILLAGE_FIELDS.map((f) => [f.key, valueOf(f.kind, `${f.label}（${f.key}）`)])));
export const recordBody = z.object({ year: yearSchema, values: valuesSchema });

export const listQuery = z.object({
  place: placeCodeSchema.optional(),
  year: yearSchema,
  flag: z.enum(['poor', 'relative', 'deep', 'exited', 'not_exited'], { message: '村的类别（flag）应为 poor、relative、deep、exited 或 not_exited' }).optional(),
  verdict: z.enum(['passed', 'failed', 'none'], { message: '判定（verdict）应为 passed（达标）、failed（未达标）或 none（未填村情）' }).optional(),
});

export const importQuery = z.object({
  place: placeCodeOf([6], '导入的县（place）'),
  year: yearSchema,
  dryRun: z.enum(['true', 'false'], { message: '试导入（dryRun）应为 true 或 false' }).default('true').transform((v) => v === 'true'),
});

export const whatIfQuery = z.object({ place: placeCodeSchema.optional(), year: yearSchema, draft: z.string().min(1, '须指定政策草稿（draft）') });

export const startBody = z.object({ year: yearSchema });
export const actionBody = z.object({
  type: z.enum(['approve', 'return', 'reject', 'publish', 'object', 'resolve'], { message: '操作（type）应为 approve、return、reject、publish、object 或 resolve' }),
  comment: z.string().max(2000, '说明不超过 2000 字').optional(),
  startsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '公示开始日期（startsOn）格式应为 YYYY-MM-DD').optional(),
  objector: z.string().max(100).optional(),
  upheld: z.boolean().optional(),
});

const condition = z.object({ code: z.string(), label: z.string(), value: z.string(), threshold: z.string(), passed: z.boolean().nullable(), judged: z.boolean(), source: z.string(), text: z.string() });
export const verdictSchema = z.object({
  villageCode: z.string(), year: z.number(), kind: z.string(), passed: z.boolean().nullable(), conditions: z.array(condition), failing: z.array(z.string()),
  poorPersons: z.number(), registered: z.number().nullable(),
  relativeIdentification: z.object({ met: z.boolean().nullable(), conditions: z.array(condition) }).nullable(),
});

const actionOption = z.object({ type: z.string(), allowed: z.boolean(), reason: z.string().nullable() });
export const exitCaseSchema = z.object({
  id: z.number(), countyCode: z.string(), villageCode: z.string(), year: z.number(), status: z.string(), statusLabel: z.string(),
  step: z.object({ index: z.number(), code: z.string(), label: z.string() }).nullable(),
  steps: z.array(z.object({ code: z.string(), label: z.string() })),
  noticeStartsOn: z.string().nullable(), noticeEndsOn: z.string().nullable(), noticeDays: z.number().nullable(), openObjections: z.number(),
  policyKey: z.string(), failingAtStart: z.array(z.string()),
  history: z.array(z.object({ seq: z.number(), stepLabel: z.string(), action: z.string(), result: z.string(), onDate: z.string(), actorName: z.string().nullable(), actorRole: z.string().nullable(), comment: z.string().nullable() })),
  objections: z.array(z.object({ seq: z.number(), receivedOn: z.string(), objector: z.string().nullable(), content: z.string(), resolved: z.boolean(), upheld: z.boolean().nullable(), resolution: z.string().nullable() })),
  actions: z.array(actionOption),
});

const fieldValue = z.union([z.number(), z.boolean(), z.string(), z.null()]);
export const pageSchema = z.object({
  village: z.object({ code: z.string(), name: z.string(), townshipCode: z.string(), townshipName: z.string(), countyCode: z.string(), countyName: z.string() }),
  year: z.number(),
  years: z.array(z.number()),
  values: z.record(z.string(), fieldValue.optional()).nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  figures: z.object({ households: z.number(), persons: z.number(), poorHouseholds: z.number(), poorPersons: z.number() }),
  verdict: verdictSchema,
  policyKey: z.string(),
  collectiveIncome: z.object({ counted: z.number().nullable(), sources: z.array(z.object({ code: z.string(), label: z.string(), value: z.number().nullable(), counted: z.boolean() })) }),
  listing: z.object({ listed: z.boolean(), reason: z.string() }).nullable(),
  exitCases: z.array(exitCaseSchema),
  fields: z.array(z.object({ key: z.string(), label: z.string(), kind: z.string(), group: z.string(), required: z.boolean() })),
});

export const listItemSchema = z.object({
  code: z.string(), name: z.string(), townshipName: z.string(), recorded: z.boolean(), poorVillage: z.boolean(), relativePoorVillage: z.boolean(), deepPoorVillage: z.boolean(),
  exitYear: z.number().nullable(), registeredPopulation: z.number().nullable(), poorHouseholds: z.number(), poorPersons: z.number(), incidence: z.string().nullable(),
  passed: z.boolean().nullable(), failing: z.array(z.string()), collectiveIncome: z.number().nullable(), firstSecretary: z.string().nullable(),
});
export const listSchema = z.object({ place: z.string(), year: z.number(), items: z.array(listItemSchema) });

export const importSchema = z.object({
  dryRun: z.boolean(), rows: z.number(), written: z.number(),
  problems: z.array(z.object({ row: z.number(), field: z.string(), value: z.string(), message: z.string() })),
});

export const whatIfSchema = z.object({
  draft: z.object({ id: z.string(), title: z.string(), regionCode: z.string(), effectiveYear: z.number() }),
  changes: z.array(z.object({ villageCode: z.string(), name: z.string(), before: z.boolean().nullable(), after: z.boolean().nullable(), failingBefore: z.array(z.string()), failingAfter: z.array(z.string()) })),
});
