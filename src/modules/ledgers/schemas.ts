/** Input and output schemas of the line-department ledgers. */
import { z } from 'zod';
import { placeCodeSchema } from '../../domain/placeCode';

const year = z.coerce.number({ message: '年度（year）应为四位年份' }).int('年度（year）应为整数').min(2000, '年度（year）不早于 2000').max(2100, '年度（year）不晚于 2100');

export const kindParams = z.object({ kind: z.string().regex(/^[a-z_]{2,40}$/, '台账类别（kind）应为小写字母和下划线') });
export const recordParams = z.object({
  county: z.string().regex(/^\d{6}$/, '县级代码（county）应为6位数字'),
  id: z.coerce.number({ message: '记录编号（id）应为数字' }).int().positive('记录编号（id）应为正整数'),
});
export const householdParams = z.object({ householdNo: z.string().min(1).max(40) });

/** A list's query: place, year, name/ID/household number, 建档立卡 or not, and any enum field of the ledger by its key. */
export const listQuery = z
  .object({
    place: placeCodeSchema.optional(),
    year: year.optional(),
    q: z.string().trim().min(1).max(40).optional(),
    registered: z.enum(['true', 'false'], { message: '建档立卡（registered）应为 true 或 false' }).transform((v) => v === 'true').optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .catchall(z.string().max(40));

export const yearQuery = z.object({ place: placeCodeSchema.optional(), year });
export const importQuery = z.object({ dryRun: z.enum(['true', 'false'], { message: '试导入（dryRun）应为 true 或 false' }).default('false').transform((v) => v === 'true') });

/** A form's record: the ledger's columns by field key (year, idNumber, name, placeCode, householdNo and the shape's fields), as text. */
export const recordInput = z.record(z.string().max(40), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]).transform((v) => (v === null ? '' : typeof v === 'boolean' ? (v ? '是' : '否') : String(v))));

const option = z.object({ code: z.string(), label: z.string() });
export const shapeListSchema = z.object({
  items: z.array(
    z.object({
      kind: z.string(),
      label: z.string(),
      group: z.string(),
      line: z.string(),
      subject: z.enum(['person', 'household']),
      yearLabel: z.string(),
      writable: z.boolean(),
      columns: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean() })),
      fields: z.array(z.object({ key: z.string(), label: z.string(), type: z.string(), required: z.boolean(), filter: z.boolean(), options: z.array(option).nullable(), example: z.string().nullable() })),
    }),
  ),
});

export const recordSchema = z.object({
  countyCode: z.string(),
  id: z.number().int(),
  kind: z.string(),
  ledger: z.string(),
  year: z.number().int(),
  placeCode: z.string(),
  placeName: z.string(),
  householdNo: z.string().nullable(),
  idNumber: z.string().nullable(),
  name: z.string().nullable(),
  registered: z.boolean(),
  data: z.record(z.string(), z.unknown()),
  text: z.record(z.string(), z.string()),
  flags: z.array(z.string()),
  updatedAt: z.date(),
});

export const pageSchema = z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(recordSchema) });

const problem = z.object({ row: z.number().int(), field: z.string(), value: z.string(), message: z.string() });
export const importSchema = z.object({
  kind: z.string(),
  dryRun: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  problems: z.array(problem),
  warnings: z.array(problem),
});

export const householdLedgersSchema = z.object({
  householdNo: z.string(),
  ledgers: z.array(z.object({ kind: z.string(), label: z.string(), group: z.string(), fields: z.array(z.object({ key: z.string(), label: z.string() })), items: z.array(recordSchema) })),
});

export const aidGapSchema = z.object({
  year: z.number().int(),
  policy: z.object({ version: z.string(), source: z.string() }),
  total: z.number().int(),
  items: z.array(recordSchema),
});

const counts = z.record(z.string(), z.number().int());
export const coverageSchema = z.object({
  year: z.number().int(),
  place: z.string(),
  stages: z.array(option),
  lines: z.array(z.object({ placeCode: z.string(), placeName: z.string(), byStage: counts, students: z.number().int(), registered: z.number().int(), aided: z.number().int() })),
  total: z.object({ byStage: counts, students: z.number().int(), registered: z.number().int(), aided: z.number().int() }),
});

export const assistanceGapQuery = yearQuery.extend({
  standard: z.coerce.number({ message: '低保标准（standard）应为数字（元/人·年）' }).positive('低保标准（standard）应大于0').max(100_000, '低保标准（standard）不超过 100000 元/人·年'),
});

export const assistanceGapSchema = z.object({
  year: z.number().int(),
  standard: z.number(),
  total: z.number().int(),
  items: z.array(z.object({ countyCode: z.string(), householdNo: z.string(), headName: z.string(), status: z.string(), placeCode: z.string(), placeName: z.string(), perCapitaNet: z.number(), size: z.number().int() })),
});
