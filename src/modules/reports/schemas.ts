/** Request and response schemas of the report routes (responses are validated on the way out). */
import { z } from 'zod';
import { allowedLabels, householdStatus } from '../../domain/enums';
import { placeCodeSchema } from '../../domain/placeCode';

const STATUS_CODES = householdStatus.entries.map((e) => e.code);

export const yearSchema = z.coerce.number({ message: '年度应为数字' }).int('年度应为整数').min(2000, '年度不早于 2000').max(2100, '年度不晚于 2100');

const statusesSchema = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .refine((list) => list.length > 0, '户状态不能为空')
  .refine((list) => list.every((s) => STATUS_CODES.includes(s)), { message: `户状态应为以下代码：${STATUS_CODES.join('、')}（${allowedLabels(householdStatus)}）` });

export const causeQuerySchema = z.object({ place: placeCodeSchema.optional(), year: yearSchema.optional(), status: statusesSchema.optional() });
export const progressQuerySchema = z.object({ place: placeCodeSchema.optional(), year: yearSchema.optional() });

const step = z.object({ code: z.string(), name: z.string(), level: z.number().int() });
export const reportPlaceSchema = step.extend({ path: z.array(step) });
const count = z.number().int().nonnegative();
const share = z.number().min(0).max(100);

export const causeReportSchema = z.object({
  place: reportPlaceSchema,
  year: z.number().int().nullable(),
  statuses: z.array(z.string()),
  households: count,
  persons: count,
  causes: z.array(z.object({ cause: z.string(), label: z.string(), households: count, householdShare: share, persons: count, personShare: share })),
  children: z.array(step.extend({ households: count, persons: count, causes: z.record(z.string(), count) })),
});

const figures = {
  remainingHouseholds: count,
  remainingPersons: count,
  exitedHouseholds: count,
  exitedPersons: count,
  exitsHouseholds: count,
  exitsPersons: count,
  returnsHouseholds: count,
  returnsPersons: count,
  monitoredHouseholds: count,
  monitoredPersons: count,
};

export const progressReportSchema = z.object({
  place: reportPlaceSchema,
  year: z.number().int().nullable(),
  years: z.array(z.object({ year: z.number().int(), ...figures })),
  children: z.array(step.extend(figures)),
});
