/** Input and output schemas of 名单比对. */
import { z } from 'zod';
import { placeCodeSchema } from '../../domain/placeCode';
import { ROSTER_FIELD_CODES, ROSTER_FIELDS } from '../../domain/rosters/fields';
import { ROSTER_CATEGORIES } from '../../domain/rosters/match';

const source = z.string({ message: '名单来源（source）不能为空' }).trim().min(1, '名单来源（source）不能为空').max(100, '名单来源（source）不超过 100 个字');
const place = placeCodeSchema.refine((c) => c.length >= 6, '地区（place）应为县或县以下的行政区划代码');

export const idParams = z.object({ id: z.coerce.number({ message: '编号应为数字' }).int('编号应为整数').positive('编号应为正整数') });

export const uploadQuery = z.object({
  place,
  source,
  retentionDays: z.coerce.number({ message: '保留天数（retentionDays）应为数字' }).int('保留天数应为整数').min(1, '保留天数至少 1 天').max(365, '保留天数不超过 365 天').optional(),
});

const header = z.string().trim().min(1, '列名不能为空').max(100, '列名不超过 100 个字');
const fieldText = ROSTER_FIELDS.map((f) => `${f.field}（${f.label}）`).join('、');
export const mappingInput = z.object({
  place,
  source,
  columns: z.partialRecord(z.enum(ROSTER_FIELD_CODES, { message: `字段应为：${fieldText}` }), header, { message: '列映射（columns）应为 字段→列名' })
    .refine((c) => !!c.idNumber, { message: '列映射必须指定「身份证号」所在的列', path: ['idNumber'] }),
});
export const mappingsQuery = z.object({ place });

export const mappingsSchema = z.object({
  fields: z.array(z.object({ field: z.string(), label: z.string(), aliases: z.array(z.string()), required: z.boolean(), sensitive: z.boolean() })),
  items: z.array(z.object({ source: z.string(), columns: z.record(z.string(), z.string()), updatedBy: z.string().nullable(), updatedAt: z.date() })),
});

export const jobStarted = z.object({ jobId: z.number().int() });
export const jobSchema = z.object({
  jobId: z.number().int(), status: z.string(), progress: z.number(), stage: z.string().nullable(), message: z.string().nullable(), result: z.unknown(), errorReport: z.string().nullable(),
});

const roster = z.object({
  countyCode: z.string(), id: z.number().int(), placeCode: z.string(), source: z.string(), fileName: z.string(), rowCount: z.number().int(), matchedCount: z.number().int(),
  unmatchedCount: z.number().int(), conflictCount: z.number().int(), uploadedBy: z.string().nullable(), uploadedAt: z.date(), purgeAfter: z.date(), purgedAt: z.date().nullable(), statusLabel: z.string(),
});
export const rosterListSchema = z.object({ items: z.array(roster) });
export const reportSchema = z.object({
  roster,
  byCategory: z.array(z.object({ category: z.string(), label: z.string(), rows: z.number().int(), conflicts: z.number().int() })),
});

const categories = Object.keys(ROSTER_CATEGORIES) as [string, ...string[]];
export const rowsQuery = z.object({
  view: z.enum(['all', 'conflicts', 'unmatched'], { message: '视图（view）应为 all、conflicts 或 unmatched' }).default('all'),
  category: z.enum(categories, { message: `类别（category）应为：${categories.join('、')}` }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const exportQuery = rowsQuery.pick({ view: true, category: true });

const conflict = z.object({ field: z.string(), registry: z.string(), roster: z.string(), note: z.string().optional(), sensitive: z.boolean().optional() });
export const rowsSchema = z.object({
  total: z.number().int(), page: z.number().int(), pageSize: z.number().int(),
  items: z.array(z.object({
    rowNo: z.number().int(), idNumber: z.string(), name: z.string().nullable(), category: z.string(), categoryLabel: z.string(), householdNo: z.string().nullable(),
    villageCode: z.string().nullable(), personName: z.string().nullable(), conflicts: z.array(conflict),
  })),
});
