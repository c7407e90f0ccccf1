/** The registry import's request and answer shapes (routes.ts declares them). */
import { z } from 'zod';
import type { SameShape } from '../../server/defineRoute';
import type { ImportReport } from './types';

export { newHouseholdInput as householdFormBody } from './householdForm';

export const idParams = z.object({ id: z.coerce.number().int().positive() });

export const uploadQuery = z.object({
  dryRun: z.enum(['true', 'false', '1', '0']).optional(),
  year: z.coerce.number({ message: '业务年度应为数字' }).int('业务年度应为整数').min(2000, '业务年度不早于 2000').max(2100, '业务年度不晚于 2100').optional(),
});

export const jobSchema = z.object({
  jobId: z.number(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  phase: z.string().nullable(),
  progress: z.number(),
  message: z.string().nullable(),
  fileName: z.string().nullable(),
  dryRun: z.boolean(),
  result: z.unknown(),
  errorReport: z.string().nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});

const counts = z.object({ added: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });

/** An import's report (types.ts ImportReport). */
export const importReportSchema = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']).nullable(),
  rows: z.number().int(),
  households: counts,
  persons: counts,
  incomes: z.number().int(),
  statusRecords: z.number().int(),
  riskEvents: z.number().int(),
  indexesRebuilt: z.number().int(),
  path: z.enum(['direct', 'staging']),
  incomeYears: z.array(z.number().int()),
  statusYear: z.number().int().nullable(),
  assessed: z.array(z.object({ county: z.string(), year: z.number().int(), households: z.number().int() })),
  errorCount: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), value: z.string(), message: z.string() })),
  warnings: z.array(z.string()),
  seconds: z.number(),
});
const reportFieldsListed: SameShape<z.output<typeof importReportSchema>, ImportReport> = true;

/** 新增农户's answer: the household's number and the import's report. */
export const householdFormAnswer = z.object({ householdNo: z.string().optional(), report: importReportSchema });
