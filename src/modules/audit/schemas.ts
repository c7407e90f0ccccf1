/** Request and response shapes of /audit. */
import { z } from 'zod';
import { placeCodeOf } from '../../domain/placeCode';

const blankAsAbsent = (value: unknown) =>
  value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== '')) : value;

const dateParam = (field: string) =>
  z
    .string()
    .refine((s) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), `${field} 应为日期，如 2024-03-01`)
    // A bare date means the start of that day in Beijing time.
    .transform((s) => new Date(s.length === 10 ? s + 'T00:00:00+08:00' : s));

const filterFields = {
  from: dateParam('from').optional(),
  to: dateParam('to').optional(),
  user: z.string().trim().min(1).max(64).optional(),
  action: z.string().trim().regex(/^[a-z_.]+$/, 'action 只能含小写字母、下划线和点').max(64).optional(),
  place: placeCodeOf([2, 4, 6, 9, 12], 'place ').optional(),
  objectType: z.string().trim().max(64).optional(),
  objectId: z.string().trim().max(128).optional(),
};

export const auditFilterQuerySchema = z.preprocess(blankAsAbsent, z.object(filterFields));

export const auditListQuerySchema = z.preprocess(
  blankAsAbsent,
  z.object({
    ...filterFields,
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  }),
);

export const auditEventSchema = z.object({
  id: z.number(),
  at: z.string(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  address: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  placeCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  outcome: z.string(),
  note: z.string().nullable(),
});

export const auditPageSchema = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(auditEventSchema),
});

export const chainReportSchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstId: z.number().nullable(),
  lastId: z.number(),
  headHash: z.string(),
  broken: z.object({ id: z.number(), reason: z.string() }).optional(),
});
