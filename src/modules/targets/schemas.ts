/** Input and answer schemas of targets and progress. */
import { z } from 'zod';
import { placeCodeSchema as placeCode } from '../../domain/placeCode';
import type { MonthPoint, YearProgress } from './progress';

const year = z.coerce.number().int().min(2000).max(2100);
export const overviewQuery = z.object({ place: placeCode.optional(), from: year.optional(), to: year.optional() });
export const progressQuery = z.object({ place: placeCode.optional(), year: year.optional() });
export const targetBody = z.strictObject({ placeCode, year: z.number(), persons: z.number(), households: z.number().nullable().optional(), source: z.string().max(200).nullable().optional() });

const targetPlace = z.object({ code: z.string(), name: z.string(), level: z.number().int().optional().describe('全国（0）时无') });
const yearProgressAnswer = z.object({
  targetPersons: z.number().int().nullable(),
  targetHouseholds: z.number().int().nullable(),
  exitedPersons: z.number().int(),
  exitedHouseholds: z.number().int(),
  inProgressPersons: z.number().int(),
  forecastPersons: z.number().int(),
  share: z.number().nullable().describe('已脱贫人数占目标的比例；未设目标为 null'),
  status: z.enum(['met', 'on_track', 'behind', 'planned', 'no_target']),
  statusLabel: z.string(),
}) satisfies z.ZodType<YearProgress>;
const overviewRowAnswer = z.object({ code: z.string(), name: z.string(), byYear: z.record(z.string(), yearProgressAnswer).describe('按年度（键为年份）') });
export const targetOverviewSchema = z.object({
  place: targetPlace,
  years: z.array(z.number().int()),
  currentYear: z.number().int(),
  total: overviewRowAnswer,
  rows: z.array(overviewRowAnswer).describe('有目标或有脱贫的下级地区'),
  behind: z.array(z.string()).describe('落后于计划的下级地区代码'),
});
const monthPointAnswer = z.object({ month: z.number().int(), persons: z.number().int(), cumulative: z.number().int(), planned: z.number().nullable() }) satisfies z.ZodType<MonthPoint>;
export const monthlyProgressSchema = z.object({
  place: targetPlace,
  year: z.number().int(),
  target: yearProgressAnswer,
  months: z.array(monthPointAnswer),
  recordedWithoutCase: z.number().int().describe('已记脱贫但系统中无办结程序的人数'),
});

/** PUT /targets: the target as set. */
export const targetSetSchema = z.object({ placeCode: z.string(), placeName: z.string(), year: z.number().int(), persons: z.number().int(), households: z.number().int().nullable() });
