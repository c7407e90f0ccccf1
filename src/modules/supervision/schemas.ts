/** Request and response schemas of the supervision routes. */
import { z } from 'zod';
import { placeCodeOf, placeCodeSchema } from '../../domain/placeCode';
import { causeReportSchema, reportPlaceSchema } from '../reports/service';

const dateSchema = (name: string) =>
  z
    .string({ message: `${name}应为日期，格式 YYYY-MM-DD` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${name}应为日期，格式 YYYY-MM-DD`)
    .refine((v) => new Date(v + 'T00:00:00Z').toISOString().startsWith(v), `${name}不是有效日期`);

export const listingQuery = z.object({ place: placeCodeSchema.optional(), asOf: dateSchema('时点（asOf）').optional() });
export const dashboardQuery = listingQuery.extend({ year: z.coerce.number({ message: '年度（year）应为数字' }).int('年度（year）应为整数').min(2000).max(2100).optional() });
export const detailQuery = z.object({ asOf: dateSchema('时点（asOf）').optional() });
export const listedCode = placeCodeOf([6, 9, 12], '挂牌督战对象');

export const leaderInput = z.object({
  year: z.number({ message: '督战年度（year）应为数字' }).int().min(2000, '督战年度不早于 2000').max(2100, '督战年度不晚于 2100'),
  leaderName: z.string({ message: '督战领导（leaderName）应为文字' }).trim().min(1, '督战领导（leaderName）不能为空').max(50, '督战领导不超过 50 个字'),
  leaderTitle: z.string().trim().max(100, '职务不超过 100 个字').optional().nullable(),
  note: z.string().trim().max(500, '备注不超过 500 个字').optional().nullable(),
});

export const findingInput = z.object({
  finding: z.string({ message: '问题描述（finding）应为文字' }).trim().min(1, '问题描述（finding）不能为空').max(2000),
  responsibleUnit: z.string({ message: '交办部门（responsibleUnit）应为文字' }).trim().min(1, '交办部门（responsibleUnit）不能为空').max(100),
  responsibleLeader: z.string().trim().max(100).optional().nullable(),
  responsiblePerson: z.string().trim().max(100).optional().nullable(),
  deadline: dateSchema('整改时限（deadline）'),
  measures: z.string().trim().max(4000).optional().nullable(),
  foundOn: dateSchema('发现日期（foundOn）').optional(),
  sourceRef: z.string().trim().max(200).optional().nullable(),
});

const listed = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['county', 'township', 'village']),
  countyName: z.string().nullable(),
  households: z.number().int(),
  persons: z.number().int(),
  threshold: z.number().int(),
  policyKey: z.string(),
  reason: z.string(),
  leader: z.object({ name: z.string(), title: z.string().nullable() }).nullable(),
  openRectifications: z.number().int(),
  overdueRectifications: z.number().int(),
  latestYear: z.number().int(),
  latestHouseholds: z.number().int(),
  latestPersons: z.number().int(),
  delistable: z.boolean(),
});

export const listingSchema = z.object({
  place: reportPlaceSchema,
  asOf: z.string().nullable(),
  statusYear: z.number().int().nullable(),
  campaignYear: z.number().int().nullable(),
  latestYear: z.number().int().nullable(),
  thresholds: z.object({ county: z.number(), township: z.number(), village: z.number() }).nullable(),
  counties: z.array(listed),
  townships: z.array(listed),
  villages: z.array(listed),
  notes: z.array(z.string()),
});

export const detailSchema = z.object({
  listing: listed.nullable(),
  place: reportPlaceSchema,
  asOf: z.string().nullable(),
  causes: causeReportSchema,
  trend: z.array(z.object({ year: z.number().int(), remainingHouseholds: z.number().int(), remainingPersons: z.number().int(), exitsPersons: z.number().int() })),
  snapshots: z.array(z.object({ month: z.string(), households: z.number().int(), persons: z.number().int() })),
});

const n = z.number().int();
export const dashboardSchema = z.object({
  place: reportPlaceSchema,
  year: n.nullable(),
  totals: z.object({
    remainingHouseholds: n, remainingPersons: n, exitedHouseholds: n, exitedPersons: n, exitsHouseholds: n, exitsPersons: n,
    returnsHouseholds: n, returnsPersons: n, monitoredHouseholds: n, monitoredPersons: n,
  }),
  trend: z.array(z.object({ year: n, remainingHouseholds: n, remainingPersons: n, exitsHouseholds: n, exitsPersons: n, exitedPersons: n })),
  causes: z.array(z.object({ cause: z.string(), label: z.string(), households: n, householdShare: z.number(), persons: n })),
  children: z.array(z.object({ code: z.string(), name: z.string(), level: n, remainingHouseholds: n, remainingPersons: n, exitsPersons: n, exitedPersons: n, listed: z.boolean() })),
  supervision: z.object({
    asOf: z.string().nullable(), statusYear: n.nullable(), counties: n, townships: n, villages: n,
    listed: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), persons: n, latestPersons: n, delistable: z.boolean() })),
  }),
  rectifications: z.object({ open: n, overdue: n, closed: n, reopened: n }),
});
